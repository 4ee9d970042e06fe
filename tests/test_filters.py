"""Filters: what each one keeps, how it describes itself, and its round trip through a link."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.filters import Filters, by_dyad, normalize_dyad
from tracker.synth import synthetic_events


@pytest.mark.parametrize("filters, expected_ids", [
    (Filters(), None),  # everything
    (Filters(dyad="AFG-PAK"), ["A1", "A2", "A3", "A4", "A5", "A6"]),
    (Filters(dyad="IND-PAK"), ["I1"]),
    (Filters(start=dt.date(2025, 4, 19), end=dt.date(2025, 4, 20)), ["A3", "A4"]),
    (Filters(event_types=("talks", "trade_easing")), ["A2", "A4"]),
    (Filters(actors=("TTP",)), ["A6"]),
    (Filters(dyad="AFG-PAK", actors=("AFG",)), ["A1", "A2", "A3", "A4", "A5"]),
    (Filters(places=("Khyber Pakhtunkhwa",)), ["A5", "A6"]),
    (Filters(places=("Kabul",)), ["A2", "A3"]),
    (Filters(confidence=("disputed", "single_source")), ["A3", "A6"]),
    (Filters(text="kabul"), ["A2", "A3"]),
    (Filters(text="  BANK guarantees "), ["A4"]),
    (Filters(text="(unbalanced["), []),  # plain text, never a regular expression
    (Filters(dyad="AFG-PAK", event_types=("talks",), text="nothing like this"), []),
])
def test_apply(sample_events, filters, expected_ids):
    kept = filters.apply(sample_events)
    if expected_ids is None:
        assert len(kept) == len(sample_events)
    else:
        assert list(kept["event_id"]) == expected_ids


@pytest.mark.parametrize("filters", [Filters(dyad="AFG-PAK"), Filters(), Filters(start=dt.date(2025, 1, 1))])
def test_apply_returns_a_new_frame(sample_events, filters):
    before = sample_events.copy()
    kept = filters.apply(sample_events)
    kept["summary"] = "changed"
    assert kept is not sample_events and sample_events.equals(before)


@pytest.mark.parametrize("text, dyad", [("AFG-PAK", "AFG-PAK"), ("PAK-AFG", "AFG-PAK"), ("pak_ind", "IND-PAK")])
def test_dyad_accepts_either_order(text, dyad):
    assert normalize_dyad(text) == dyad


@pytest.mark.parametrize("text", ["PAK", "PAK-PAK", "PAKISTAN-AFG", "", "AF1-PAK"])
def test_bad_dyad_is_refused(text):
    with pytest.raises(ValueError, match="two ISO alpha-3 codes"):
        normalize_dyad(text)


def test_describe_and_file_stem():
    filters = Filters(dyad="AFG-PAK", start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30), event_types=("talks",))
    assert filters.describe() == "AFG-PAK; 2025-01-01 to 2025-06-30; types: Talks / dialogue"
    assert filters.file_stem("events") == "AFG-PAK_events_2025-01-01_2025-06-30_filtered"
    assert Filters(dyad="IND-PAK").file_stem("index") == "IND-PAK_index_start_latest"


def test_query_params_round_trip():
    filters = Filters(dyad="AFG-PAK", start=dt.date(2025, 1, 1), event_types=("talks", "ceasefire"), text="Dar")
    params = filters.to_query_params()
    assert params == {"dyad": "AFG-PAK", "start": "2025-01-01", "event_types": ["talks", "ceasefire"], "text": "Dar"}
    assert Filters.from_query_params(params) == (filters, [])


def test_bad_query_params_fall_back_with_a_note():
    filters, notes = Filters.from_query_params({"dyad": "XX", "start": "2025-13-01", "text": "ok"})
    assert filters == Filters(text="ok")
    assert len(notes) == 2 and "dyad" in notes[0] and "start" in notes[1]


def _naive(events, filters: Filters):
    """The filters as a plain boolean mask, rows in date order: what apply must return."""
    keep = pd.Series(True, index=events.index)
    if filters.dyad:
        keep &= events["dyad"] == filters.dyad
    if filters.start:
        keep &= events["date"] >= pd.Timestamp(filters.start)
    if filters.end:
        keep &= events["date"] <= pd.Timestamp(filters.end)
    if filters.event_types:
        keep &= events["event_type"].isin(filters.event_types)
    return events[keep].sort_values("date", kind="stable")


@settings(max_examples=60, deadline=None)
@given(dyad=st.sampled_from([None, "AFG-PAK", "IND-PAK", "AFG-IND"]),
       types=st.lists(st.sampled_from(["talks", "border_clash", "militant_attack", "agreement"]), max_size=2),
       start=st.one_of(st.none(), st.dates(dt.date(2021, 6, 1), dt.date(2026, 12, 31))),
       days=st.one_of(st.none(), st.integers(0, 900)), grouped=st.booleans())
def test_apply_matches_a_plain_mask_in_any_row_order(dyad, types, start, days, grouped):
    """Slicing shortcuts (one dyad's block in a table grouped by dyad, a period out of date order)
    keep exactly the rows a plain mask keeps, in the same order."""
    events = SYNTHETIC if not grouped else by_dyad(SYNTHETIC)
    end = start + dt.timedelta(days=days) if start and days is not None else None
    filters = Filters(dyad=dyad, start=start, end=end, event_types=tuple(types))
    kept = filters.apply(events)
    pd.testing.assert_frame_equal(kept, _naive(events, filters))


SYNTHETIC = synthetic_events(3_000, seed=7)


def test_grouping_by_dyad_keeps_every_row_and_leaves_a_grouped_table_alone():
    grouped = by_dyad(SYNTHETIC)
    assert sorted(grouped["event_id"]) == sorted(SYNTHETIC["event_id"])
    assert grouped["dyad"].is_monotonic_increasing
    assert all(rows["date"].is_monotonic_increasing for _, rows in grouped.groupby("dyad", observed=True))
    assert by_dyad(grouped) is grouped  # no copy of a table already in order
    as_text = by_dyad(SYNTHETIC.astype({"date": "str", "dyad": "str"}))  # raw text sorts the same way
    assert as_text["event_id"].tolist() == grouped["event_id"].tolist()
