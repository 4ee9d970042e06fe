"""Adding reviewed candidate events (from `extract` or the dashboard's "Code an article") to an
events file: every row checked, near-duplicates refused, ids stable, the file written at once.

The existing file is kept byte for byte: new rows are appended after it, and nothing is written
unless every new row is valid.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd

from tracker.extract import unique_id
from tracker.load import check_events, check_file, read_raw, sources_beside
from tracker.problems import format_problems
from tracker.safe_io import write_atomic
from tracker.schema import COLUMNS
from tracker.sources import QUOTE_MAX_CHARS, to_long

NEAR_DAYS = 2  # same dyad, type and place within this many days: a near-duplicate
ACCEPTED = {"", "1", "true", "yes", "y", "accept", "accepted"}  # values of an optional `accept` column that keep a row


class AddError(ValueError):
    """The candidates cannot be added; `lines` says why, one problem a line."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


def add_candidates(candidates: Path, events_file: Path) -> list[str]:
    """Append the accepted rows of `candidates` to `events_file`; returns the ids added."""
    if not candidates.is_file():
        raise AddError([f"{candidates}: file not found"])
    existing, problems = check_file(events_file, str(events_file)) if events_file.exists() else (None, None)
    if problems is not None and not problems.empty:
        raise AddError([*format_problems(problems), f"{events_file}: fix these problems first"])
    raw, read_problems = read_raw(candidates, str(candidates))
    if "accept" in raw:
        raw = raw[raw["accept"].fillna("").str.strip().str.lower().isin(ACCEPTED)]
    evidence = dict(zip(raw["_row"], raw["evidence"])) if "evidence" in raw else {}
    raw = raw[[c for c in raw.columns if c in ("_row", *COLUMNS)]].copy()  # evidence, rules … stay behind
    taken = set(existing["event_id"]) if existing is not None else set()
    raw["event_id"] = [_stable_id(row, taken) for row in raw.to_dict("records")]
    new, problems = check_events(raw, str(candidates), read_problems)
    lines = format_problems(problems)
    if existing is not None:
        lines += near_duplicates(new, existing, str(candidates))
    lines += near_duplicates(new, new, str(candidates), within=True)
    if lines:
        raise AddError(lines)
    if new.empty:
        raise AddError([f"{candidates}: no accepted rows to add"])
    accepted = raw[raw["_row"].isin(new["source_row"])]
    beside = sources_beside(events_file)
    if beside is not None and not _header(events_file) >= {"source1_url"}:  # the long form: pages to sources.csv
        pages = to_long(accepted)
        quotes = dict(zip(accepted["event_id"], accepted["_row"].map(evidence).fillna("")))
        first = ~pages.duplicated("event_id")
        pages["quote"] = [quotes.get(e, "")[:QUOTE_MAX_CHARS] if f else "" for e, f in zip(pages["event_id"], first)]
        pages["checked"] = [dt.date.today().isoformat() if q else "" for q in pages["quote"]]
        _append(beside, pages)
    _append(events_file, accepted)
    return new["event_id"].tolist()


def _header(path: Path) -> set[str]:
    return set(next(csv.reader([path.read_text(encoding="utf-8-sig").splitlines()[0]]))) if path.exists() else set()


def _stable_id(row: dict, taken: set[str]) -> str:
    """The row's own id when it is free, else `<DYAD>-<YYYYMMDD>-<slug>` with a suffix that is."""
    given = (row.get("event_id") or "").strip()
    if given and given not in taken:
        taken.add(given)
        return given
    try:
        day = pd.Timestamp(row.get("date")).date()
    except (ValueError, TypeError):
        return given  # the date check will report the row
    slug = given.split("-", 3)[-1] if given.count("-") >= 3 else (row.get("event_type") or "event")
    return unique_id(row.get("dyad") or "", day, slug, taken)


def near_duplicates(new: pd.DataFrame, existing: pd.DataFrame, name: str, within: bool = False) -> list[str]:
    """One line per new event that repeats another (same dyad, type and place within NEAR_DAYS days)
    where neither names the other in `distinct_from`. `within`: `new` and `existing` are one table,
    each pair checked once."""
    lines = []
    located = existing.dropna(subset=["location"])
    for event in new.dropna(subset=["location"]).itertuples():
        same = located[(located["dyad"] == event.dyad) & (located["event_type"] == event.event_type)
                       & (located["location"].str.casefold() == event.location.casefold())
                       & ((located["date"] - event.date).abs() <= pd.Timedelta(days=NEAR_DAYS))]
        if within:
            same = same[same["source_row"] < event.source_row]
        marked = str(event.distinct_from or "")
        for other, their_marks in zip(same["event_id"], same["distinct_from"].fillna("").astype(str)):
            if other not in marked and event.event_id not in their_marks:
                lines.append(f"{name}:{event.source_row}: event_id: near-duplicate of {other} (same dyad, type and place "
                             f"within {NEAR_DAYS} days); if it is a distinct event, put {other} in distinct_from")
    return lines


def _append(events_file: Path, rows: pd.DataFrame) -> None:
    before = events_file.read_bytes() if events_file.exists() else b""
    header = next(csv.reader([before.decode("utf-8-sig").splitlines()[0]])) if before else list(COLUMNS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not before:
        writer.writerow(header)
    for row in rows.to_dict("records"):
        writer.writerow(["" if pd.isna(row.get(c)) else row.get(c) for c in header])
    separator = b"" if not before or before.endswith(b"\n") else b"\n"
    write_atomic(events_file, before + separator + buffer.getvalue().encode("utf-8"), force=True)
