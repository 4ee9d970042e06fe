"""Uploads: encodings, delimiters, Excel dates, limits, and every row kept or reported by row number."""

import codecs
import csv
import io
import re
import zipfile
from collections import Counter

import pandas as pd
import pytest

from tracker import upload
from tracker.problems import PROBLEM_COLUMNS, format_problems
from tracker.upload import (
    UploadError, convert_date, decode_upload, detect_delimiter, problems_csv, read_upload, rejected_rows_csv,
)
from tests.conftest import event_row, parse, to_csv


def rows(n: int = 3, **fields) -> list[dict]:
    return [event_row(f"A{i}", f"2025-01-{i:02d}", "talks", **fields) for i in range(1, n + 1)]


def accounted(result) -> None:
    """The upload's invariant: every data row is accepted or has a problem with its row number."""
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    assert result.rows_accepted == len(result.events)
    rejected = set(result.problems.loc[result.problems["row"] > 1, "row"])
    assert rejected.isdisjoint(result.events["source_row"])
    assert len(rejected) == result.rows_rejected
    assert list(result.problems.columns) == PROBLEM_COLUMNS


def problem_lines(result) -> list[str]:
    return format_problems(result.problems)


# ---- encodings ----

SUMMARIES = ["Café talks in Zürich", "Ministers meet in Genève"]


@pytest.mark.parametrize("encoding, note", [
    ("utf-8", None),
    ("utf-8-sig", None),
    ("utf-16", "UTF-16"),        # Python writes the byte order mark of the machine (little-endian here)
    ("utf-16-be+bom", "UTF-16"),
    ("cp1252", "Windows-1252"),
])
def test_encodings_give_the_same_events(encoding, note):
    text = to_csv([event_row("A1", "2025-01-01", "talks", summary=SUMMARIES[0]),
                   event_row("A2", "2025-01-02", "talks", summary=SUMMARIES[1])])
    data = codecs.BOM_UTF16_BE + text.encode("utf-16-be") if encoding == "utf-16-be+bom" else text.encode(encoding)
    result = read_upload(data, "mine.csv")
    accounted(result)
    assert result.problems.empty, problem_lines(result)
    assert result.events["summary"].tolist() == SUMMARIES
    if note is None:
        assert result.notes == ()
    else:
        assert any(note in n for n in result.notes), result.notes


def test_events_have_the_shape_tracker_load_gives():
    events, _ = parse(rows(2))
    result = read_upload(to_csv(rows(2)).encode(), "mine.csv")
    assert list(result.events.columns) == list(events.columns)
    assert result.events.dtypes.equals(events.dtypes)
    assert result.events.drop(columns="source_row").equals(events.drop(columns="source_row"))


def test_cp1252_note_shows_the_letters_to_check():
    text, notes = decode_upload("event_id\nCafé\nüber\n".encode("cp1252"), "f.csv")
    assert text == "event_id\nCafé\nüber\n"
    assert len(notes) == 1 and "'é'" in notes[0] and "line 2" in notes[0] and "CSV UTF-8" in notes[0]


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    text, notes = decode_upload(b"a\n\x81\xe9\n", "f.csv")
    assert text == "a\n\x81é\n" and "Latin-1" in notes[0]


def test_utf8_byte_order_mark_is_removed():
    assert decode_upload(codecs.BOM_UTF8 + b"event_id\n", "f.csv") == ("event_id\n", [])


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "Excel workbook (.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old Excel workbook (.xls)"),
    (b"%PDF-1.7\n\x00\x01", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("event_id,date\n".encode("utf-16-le"), "UTF-16 text without a byte order mark"),
    ("event_id,date\n".encode("utf-16-be"), "UTF-16 text without a byte order mark"),
    (codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "NUL characters"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "not"),  # a lone surrogate: not UTF-16 after all
])
def test_binary_data_is_refused_naming_the_file(data, message):
    with pytest.raises(UploadError, match=re.escape(message)) as error:
        read_upload(data, "events.xlsx")
    assert str(error.value).startswith("events.xlsx: ")


def test_a_real_xlsx_is_refused_with_how_to_save_as_csv():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as workbook:
        workbook.writestr("xl/workbook.xml", "<workbook/>" * 50)
    with pytest.raises(UploadError, match="Save As > 'CSV UTF-8"):
        read_upload(buffer.getvalue(), "events.xlsx")


# ---- delimiters ----

@pytest.mark.parametrize("delimiter, note", [(",", None), (";", "semicolons"), ("\t", "tabs")])
def test_delimiters(delimiter, note):
    frame = pd.DataFrame(rows(3, summary="Talks, then a statement; more talks"), dtype=str)
    frame["summary"] += frame["event_id"]
    text = frame.to_csv(index=False, sep=delimiter, lineterminator="\n")
    assert detect_delimiter(text) == delimiter
    result = read_upload(text.encode(), "mine.csv")
    accounted(result)
    assert result.problems.empty, problem_lines(result)
    assert result.events["summary"].tolist() == [f"Talks, then a statement; more talksA{i}" for i in (1, 2, 3)]
    assert (note is None and result.notes == ()) or any(note in n for n in result.notes)


@pytest.mark.parametrize("text, delimiter", [
    ("a;b;c\n1;2,5;3\n", ";"),       # a decimal comma does not fool the header count
    ("only_one_column\nx\n", ","),   # nothing to choose: comma
    ("a,b;c\n", ","),                # a tie goes to the comma
    ("", ","),
])
def test_delimiter_detection_edge_cases(text, delimiter):
    assert detect_delimiter(text) == delimiter


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends(line_end):
    result = read_upload(to_csv(rows(2)).replace("\n", line_end).encode(), "mine.csv")
    assert result.rows_accepted == 2 and result.problems.empty


# ---- Excel dates ----

CONVERTED = [  # value, YYYY-MM-DD, how the note names the form
    ("2025/04/19", "2025-04-19", "YYYY/MM/DD"),
    ("2025.4.9", "2025-04-09", "YYYY.MM.DD"),
    ("19-Apr-2025", "2025-04-19", "DD-Mon-YYYY"),
    ("19 April 2025", "2025-04-19", "DD-Mon-YYYY"),
    ("Apr 19, 2025", "2025-04-19", "Mon DD, YYYY"),
    ("19/04/2025", "2025-04-19", "DD/MM/YYYY (day first: the day is above 12)"),
    ("19.04.2025", "2025-04-19", "DD.MM.YYYY (day first: the day is above 12)"),
    ("4/19/2025", "2025-04-19", "MM/DD/YYYY (month first: the day is above 12)"),
    ("05/05/2025", "2025-05-05", "DD/MM/YYYY (day and month the same)"),
    ("45766", "2025-04-19", "Excel date numbers (1900 date system)"),
    ("45766.0", "2025-04-19", "Excel date numbers (1900 date system)"),
    ("2025-04-19 00:00:00", "2025-04-19", "YYYY-MM-DD 00:00:00 (midnight time dropped)"),
    ("2025-04-19T00:00", "2025-04-19", "YYYY-MM-DD 00:00:00 (midnight time dropped)"),
]
REFUSED = [  # value, the reason given
    ("04/05/2025", "'04/05/2025' is ambiguous (4 May or April 5?); write it as YYYY-MM-DD"),
    ("1/2/2025", "'1/2/2025' is ambiguous (1 February or January 2?); write it as YYYY-MM-DD"),
    ("19/04/25", "'19/04/25' has a two-digit year; write it as YYYY-MM-DD"),
    ("19-Apr-25", "'19-Apr-25' has a two-digit year; write it as YYYY-MM-DD"),
    (" 04/05/2025 ", "'04/05/2025' is ambiguous (4 May or April 5?); write it as YYYY-MM-DD"),
    ("12345", "'12345' looks like an Excel date number outside 2000-2099; write it as YYYY-MM-DD"),
    ("45766.5", "'45766.5' is an Excel date number with a time of day; write the date as YYYY-MM-DD"),
    ("31/02/2025", "'31/02/2025' is not a real date"),
    ("13/13/2025", "'13/13/2025' is not a date: neither 13 nor 13 is a month"),
    ("19-Foo-2025", "'19-Foo-2025' has an unknown month name; write it as YYYY-MM-DD"),
]


@pytest.mark.parametrize("value, iso, form", CONVERTED)
def test_unambiguous_excel_dates_are_converted(value, iso, form):
    assert convert_date(value) == (iso, form)


@pytest.mark.parametrize("value, message", REFUSED)
def test_ambiguous_or_odd_dates_are_refused_not_guessed(value, message):
    with pytest.raises(ValueError) as error:
        convert_date(value)
    assert str(error.value) == message


def test_converted_dates_load_and_each_form_gets_a_note():
    text = to_csv([event_row(f"A{i}", value, "talks") for i, (value, _, _) in enumerate(CONVERTED)])
    result = read_upload(text.encode(), "mine.csv")
    accounted(result)
    assert result.problems.empty, problem_lines(result)
    assert result.events["date"].dt.strftime("%Y-%m-%d").tolist() == [iso for _, iso, _ in CONVERTED]
    forms = Counter(form for _, _, form in CONVERTED)
    assert sorted(n.split(" converted")[0] for n in result.notes) == sorted(
        f"date: {count} value(s) written as {form}" for form, count in forms.items())
    assert "date: 1 value(s) written as YYYY/MM/DD converted to YYYY-MM-DD, e.g. '2025/04/19' -> 2025-04-19" \
        in result.notes


def test_refused_dates_reject_their_rows_with_the_reason():
    text = to_csv([event_row("OK", "2025-01-01", "talks")]
                  + [event_row(f"A{i}", "2025-01-02", "talks", source1_date=value) for i, (value, _) in enumerate(REFUSED)])
    result = read_upload(text.encode(), "mine.csv")
    accounted(result)
    assert problem_lines(result) == [f"mine.csv:{row}: source1_date: {message}"
                                     for row, (_, message) in enumerate(REFUSED, start=3)]
    assert result.events["event_id"].tolist() == ["OK"]
    assert result.notes == ()


@pytest.mark.parametrize("value", ["2025-04-19", "2025-4-9", "", "next week", "2025-13-01", "١٩/٠٤/٢٠٢٥"])
def test_other_values_are_left_to_the_loader(value):
    assert convert_date(value) is None


def test_conversions_are_counted_per_column_and_form():
    text = to_csv([event_row("A1", "19/04/2025", "talks", source1_date="20/04/2025"),
                   event_row("A2", "21/04/2025", "talks", source1_date="45767"),
                   event_row("A3", "2025-04-22", "talks")])
    result = read_upload(text.encode(), "mine.csv")
    assert result.rows_accepted == 3
    assert sorted(n.split(" converted")[0] for n in result.notes) == [
        "date: 2 value(s) written as DD/MM/YYYY (day first: the day is above 12)",
        "source1_date: 1 value(s) written as DD/MM/YYYY (day first: the day is above 12)",
        "source1_date: 1 value(s) written as Excel date numbers (1900 date system)",
    ]


def test_converted_future_date_is_reported_as_such():
    result = read_upload(to_csv([event_row("A1", "2/30/2099", "talks"), event_row("A2", "73050", "talks")]).encode(),
                         "f.csv")
    assert result.problems["message"].tolist() == ["'2/30/2099' is not a real date", "'2099-12-31' is in the future"]


# ---- limits ----

def test_size_limit(monkeypatch):
    monkeypatch.setattr(upload, "MAX_UPLOAD_BYTES", 1_000_000)
    with pytest.raises(UploadError, match=r"^big.csv: 1.5 MB is over the 1 MB limit for an upload; split the file"):
        read_upload(b"x" * 1_500_000, "big.csv")
    text = to_csv(rows(1))
    assert read_upload((text + " " * (1_000_000 - len(text))).encode(), "ok.csv").rows_accepted == 1  # at the limit


def test_row_limit(monkeypatch):
    monkeypatch.setattr(upload, "MAX_UPLOAD_ROWS", 3)
    assert read_upload(to_csv(rows(3)).encode(), "ok.csv").rows_accepted == 3
    with pytest.raises(UploadError, match="many.csv: has more than 3 rows"):
        read_upload(to_csv(rows(4)).encode(), "many.csv")
    with pytest.raises(UploadError, match="has more than 3 rows"):  # blank rows count: they cost memory too
        read_upload((to_csv(rows(1)) + "\n" * 5).encode(), "blank.csv")


def test_default_limits_are_documented():
    assert upload.MAX_UPLOAD_BYTES == 20_000_000 and upload.MAX_UPLOAD_ROWS == 200_000
    assert "MAX_UPLOAD_BYTES" in upload.__doc__ and "MAX_UPLOAD_ROWS" in upload.__doc__


# ---- bad rows: counted, reported, downloadable as they were ----

def mixed_file() -> str:
    return to_csv([
        event_row("A1", "2025-01-01", "talks"),
        event_row("A2", "2025-13-01", "talks", summary="=HYPERLINK(\"http://evil.example\")"),
        event_row("A3", "2025-01-03", "picnic", fatalities_best="-12"),
        event_row("A4", "2025-01-04", "talks"),
    ]) + "only,three,fields\n" + "\n" + ",,,,\n"


def test_bad_rows_are_counted_and_reported():
    result = read_upload(mixed_file().encode(), "mine.csv")
    accounted(result)
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 2, 3)
    assert result.events["event_id"].tolist() == ["A1", "A4"]
    assert result.events["source_row"].tolist() == [2, 5]
    assert sorted(set(result.problems["row"])) == [3, 4, 6]
    assert "mine.csv:6: (row): has 3 fields, the header has 31" in problem_lines(result)
    assert any("row(s) holding only separators" in n for n in result.notes)


def test_rejected_rows_csv_gives_the_rows_as_they_were_with_messages():
    result = read_upload(mixed_file().replace("2025-01-04", "4/1/2025").encode(), "mine.csv")
    table = list(csv.reader(io.StringIO(rejected_rows_csv(result.text, result.problems))))
    assert table[0][:3] == ["problems", "event_id", "date"]
    assert [r[1] for r in table[1:]] == ["A2", "A3", "A4", "only"]
    a2, a3, a4, short = table[1:]
    assert a2[0] == "row 3: date: '2025-13-01' is not a date (expected YYYY-MM-DD)" and a2[2] == "2025-13-01"
    assert a2[8] == "'=HYPERLINK(\"http://evil.example\")"  # neutralised for the spreadsheet
    assert a3[0].startswith("row 4: event_type: 'picnic' is not one of") and "; fatalities_best: '-12' is below" in a3[0]
    assert a3[14] == "-12"  # a negative number stays a number
    assert a4[0].startswith("row 5: date: '4/1/2025' is ambiguous") and a4[2] == "4/1/2025"  # as written
    assert short == ["row 6: (row): has 3 fields, the header has 31", "only", "three", "fields"]
    raw = rejected_rows_csv(result.text, result.problems, neutralise=False)
    assert '"=HYPERLINK(""http://evil.example"")"' in raw


def test_no_rejected_rows_gives_the_header_only():
    result = read_upload(to_csv(rows(2)).encode(), "ok.csv")
    assert rejected_rows_csv(result.text, result.problems).splitlines() == [
        "problems," + to_csv([]).strip()]


def test_rejected_rows_from_a_raw_frame():
    from tracker.load import check_events, read_raw
    raw, read_problems = read_raw(io.StringIO(mixed_file()), "f.csv")
    _, problems = check_events(raw, "f.csv", read_problems)
    table = list(csv.reader(io.StringIO(rejected_rows_csv(raw, problems))))
    assert [r[1] if len(r) > 1 else "" for r in table[1:]] == ["A2", "A3", ""]  # read_raw keeps no short rows


def test_fixed_rejected_rows_upload_again():
    result = read_upload(mixed_file().encode(), "mine.csv")
    fixed = (rejected_rows_csv(result.text, result.problems)
             .replace("2025-13-01", "2025-01-02").replace("picnic", "talks").replace(",-12,", ",12,")
             .replace("'=HYPERLINK", "Link ")).splitlines()
    again = read_upload(("\n".join(fixed[:3]) + "\n").encode(), "fixed.csv")
    assert again.problems.empty, problem_lines(again)
    assert again.events["event_id"].tolist() == ["A2", "A3"]
    assert any("'problems'" in n and "ignored" in n for n in again.notes)


def test_problems_csv_is_neutralised():
    result = read_upload(to_csv([event_row("A1", "2025-01-01", "=cmd|' /C calc'!A0")]).encode(), "f.csv")
    table = pd.read_csv(io.StringIO(problems_csv(result.problems)), dtype=str)
    assert list(table.columns) == PROBLEM_COLUMNS
    assert table.at[0, "value"] == "'=cmd|' /C calc'!A0"


# ---- text that must survive ----

SCRIPTS = [
    "پاکستان اور افغانستان کے درمیان مذاکرات",      # Urdu
    "د پاکستان او افغانستان ترمنځ خبرې اترې",       # Pashto
    "محادثات بين باكستان وأفغانستان",               # Arabic
    "Talks 🤝 at Torkham 🇵🇰🇦🇫",                    # emoji, flags (several code points each)
    "mixed \u202eRTL override\u202c and \u200fmarks\u200e",
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_right_to_left_text_and_emoji_survive(encoding):
    text = to_csv([event_row(f"A{i}", "2025-01-01", "talks", summary=summary, location=summary[:20])
                   for i, summary in enumerate(SCRIPTS)])
    result = read_upload(text.encode(encoding), "mine.csv")
    assert result.problems.empty, problem_lines(result)
    assert result.events["summary"].tolist() == SCRIPTS
    assert result.events["location"].tolist() == [s[:20].strip() for s in SCRIPTS]


def test_a_10000_character_summary_is_reported_not_a_crash():
    result = read_upload(to_csv([event_row("A1", "2025-01-01", "talks", summary="x" * 10_000),
                                 event_row("A2", "2025-01-02", "talks")]).encode(), "f.csv")
    accounted(result)
    [line] = problem_lines(result)
    assert line.startswith("f.csv:2: summary: 'xxx") and line.endswith("is longer than 300 characters")
    assert result.rows_accepted == 1


def test_a_field_too_long_for_the_csv_module_is_reported_and_the_rest_read():
    text = to_csv(rows(3)).replace("Event A2", "x" * 200_000)
    result = read_upload(text.encode(), "f.csv")
    accounted(result)
    assert problem_lines(result) == ["f.csv:3: (row): cannot be read: field larger than field limit (131072)"]
    assert result.events["event_id"].tolist() == ["A1", "A3"]


@pytest.mark.parametrize("value", ["1e308", "inf", "99999999999999999999", "9223372036854775808"])
def test_huge_counts_are_reported_not_a_crash(value):
    result = read_upload(to_csv(rows(2) + [event_row("A9", "2025-01-09", "talks", fatalities_best=value)]).encode(),
                         "f.csv")
    accounted(result)
    assert problem_lines(result) == [f"f.csv:4: fatalities_best: '{value}' is too large for a whole number"]


def test_unclosed_quote_is_pointed_at():
    text = to_csv(rows(1)) + 'A2,2025-01-02,day,AFG-PAK,talks,PAK,AFG,"Unclosed summary\nA3,2025-01-03\nA4\n'
    result = read_upload(text.encode(), "f.csv")
    accounted(result)
    assert result.rows_read == 2 and result.rows_accepted == 1
    assert "is a closing quote missing?" in result.problems.at[0, "message"]
    assert "from line 3 to line 5" in result.problems.at[0, "message"]


def test_multi_line_field_keeps_spreadsheet_row_numbers():
    text = to_csv([event_row("A1", "2025-01-01", "talks", notes="line one\nline two"),
                   event_row("A2", "2025-13-01", "talks")])
    result = read_upload(text.encode(), "f.csv")
    assert result.events.at[0, "notes"] == "line one\nline two"
    assert problem_lines(result)[0].startswith("f.csv:3: date:")  # row 3 of a spreadsheet, line 4 of the file


# ---- headers ----

def test_duplicate_column_rejects_the_file_and_says_so_for_every_row():
    text = to_csv(rows(2)).splitlines()
    text = "\n".join([text[0] + ",summary"] + [line + ",again" for line in text[1:]]) + "\n"
    result = read_upload(text.encode(), "f.csv")
    accounted(result)
    assert result.rows_accepted == 0 and result.rows_rejected == 2
    lines = problem_lines(result)
    assert lines[0] == "f.csv:1: summary: column appears 2 times; keep one"
    assert lines[1:] == [f"f.csv:{r}: (row): not checked: the header (row 1) has a problem; fix it first" for r in (2, 3)]


def test_missing_required_column_reports_every_row():
    result = read_upload(to_csv(rows(2)).replace("summary", "summry").encode(), "f.csv")
    accounted(result)
    assert "f.csv:1: summary: required column is missing" in problem_lines(result)
    assert result.rows_rejected == 2


def test_reserved_column_name_is_reported_and_rows_kept():
    text = to_csv(rows(2)).splitlines()
    text = "\n".join([text[0] + ",_row"] + [line + ",zz" for line in text[1:]]) + "\n"
    result = read_upload(text.encode(), "f.csv")
    accounted(result)
    assert result.rows_accepted == 2
    assert result.problems["field"].tolist() == ["_row"] and result.problems["row"].tolist() == [1]


def test_spaces_in_column_names_and_empty_unnamed_columns_are_noted():
    lines = to_csv(rows(2)).splitlines()
    text = "\n".join([" event_id ," + lines[0].split(",", 1)[1] + ",,"] + [line + ",," for line in lines[1:]]) + "\n"
    result = read_upload(text.encode(), "f.csv")
    assert result.rows_accepted == 2 and result.problems.empty, problem_lines(result)
    assert "spaces around column names were removed" in result.notes
    assert sum("empty column without a name" in n for n in result.notes) == 2


def test_empty_first_row_and_empty_file():
    result = read_upload(("\n" + to_csv(rows(1))).encode(), "f.csv")
    accounted(result)
    assert problem_lines(result)[0] == "f.csv:1: (file): row 1 is empty: the column names must be on row 1"
    empty = read_upload(b"", "empty.csv")
    assert (empty.rows_read, empty.rows_accepted) == (0, 0)
    assert problem_lines(empty) == ["empty.csv: (file): is empty: no header row"]


def test_header_only_file_is_fine():
    result = read_upload(to_csv([]).encode(), "f.csv")
    assert result.problems.empty and result.rows_read == 0 and result.events.empty
