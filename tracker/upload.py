"""Reading a user's own events file (dashboard upload or command line): every row kept or reported.

An upload is bytes and a file name. `read_upload` decodes the bytes (`decode_upload`), splits the
records with the detected delimiter, converts Excel's unambiguous date forms to YYYY-MM-DD (each kind
of conversion reported as a note), then passes the rows through tracker.load.read_raw and
check_events, so an upload meets the same rules as data/events.csv. Row numbers are those of a
spreadsheet: the header is row 1, and a quoted field spanning lines stays in one row.

Accepted: UTF-8 with or without byte order mark, UTF-16/32 with one, and Windows-1252 (Excel's
"CSV" on Windows; said in a note); commas, semicolons or tabs between fields.
Refused with UploadError: binary files (an .xlsx workbook, a PDF…), files over MAX_UPLOAD_BYTES
or with more than MAX_UPLOAD_ROWS rows after the header.

Dates (in the date columns only):
- converted, with a note: 2025/04/19 and 2025.04.19 (year first); 19-Apr-2025, 19 April 2025 and
  Apr 19, 2025 (month by name); 2025-04-19 00:00:00 (midnight time); Excel serial numbers between
  EXCEL_SERIALS (2000-01-01 to 2099-12-31, Excel's 1900 date system); 19/04/2025 and 4/19/2025
  only where one of the first two numbers is above 12, so day and month cannot be swapped;
- refused, with a problem naming the row: 04/05/2025 (4 May or April 5?), two-digit years,
  serial numbers outside EXCEL_SERIALS or with a time of day, dates that do not exist (31/02/2025).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from tracker.load import _quote, check_events, read_raw
from tracker.problems import PROBLEM_COLUMNS, Problems, without
from tracker.safe_io import neutralise_cell, safe_csv
from tracker.schema import COLUMNS, DATE_COLUMNS, INT_COLUMNS, REQUIRED_COLUMNS

MAX_UPLOAD_BYTES = 20_000_000  # 20 MB; keep Streamlit's server.maxUploadSize (in MB) at or above this
MAX_UPLOAD_ROWS = 200_000      # rows after the header, blank ones included (as a spreadsheet counts them)
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}  # the first wins a tie
SNIFF_CHARS = 20_000
BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", ""),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 (Excel's 'Unicode Text')"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 (Excel's 'Unicode Text')"),
)
BINARY_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls)"),
    (b"%PDF", "a PDF document"),
)
SAVE_AS_CSV = "in Excel use File > Save As > 'CSV UTF-8 (Comma delimited)', then upload that file"
EXCEL_SERIALS = (36526, 73050)  # 2000-01-01 .. 2099-12-31
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's phantom 1900-02-29
MAX_WHOLE_NUMBER = 2 ** 53  # above this a float no longer holds every whole number
PROBLEMS_COLUMN = "problems"  # the first column of rejected_rows_csv; ignored when uploaded again
RESERVED_COLUMNS = ("_row",)  # used by tracker.load for row numbers
MONTHS = {name: number for number, names in enumerate([
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")], start=1) for name in names}
_NAMES = [""] + [dt.date(2000, n, 1).strftime("%B") for n in range(1, 13)]


class UploadError(ValueError):
    """Raised when an uploaded file cannot be read as an events table at all; the message names it."""


@dataclass(frozen=True, eq=False)
class UploadResult:
    """What came of an upload: valid events (as check_events returns them), problems, notes."""

    name: str
    events: pd.DataFrame      # valid typed rows; `source_row` is the row in the uploaded file
    problems: pd.DataFrame    # PROBLEM_COLUMNS; every rejected row has at least one
    notes: tuple[str, ...]    # what was read or converted, for the user to check
    rows_read: int            # data rows (blank lines are not rows)
    rows_accepted: int
    rows_rejected: int
    text: str                 # the decoded file, for rejected_rows_csv


# ---------------------------------------------------------------------------------------------
# Bytes to text


def decode_upload(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode an uploaded file; returns (text without byte order mark, notes on the encoding)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(f"{name}: {len(data) / 1e6:.1f} MB is over the {MAX_UPLOAD_BYTES / 1e6:g} MB limit "
                          "for an upload; split the file or keep only the rows you need")
    for mark, encoding, label in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError as error:
                raise UploadError(f"{name}: starts like {label or 'UTF-8'} text but is not ({error.reason} "
                                  f"at byte {error.start}); {SAVE_AS_CSV}") from None
            if "\x00" in text:
                raise UploadError(f"{name}: contains NUL characters, so it is binary data, not CSV text; {SAVE_AS_CSV}")
            return text, [f"read as {label}"] if label else []
    _refuse_binary(data, name)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text, label = data.decode("cp1252"), "Windows-1252 (Excel's 'CSV' on Windows)"
    except UnicodeDecodeError:
        text, label = data.decode("latin-1"), "Latin-1"
    sample = next(((number, line) for number, line in enumerate(text.splitlines(), start=1)
                   if not line.isascii()), (0, ""))
    letters = "".join(c for c in sample[1] if not c.isascii())[:10]
    return text, [f"not UTF-8: read as {label}. Check the letters {letters!r} on line {sample[0]}; if they "
                  f"look wrong (Urdu, Pashto or Arabic text, for instance), {SAVE_AS_CSV}"]


def _refuse_binary(data: bytes, name: str) -> None:
    if b"\x00" not in data:
        return
    kind = next((label for signature, label in BINARY_SIGNATURES if data.startswith(signature)), None)
    if kind is None and max(data[0::2].count(0), data[1::2].count(0)) > len(data) // 4:
        kind = "UTF-16 text without a byte order mark"
    raise UploadError(f"{name}: is {kind or 'a binary file'}, not CSV text; {SAVE_AS_CSV}")


# ---------------------------------------------------------------------------------------------
# Text to records


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab: csv.Sniffer's choice if the header line agrees, else the header's most frequent."""
    sample = text[:SNIFF_CHARS]
    header = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in counts and counts[sniffed] == max(counts.values()):
        return sniffed
    return max(DELIMITERS, key=counts.get)


@dataclass(frozen=True)
class _Record:
    row: int
    fields: list[str] | None  # None when the csv module could not read the row
    lines: tuple[int, int]    # first and last line of the file it spans
    error: str = ""

    @property
    def blank(self) -> bool:
        return self.fields is not None and not any(f.strip() for f in self.fields)


def _split_records(text: str, delimiter: str, name: str) -> tuple[list[str], list[_Record]]:
    """(header, the records after it, blank ones included); raises UploadError past MAX_UPLOAD_ROWS."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    records: list[_Record] = []
    last_line, row = 0, 0
    while True:
        row += 1
        try:
            fields, error = next(reader), ""
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a field over csv.field_size_limit(); the reader resumes on the next line
            fields, error = None, str(exc)
        lines, last_line = (last_line + 1, reader.line_num), reader.line_num
        if row == 1:
            if fields is None:
                raise UploadError(f"{name}: the header row cannot be read ({error})")
            header = fields
            continue
        if len(records) == MAX_UPLOAD_ROWS:
            raise UploadError(f"{name}: has more than {MAX_UPLOAD_ROWS:,} rows, the limit for an upload; "
                              "split the file or keep only the rows you need")
        records.append(_Record(row, fields, lines, error))
    return header, records


# ---------------------------------------------------------------------------------------------
# Excel dates: each rule gives (YYYY-MM-DD, how it was written) or raises _Refused


class _Refused(ValueError):
    pass


def _iso(year: int, month: int, day: int, value: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise _Refused(f"{_quote(value)} is not a real date") from None


def _month(word: str, value: str) -> int:
    if word.lower().rstrip(".") not in MONTHS:
        raise _Refused(f"{_quote(value)} has an unknown month name; write it as YYYY-MM-DD")
    return MONTHS[word.lower().rstrip(".")]


def _numeric_day_month(m: re.Match, value: str) -> tuple[str, str]:
    first, second, year = int(m[1]), int(m[3]), int(m[4])
    if first > 12 and second > 12:
        raise _Refused(f"{_quote(value)} is not a date: neither {first} nor {second} is a month")
    if first == second or first > 12:
        same = " (day and month the same)" if first == second else " (day first: the day is above 12)"
        return _iso(year, second, first, value), f"DD{m[2]}MM{m[2]}YYYY{same}"
    if second > 12:
        return _iso(year, first, second, value), f"MM{m[2]}DD{m[2]}YYYY (month first: the day is above 12)"
    raise _Refused(f"{_quote(value)} is ambiguous ({first} {_NAMES[second]} or {_NAMES[first]} {second}?); "
                   "write it as YYYY-MM-DD")


def _serial(m: re.Match, value: str) -> tuple[str, str]:
    number = int(m[1])
    if m[2] and float(m[2]) != 0:
        raise _Refused(f"{_quote(value)} is an Excel date number with a time of day; write the date as YYYY-MM-DD")
    if not EXCEL_SERIALS[0] <= number <= EXCEL_SERIALS[1]:
        raise _Refused(f"{_quote(value)} looks like an Excel date number outside 2000-2099; write it as YYYY-MM-DD")
    return (EXCEL_EPOCH + dt.timedelta(days=number)).isoformat(), "Excel date numbers (1900 date system)"


def _two_digit_year(m: re.Match, value: str) -> tuple[str, str]:
    raise _Refused(f"{_quote(value)} has a two-digit year; write it as YYYY-MM-DD")


DATE_RULES = (  # (pattern, converter); the first full match decides; digits are ASCII only
    (r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]00:00(?::00(?:\.0+)?)?",
     lambda m, v: (_iso(int(m[1]), int(m[2]), int(m[3]), v), "YYYY-MM-DD 00:00:00 (midnight time dropped)")),
    (r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})",
     lambda m, v: (_iso(int(m[1]), int(m[3]), int(m[4]), v), f"YYYY{m[2]}MM{m[2]}DD")),
    (r"(\d{1,2})[- ]([A-Za-z]+\.?)[- ,]+(\d{4})",
     lambda m, v: (_iso(int(m[3]), _month(m[2], v), int(m[1]), v), "DD-Mon-YYYY")),
    (r"([A-Za-z]+\.?) (\d{1,2}),? (\d{4})",
     lambda m, v: (_iso(int(m[3]), _month(m[1], v), int(m[2]), v), "Mon DD, YYYY")),
    (r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", _numeric_day_month),
    (r"\d{1,2}([/.-])(?:\d{1,2}|[A-Za-z]+)\1\d{2}", _two_digit_year),
    (r"(\d{5})(\.\d+)?", _serial),
)
_DATE_RULES = tuple((re.compile(pattern, re.ASCII), convert) for pattern, convert in DATE_RULES)


def convert_date(value: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, form it was written in) for a convertible Excel date; None to leave it to tracker.load.

    Raises ValueError with the reason for a date form that is refused (ambiguous, two-digit year…).
    """
    text = value.strip()
    for pattern, convert in _DATE_RULES:
        match = pattern.fullmatch(text)
        if match:
            return convert(match, text)
    return None


# ---------------------------------------------------------------------------------------------
# The whole upload


def read_upload(data: bytes, name: str) -> UploadResult:
    """Decode, split, convert and check an uploaded events file; raises UploadError only if unreadable."""
    text, notes = decode_upload(data, name)
    delimiter = detect_delimiter(text)
    if delimiter != ",":
        notes.append(f"fields are separated by {DELIMITERS[delimiter]}")
    header, records = _split_records(text, delimiter, name)
    own = Problems(name)  # problems found here; they take precedence over tracker.load's for a row and field

    def problem(row: int, field: str, value: str, message: str, rejects_file: bool = False) -> None:
        own.add(row, field, message, value, rejects_file=rejects_file)

    columns = [c.strip() for c in header]
    if columns != header:
        notes.append("spaces around column names were removed")
    dropped = _dropped_columns(columns, records, notes, problem)
    kept = [i for i in range(len(columns)) if i not in dropped]
    names = Counter(columns[i] for i in kept)
    for column in sorted(c for c, n in names.items() if n > 1 and c):
        problem(1, column, column, f"column appears {names[column]} times; keep one", rejects_file=True)
    data_rows = [r.row for r in records if not r.blank]
    for record in records:
        if record.fields is None:
            problem(record.row, "(row)", "", f"cannot be read: {record.error}")
    if not any(columns) and data_rows:
        problem(1, "(file)", "", "row 1 is empty: the column names must be on row 1", rejects_file=True)
    elif not any(columns):
        problem(0, "(file)", "", "is empty: no header row", rejects_file=True)
    separators_only = sum(r.blank and len(r.fields) > 1 for r in records)
    if separators_only:
        notes.append(f"{separators_only} row(s) holding only separators (,,,) were ignored")

    unusable_header = own.rejects_file  # a column twice, no header
    file_rejected = unusable_header or any(c not in columns for c in REQUIRED_COLUMNS)
    if unusable_header:  # tracker.load needs one column per name: it checks no row of this file
        events, found = _load(",".join(COLUMNS), name)
    else:
        dates = {i: columns[i] for i in kept if columns[i] in DATE_COLUMNS}
        counts = {i: columns[i] for i in kept if columns[i] in INT_COLUMNS}
        converted: dict[tuple[str, str], list] = {}
        out = [[columns[i] for i in kept]]
        for record in records:
            fields = _checked_fields(record, len(columns), dates, counts, converted, problem)
            out.append([fields[i] for i in kept] if fields else [])
        notes += [f"{column}: {count} value(s) written as {form} converted to YYYY-MM-DD, e.g. {example}"
                  for (column, form), (count, example) in converted.items()]
        events, found = _load(_write_csv(out), name)
    problems = _merge(own, found)
    problems = _account_for_rejected(problems, data_rows, set(events["source_row"]), file_rejected, name)
    return UploadResult(name=name, events=events, problems=problems, notes=tuple(notes),
                        rows_read=len(data_rows), rows_accepted=len(events),
                        rows_rejected=len(data_rows) - len(events), text=text)


def _dropped_columns(columns: list[str], records: list[_Record], notes: list[str], problem) -> set[int]:
    """Columns not passed on: reserved names (reported), our own `problems` column and empty unnamed ones (noted)."""
    dropped = set()
    for i, column in enumerate(columns):
        if column in RESERVED_COLUMNS:
            problem(1, column, column, f"unknown column (the name is reserved); expected one of {', '.join(COLUMNS)}")
        elif column == PROBLEMS_COLUMN:
            notes.append(f"column {PROBLEMS_COLUMN!r} (messages of a rejected-rows download) was ignored")
        elif column == "" and not any(r.fields[i].strip() for r in records if r.fields and len(r.fields) > i):
            notes.append(f"an empty column without a name (column {i + 1}) was ignored")
        else:
            continue
        dropped.add(i)
    return dropped


def _checked_fields(record: _Record, width: int, dates: dict[int, str], counts: dict[int, str],
                    converted: dict, problem) -> list[str] | None:
    """The record's fields with dates converted, or None when it is blank or rejected here."""
    if record.fields is None or record.blank:  # unreadable ones are reported already
        return None
    if len(record.fields) != width:
        first, last = record.lines
        hint = (f" (it runs from line {first} to line {last} of the file: is a closing quote missing?)"
                if last > first else "")
        problem(record.row, "(row)", "", f"has {len(record.fields)} fields, the header has {width}{hint}")
        return None
    for i, column in counts.items():  # tracker.load cannot hold these in a whole-number column
        value = record.fields[i].strip()
        try:
            number = float(value)
        except ValueError:
            continue
        if math.isinf(number) or abs(number) >= MAX_WHOLE_NUMBER:
            problem(record.row, column, value, f"{_quote(value)} is too large for a whole number")
            return None
    fields = list(record.fields)
    for i, column in dates.items():
        try:
            result = convert_date(fields[i])
        except _Refused as refusal:
            problem(record.row, column, fields[i].strip(), str(refusal))
            continue
        if result:
            iso, form = result
            entry = converted.setdefault((column, form), [0, f"{fields[i].strip()!r} -> {iso}"])
            entry[0] += 1
            fields[i] = iso
    return fields


def _load(text: str, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw, read_problems = read_raw(io.StringIO(text), name)
    return check_events(raw, name, read_problems)


def _write_csv(records: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)  # "\r\n" makes the writer quote a lone "\r"
    return buffer.getvalue()


def _merge(own: Problems, found: pd.DataFrame) -> pd.DataFrame:
    return own.frame(without(found, own.frame()))


def _account_for_rejected(problems: pd.DataFrame, data_rows: list[int], accepted: set[int], file_rejected: bool,
                          name: str) -> pd.DataFrame:
    """Give every rejected row a problem: in a file rejected for its header, a row says it was not checked."""
    reported = set(problems["row"])
    silent = [row for row in data_rows if row not in accepted and row not in reported]
    if not silent:
        return problems
    message = ("not checked: the header (row 1) has a problem; fix it first" if file_rejected
               else "was rejected without a reason given (a bug in the tracker: please report it)")
    extra = Problems(name)
    for row in silent:
        extra.add(row, "(row)", message)
    return extra.frame(problems)


# ---------------------------------------------------------------------------------------------
# Downloads for fixing


def problems_csv(problems: pd.DataFrame) -> str:
    """The problems table as CSV (file, row, field, value, message), safe to open in a spreadsheet."""
    return safe_csv(problems[PROBLEM_COLUMNS])


def rejected_rows_csv(raw_text_or_frame: str | pd.DataFrame, problems: pd.DataFrame, neutralise: bool = True) -> str:
    """The rejected rows as the user wrote them, after a first `problems` column: "row 7: date: …; …".

    Takes the decoded upload (UploadResult.text) or read_raw's frame (with `_row`). Written with commas;
    formula-like cells are neutralised (see tracker.safe_io) unless `neutralise` is False.
    """
    if isinstance(raw_text_or_frame, str):
        text = raw_text_or_frame
        header, records = _split_records(text, detect_delimiter(text), "")
        by_row = {r.row: r.fields or [] for r in records}
    else:
        frame = raw_text_or_frame
        header = [c for c in frame.columns if c != "_row"]
        by_row = dict(zip(frame["_row"], frame[header].fillna("").astype(str).to_numpy().tolist()))
    dropped = {i for i, c in enumerate(header) if c.strip() == PROBLEMS_COLUMN}
    rows = problems[problems["row"] > 1]
    messages = rows.assign(line=rows["field"] + ": " + rows["message"]).groupby("row", sort=True)["line"].agg("; ".join)
    out = [[PROBLEMS_COLUMN, *(c for i, c in enumerate(header) if i not in dropped)]]
    out += [[f"row {row}: {message}", *(f for i, f in enumerate(by_row.get(row, [])) if i not in dropped)]
            for row, message in messages.items()]
    if neutralise:
        out = [[neutralise_cell(cell) for cell in record] for record in out]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(out)  # "\r\n" makes the writer quote a lone "\r"
    return buffer.getvalue()
