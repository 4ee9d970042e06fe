"""Safe files: formula cells neutralised for spreadsheets, atomic writes that never leave half a file."""

import io
import os

import numpy as np
import pandas as pd
import pytest

from tracker.safe_io import neutralise_cell, neutralise_formulas, replacing, safe_csv, write_atomic


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("+1", "'+1"),
    ("-1+1", "'-1+1"),
    ("@cmd", "'@cmd"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("=HYPERLINK(\"http://x.example\",\"click\")", "'=HYPERLINK(\"http://x.example\",\"click\")"),
    ("-", "'-"),
    ("-12", "-12"),          # a negative number stored as text stays a number
    ("-3.5", "-3.5"),
    ("-.5", "-.5"),
    ("-1e5", "-1e5"),
    ("-12 dead", "'-12 dead"),
    ("Talks in Kabul", "Talks in Kabul"),
    ("a=b", "a=b"),          # only the first character matters
    (" =1", " =1"),
    ("", ""),
    (-3.5, -3.5),
    (7, 7),
    (None, None),
])
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_neutralise_formulas_touches_text_columns_only():
    frame = pd.DataFrame({
        "summary": ["=SUM(A1)", "normal", None, "@cmd"],
        "as_text": ["-12", "-3.5", "-1+1", ""],
        "latitude": [-3.5, np.nan, 1.0, -90.0],
        "fatalities": pd.array([-1, None, 3, 4], dtype="Int64"),
        "date": pd.to_datetime(["2025-01-01", None, "2025-01-03", "2025-01-04"]),
        "mixed": pd.Series(["+1", -2, np.nan, "ok"], dtype=object),
    })
    safe = neutralise_formulas(frame)
    assert safe["summary"].tolist()[:2] == ["'=SUM(A1)", "normal"] and pd.isna(safe["summary"][2])
    assert safe["summary"][3] == "'@cmd"
    assert safe["as_text"].tolist() == ["-12", "-3.5", "'-1+1", ""]
    pd.testing.assert_series_equal(safe["latitude"], frame["latitude"])
    pd.testing.assert_series_equal(safe["fatalities"], frame["fatalities"])
    pd.testing.assert_series_equal(safe["date"], frame["date"])
    assert safe["mixed"].tolist()[:2] == ["'+1", -2] and pd.isna(safe["mixed"][2])
    assert frame["summary"][0] == "=SUM(A1)"  # the input is not changed


def test_column_names_are_cells_too():
    assert list(neutralise_formulas(pd.DataFrame({"=x": [1], "y": [2]})).columns) == ["'=x", "y"]


def test_safe_csv_round_trips_what_is_safe():
    frame = pd.DataFrame({"summary": ["=1+1", "Café, \"quoted\""], "n": [-12, 3]})
    back = pd.read_csv(io.StringIO(safe_csv(frame)))
    assert back["summary"].tolist() == ["'=1+1", "Café, \"quoted\""]
    assert back["n"].tolist() == [-12, 3]


# ---- write_atomic ----

def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def test_writes_a_new_file(tmp_path):
    target = tmp_path / "out.csv"
    assert write_atomic(target, "a,b\né,1\n") == target
    assert target.read_text(encoding="utf-8") == "a,b\né,1\n"
    write_atomic(tmp_path / "bytes.bin", b"\x00\x01")
    assert (tmp_path / "bytes.bin").read_bytes() == b"\x00\x01"
    assert _leftovers(tmp_path) == []


def test_refuses_an_existing_file_without_force(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("original")
    with pytest.raises(FileExistsError, match="out.csv already exists; use --force"):
        write_atomic(target, "new")
    assert target.read_text() == "original"
    assert _leftovers(tmp_path) == []


def test_force_overwrites(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("original")
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert _leftovers(tmp_path) == []


def test_refuses_a_file_that_appears_during_the_write(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    real_fsync = os.fsync

    def someone_else_writes(fd):
        real_fsync(fd)
        target.write_text("theirs")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(FileExistsError):
        write_atomic(target, "mine")
    assert target.read_text() == "theirs"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_original_intact_when_the_write_fails(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.csv"
    target.write_text("original")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new" * 1000, force=True)
    assert target.read_text() == "original"
    assert _leftovers(tmp_path) == []


def test_no_partial_new_file_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    monkeypatch.setattr(os, "link", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_works_where_hard_links_are_not_supported(tmp_path, monkeypatch):
    def no_links(*args):
        raise OSError("Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "out.csv", "text")
    assert (tmp_path / "out.csv").read_text() == "text"
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "out.csv", "again")
    assert _leftovers(tmp_path) == []


def test_a_failed_write_through_replacing_leaves_the_target_as_it_was(tmp_path):
    target = tmp_path / "events.parquet"
    target.write_text("original")
    with pytest.raises(RuntimeError, match="disk full"):
        with replacing(target, force=True) as temporary:
            assert temporary.parent == tmp_path and temporary.suffix == ".parquet"  # writers choose a format by it
            temporary.write_text("half a file")
            raise RuntimeError("disk full")
    assert target.read_text() == "original"
    assert _leftovers(tmp_path) == []
    with replacing(target, force=True) as temporary:
        temporary.write_text("whole")
    assert target.read_text() == "whole" and _leftovers(tmp_path) == []
