"""Hostile files: generated events files with corrupted rows never crash the readers, and no row goes missing.

Each example is a file of valid rows (conftest.event_row) where some rows are corrupted (fields dropped or
added, random unicode with control characters and quotes, huge values, bad dates, unknown types, formula
strings, blank lines) and perhaps the header too. Properties: only documented errors are raised; every
data row is kept or reported by its row number, never both; every untouched row is kept.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.load import check_events, read_raw
from tracker.schema import COLUMNS, EVENT_TYPES
from tracker.upload import UploadError, read_upload
from tests.conftest import event_row

# Each example costs a full pandera validation (~0.1 s): these counts keep the module near 15 s of CPU.
# To search harder locally: sed 's/max_examples=40/max_examples=600/' into a scratch copy and run that.
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(SETTINGS, max_examples=25)  # arbitrary bytes and text: most examples are refused or tiny

SPECIALS = ['"', ",", ";", "\t", "\n", "\r", "\r\n", "\ufeff", "\u202e", "\u200f", "=", "'", "\\", "🤝", "پاکستان"]
TEXT = st.lists(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(SPECIALS)), max_size=30).map("".join)
BAD_DATES = ["2025-13-01", "2025-02-30", "19/04/2025", "04/05/2025", "45766", "0000-00-00", "yesterday", "2999-01-01",
             "1850-01-01", "2025-01-01T12:00", " ", "٢٠٢٥-٠١-٠١"]
FORMULAS = ["=SUM(A1)", "+1", "-1+1", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://evil.example","x")', "-12"]
BAD_NUMBERS = ["-1", "1.5", "NaN", "many", "0x10", "1e3", " 7 "]
CRASHING_NUMBERS = ["1e308", "inf", "99999999999999999999", "9223372036854775808"]
HUGE = [301, 10_000, 100_000]
CRASHING_HUGE = [200_000]  # over csv.field_size_limit()

# Corruptions keep a row's record a list of fields, except "raw" ones, written as given.
SAFE_ROW_CORRUPTIONS = ["none", "none", "none", "formula", "drop_field", "add_field", "random_text", "huge",
                        "bad_date", "unknown_type", "bad_number", "bad_id", "dup_id", "blank", "separators_only",
                        "spaces_only", "unclosed_quote", "stray_quote"]
CRASHING_ROW_CORRUPTIONS = ["crashing_number", "crashing_huge", "bare_cr"]
SAFE_HEADERS = ["none", "none", "reorder", "extra_unknown", "drop_optional", "drop_required", "spaced_names"]
CRASHING_HEADERS = ["duplicate_column", "reserved_column"]
KEEPS_GOOD_ROWS = {"none", "reorder", "extra_unknown", "drop_optional"}  # header kinds under which good rows load
UPLOAD_KEEPS_GOOD_ROWS = KEEPS_GOOD_ROWS | {"spaced_names", "reserved_column"}


@dataclass
class HostileFile:
    text: str
    header_kind: str
    good_ids: set[str] = field(default_factory=set)     # untouched rows that must be kept
    kinds: list[str] = field(default_factory=list)       # for the failure report

    def __repr__(self) -> str:  # long runs of one character shortened, for readable failures
        text = re.sub(r"(.)\1{40,}", lambda m: f"{m[1]}<x{len(m[0])}>", self.text)
        return f"HostileFile(header_kind={self.header_kind!r}, kinds={self.kinds}, text={text!r})"


@st.composite
def hostile_files(draw, crashing: bool = False, delimiter: str = ",", line_end: str = "\r\n") -> HostileFile:
    """A CSV text of 1-8 rows; `crashing` adds the corruptions tracker.load does not yet survive."""
    row_kinds = SAFE_ROW_CORRUPTIONS + (CRASHING_ROW_CORRUPTIONS * 3 if crashing else [])
    header_kind = draw(st.sampled_from(SAFE_HEADERS + (CRASHING_HEADERS * 2 if crashing else [])))
    header = _header(draw, header_kind)
    lines, ids, spoiled, poisoned_from = [], [], set(), None
    for i in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(row_kinds))
        row = event_row(f"A{i}", f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}", draw(st.sampled_from(EVENT_TYPES)))
        line = _corrupt(draw, kind, row, [i for i, _ in ids], spoiled, len(header))
        if isinstance(line, dict):
            line = [line.get(c.strip(), "" if c.strip() in COLUMNS else "extra") for c in header]
            if kind == "add_field":
                line.insert(draw(st.integers(0, len(line))), "surplus")
            elif kind == "drop_field":
                del line[draw(st.integers(0, len(line) - 1))]
        if poisoned_from is not None and not crashing:  # after an unclosed quote, a quoted "\r" is a bare one
            line = line.replace("\r", "") if isinstance(line, str) else [c.replace("\r", "") for c in line]
        if kind in ("unclosed_quote", "bare_cr") and poisoned_from is None:
            poisoned_from = i  # later rows may be read as part of this one
        lines.append(line)
        ids.append((f"A{i}", kind))
    good = {i for n, (i, kind) in enumerate(ids)
            if kind in ("none", "formula") and i not in spoiled and (poisoned_from is None or n < poisoned_from)}
    return HostileFile(_write(header, lines, delimiter, line_end), header_kind, good, [k for _, k in ids])


def _header(draw, kind: str) -> list[str]:
    header = list(COLUMNS)
    if kind == "reorder":
        header = list(draw(st.permutations(header)))
    elif kind == "extra_unknown":
        header.insert(draw(st.integers(0, len(header))), "my_note")
    elif kind == "drop_optional":
        header.remove("notes")
    elif kind == "drop_required":
        header.remove("summary")
    elif kind == "spaced_names":
        header = [f" {c} " for c in header]
    elif kind == "duplicate_column":
        header.append("summary")
    elif kind == "reserved_column":
        header.append("_row")
    return header


def _corrupt(draw, kind: str, row: dict, ids: list[str], spoiled: set, width: int) -> dict | list | str:
    """The row as a dict of fields, a ready list of cells, or a raw line (for broken quoting)."""
    pick = lambda choices: draw(st.sampled_from(choices))  # noqa: E731
    text_columns = [c for c in COLUMNS if c != "event_id"]
    if kind == "formula":
        row[pick(["summary", "notes", "location"])] = pick(FORMULAS)
    elif kind == "random_text":
        row[pick(text_columns)] = draw(TEXT)
    elif kind in ("huge", "crashing_huge"):
        row[pick(text_columns)] = pick(list("xé؟🤝")) * pick(CRASHING_HUGE if kind == "crashing_huge" else HUGE)
    elif kind == "bad_date":
        row[pick(["date", "source1_date", "source2_date"])] = pick(BAD_DATES)
    elif kind == "unknown_type":
        row["event_type"] = pick(["picnic", "Talks", "talks ", ""]) if draw(st.booleans()) else draw(TEXT)
    elif kind in ("bad_number", "crashing_number"):
        row[pick(["fatalities_best", "duration_days", "latitude"])] = pick(
            CRASHING_NUMBERS if kind == "crashing_number" else BAD_NUMBERS)
    elif kind == "bad_id":
        row["event_id"] = pick(["has space", "", "-leading", "A" * 500])
    elif kind == "dup_id" and ids:
        row["event_id"] = pick(ids)
        spoiled.add(row["event_id"])
    elif kind == "blank":
        return ""
    elif kind == "separators_only":
        return [""] * width
    elif kind == "spaces_only":
        return [" "] * width
    elif kind == "unclosed_quote":
        return f'{row["event_id"]},2025-01-01,"never closed'
    elif kind == "stray_quote":  # a quote inside an unquoted field is read literally
        return ",".join(v for v in {**row, "summary": 'He said "no" twice'}.values())
    elif kind == "bare_cr":  # a carriage return in an unquoted field
        return ",".join(row.values()).replace("Event", "Ev\rent")
    return row


def _write(header: list[str], lines: list, delimiter: str, line_end: str) -> str:
    """Rows with `line_end`; cells holding "\r" or "\n" are quoted whatever the line end."""
    def cells(record: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(record)
        return buffer.getvalue().removesuffix("\r\n")

    return "".join((line.replace(",", delimiter) if isinstance(line, str) else cells(line)) + line_end
                   for line in [header, *lines])


@contextmanager
def big_fields():
    """Count records as a reader without a field-size limit would (test-only global change)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(10 ** 9)
    try:
        yield
    finally:
        csv.field_size_limit(limit)


def records(text: str, newline: str | None, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    with big_fields():
        return list(enumerate(csv.reader(io.StringIO(text, newline=newline), delimiter=delimiter), start=1))[1:]


def _blank(record: list[str]) -> bool:
    return not any(cell.strip() for cell in record)


# ---- tracker.load ----

def check_loader(hostile: HostileFile) -> None:
    raw, read_problems = read_raw(io.StringIO(hostile.text), "f.csv")
    events, problems = check_events(raw, "f.csv", read_problems)
    header_width = len(next(csv.reader(io.StringIO(hostile.text, newline=""))))
    found = records(hostile.text, "")
    # a blank record is not a data row; one as wide as the header may still be reported (today's behaviour)
    expected = {n for n, rec in found if not _blank(rec)}
    full_width_blank = {n for n, rec in found if _blank(rec) and len(rec) == header_width}
    kept = set(events["source_row"])
    reported = set(problems.loc[problems["row"] > 1, "row"])
    file_rejected = problems["message"].str.contains("required column is missing|column appears").any()
    assert kept.isdisjoint(reported), hostile.kinds
    unreadable = problems.loc[problems["message"].str.startswith("cannot be read"), "row"]
    if file_rejected:
        assert events.empty
    elif unreadable.empty:
        assert expected <= kept | reported <= expected | full_width_blank, (
            hostile.kinds, sorted(expected ^ (kept | reported)))
    else:  # the reader resumes on the next line, which may lie inside an unclosed quote (as in check_upload):
        # the rows before the unreadable one, and that one, are still all accounted for
        before = {n for n in expected if n < unreadable.min()}
        assert before | set(unreadable) <= kept | reported, (hostile.kinds, sorted(before - (kept | reported)))
    if hostile.header_kind in KEEPS_GOOD_ROWS:
        assert hostile.good_ids <= set(events["event_id"]), (hostile.kinds, problems.to_string())


@SETTINGS
@given(hostile_files(crashing=True, line_end="\n"))
def test_loader_keeps_or_reports_every_row(hostile):
    check_loader(hostile)


def _file(**fields) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for i in (1, 2):
        row = event_row(f"A{i}", f"2025-01-0{i}", "talks", **(fields if i == 2 else {}))
        writer.writerow([row.get(c, "") for c in COLUMNS])
    return buffer.getvalue()


LOADER_EDGE_CASES = [  # (text, event ids kept, rows reported): inputs that once crashed the loader
    pytest.param(_file(summary="x" * 200_000), ["A1"], {3}, id="field-over-csv-limit"),
    pytest.param(_file(summary="Ev\rent"), ["A1"], {3, 4}, id="bare-carriage-return"),  # a line end, as on disk
    pytest.param(_file().replace("\n", "\r"), ["A1", "A2"], set(), id="old-mac-line-ends"),
    pytest.param(_file(fatalities_best="1e308"), ["A1"], {3}, id="huge-float-count"),
    pytest.param(_file(fatalities_best="inf"), ["A1"], {3}, id="infinite-count"),
    pytest.param(_file(duration_days="99999999999999999999"), ["A1"], {3}, id="huge-integer-count"),
    pytest.param(_file().replace("notes\n", "notes,summary\n", 1).replace(",\n", ",,x\n"), [], {1},
                 id="duplicate-column"),
    pytest.param(_file().replace("notes\n", "notes,_row\n", 1).replace(",\n", ",,x\n"), ["A1", "A2"], {1},
                 id="column-named-_row"),
]


@pytest.mark.parametrize("text, kept, reported", LOADER_EDGE_CASES)
def test_loader_reports_instead_of_crashing(text, kept, reported):
    raw, read_problems = read_raw(io.StringIO(text), "f.csv")
    events, problems = check_events(raw, "f.csv", read_problems)
    assert events["event_id"].tolist() == kept
    assert set(problems["row"]) == reported


# ---- tracker.upload ----

def check_upload(hostile: HostileFile, delimiter: str, encoding: str) -> None:
    try:
        data = hostile.text.encode(encoding)
    except UnicodeEncodeError:  # cp1252 cannot hold the text: the user would have saved UTF-8
        data = hostile.text.encode("utf-8")
    try:
        result = read_upload(data, "up.csv")
    except UploadError as error:  # documented: NUL characters make it binary
        assert str(error).startswith("up.csv: ") and "\x00" in hostile.text, str(error)
        return
    kept = set(result.events["source_row"])
    reported = set(result.problems.loc[result.problems["row"] > 1, "row"])
    assert kept.isdisjoint(reported), hostile.kinds
    assert len(kept | reported) == result.rows_read == result.rows_accepted + result.rows_rejected, hostile.kinds
    assert not result.problems["message"].str.contains("without a reason").any(), result.problems.to_string()
    if not result.problems["message"].str.startswith("cannot be read").any():
        # the rows a reader without a field-size limit finds (after a "cannot be read" row, the upload
        # resumes on the next line, which may lie inside an unclosed quote: its rows then differ)
        expected = {n for n, rec in records(result.text, "", delimiter) if not _blank(rec)}
        assert kept | reported == expected, (hostile.kinds, sorted(expected ^ (kept | reported)))
    if hostile.header_kind in UPLOAD_KEEPS_GOOD_ROWS:
        assert hostile.good_ids <= set(result.events["event_id"]), (hostile.kinds, result.problems.to_string())


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


@SETTINGS
@given(st.data(), st.sampled_from([",", ";", "\t"]), st.sampled_from(["\n", "\r\n", "\r"]), ENCODINGS)
def test_upload_keeps_or_reports_every_row(data, delimiter, line_end, encoding):
    hostile = data.draw(hostile_files(crashing=True, delimiter=delimiter, line_end=line_end))
    check_upload(hostile, delimiter, encoding)


@QUICK
@given(st.binary(max_size=3000))
def test_upload_of_arbitrary_bytes_is_refused_or_accounted(data):
    try:
        result = read_upload(data, "junk.bin")
    except UploadError as error:
        assert str(error).startswith("junk.bin: ")
        return
    assert_accounted(result)


@QUICK
@given(st.lists(st.one_of(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                          st.sampled_from(SPECIALS + ["event_id,date", ",", "\n"] + list(COLUMNS))), max_size=200)
       .map("".join))
def test_upload_of_arbitrary_text_is_accounted(text):
    assert_accounted(read_upload(text.encode("utf-8"), "text.csv"))


def assert_accounted(result) -> None:
    kept = set(result.events["source_row"])
    reported = set(result.problems.loc[result.problems["row"] > 1, "row"])
    assert kept.isdisjoint(reported)
    assert len(kept | reported) == result.rows_read == result.rows_accepted + result.rows_rejected


# ---- tracker.load's two readers: a file read from disk takes pyarrow's fast path when it reads cleanly ----

def check_readers_agree(text: str) -> None:
    """read_raw on a file (fast path, or the row-by-row reader when the file is not plain) gives the
    frame and problems the row-by-row reader gives for the same text."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_text(text, encoding="utf-8", newline="")
        from_file = read_raw(path, "f.csv")
        careful = read_raw(io.StringIO(path.read_text(encoding="utf-8-sig")), "f.csv")
    pd.testing.assert_frame_equal(from_file[0], careful[0])
    pd.testing.assert_frame_equal(from_file[1], careful[1])


@SETTINGS
@given(hostile_files(crashing=True, line_end="\n"), st.booleans())
def test_file_reader_agrees_with_the_row_by_row_reader(hostile, byte_order_mark):
    check_readers_agree(("\ufeff" if byte_order_mark else "") + hostile.text)


@SETTINGS
@given(hostile_files(crashing=True, line_end="\r\n"))
def test_file_reader_agrees_with_crlf_line_ends(hostile):
    check_readers_agree(hostile.text)


@pytest.mark.parametrize("text", [case.values[0] for case in LOADER_EDGE_CASES] + [
    _file(), _file().replace("\n", "\r\n"), "\ufeff" + _file(), _file() + "\n\n", _file() + ",,,\n",
    _file(summary='a "quoted" word'), _file(summary="two\nlines"), _file(summary="  padded  "),
], ids=[case.id for case in LOADER_EDGE_CASES] + [
    "plain", "crlf", "bom", "trailing-blank-lines", "separators-only-row", "quotes", "newline-in-field", "padded"])
def test_file_reader_agrees_on_edge_cases(text):
    check_readers_agree(text)
