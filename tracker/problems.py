"""Problems found in a file, the same for every reader (events CSV and Parquet, uploads, GDELT,
ACLED): one record, one collector, one order, one way to say a file is rejected whole.

A problem names the file, the row (the header is row 1, as in a spreadsheet; 0 for the file as a
whole), the field ("(row)" or "(file)" when none), the value as written, and what is wrong with it.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

import pandas as pd

PROBLEM_COLUMNS = ["file", "row", "field", "value", "message"]


class Problem(NamedTuple):
    file: str
    row: int
    field: str
    value: str
    message: str


class Problems:
    """Collects the problems of one file. `rejects_file` is set by a problem that leaves no row of
    the file readable as events (a missing required column, a column twice, an unreadable header)."""

    def __init__(self, file: str):
        self.file = file
        self.found: list[Problem] = []
        self.rejects_file = False

    def add(self, row: int, field: str, message: str, value: str = "", *, rejects_file: bool = False) -> None:
        self.found.append(Problem(self.file, int(row), field, value, message))
        self.rejects_file |= rejects_file

    def __len__(self) -> int:
        return len(self.found)

    def frame(self, *others: pd.DataFrame | None) -> pd.DataFrame:
        """These problems and those of `others` as one table, in the one order (see `combine`)."""
        return combine([pd.DataFrame(self.found, columns=PROBLEM_COLUMNS), *others])


def combine(frames: Iterable[pd.DataFrame | None]) -> pd.DataFrame:
    """Problem tables as one, ordered by file, row and field (a row's problems in the order found)."""
    parts = [f for f in frames if f is not None and not f.empty]
    if not parts:
        return no_problems()
    table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return table.astype({"row": "int64"}).sort_values(["file", "row", "field"], kind="stable", ignore_index=True)


def no_problems() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="int64" if c == "row" else "object") for c in PROBLEM_COLUMNS})


def without(found: pd.DataFrame, taken: pd.DataFrame) -> pd.DataFrame:
    """The problems of `found` on a (row, field) that `taken` does not already report."""
    keys = set(zip(taken["row"], taken["field"]))
    return found[[key not in keys for key in zip(found["row"], found["field"])]]


def format_problems(problems: pd.DataFrame) -> list[str]:
    """One line per problem: `data/events.csv:17: date: '2025-13-01' is not a date`."""
    return [
        f"{p.file}:{p.row}: {p.field}: {p.message}" if p.row else f"{p.file}: {p.field}: {p.message}"
        for p in problems.itertuples()
    ]
