"""Writing files users open in spreadsheets: formula cells neutralised, files replaced atomically.

Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with `=`, `+`, `-`,
`@`, a tab or a carriage return as a formula, so a crafted summary such as `=HYPERLINK(...)` in an
uploaded file would run on the machine of whoever opens our download. The rule applied here:

- a text cell beginning with one of FORMULA_PREFIXES gets a single quote in front (`'=SUM(A1)`);
- except a plain negative number written as text (`-12`, `-3.5`, `-1e5`): a spreadsheet reads it as
  a number, not a formula, and a quote would corrupt it;
- numeric, date and boolean columns, empty cells and missing values are left as they are;
- column names are cells too, and follow the same rule.
"""

from __future__ import annotations

import os
import re
import secrets
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NEGATIVE_NUMBER = re.compile(r"-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def neutralise_cell(value):
    """One cell by the rule above: `'` + text for a formula-like string, anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not PLAIN_NEGATIVE_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every formula-like text cell (and column name) quoted; numbers untouched."""
    safe = frame.copy()
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            safe.isetitem(position, column.map(neutralise_cell, na_action="ignore"))
    safe.columns = [neutralise_cell(c) for c in frame.columns]
    return safe


def safe_csv(frame: pd.DataFrame) -> str:
    """`frame` as CSV text (no index, `\\n` line ends) after neutralise_formulas."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\n")


def write_atomic(path: Path | str, content: str | bytes, force: bool = False) -> Path:
    """Write `content` (text as UTF-8) to `path` via a temporary file in the same folder.

    The target is either left as it was or replaced whole: a failed write removes the temporary
    file and raises. Raises FileExistsError when `path` exists and `force` is False.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    with replacing(path, force) as temporary:
        with open(temporary, "xb") as handle:  # "x": never reuse a file; the mode follows the umask
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    return Path(path)


@contextmanager
def replacing(path: Path | str, force: bool = False):
    """A temporary path beside `path` (same suffix, so writers that choose a format by it still do)
    for the block to write; moved to `path` when the block succeeds, removed when it fails. Raises
    FileExistsError when `path` exists and `force` is False."""
    path = Path(path)
    if path.exists() and not force:
        raise _exists(path)
    temporary = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")
    try:
        yield temporary
        if force:
            os.replace(temporary, path)
        else:
            _link_no_clobber(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _link_no_clobber(temporary: Path, path: Path) -> None:
    """Move without overwriting: a hard link fails if `path` appeared since the check."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # no hard links on this file system (e.g. FAT): check, then replace
        if path.exists():
            raise _exists(path) from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def _exists(path: Path) -> FileExistsError:
    return FileExistsError(f"{path} already exists; use --force to overwrite it")
