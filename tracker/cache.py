"""Check once, reuse: an events file's checked result kept as Parquet in a cache folder, keyed on
the file's content (and on the tables and code that check it), so that the next command or
dashboard start on the same file reads only the columns it needs.

The cache lives in $TRACKER_CACHE, else $XDG_CACHE_HOME/bilateral-tracker, else
~/.cache/bilateral-tracker: never beside the user's data. Set TRACKER_CACHE=off to disable it.
A cache that cannot be written (a read-only home) is skipped silently: it only saves time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from tracker.load import check_path, no_events, sources_beside
from tracker.paths import DATA_DIR

CACHE_VERSION = "1"  # bump when the checked frame changes shape
CHECKER_FILES = [DATA_DIR / "columns.csv", DATA_DIR / "codebook.csv", DATA_DIR / "places.csv",
                 Path(__file__).with_name("load.py"), Path(__file__).with_name("columnar.py"),
                 Path(__file__).with_name("schema.py"), Path(__file__).with_name("problems.py")]
NAME = "\x00file\x00"  # stands for the file's name in cached problems (each caller names it its own way)


def cache_dir() -> Path | None:
    chosen = os.environ.get("TRACKER_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bilateral-tracker"


def file_key(path: Path) -> str:
    """A digest of the file's bytes (and of its sources table, for the long form) and of everything
    that decides how it is checked."""
    digest = hashlib.blake2b(CACHE_VERSION.encode(), digest_size=20)
    beside = sources_beside(path)
    for part in [path, *([beside] if beside else []), *CHECKER_FILES, Path(__file__).with_name("sources.py")]:
        with open(part, "rb") as file:
            while chunk := file.read(1 << 22):
                digest.update(chunk)
        digest.update(b"\x00")
    return digest.hexdigest()


def checked_events(path: Path | str, name: str | None = None,
                   columns: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(valid events, problems) of an events file, as tracker.load.check_path gives them, from the
    cache when this file was checked before; `columns` (None: all) are the event columns wanted."""
    path = Path(path)
    name = name or str(path)
    folder = cache_dir()
    if folder is None or not path.is_file():
        events, problems = check_path(path, name)
        return _subset(events, _plain(problems), columns)
    entry = folder / file_key(path)
    try:
        problems = _plain(pd.read_parquet(entry / "problems.parquet"))
        events = pd.read_parquet(entry / "events.parquet", columns=None if columns is None else ["source_row", *columns])
        if events.empty:  # a file rejected whole: the typed empty frame, as the checker gives it
            events = no_events().reindex(columns=events.columns)
        for column in events.select_dtypes("category"):  # Parquet keeps no text type for an all-empty one
            if events[column].cat.categories.dtype == object:
                events[column] = events[column].cat.set_categories(events[column].cat.categories.astype("str"))
        return events, problems.assign(file=problems["file"].replace(NAME, name))
    except (OSError, ValueError, KeyError):
        pass  # not cached yet (or unreadable): check the file
    events, problems = check_path(path, name)
    problems = _plain(problems)
    _store(entry, events, problems.assign(file=problems["file"].where(problems["file"] != name, NAME)))
    return _subset(events, problems, columns)


def _plain(problems: pd.DataFrame) -> pd.DataFrame:
    """Problems in one set of dtypes, cached or not: row as int64, the rest as Python text."""
    return problems.astype({c: "int64" if c == "row" else "object" for c in problems.columns})


def _subset(events: pd.DataFrame, problems: pd.DataFrame, columns) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (events if columns is None else events[["source_row", *columns]]), problems


def _store(entry: Path, events: pd.DataFrame, problems: pd.DataFrame) -> None:
    """Write the entry whole (a folder built aside, then renamed), or not at all."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".entry-", dir=entry.parent))
    except OSError:
        return
    try:
        events.to_parquet(staging / "events.parquet", index=False)
        problems.astype({"value": "str", "message": "str", "field": "str", "file": "str"}).to_parquet(
            staging / "problems.parquet", index=False)
        staging.rename(entry)
    except OSError:  # written meanwhile by another process, or no room: the file is checked again next time
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
