"""Events in Parquet files: the same typed frame and problems as the CSV path, without parsing text.

A row of an events Parquet file is one sourced event with the columns of data/columns.csv, stored in
their types: text as strings, dates as timestamps (no time of day), counts as int64 with nulls,
coordinates as float64 — what `write_events` writes. `read_parquet_events` checks such a file
exactly as `tracker.load.check_events` checks a CSV (same messages, same EventSchema), and numbers
rows as the same table written as CSV would be (the header is row 1), so both paths return equal
frames for the same events.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tracker.load import PROBLEM_COLUMNS, clean_text, no_events, problem, schema_problems
from tracker.load import valid_events  # the CSV path's last step: both paths must end alike
from tracker.schema import COLUMNS, DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, REQUIRED_COLUMNS, TEXT_COLUMNS

# The dtypes of a parsed events frame, as tracker.load.parse_events gives them (its last step may
# then make some columns categories); dates are datetime64[us] on every path.
EVENT_DTYPES: dict[str, str] = {
    c: "datetime64[us]" if c in DATE_COLUMNS else "float64" if c in FLOAT_COLUMNS else "Int64" if c in INT_COLUMNS
    else "str" for c in COLUMNS
}
WRITABLE_SUFFIXES = (".csv", ".parquet")
# Which Arrow storage types each kind of column accepts.
ARROW_KINDS = {
    **{c: ("text", lambda t: pa.types.is_string(t) or pa.types.is_large_string(t)) for c in TEXT_COLUMNS},
    **{c: ("date", lambda t: pa.types.is_timestamp(t) or pa.types.is_date(t)) for c in DATE_COLUMNS},
    **{c: ("number", lambda t: pa.types.is_floating(t) or pa.types.is_integer(t)) for c in FLOAT_COLUMNS},
    **{c: ("whole number", pa.types.is_integer) for c in INT_COLUMNS},
}


def write_events(events: pd.DataFrame, path: Path | str, extra_columns: Sequence[str] = ()) -> Path:
    """Write the tracker's columns (then `extra_columns`) as CSV or Parquet, chosen by the suffix.

    CSV has the columns of data/events.csv (dates as YYYY-MM-DD, empty cells for missing values;
    Arrow's writer, five times faster than pandas', puts every text value in double quotes);
    Parquet keeps the dtypes. Other columns of `events` (e.g. `source_row`) are not written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in WRITABLE_SUFFIXES:
        raise ValueError(f"cannot write events to {path.name!r}: expected a name ending in "
                         f"{' or '.join(WRITABLE_SUFFIXES)}")
    table = pa.Table.from_pandas(events[[*COLUMNS, *extra_columns]], preserve_index=False)
    if suffix == ".parquet":
        pq.write_table(table, path)
        return path
    for column in DATE_COLUMNS:  # days, not midnight timestamps
        table = table.set_column(table.schema.get_field_index(column), column, pc.cast(table[column], pa.date32()))
    pacsv.write_csv(table, path)
    return path


def _column_problems(schema: pa.Schema, name: str) -> list[dict]:
    """Missing required, unknown and wrongly stored columns (all reported at row 1, as for a header)."""
    names = schema.names
    problems = [problem(name, 1, c, "", "required column is missing") for c in REQUIRED_COLUMNS if c not in names]
    problems += [problem(name, 1, c, c, f"unknown column; expected one of {', '.join(COLUMNS)}")
                 for c in names if c not in COLUMNS]
    for column in (c for c in names if c in ARROW_KINDS):
        kind, accepts = ARROW_KINDS[column]
        storage = schema.field(column).type
        if not (accepts(storage) or pa.types.is_null(storage)):  # an all-empty column may be typed null
            problems.append(problem(name, 1, column, "", f"is stored as {storage}, expected {kind}"))
    return problems


def _normalised(table: pa.Table) -> pa.Table:
    """Text trimmed and empty text made missing, as the CSV parser does (clean_text); absent columns added empty."""
    arrays = {}
    for column in COLUMNS:
        if column not in table.column_names:
            arrays[column] = pa.nulls(table.num_rows)
            continue
        array = table[column]
        if column in TEXT_COLUMNS and not pa.types.is_null(array.type):
            array = clean_text(array)
        arrays[column] = array
    return pa.table(arrays)


def read_parquet_events(path: Path | str, name: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check an events Parquet file; returns (valid typed events, problems).

    The frame and the problems have the shape `tracker.load.check_events` returns for a CSV: a
    `source_row` column, and one problem per bad row and field. A missing required column or a
    column stored in the wrong type rejects the file (no rows).
    """
    name = name or str(path)
    table = pq.read_table(path)
    found = _column_problems(table.schema, name)
    if any(p["message"] == "required column is missing" or p["message"].startswith("is stored as") for p in found):
        return no_events(), _sorted(found)
    table = _normalised(table)
    frame = table.to_pandas(self_destruct=True, split_blocks=True)  # frees Arrow's copy column by column
    del table
    parsed = frame.astype({c: d for c, d in EVENT_DTYPES.items() if c not in DATE_COLUMNS})
    for column in DATE_COLUMNS:  # Arrow dates or timestamps of any unit -> datetime64[us], as the CSV parser gives
        parsed[column] = pd.to_datetime(frame[column]).astype(EVENT_DTYPES[column])
    rows = np.arange(2, len(parsed) + 2)  # the rows the same table would have as CSV
    parsed.insert(0, "_row", rows)

    for column in DATE_COLUMNS:
        values = parsed[column]
        timed = (values.notna() & (values != values.dt.normalize())).to_numpy()
        found += [problem(name, r, column, str(v), f"'{v}' is not a date (has a time of day)")
                  for r, v in zip(rows[timed], values[timed])]
    for column in REQUIRED_COLUMNS:
        empty = parsed[column].isna().to_numpy()
        found += [problem(name, r, column, "", "is required but empty") for r in rows[empty]]
    checked = schema_problems(parsed, name)
    already = {(p["row"], p["field"]) for p in found}
    checked = checked[[key not in already for key in zip(checked["row"], checked["field"])]]
    problems = _sorted(found, checked)
    return valid_events(parsed, problems), problems


def _sorted(found: list[dict], *frames: pd.DataFrame) -> pd.DataFrame:
    parts = [pd.DataFrame(found, columns=PROBLEM_COLUMNS), *[f for f in frames if not f.empty]]
    problems = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return problems.astype({"row": "int64"}).sort_values(["row", "field"], kind="stable", ignore_index=True)
