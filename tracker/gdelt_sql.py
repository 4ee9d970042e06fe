"""The BigQuery query that fetches a dyad's GDELT 2.0 events for tracker.gdelt.read_gdelt.

It selects only GDELT_USED_COLUMNS (19 of the 61), since BigQuery bills by the bytes of the columns
a query reads; those columns are still read for every row of `gdelt-bq.gdeltv2.events`, whatever
the dates, because the filter is on SQLDATE, not on a partition. Run it with, for example,

    bq query --use_legacy_sql=false --format=csv --max_rows=1000000 "$(python -m tracker gdelt-sql ...)" > out.csv

and read `out.csv` with read_gdelt, which recognises the header row and the commas.
"""

from __future__ import annotations

import datetime as dt

from pathlib import Path

from tracker.filters import normalize_dyad, parse_day
from tracker.gdelt import GDELT_USED_COLUMNS

GDELT_TABLE = "gdelt-bq.gdeltv2.events"
DUCKDB_TABLE = '"gdelt-bq"."gdeltv2"."events"'  # the table as sqlglot writes it for DuckDB


def _day(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else parse_day(value)


def gdelt_sql(dyad: str, start: dt.date | str, end: dt.date | str) -> str:
    """BigQuery Standard SQL selecting GDELT_USED_COLUMNS of the events between the dyad's two
    countries, in either direction (Actor1CountryCode/Actor2CountryCode), with SQLDATE from `start`
    to `end` inclusive (YYYY-MM-DD strings or dates), ordered by SQLDATE then GLOBALEVENTID."""
    first, second = normalize_dyad(dyad).split("-")  # checked [A-Z]{3} codes: safe to inline
    start, end = _day(start), _day(end)
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    columns = ",\n  ".join(GDELT_USED_COLUMNS)
    return (
        f"-- GDELT 2.0 events between {first} and {second}, {start} to {end}, "
        f"the columns tracker.gdelt.read_gdelt uses\n"
        f"SELECT\n  {columns}\n"
        f"FROM `{GDELT_TABLE}`\n"
        f"WHERE ((Actor1CountryCode = '{first}' AND Actor2CountryCode = '{second}')\n"
        f"    OR (Actor1CountryCode = '{second}' AND Actor2CountryCode = '{first}'))\n"
        f"  AND SQLDATE BETWEEN {start:%Y%m%d} AND {end:%Y%m%d}\n"
        f"ORDER BY SQLDATE, GLOBALEVENTID\n"
    )


def duckdb_sql(dyad: str, start: dt.date | str, end: dt.date | str, source: str) -> str:
    """The same query for DuckDB: gdelt_sql transpiled by sqlglot (BigQuery -> DuckDB), the public
    table replaced by the Parquet files `source` (a path or glob) in its column names."""
    import sqlglot

    sql = sqlglot.transpile(gdelt_sql(dyad, start, end), read="bigquery", write="duckdb")[0]
    if DUCKDB_TABLE not in sql:
        raise RuntimeError(f"sqlglot wrote the table otherwise than {DUCKDB_TABLE}: {sql[:200]}")
    quoted = "'" + source.replace("'", "''") + "'"
    return sql.replace(DUCKDB_TABLE, f"read_parquet({quoted}, union_by_name = true)")


def parquet_source(path: Path) -> str:
    """The Parquet files DuckDB reads for `path`: the file itself, or every .parquet under a folder."""
    return str(path / "**" / "*.parquet") if path.is_dir() else str(path)
