"""One problems model for every reader: the record, the order, and whole-file rejection as a flag."""

import io

import pandas as pd

from tracker.load import check_events, read_raw
from tracker.problems import PROBLEM_COLUMNS, Problems, combine, format_problems, without
from tests.conftest import event_row, to_csv


def test_collector_orders_by_file_row_and_field_and_flags_rejection():
    found = Problems("b.csv")
    found.add(3, "date", "'x' is not a date", "x")
    found.add(1, "summary", "required column is missing", rejects_file=True)
    other = Problems("a.csv")
    other.add(2, "(row)", "has 3 fields, the header has 31")
    table = found.frame(other.frame())
    assert list(table.columns) == PROBLEM_COLUMNS and table["row"].dtype == "int64"
    assert format_problems(table) == ["a.csv:2: (row): has 3 fields, the header has 31",
                                      "b.csv:1: summary: required column is missing", "b.csv:3: date: 'x' is not a date"]
    assert found.rejects_file and not other.rejects_file
    assert combine([None, Problems("c.csv").frame()]).empty


def test_a_later_check_does_not_repeat_a_field_already_reported():
    first, second = Problems("f.csv"), Problems("f.csv")
    first.add(2, "date", "'x' is not a date", "x")
    second.add(2, "date", "is required but empty")
    second.add(2, "dyad", "is not one of …")
    assert without(second.frame(), first.frame())["field"].tolist() == ["dyad"]


def test_readers_reject_a_file_by_flag_not_by_message_text():
    rows = [event_row("A1", "2025-01-01", "talks")]
    text = to_csv(rows, columns=[c for c in rows[0] if c != "summary"])
    raw, read_problems = read_raw(io.StringIO(text), "no-summary.csv")
    events, problems = check_events(raw, "no-summary.csv", read_problems)
    assert events.empty and isinstance(events, pd.DataFrame)
    assert format_problems(problems) == ["no-summary.csv:1: summary: required column is missing"]
