"""The index against history, on the curated data: what a critical reader would check first.

Each check must hold for the published half-life and for the alternatives of the sensitivity band
(15 and 60 days), so that no conclusion rests on one parameter choice.
"""

import pandas as pd
import pytest

from tracker.index import IndexParams, tension_index
from tracker.load import read_events


@pytest.fixture(scope="module")
def events():
    return read_events()


def series(events, dyad, half_life):
    return tension_index(events[events["dyad"] == dyad], IndexParams(half_life_days=half_life)).set_index("date")["index"]


@pytest.mark.parametrize("half_life", [15, 30, 60])
def test_october_2025_fighting_stands_above_the_spring_2025_rapprochement(events, half_life):
    afpk = series(events, "AFG-PAK", half_life)
    assert afpk["2025-10-12":"2025-11-15"].mean() > afpk["2025-04-19":"2025-05-31"].mean() + 10


@pytest.mark.parametrize("half_life", [15, 30, 60])
def test_rises_after_the_december_2024_paktika_strikes(events, half_life):
    afpk = series(events, "AFG-PAK", half_life)
    assert afpk["2024-12-24"] > afpk["2024-12-23"] + 5
    assert afpk["2024-12-31"] > afpk["2024-12-23"]


@pytest.mark.parametrize("half_life", [15, 30, 60])
def test_falls_after_the_april_2025_dar_visit(events, half_life):
    afpk = series(events, "AFG-PAK", half_life)
    assert afpk["2025-04-19"] < afpk["2025-04-18"] - 5
    assert afpk["2025-04-25"] < afpk["2025-04-18"]


@pytest.mark.parametrize("half_life", [15, 30, 60])
def test_india_pakistan_peaks_in_the_may_2025_crisis(events, half_life):
    indpak = series(events, "IND-PAK", half_life)
    peak = indpak["2021-08-15":].idxmax()
    assert pd.Timestamp("2025-04-22") <= peak <= pd.Timestamp("2025-05-31")
    assert indpak["2025-05-10"] > 90


def test_afghanistan_india_warms_with_the_october_2025_muttaqi_visit(events):
    afin = series(events, "AFG-IND", 30)
    assert afin["2025-10-09":"2025-10-31"].mean() < 50
    assert afin["2025-10-31"] < afin["2025-09-30"]


def test_the_taliban_takeover_period_is_not_read_as_crisis(events):
    """Autumn 2021 was engagement (visits, aid, talks), not conflict."""
    afpk = series(events, "AFG-PAK", 30)
    assert afpk["2021-09-01":"2021-12-31"].mean() < 50


def test_no_day_at_the_ceiling(events):
    """Method 1.1: at the published method the worst crises stay ordered, none pinned at 99 or above."""
    index = tension_index(events)
    assert index.loc[index["index"] >= 99, ["date", "dyad"]].values.tolist() == []
    afpk = index[index["dyad"] == "AFG-PAK"].set_index("date")["index"]
    assert afpk["2026-02-20":"2026-04-30"].max() > afpk["2025-10-01":"2025-11-30"].max() + 5  # the open war above October 2025
