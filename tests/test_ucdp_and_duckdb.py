"""The third importer (UCDP GED) and GDELT's SQL run for real: DuckDB over Parquet gives the importer's rows.

tests/fixtures/ucdp_sample.csv is synthetic (ids 9000xx, example.org sources): 1 AFG v PAK clash at
Torkham, 2 Pakistan v TTP (two-day event, no article URL), 3 TTP one-sided, 4 IND v PAK (other dyad),
5 non-state, other groups (other dyad), 6 PAK v AFG in Paktika, 7 bad date, 8 best outside low-high.
"""

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tracker.__main__ import main
from tracker.gdelt import GDELT_COLUMNS, GDELT_TYPES, _gdelt_rows, read_gdelt, read_gdelt_parquet
from tracker.gdelt_sql import duckdb_sql
from tracker.problems import format_problems
from tracker.ucdp import UCDP_URL, read_ucdp

FIXTURES = Path(__file__).parent / "fixtures"
UCDP = FIXTURES / "ucdp_sample.csv"
GDELT = FIXTURES / "gdelt_sample.export.CSV"
ARROW = {"integer": pa.int64(), "float": pa.float64(), "string": pa.string()}


def test_ucdp_keeps_the_dyads_events_with_their_ranges():
    events, problems = read_ucdp(UCDP, "PAK-AFG")
    assert events["event_id"].tolist() == ["UCDP-900006", "UCDP-900001", "UCDP-900002", "UCDP-900003"]
    rows = events.set_index("event_id")
    assert rows.loc["UCDP-900001", ["event_type", "initiator", "target"]].tolist() == ["border_clash", "AFG", "PAK"]
    assert rows.loc["UCDP-900001", ["fatalities_best", "fatalities_low", "fatalities_high"]].tolist() == [23, 20, 58]
    assert rows.loc["UCDP-900002", ["event_type", "initiator", "target"]].tolist() == ["militant_attack", "TTP", "PAK"]
    assert rows.loc["UCDP-900002", "source1_url"] == UCDP_URL and "2025-10-13 to 2025-10-14" in rows.loc["UCDP-900002", "notes"]
    assert rows.loc["UCDP-900003", ["initiator", "target", "province"]].tolist() == ["TTP", "PAK", "Khyber Pakhtunkhwa"]
    assert rows.loc["UCDP-900006", "date"] == pd.Timestamp("2024-12-24")
    assert format_problems(problems) == [
        f"{UCDP}:8: date_start: '2025-13-01 00:00:00.000' is not a date (expected YYYY-MM-DD)",
        f"{UCDP}:9: best: '3' is not between low and high"]
    india, _ = read_ucdp(UCDP, "IND-PAK")
    assert india["event_id"].tolist() == ["UCDP-900004"]


def test_ucdp_from_the_command_line_writes_valid_events(tmp_path, capsys):
    out = tmp_path / "ucdp.csv"
    assert main(["import", "ucdp", str(UCDP), "--dyad", "AFG-PAK", "--out", str(out)]) == 1  # problems reported
    assert main(["validate", str(out)]) == 0
    assert "2 problem(s)" not in capsys.readouterr().err.splitlines()[-1]


@pytest.fixture
def gdelt_parquet(tmp_path) -> Path:
    """The GDELT sample's well-formed rows as Parquet in the public table's column names and types."""
    lines = [line.split("\t") for line in GDELT.read_text().splitlines() if line.strip()]
    rows = [fields for fields in lines if len(fields) == len(GDELT_COLUMNS)]
    columns = {}
    for i, name in enumerate(GDELT_COLUMNS):
        values = [fields[i].strip() or None for fields in rows]
        kind = GDELT_TYPES[name]
        if kind != "string":
            values = [None if v is None else (int(v) if kind == "integer" else float(v)) if _number(v) else None for v in values]
        columns[name] = pa.array(values, type=ARROW[kind])
    folder = tmp_path / "gdelt"
    (folder / "2025").mkdir(parents=True)
    pq.write_table(pa.table(columns), folder / "2025" / "part-0.parquet")
    return folder


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


@pytest.mark.parametrize("dyad", ["AFG-PAK", "IND-PAK", "CHN-USA"])
def test_the_bigquery_sql_run_by_duckdb_returns_the_rows_the_importer_keeps(gdelt_parquet, dyad):
    sql = duckdb_sql(dyad, "2025-01-01", "2025-12-31", str(gdelt_parquet / "**" / "*.parquet"))
    returned = duckdb.sql(sql).df()
    kept, _, _ = _gdelt_rows(GDELT.read_text(), "sample", dyad, [])  # the importer's read step: the dyad's rows
    assert sorted(returned["GLOBALEVENTID"]) == sorted(int(row[2]) for row in kept)
    assert read_gdelt(GDELT, dyad).counts["kept_for_dyad"] == len(returned)
    assert list(returned["SQLDATE"]) == sorted(returned["SQLDATE"])
    short = duckdb.sql(duckdb_sql(dyad, "2025-10-13", "2025-10-13", str(gdelt_parquet / "**" / "*.parquet"))).df()
    assert set(short["SQLDATE"]) <= {20251013}


def test_import_gdelt_parquet_gives_the_events_of_the_export(gdelt_parquet, tmp_path, capsys):
    from_export = read_gdelt(GDELT, "AFG-PAK").events
    from_parquet = read_gdelt_parquet(gdelt_parquet, "AFG-PAK").events
    columns = ["event_id", "date", "event_type", "initiator", "target", "location", "latitude", "goldstein", "source1_url"]
    assert from_parquet[columns].reset_index(drop=True).equals(from_export[columns].reset_index(drop=True))
    out = tmp_path / "gdelt.csv"
    assert main(["import", "gdelt", "--parquet", str(gdelt_parquet), "--dyad", "AFG-PAK", "--from", "2025-10-12",
                 "--to", "2025-10-12", "--out", str(out)]) == 0
    assert set(pd.read_csv(out)["date"]) == {"2025-10-12"}


def test_a_parquet_that_is_not_gdelt_is_one_problem(tmp_path):
    pq.write_table(pa.table({"x": [1, 2]}), tmp_path / "other.parquet")
    result = read_gdelt_parquet(tmp_path / "other.parquet", "AFG-PAK")
    assert result.events.empty and len(result.problems) == 1
    assert "cannot be read as GDELT Parquet" in result.problems["message"].iloc[0]
