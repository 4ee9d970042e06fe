"""Reading events files: every problem reported with file, row and field, nothing dropped silently.

A row of an events file is one sourced event (see data/columns.csv). Row numbers count the header
as row 1, as a spreadsheet does; they equal line numbers unless a quoted field spans lines.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute
import pyarrow.csv

from tracker.paths import EVENTS_CSV, PLACES_CSV
from tracker.problems import Problems, combine, format_problems, no_problems, without
from tracker.schema import (
    COLUMNS, DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, REQUIRED_COLUMNS, EventSchema,
)

class EventDataError(Exception):
    """Raised when an events file has problems; `problems` holds one row per problem."""

    def __init__(self, problems: pd.DataFrame):
        self.problems = problems
        super().__init__("\n".join(format_problems(problems)))


def _quote(value) -> str:
    text = _plain(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _plain(value) -> str:
    """A value as the user wrote it: dates without a time of day."""
    return str(value).removesuffix(" 00:00:00")


# ---------------------------------------------------------------------------------------------
# Reading text into an all-string frame


def read_raw(source: Path | str | io.StringIO, name: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a CSV as strings; returns (frame with a `_row` column, problems with its shape).

    Rows with too many or too few fields, or that the csv module cannot read (a field over
    csv.field_size_limit()), are reported, not parsed; blank rows (empty cells only) hold no data.
    A column named `_row` (the name of our row numbers) is reported and left out.
    """
    name = name or str(source)
    if not isinstance(source, io.StringIO):
        fast = _read_plain(Path(source))
        if fast is not None:
            return fast, no_problems()
        text = Path(source).read_text(encoding="utf-8-sig")
    else:
        text = source.getvalue()
    # newline="": "\r", "\r\n" and "\n" all end a row, and a "\r" inside quotes stays in its field
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    problems, good = Problems(name), []
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.add(1, "(file)", f"header cannot be read: {error}", rejects_file=True)
        return pd.DataFrame({"_row": []}), problems.frame()
    if not header:
        problems.add(0, "(file)", "is empty: no header row", rejects_file=True)
        return pd.DataFrame({"_row": []}), problems.frame()
    reserved = {i for i, column in enumerate(header) if column == "_row"}
    for _ in reserved:
        problems.add(1, "_row", "unknown column (the name is reserved); rename it", "_row")
    for number in itertools.count(2):
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # the reader resumes on the next line
            problems.add(number, "(row)", f"cannot be read: {error}")
            continue
        if not any(cell.strip() for cell in record):
            continue
        if len(record) == len(header):
            good.append([number, *(cell for i, cell in enumerate(record) if i not in reserved)])
        else:
            problems.add(number, "(row)", f"has {len(record)} fields, the header has {len(header)}")
    columns = [column for i, column in enumerate(header) if i not in reserved]
    frame = pd.DataFrame(good, columns=["_row", *columns], dtype=str).astype({"_row": "int64"})
    return frame, problems.frame()


def _read_plain(path: Path) -> pd.DataFrame | None:
    """The frame the row-by-row reader would give, read by pyarrow in a fraction of its time and
    memory, for a file that reads cleanly: one line per row, every row as wide as the header, no
    blank line, no bare carriage return, no field over the csv module's limit, valid UTF-8. Returns
    None for any other file, which the row-by-row reader then reads and reports on."""
    with path.open("rb") as file:
        first = file.readline()
    try:
        header = next(csv.reader([first.decode("utf-8-sig").rstrip("\r\n")]), None)
    except (UnicodeDecodeError, csv.Error):
        return None
    lines = _count_lines(path)
    if not header or len(set(header)) < len(header) or "_row" in header or lines is None:
        return None
    try:
        table = pyarrow.csv.read_csv(
            path,
            read_options=pyarrow.csv.ReadOptions(column_names=header, skip_rows=1),
            parse_options=pyarrow.csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pyarrow.csv.ConvertOptions(column_types=dict.fromkeys(header, pyarrow.string()),
                                                       strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pyarrow.ArrowInvalid:
        return None
    if table.num_rows != lines - 1:  # a quoted field spans lines: row numbers are not line numbers
        return None
    limit = csv.field_size_limit()
    if any((pyarrow.compute.max(pyarrow.compute.binary_length(column)).as_py() or 0) > limit for column in table.columns):
        return None
    frame = table.to_pandas(self_destruct=True, split_blocks=True,
                            types_mapper={pyarrow.string(): pd.StringDtype("pyarrow", na_value=float("nan"))}.get)
    del table
    pyarrow.default_memory_pool().release_unused()
    frame.insert(0, "_row", range(2, len(frame) + 2))  # one line per row: row number = line number
    blank = frame[header].apply(lambda column: column.str.strip() == "").all(axis=1)
    return frame.loc[~blank].reset_index(drop=True) if blank.any() else frame


def _count_lines(path: Path, chunk_size: int = 1 << 24) -> int | None:
    """The number of lines in the file, or None when a carriage return is not part of a CRLF."""
    lines, carry, last = 0, b"", b"\n"
    with path.open("rb") as file:
        while chunk := file.read(chunk_size):
            chunk = carry + chunk
            carry = chunk[-1:] if chunk.endswith(b"\r") else b""
            body = chunk[:-1] if carry else chunk
            if body.count(b"\r") != body.count(b"\r\n"):
                return None
            lines += body.count(b"\n")
            last = body[-1:] or last
    if carry:
        return None
    return lines + (last != b"\n")


# ---------------------------------------------------------------------------------------------
# Parsing strings into typed columns


def column_problems(columns: list[str], name: str) -> Problems:
    """Missing required columns (rejecting the file) and unknown ones, at row 1: of a CSV header or
    of a Parquet schema."""
    problems = Problems(name)
    for c in REQUIRED_COLUMNS:
        if c not in columns:
            problems.add(1, c, "required column is missing", rejects_file=True)
    for c in columns:
        if c not in COLUMNS:
            problems.add(1, c, f"unknown column; expected one of {', '.join(COLUMNS)}", c)
    return problems


def header_problems(frame: pd.DataFrame, name: str) -> Problems:
    """column_problems, and columns given twice (which rejects the file too)."""
    columns = [c for c in frame.columns if c != "_row"]
    problems = column_problems(columns, name)
    for c, n in Counter(columns).items():
        if n > 1 and c in COLUMNS:
            problems.add(1, c, f"column appears {n} times; keep one", c, rejects_file=True)
    return problems


def parse_events(raw: pd.DataFrame, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn an all-string frame into typed columns; returns (typed frame, parse problems).

    Empty strings become missing values; surrounding spaces are removed.
    """
    rows = raw["_row"]
    text = pd.DataFrame({column: _stripped(raw[column]) if column in raw else pd.Series(pd.NA, index=raw.index, dtype="str")
                         for column in COLUMNS}, index=raw.index, copy=False)
    problems = Problems(name)

    def report(column: str, bad: pd.Series, message: str) -> None:
        for row, value in zip(rows[bad], text.loc[bad, column]):
            problems.add(row, column, f"{_quote(value)} {message}", value)

    parsed = text.copy()
    for column in DATE_COLUMNS:
        values = pd.to_datetime(text[column], format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
        report(column, text[column].notna() & values.isna(), "is not a date (expected YYYY-MM-DD)")
        parsed[column] = values
    for column in FLOAT_COLUMNS:
        values = pd.to_numeric(text[column], errors="coerce")
        report(column, text[column].notna() & values.isna(), "is not a number")
        parsed[column] = values.astype("float64")
    for column in INT_COLUMNS:
        values = pd.to_numeric(text[column], errors="coerce").astype("float64")
        too_large = values.abs() >= 2 ** 53  # beyond this a float64 skips whole numbers; inf too
        whole = values.notna() & ~too_large & (values == values.round())
        report(column, too_large, "is too large for a whole number")
        report(column, text[column].notna() & ~whole & ~too_large, "is not a whole number")
        parsed[column] = values.where(whole).astype("Int64")
    for column in REQUIRED_COLUMNS:
        if column in raw:
            report_missing = text[column].isna()
            for row in rows[report_missing]:
                problems.add(row, column, "is required but empty")
    parsed.insert(0, "_row", rows.to_numpy())
    return parsed, problems.frame()


def _stripped(values: pd.Series) -> pd.Series:
    """Text without surrounding spaces; empty text missing (see clean_text)."""
    values = values.astype("str")
    text = clean_text(values.array.__arrow_array__())
    return pd.Series(pd.array(text, dtype=values.dtype), index=values.index, name=values.name)


def clean_text(text: pyarrow.ChunkedArray) -> pyarrow.ChunkedArray:
    """Text without surrounding spaces, empty text as null: what both the CSV and the Parquet
    readers make of a text column. Clean text is returned as it is, and empty cells become null
    under a new validity bitmap that shares the offsets and characters (a million rows of mostly
    empty optional cells would otherwise be copied whole)."""
    trimmed = pyarrow.compute.utf8_trim_whitespace(text)
    if pyarrow.compute.any(pyarrow.compute.not_equal(pyarrow.compute.utf8_length(trimmed),
                                                     pyarrow.compute.utf8_length(text))).as_py():
        text = trimmed
    del trimmed
    if not pyarrow.compute.any(pyarrow.compute.equal(text, "")).as_py():
        return text
    if any(chunk.offset for chunk in text.chunks):  # a sliced chunk: its bitmap would not line up
        return pyarrow.compute.if_else(pyarrow.compute.equal(text, ""), pyarrow.scalar(None, text.type), text)
    kept = []
    for chunk in text.chunks:
        present = pyarrow.compute.fill_null(pyarrow.compute.greater(pyarrow.compute.binary_length(chunk), 0), False)
        kept.append(pyarrow.Array.from_buffers(chunk.type, len(chunk), [present.buffers()[1], *chunk.buffers()[1:]]))
    return pyarrow.chunked_array(kept, type=text.type)


# ---------------------------------------------------------------------------------------------
# Checking typed rows against the schema

_BUILTIN_MESSAGES = [
    (r"^isin\((.*)\)$", lambda m: "is not one of " + ", ".join(eval(m.group(1)))),  # noqa: S307 (our own literal)
    (r"^field_uniqueness$", lambda m: "is used by more than one row"),
    (r"^greater_than_or_equal_to\((.*)\)$", lambda m: f"is below the minimum {m.group(1)}"),
    (r"^less_than_or_equal_to\((.*)\)$", lambda m: f"is above the maximum {m.group(1)}"),
    (r"^str_matches\(.*\)$", lambda m: "is not in the expected form"),
    (r"^str_length\(.*,\s*(\d+)\)$", lambda m: f"is longer than {m.group(1)} characters"),
]
_FORM_HINTS = {
    "source1_url": "is not an http(s) URL",
    "dyad": "is not two ISO alpha-3 codes joined by '-' (e.g. AFG-PAK)",
    "country": "is not an ISO alpha-3 code (e.g. PAK)",
    "event_id": "is not a valid id (letters, digits, '-', '_', '.', ':'; no spaces)",
}


def _check_message(check: str, field: str) -> str:
    for pattern, message in _BUILTIN_MESSAGES:
        match = re.match(pattern, check)
        if match:
            text = message(match)
            text = _FORM_HINTS.get(field, text) if text == "is not in the expected form" else text
            return text.replace(" 00:00:00", "")
    return check


def schema_problems(parsed: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check parsed rows against EventSchema; one problem per failing row and field."""
    try:
        EventSchema.validate(parsed.drop(columns="_row"), lazy=True)
        return no_problems()
    except pa.errors.SchemaErrors as error:
        cases = error.failure_cases
    problems = Problems(name)
    for case in cases.drop_duplicates(["index", "check"] if "index" in cases else None).itertuples():
        check = str(case.check)
        if case.schema_context == "DataFrameSchema" and ": " in check:
            field, message = check.split(": ", 1)
            value = parsed.at[case.index, field] if case.index is not None and field in parsed else ""
        elif case.column in parsed and case.index is not None and not pd.isna(case.index):
            field, value = case.column, case.failure_case
            message = f"{_quote(value)} {_check_message(check, field)}"
        else:  # a whole-column failure (a wrong dtype): our parser prevents these
            problems.add(0, str(case.column), f"{check}: {case.failure_case}")
            continue
        row = int(parsed.at[case.index, "_row"])
        if pd.isna(value):
            value = ""
        elif case.schema_context == "DataFrameSchema":
            message = f"{_quote(value)} {message}"
        problems.add(row, field, message, _plain(value))
    return problems.frame()


# ---------------------------------------------------------------------------------------------
# Public entry points


def check_events(raw: pd.DataFrame, name: str, read_problems: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split raw rows into (valid typed events, problems). Every rejected row has a problem.

    Unknown columns are reported (row 1) and left out; a missing required column rejects the file.
    """
    header = header_problems(raw, name)
    if header.rejects_file:
        return no_events(), header.frame(read_problems)
    parsed, parse_problems = parse_events(raw, name)
    checked = without(schema_problems(parsed, name), parse_problems)
    problems = header.frame(read_problems, parse_problems, checked)
    return valid_events(parsed, problems), problems


def valid_events(parsed: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """The parsed rows that no problem names, finished: the last step of the CSV and Parquet readers."""
    rejected = parsed["_row"].isin(problems.loc[problems["row"] > 1, "row"])
    return finish_events(parsed.loc[~rejected] if rejected.any() else parsed)


def no_events() -> pd.DataFrame:
    """A finished events frame with no rows, for a file rejected whole."""
    parsed, _ = parse_events(pd.DataFrame({"_row": pd.Series([], dtype=int)}), "")
    return finish_events(parsed)


CATEGORY_COLUMNS = ("date_precision", "dyad", "event_type", "actor_level", "confidence", "country")


def finish_events(parsed: pd.DataFrame) -> pd.DataFrame:
    """Valid rows, in the file's order, as the rest of the tracker uses them: `_row` renamed
    `source_row`, few-valued columns as categories (fast to filter and group, small at a million
    rows), and empty coordinates filled from the gazetteer."""
    events = (parsed.rename(columns={"_row": "source_row"}).reset_index(drop=True)
              .astype({c: "category" for c in CATEGORY_COLUMNS}))
    return add_coordinates(events)


def check_file(path: Path | str, name: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check an events CSV: (valid events, problems). The raw rows are let go on return.
    An events file without source columns that has a sources.csv beside it (the curated data) gets
    its sources from that table (tracker.sources), whose problems are reported too."""
    name = name or Path(path).name
    raw, read_problems = read_raw(path, name)
    beside = sources_beside(path)
    if beside is not None and "source1_url" not in raw.columns and "event_id" in raw.columns:
        from tracker.sources import attach_sources

        raw, source_problems = attach_sources(raw, beside, name)
        read_problems = combine([read_problems, source_problems])
    return check_events(raw, name, read_problems)


def sources_beside(path: Path | str) -> Path | None:
    """The sources table of a long-form events file: sources.csv in the same folder, if there is one."""
    beside = Path(path).with_name("sources.csv")
    return beside if beside.is_file() and Path(path).name != "sources.csv" else None


def check_path(path: Path | str, name: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check an events file, CSV or Parquet (by its suffix): the one reader of the dashboard
    and of every command. A file that cannot be read at all (absent, a folder, not UTF-8, not
    Parquet) is one problem naming it, as a bad row would be, never an exception."""
    path = Path(path)
    name = name or _display_name(path)
    problems = Problems(name)
    if not path.exists():
        problems.add(0, "(file)", "file not found", rejects_file=True)
    elif path.is_dir():
        problems.add(0, "(file)", "is a folder, not an events file", rejects_file=True)
    if problems.rejects_file:
        return no_events(), problems.frame()
    if path.suffix.lower() == ".parquet":
        from tracker.columnar import read_parquet_events  # pyarrow's Parquet reader, only when needed

        try:
            return read_parquet_events(path, name)
        except (pyarrow.ArrowException, OSError) as error:
            problems.add(0, "(file)", f"is not a readable Parquet file ({str(error).splitlines()[0][:120]})", rejects_file=True)
            return no_events(), problems.frame()
    try:
        return check_file(path, name)
    except UnicodeDecodeError as error:
        problems.add(0, "(file)", f"is not UTF-8 text (byte {error.start}); convert it with: python -m tracker import csv "
                     f"{name} --out events.csv", rejects_file=True)
    except OSError as error:
        problems.add(0, "(file)", f"cannot be read ({error.strerror or error})", rejects_file=True)
    return no_events(), problems.frame()


def read_events(path: Path | str = EVENTS_CSV, name: str | None = None) -> pd.DataFrame:
    """Read and validate an events file (CSV or Parquet); raises EventDataError listing every problem."""
    events, problems = check_path(path, name or _display_name(path))
    if not problems.empty:
        raise EventDataError(problems)
    return events


def _display_name(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_places(path: Path | str = PLACES_CSV) -> pd.DataFrame:
    """The gazetteer: one row per named place with its coordinates and their source."""
    if not Path(path).exists():
        return pd.DataFrame(columns=["place", "latitude", "longitude"])
    return pd.read_csv(path, dtype={"place": str})


def add_coordinates(events: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Fill empty latitude/longitude from the gazetteer by location name (case-insensitive)."""
    places = read_places() if places is None else places
    if places.empty or events.empty:
        return events
    lookup = places.assign(key=places["place"].str.casefold()).drop_duplicates("key").set_index("key")
    key = events["location"].str.casefold()
    missing = events["latitude"].isna() & events["longitude"].isna()
    return events.assign(
        latitude=events["latitude"].where(~missing, key.map(lookup["latitude"])).astype("float64"),
        longitude=events["longitude"].where(~missing, key.map(lookup["longitude"])).astype("float64"),
    )
