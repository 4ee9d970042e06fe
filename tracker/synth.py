"""Synthetic events for tests and benchmarks: the shape of the curated data, none of its content.

A row of `synthetic_events` is one invented event in the tracker's schema (tracker.schema.COLUMNS,
parsed dtypes), valid against EventSchema when written and read back: ids SYN-000000001… in date
order, dates from 2015 to today, the three tracked dyads and a few more, event types in the proportions of the
curated data/events.csv, places and coordinates from data/places.csv, fatalities for violent types,
http URLs under https://example.org/synthetic/. Everything is drawn with numpy a column at a time
and strings are built in Arrow (no Python loop per row), so a million rows take about a second.
`write_events` (from tracker.columnar) writes them as CSV or Parquet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tracker.columnar import EVENT_DTYPES, write_events  # noqa: F401 (write_events: synth's writer)
from tracker.load import read_places
from tracker.schema import COLUMNS, TYPE_LABELS, today

SYNTH_START = pd.Timestamp("2015-01-01")
SYNTH_END = pd.Timestamp("2026-12-31")  # clipped to today: the schema rejects future dates
SYNTH_URL = "https://example.org/synthetic/"
# Share of events per dyad: the three tracked dyads, then neighbours for variety.
DYAD_SHARES = {"AFG-PAK": 0.45, "IND-PAK": 0.25, "AFG-IND": 0.12, "CHN-IND": 0.06, "CHN-PAK": 0.05,
               "AFG-IRN": 0.04, "IRN-PAK": 0.03}
# Events per type in data/events.csv (November 2026, 581 events): the relative frequencies drawn from.
TYPE_COUNTS = {
    "diplomatic_protest": 87, "cooperative_statement": 71, "talks": 62, "militant_attack": 42,
    "humanitarian_aid": 35, "border_closure": 34, "border_clash": 31, "high_level_visit": 27, "threat": 27,
    "deportation": 25, "trade_restriction": 24, "cross_border_strike": 24, "trade_easing": 19,
    "border_reopening": 17, "ceasefire": 14, "diplomatic_upgrade": 13, "diplomatic_downgrade": 9, "agreement": 9,
    "militant_crackdown": 8, "agreement_suspension": 2, "talks_breakdown": 1,
}
# Share of each violent type's events with reported fatalities (as in data/events.csv).
FATALITY_SHARES = {"militant_attack": 1.0, "border_clash": 0.65, "cross_border_strike": 0.46,
                   "militant_crackdown": 0.38}
# Actor levels of visits, talks and agreements (as in data/events.csv); 15% of these have none.
LEVEL_SHARES = {"minister": 51, "official": 29, "envoy": 14, "military": 7, "head_of_government": 6}
LEVEL_TYPES = ("high_level_visit", "talks", "agreement")
CONFIDENCE_SHARES = {"confirmed": 0.75, "single_source": 0.21, "disputed": 0.04}
MONTH_PRECISION_SHARE = 0.12
LOCATED_SHARE = 0.9
ARMED_GROUPS = ("TTP", "ISKP", "BLA", "JeM", "LeT", "unknown")
OUTLETS = ("Dawn", "The Express Tribune", "Geo News", "Tolo News", "Ariana News", "Pajhwok", "The Hindu",
           "The Indian Express", "Reuters", "Associated Press", "BBC News", "Al Jazeera")


def _draw(rng: np.random.Generator, weights: dict, n: int) -> np.ndarray:
    """n indices into `weights`, drawn with the probabilities its values are proportional to."""
    p = np.asarray(list(weights.values()), dtype="float64")
    return rng.choice(len(p), n, p=p / p.sum())


def _strings(values) -> pa.Array:
    return pa.array(list(values), type=pa.string())


def _text(values: pa.Array, keep: np.ndarray | None = None) -> pd.Series:
    """An Arrow string array as a text column, missing where `keep` is False (Arrow: no Python loop)."""
    if keep is not None:
        values = pc.if_else(pa.array(keep), values, pa.scalar(None, pa.string()))
    return pd.Series(pd.array(values, dtype="str"))


def _days(values: np.ndarray, keep: np.ndarray | None = None) -> pd.Series:
    values = values.astype("datetime64[us]")
    return pd.Series(values if keep is None else np.where(keep, values, np.datetime64("NaT", "us")))


def _whole(values: np.ndarray, keep: np.ndarray) -> pd.Series:
    return pd.Series(pd.arrays.IntegerArray(values.astype("int64"), mask=~keep))


def _places_for(dyads: list[str], dyad: np.ndarray, places: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """A random row of `places` in one of each event's two countries (-1 when neither has any)."""
    picks = np.full(len(dyad), -1)
    for number, name in enumerate(dyads):
        rows = np.flatnonzero(places["country"].isin(name.split("-")).to_numpy())
        where = np.flatnonzero(dyad == number)
        if len(rows):
            picks[where] = rows[rng.integers(0, len(rows), len(where))]
    return picks


def synthetic_events(n: int, seed: int = 0) -> pd.DataFrame:
    """`n` invented events in the tracker's schema (see the module docstring); same seed, same events."""
    rng = np.random.default_rng(seed)
    number = pc.cast(pa.array(np.arange(1, n + 1)), pa.string())
    event_id = pc.binary_join_element_wise("SYN-", pc.utf8_lpad(number, 9, "0"), "")
    url = pc.binary_join_element_wise(SYNTH_URL, event_id, "")

    first, last = np.datetime64(SYNTH_START.date()), np.datetime64(min(SYNTH_END, today()).date())
    date = first + rng.integers(0, (last - first).astype(int) + 1, n)
    monthly = rng.random(n) < MONTH_PRECISION_SHARE
    date = np.where(monthly, date.astype("datetime64[M]").astype("datetime64[D]"), date)  # month precision: the 1st
    order = np.argsort(date, kind="stable")  # ids in date order, as a curated file grows
    date, monthly = date[order], monthly[order]
    reported = lambda: np.minimum(date + rng.integers(0, 4, n), last)  # noqa: E731 (published 0-3 days later)

    dyads, types = list(DYAD_SHARES), list(TYPE_COUNTS)
    dyad, event_type = _draw(rng, DYAD_SHARES, n), _draw(rng, TYPE_COUNTS, n)
    type_names = np.asarray(types)[event_type]
    flip = pa.array(rng.random(n) < 0.5)
    side1, side2 = _strings(d[:3] for d in dyads).take(dyad), _strings(d[4:] for d in dyads).take(dyad)
    initiator, target = pc.if_else(flip, side2, side1), pc.if_else(flip, side1, side2)
    group = _strings(ARMED_GROUPS).take(rng.integers(0, len(ARMED_GROUPS), n))
    initiator = pc.if_else(pa.array(type_names == "militant_attack"), group, initiator)

    places = read_places()
    pick = _places_for(dyads, dyad, places, rng)
    located = (pick >= 0) & (rng.random(n) < LOCATED_SHARE)
    pick = np.where(located, pick, 0)
    place = {c: pa.array(places[c], type=pa.string(), from_pandas=True).take(pick)
             for c in ("place", "province", "country")}
    coordinate = {c: np.where(located, places[c].to_numpy(dtype="float64")[pick], np.nan)
                  for c in ("latitude", "longitude")}

    fatal = rng.random(n) < pd.Series(type_names).map(FATALITY_SHARES).fillna(0.0).to_numpy()
    best = np.floor(rng.lognormal(1.0, 1.2, n)).clip(0, 400)
    low, high = best - np.floor(best * rng.uniform(0, 0.5, n)), best + np.floor(best * rng.uniform(0, 1.0, n))
    levelled = np.isin(type_names, LEVEL_TYPES) & (rng.random(n) < 0.85)
    closure = (type_names == "border_closure") & (rng.random(n) < 0.7)

    confidence = _draw(rng, CONFIDENCE_SHARES, n)
    second = confidence == list(CONFIDENCE_SHARES).index("confirmed")
    third = second & (rng.random(n) < 0.3)
    outlet = rng.integers(0, len(OUTLETS), n)
    outlets = _strings(OUTLETS)

    at = pc.if_else(pa.array(located), pc.binary_join_element_wise(" at ", place["place"], ""), "")
    summary = pc.binary_join_element_wise(_strings(TYPE_LABELS[t] for t in types).take(event_type), ": ", initiator,
                                          " → ", target, at, " (synthetic event ", number, ")", "")
    events = pd.DataFrame({
        "event_id": _text(event_id),
        "date": _days(date),
        "date_precision": _text(_strings(["day", "month"]).take(monthly.astype("int8"))),
        "dyad": _text(_strings(dyads).take(dyad)),
        "event_type": _text(_strings(types).take(event_type)),
        "initiator": _text(initiator),
        "target": _text(target),
        "summary": _text(summary),
        "location": _text(place["place"], located),
        "province": _text(place["province"], located),
        "country": _text(place["country"], located),
        "latitude": coordinate["latitude"],
        "longitude": coordinate["longitude"],
        "fatalities_best": _whole(best, fatal),
        "fatalities_low": _whole(low, fatal),
        "fatalities_high": _whole(high, fatal),
        "actor_level": _text(_strings(LEVEL_SHARES).take(_draw(rng, LEVEL_SHARES, n)), levelled),
        "duration_days": _whole(rng.integers(1, 60, n), closure),
        "confidence": _text(_strings(CONFIDENCE_SHARES).take(confidence)),
        "source1_url": _text(url),
        "source1_outlet": _text(outlets.take(outlet)),
        "source1_date": _days(reported()),
        "source2_url": _text(pc.binary_join_element_wise(url, "/2", ""), second),
        "source2_outlet": _text(outlets.take((outlet + 1) % len(OUTLETS)), second),
        "source2_date": _days(reported(), second),
        "source3_url": _text(pc.binary_join_element_wise(url, "/3", ""), third),
        "source3_outlet": _text(outlets.take((outlet + 2) % len(OUTLETS)), third),
        "source3_date": _days(reported(), third),
        "other_sources": _text(pa.nulls(n, pa.string())),
        "distinct_from": _text(pa.nulls(n, pa.string())),
        "notes": _text(pc.if_else(pa.array(monthly), "Synthetic: the sources give the month only.", None)),
    })
    return events[list(COLUMNS)].astype(EVENT_DTYPES)
