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

from tracker.load import clean_text, column_problems, no_events, schema_problems
from tracker.problems import Problems, without
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


def _column_problems(schema: pa.Schema, name: str) -> Problems:
    """Missing required, unknown and wrongly stored columns (all reported at row 1, as for a header);
    a missing or wrongly stored column rejects the file."""
    names = schema.names
    problems = column_problems(names, name)
    for column in (c for c in names if c in ARROW_KINDS):
        kind, accepts = ARROW_KINDS[column]
        storage = schema.field(column).type
        if not (accepts(storage) or pa.types.is_null(storage)):  # an all-empty column may be typed null
            problems.add(1, column, f"is stored as {storage}, expected {kind}", rejects_file=True)
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
    if found.rejects_file:
        return no_events(), found.frame()
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
        for r, v in zip(rows[timed], values[timed]):
            found.add(r, column, f"'{v}' is not a date (has a time of day)", str(v))
    for column in REQUIRED_COLUMNS:
        empty = parsed[column].isna().to_numpy()
        for r in rows[empty]:
            found.add(r, column, "is required but empty")
    mine = found.frame()
    problems = found.frame(without(schema_problems(parsed, name), mine))
    return valid_events(parsed, problems), problems
