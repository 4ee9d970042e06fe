"""Shared helpers: small hand-readable event frames, parsed exactly as files are."""

from __future__ import annotations

import io
import os
import tempfile

import pandas as pd
import pytest

from tracker.load import check_events, read_raw
from tracker.schema import COLUMNS

# Checked files are cached (tracker.cache): the tests keep theirs in a folder of their own.
os.environ.setdefault("TRACKER_CACHE", tempfile.mkdtemp(prefix="tracker-cache-"))

BASE = dict(date_precision="day", dyad="AFG-PAK", initiator="PAK", target="AFG", confidence="confirmed",
            source1_url="https://example.org/report", source1_outlet="Example Outlet")


def event_row(event_id: str, date: str, event_type: str, **fields) -> dict:
    """One valid raw row (strings), with a unique summary unless one is given."""
    row = {**BASE, "event_id": event_id, "date": date, "event_type": event_type,
           "summary": f"Event {event_id}", **fields}
    return {k: str(v) for k, v in row.items()}


def to_csv(rows: list[dict], columns=COLUMNS) -> str:
    return pd.DataFrame(rows, columns=list(columns), dtype=str).fillna("").to_csv(index=False, lineterminator="\n")


def parse(rows: list[dict], name: str = "test.csv") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(valid events, problems) for raw rows, through the same path as a file."""
    raw, read_problems = read_raw(io.StringIO(to_csv(rows)), name)
    return check_events(raw, name, read_problems)


def make_events(rows: list[dict]) -> pd.DataFrame:
    events, problems = parse(rows)
    assert problems.empty, problems.to_string()
    return events


@pytest.fixture
def sample_events() -> pd.DataFrame:
    """Eight events over three dyads: enough for filters and charts."""
    return make_events([
        event_row("A1", "2025-01-05", "cross_border_strike", location="Barmal", province="Paktika", country="AFG",
                  fatalities_best="9", fatalities_low="5", fatalities_high="20", summary="Strike on Barmal"),
        event_row("A2", "2025-02-10", "talks", actor_level="envoy", location="Kabul", summary="Envoy talks in Kabul"),
        event_row("A3", "2025-04-19", "high_level_visit", actor_level="minister", location="Kabul",
                  summary="Foreign minister visits Kabul", confidence="single_source"),
        event_row("A4", "2025-04-20", "trade_easing", summary="Bank guarantees scrapped for importers"),
        event_row("A5", "2025-10-12", "border_clash", initiator="AFG", target="PAK", location="Torkham",
                  province="Khyber Pakhtunkhwa", country="PAK", fatalities_best="23", summary="Clash at Torkham"),
        event_row("A6", "2025-10-13", "militant_attack", initiator="TTP", target="PAK", summary="TTP attack in Bannu",
                  location="Bannu", province="Khyber Pakhtunkhwa", confidence="disputed"),
        event_row("I1", "2025-05-07", "cross_border_strike", dyad="IND-PAK", initiator="IND", target="PAK",
                  summary="Missile strikes on Muridke"),
        event_row("G1", "2025-10-10", "high_level_visit", dyad="AFG-IND", initiator="AFG", target="IND",
                  summary="Afghan minister visits New Delhi"),
    ])
