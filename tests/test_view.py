"""One view, computed once: every table, figure and export of any filter set, empty ones included."""

import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tracker import charts
from tracker.filters import Filters
from tracker.index import tension_index
from tracker.load import read_events
from tracker.schema import CONFIDENCE_LEVELS, EVENT_TYPES
from tracker.view import View

EVENTS = read_events()
DYADS = sorted(EVENTS["dyad"].unique())
ACTORS = sorted(set(EVENTS["initiator"]) | set(EVENTS["target"]))[:30]
PLACES = sorted(EVENTS["location"].dropna().unique())[:30]
INDICES = tension_index(EVENTS)
DAYS = st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31))
FILTERS = st.builds(
    Filters, dyad=st.sampled_from([None, *DYADS]), start=st.none() | DAYS, end=st.none() | DAYS,
    event_types=st.lists(st.sampled_from(EVENT_TYPES), max_size=3, unique=True).map(tuple),
    actors=st.lists(st.sampled_from([*ACTORS, "Nobody"]), max_size=2, unique=True).map(tuple),
    places=st.lists(st.sampled_from([*PLACES, "Nowhere"]), max_size=2, unique=True).map(tuple),
    confidence=st.lists(st.sampled_from(CONFIDENCE_LEVELS), max_size=2, unique=True).map(tuple),
    text=st.sampled_from(["", "Torkham", "zzzzqqq", "talks", " ", "<b>"]))


def everything(view: View) -> None:
    """Make every table, figure and export a user can ask of the view."""
    assert set(view.figures()) == set(charts.CHART_NAMES)
    for figure in [*view.figures().values(), view.heatmap_figure(), view.index_figure(view.events["event_id"].head(2).tolist())]:
        figure.to_dict()
    table = pd.read_csv(io.StringIO(view.index_csv(band=True, by_type=True)))
    assert list(table.columns[:5]) == ["date", "dyad", "index", "low", "high"]
    assert len(table) == len(view.index)
    assert pd.read_csv(io.StringIO(view.events_csv()))["event_id"].tolist() == view.events["event_id"].tolist()
    view.what_moved()
    view.headline(), view.finding(), view.note(), view.key_events()
    day = view.filters.start or dt.date(2025, 4, 19)
    view.comparison_figure(view.compare_around(day, 30)).to_dict()
    view.whats_changing(view.filters.end or dt.date(2025, 12, 31), by="province")
    view.dyads_figure(INDICES, DYADS, view.others(EVENTS, "IND-PAK")).to_dict()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILTERS)
def test_any_filters_give_a_view_with_every_table_and_figure(filters):
    everything(View.build(EVENTS, filters))


@pytest.mark.parametrize("filters", [
    Filters(dyad="AFG-PAK", text="zzzzqqq"), Filters(dyad="AFG-PAK", actors=("Nobody",)),
    Filters(dyad="AFG-PAK", places=("Nowhere",)), Filters(dyad="AFG-IND", event_types=("cross_border_strike",)),
    Filters(dyad="AFG-PAK", start=dt.date(2025, 6, 1), end=dt.date(2025, 1, 1)),
])
def test_an_empty_view_is_a_valid_view(filters):
    view = View.build(EVENTS, filters)
    everything(view)
    full = View.build(EVENTS, Filters(dyad="AFG-PAK"))
    assert view.events.empty and view.events.dtypes.equals(full.events.dtypes)
    table, full_table = view.index_table(by_type=False), full.index_table(by_type=False)
    assert table.empty and table.dtypes.equals(full_table.dtypes)
    assert pd.read_csv(io.StringIO(view.index_csv())).columns.tolist() == pd.read_csv(io.StringIO(full.index_csv())).columns.tolist()
    assert pd.read_csv(io.StringIO(view.events_csv())).empty
    assert view.headline()["Events"] == "no events"
    for name, figure in view.figures().items():
        texts = [a.text for a in figure.layout.annotations]
        assert charts.NO_EVENTS in texts, name
        assert figure.layout.xaxis.visible is not False or name == "map"


def test_the_index_table_is_the_index_with_its_band_and_shares():
    view = View.build(EVENTS, Filters(dyad="AFG-PAK", start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30)))
    table = view.index_table(band=True, by_type=True)
    assert table[["date", "index"]].equals(view.index[["date", "index"]])
    assert (table["low"] <= table["index"] + 1e-9).all() and (table["index"] <= table["high"] + 1e-9).all()
    shares = table.filter(like="type_").sum(axis=1)
    assert shares.round(6).equals(table["score"].round(6))  # the shares add up to the score


def test_periods_compared_around_a_day():
    view = View.build(EVENTS, Filters(dyad="AFG-PAK"))
    comparison = view.compare_around(dt.date(2025, 4, 19), 90)
    assert comparison.first == (dt.date(2025, 1, 19), dt.date(2025, 4, 18))
    assert comparison.second == (dt.date(2025, 4, 19), dt.date(2025, 7, 17))
    table = comparison.table.set_index("measure")
    in_second = EVENTS[(EVENTS["dyad"] == "AFG-PAK") & EVENTS["date"].between("2025-04-19", "2025-07-17")]
    assert table.at["Events: all", "second"] == len(in_second)
