"""Reading and validating events files: every problem named by file, row and field."""

import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.load import EventDataError, add_coordinates, read_events, read_raw, check_events
from tracker.problems import format_problems
from tests.conftest import event_row, parse, to_csv


def test_valid_rows_are_typed():
    events, problems = parse([event_row("A1", "2025-04-19", "talks", fatalities_best="3", fatalities_low="2",
                                        fatalities_high="4", latitude="34.5", longitude="69.2")])
    assert problems.empty
    assert events["date"].iloc[0] == pd.Timestamp("2025-04-19")
    assert events["fatalities_best"].dtype == "Int64" and events["fatalities_best"].iloc[0] == 3
    assert events["latitude"].iloc[0] == 34.5


@pytest.mark.parametrize("field, value, message", [
    ("date", "2025-13-01", "date: '2025-13-01' is not a date (expected YYYY-MM-DD)"),
    ("date", "19/04/2025", "date: '19/04/2025' is not a date (expected YYYY-MM-DD)"),
    ("date", "2999-01-01", "date: '2999-01-01' is in the future"),
    ("date", "1850-01-01", "date: '1850-01-01' is below the minimum 1900-01-01"),
    ("event_type", "picnic", "event_type: 'picnic' is not one of high_level_visit, talks"),
    ("dyad", "PAK-AFG", "dyad: 'PAK-AFG' codes must be two different countries in alphabetical order"),
    ("dyad", "Pakistan", "dyad: 'Pakistan' is not two ISO alpha-3 codes"),
    ("confidence", "sure", "confidence: 'sure' is not one of confirmed, single_source, disputed"),
    ("source1_url", "javascript:alert(1)", "source1_url: 'javascript:alert(1)' is not an http(s) URL"),
    ("source2_url", "ftp://x.org/a", "source2_url: 'ftp://x.org/a' is not an http(s) URL"),
    ("fatalities_best", "many", "fatalities_best: 'many' is not a whole number"),
    ("fatalities_best", "2.5", "fatalities_best: '2.5' is not a whole number"),
    ("fatalities_best", "-1", "fatalities_best: '-1' is below the minimum 0"),
    ("latitude", "north", "latitude: 'north' is not a number"),
    ("latitude", "95", "latitude: '95.0' is above the maximum 90"),
    ("summary", "", "summary: is required but empty"),
    ("summary", "x" * 301, "summary: 'xxxxxxxxx"),
    ("actor_level", "king", "actor_level: 'king' is not one of head_of_government"),
    ("event_id", "has space", "event_id: 'has space' is not a valid id"),
])
def test_bad_value_gives_one_clear_line(field, value, message):
    good = event_row("A1", "2025-01-01", "talks")
    bad = {**event_row("A2", "2025-01-02", "talks"), field: value}
    if field == "latitude":
        bad["longitude"] = "69"
    if field == "source2_url":
        bad["source2_outlet"] = "Dawn"
    events, problems = parse([good, bad], "data/events.csv")
    lines = format_problems(problems)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"data/events.csv:3: {message}"), lines[0]
    assert list(events["event_id"]) == ["A1"]  # the good row is kept, the bad one reported


@pytest.mark.parametrize("fields, field", [
    (dict(fatalities_low="5", fatalities_best="3", fatalities_high="9"), "fatalities_best"),
    (dict(fatalities_low="1", fatalities_best="10", fatalities_high="9"), "fatalities_best"),
    (dict(latitude="34"), "latitude"),
    (dict(source2_url="https://b.org/x"), "source2_outlet"),
    (dict(source3_outlet="Dawn"), "source3_url"),
])
def test_rules_across_fields(fields, field):
    _, problems = parse([event_row("A1", "2025-01-01", "talks", **fields)])
    assert list(problems["field"]) == [field]
    assert list(problems["row"]) == [2]


def test_every_problem_of_a_row_is_listed():
    _, problems = parse([event_row("A1", "2025-13-01", "picnic", confidence="sure")])
    assert set(problems["field"]) == {"date", "event_type", "confidence"}


def test_duplicate_ids_name_both_rows():
    _, problems = parse([event_row("A1", "2025-01-01", "talks"), event_row("A1", "2025-01-02", "talks", summary="other")])
    assert list(problems["row"]) == [2, 3]
    assert set(problems["message"]) == {"'A1' is used by more than one row"}


def test_row_with_wrong_number_of_fields_is_reported_not_dropped():
    text = to_csv([event_row("A1", "2025-01-01", "talks")]) + "only,three,fields\n"
    raw, read_problems = read_raw(io.StringIO(text), "f.csv")
    events, problems = check_events(raw, "f.csv", read_problems)
    assert format_problems(problems) == ["f.csv:3: (row): has 3 fields, the header has 31"]
    assert len(events) == 1


def test_missing_required_column_rejects_the_file():
    text = to_csv([event_row("A1", "2025-01-01", "talks")]).replace("summary", "summry")
    raw, read_problems = read_raw(io.StringIO(text), "f.csv")
    events, problems = check_events(raw, "f.csv", read_problems)
    assert events.empty
    assert "f.csv:1: summary: required column is missing" in format_problems(problems)
    assert any("summry: unknown column" in line for line in format_problems(problems))


def test_unknown_column_is_reported_and_rows_kept():
    rows = [dict(event_row("A1", "2025-01-01", "talks"), my_note="keep me")]
    text = pd.DataFrame(rows).to_csv(index=False)
    raw, read_problems = read_raw(io.StringIO(text), "f.csv")
    events, problems = check_events(raw, "f.csv", read_problems)
    assert len(events) == 1
    assert list(problems["field"]) == ["my_note"]


def test_read_events_raises_with_every_problem(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-13-01", "talks"), event_row("A2", "2025-01-01", "picnic")]))
    with pytest.raises(EventDataError) as error:
        read_events(path, "events.csv")
    assert str(error.value).splitlines() == [
        "events.csv:2: date: '2025-13-01' is not a date (expected YYYY-MM-DD)",
        "events.csv:3: event_type: 'picnic' is not one of " + error.value.problems.at[1, "message"].split("one of ")[1],
    ]


def test_byte_order_mark_and_blank_lines_are_harmless(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("\ufeff" + to_csv([event_row("A1", "2025-01-01", "talks")]) + "\n\n", encoding="utf-8")
    assert list(read_events(path)["event_id"]) == ["A1"]


def test_empty_file_is_a_problem_not_a_crash():
    raw, read_problems = read_raw(io.StringIO(""), "empty.csv")
    assert format_problems(read_problems) == ["empty.csv: (file): is empty: no header row"]


def test_gazetteer_fills_missing_coordinates_only():
    events, _ = parse([event_row("A1", "2025-01-01", "talks", location="Testville"),
                       event_row("A2", "2025-01-02", "talks", location="Testville", latitude="1", longitude="2")])
    places = pd.DataFrame({"place": ["testville"], "latitude": [34.1], "longitude": [71.1]})
    located = add_coordinates(events, places)
    assert located["latitude"].tolist() == [34.1, 1.0]
    assert located["longitude"].tolist() == [71.1, 2.0]


def test_a_clean_file_is_read_by_the_fast_path_with_the_same_result():
    """The curated file reads cleanly, so pyarrow reads it (what keeps a million rows in memory
    bounds); the frame is the one the row-by-row reader gives."""
    from tracker.load import _read_plain
    from tracker.paths import EVENTS_CSV

    fast = _read_plain(EVENTS_CSV)
    assert fast is not None
    careful, problems = read_raw(io.StringIO(EVENTS_CSV.read_text(encoding="utf-8-sig")), "events.csv")
    assert problems.empty
    pd.testing.assert_frame_equal(fast, careful)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.just(""), st.just("  "), st.text(max_size=5)), max_size=40), st.integers(1, 4))
def test_empty_text_becomes_missing_without_changing_anything_else(cells, pieces):
    """The buffer-sharing path gives exactly what pandas' strip and mask give, over several Arrow chunks too."""
    from tracker.load import _stripped

    parts = [pd.Series(cells[i::pieces], dtype="str") for i in range(pieces)]
    values = pd.concat(parts, ignore_index=True) if len(cells) else pd.Series([], dtype="str")
    stripped = values.str.strip()
    empty = stripped == ""
    pd.testing.assert_series_equal(_stripped(values), stripped.mask(empty))
