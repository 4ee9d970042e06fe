"""Filters over the events table: one value that applies itself, describes itself, and round-trips
through URL query parameters (so a link reopens the same view)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from tracker.schema import DYAD_PATTERN, TYPE_LABELS


def normalize_dyad(text: str) -> str:
    """'PAK-AFG', 'pak_afg' or 'AFG-PAK' -> 'AFG-PAK' (codes in alphabetical order)."""
    parts = [p for p in text.replace("_", "-").replace("/", "-").upper().split("-") if p]
    dyad = "-".join(sorted(parts))
    if len(parts) != 2 or parts[0] == parts[1] or not pd.Series([dyad]).str.match(DYAD_PATTERN).iloc[0]:
        raise ValueError(f"dyad must be two ISO alpha-3 codes such as AFG-PAK, got {text[:40]!r}")
    return dyad


def _rows(events: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """events[keep]; a slice (no copy) when the kept rows are contiguous, as one dyad's rows are in
    a table sorted by dyad (see by_dyad)."""
    found = np.flatnonzero(keep)
    if len(found) == len(events):
        return events.copy(deep=False)  # a new frame all the same (copy-on-write keeps the data shared)
    if len(found) and found[-1] - found[0] + 1 == len(found):
        return events.iloc[found[0]: found[-1] + 1]
    return events.iloc[found]


def by_dyad(events: pd.DataFrame) -> pd.DataFrame:
    """The events grouped by dyad, in date order within each (the file's order within a day), so
    that selecting one dyad is a slice of the table rather than a copy of it. Works on raw text
    columns too (ISO dates sort as text); a table already in this order is returned as it is."""
    if "dyad" not in events or "date" not in events:
        return events
    order = np.lexsort((pd.factorize(events["date"], sort=True)[0], pd.factorize(events["dyad"], sort=True)[0]))
    if (order[1:] > order[:-1]).all():
        return events
    return events.take(order).reset_index(drop=True)


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{str(text)[:40]!r} is not a date (expected YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Filters:
    """What a view shows. Empty tuples and None mean 'no restriction'."""

    dyad: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    confidence: tuple[str, ...] = ()
    text: str = ""

    def apply(self, events: pd.DataFrame) -> pd.DataFrame:
        """The events that pass every filter, in date order (the file's order within a day)."""
        return self.in_period(self.without_dates().apply(events)) if self.start or self.end else self._select(events)

    def _select(self, events: pd.DataFrame) -> pd.DataFrame:
        keep = np.ones(len(events), dtype=bool)
        if self.dyad:
            keep &= (events["dyad"] == self.dyad).to_numpy(dtype=bool, na_value=False)
        if self.event_types:
            keep &= events["event_type"].isin(self.event_types).to_numpy()
        if self.actors:
            keep &= (events["initiator"].isin(self.actors) | events["target"].isin(self.actors)).to_numpy()
        if self.places:
            keep &= (events["location"].isin(self.places) | events["province"].isin(self.places)).to_numpy()
        if self.confidence:
            keep &= events["confidence"].isin(self.confidence).to_numpy()
        if self.text.strip():
            keep &= events["summary"].str.contains(self.text.strip(), case=False, regex=False, na=False).to_numpy()
        kept = _rows(events, keep)
        return kept if kept["date"].is_monotonic_increasing else kept.sort_values("date", kind="stable")

    def in_period(self, events: pd.DataFrame) -> pd.DataFrame:
        """The events (in date order) dated from start to end: a slice of them, not a copy."""
        dates = events["date"].to_numpy()
        first = dates.searchsorted(np.datetime64(pd.Timestamp(self.start)), "left") if self.start else 0
        last = dates.searchsorted(np.datetime64(pd.Timestamp(self.end)), "right") if self.end else len(dates)
        return events.iloc[first:last]

    def without_dates(self) -> Filters:
        """The same filters over all dates: the index needs the history before the view."""
        return replace(self, start=None, end=None)

    def describe(self) -> str:
        """The filters as an English phrase, for chart subtitles and file headers."""
        parts = [self.dyad or "all dyads"]
        if self.start or self.end:
            parts.append(f"{self.start or 'start'} to {self.end or 'latest'}")
        if self.event_types:
            parts.append("types: " + ", ".join(TYPE_LABELS.get(t, t) for t in self.event_types))
        if self.actors:
            parts.append("actors: " + ", ".join(self.actors))
        if self.places:
            parts.append("places: " + ", ".join(self.places))
        if self.confidence:
            parts.append("confidence: " + ", ".join(self.confidence))
        if self.text.strip():
            parts.append(f'summary contains "{self.text.strip()}"')
        return "; ".join(parts)

    def file_stem(self, what: str) -> str:
        """A file name saying what an export holds, e.g. 'AFG-PAK_events_2025-01-01_2025-06-30'."""
        start = self.start.isoformat() if self.start else "start"
        end = self.end.isoformat() if self.end else "latest"
        stem = f"{self.dyad or 'all-dyads'}_{what}_{start}_{end}"
        return stem + ("_filtered" if (self.event_types or self.actors or self.places or self.confidence or self.text.strip()) else "")

    def to_query_params(self) -> dict[str, str | list[str]]:
        """Only the non-default filters, as strings (lists for multi-valued ones)."""
        params: dict[str, str | list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if not value:
                continue
            params[f.name] = list(value) if isinstance(value, tuple) else str(value)
        return params

    @classmethod
    def from_query_params(cls, params: dict[str, str | list[str]]) -> tuple[Filters, list[str]]:
        """Filters from query parameters, and a note for each value that was invalid and ignored."""
        values: dict = {}
        notes: list[str] = []
        for f in fields(cls):
            if f.name not in params:
                continue
            raw = params[f.name]
            try:
                if f.name == "dyad":
                    values["dyad"] = normalize_dyad(_one(raw))
                elif f.name in ("start", "end"):
                    values[f.name] = parse_day(_one(raw))
                elif f.name == "text":
                    values["text"] = _one(raw)[:200]
                else:
                    values[f.name] = tuple(raw if isinstance(raw, list) else [raw])
            except ValueError as error:
                notes.append(f"Ignored link parameter {f.name}: {error}")
        return cls(**values), notes


def _one(raw: str | list[str]) -> str:
    return raw[-1] if isinstance(raw, list) else raw
