"""The tension index: hand-computed cases for each step, and the properties the method promises."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from tracker.index import IndexParams, decayed_by_type, event_weights, index_change, severity, tension_index, to_scale
from tracker.schema import EVENT_TYPES
from tests.conftest import event_row, make_events


@pytest.mark.parametrize("fields, expected", [
    # event type, fields -> severity multiplier worked out by hand
    (dict(event_type="talks"), 1.0),
    (dict(event_type="cross_border_strike", fatalities_best="9", fatalities_low="9", fatalities_high="9"), 2.0),
    (dict(event_type="cross_border_strike", fatalities_best="99", fatalities_low="99", fatalities_high="99"), 3.0),
    (dict(event_type="high_level_visit", actor_level="head_of_government"), 1.5),
    (dict(event_type="talks", actor_level="official"), 0.75),
    (dict(event_type="border_closure", duration_days="9"), 2.0),
    (dict(event_type="talks", duration_days="9"), 1.0),  # duration counts for closures only
    (dict(event_type="talks", confidence="single_source"), 0.8),
    (dict(event_type="border_clash", confidence="disputed", fatalities_best="9", fatalities_low="9", fatalities_high="9"), 1.2),
])
def test_severity(fields, expected):
    row = event_row("A1", "2025-01-01", fields.pop("event_type"), **fields)
    assert severity(make_events([row])).iloc[0] == pytest.approx(expected)


def test_weights_are_signed_by_effect_on_the_relationship():
    events = make_events([event_row(f"E{i}", "2025-01-01", t, summary=t) for i, t in enumerate(
        ["cross_border_strike", "ceasefire", "militant_crackdown", "militant_attack"])])
    # strike raises, ceasefire eases, a crackdown on militants eases, an attack raises at half weight
    assert event_weights(events).tolist() == [10.0, -9.0, -5.0, 4.5]


def test_worked_example_of_the_methodology():
    events = make_events([
        event_row("S", "2025-01-01", "cross_border_strike", fatalities_best="9", fatalities_low="9", fatalities_high="9"),
        event_row("V", "2025-01-31", "high_level_visit", actor_level="minister"),
    ])
    series = tension_index(events).set_index("date")
    assert series.at[pd.Timestamp("2025-01-01"), "score"] == pytest.approx(20.0)
    assert series.at[pd.Timestamp("2025-01-16"), "score"] == pytest.approx(20.0 * 0.5 ** 0.5)
    assert series.at[pd.Timestamp("2025-01-31"), "score"] == pytest.approx(6.5)
    assert series.at[pd.Timestamp("2025-01-01"), "index"] == pytest.approx(66.9, abs=0.05)
    assert series.at[pd.Timestamp("2025-01-31"), "index"] == pytest.approx(55.8, abs=0.05)


def test_scale_is_fixed_and_centred_on_balance():
    assert to_scale([0.0]).tolist() == [50.0]
    assert to_scale([25.0])[0] == pytest.approx(100 / (1 + math.exp(-60 * math.asinh(25 / 60) / 28)))  # method 1.1
    assert to_scale([-25.0])[0] == pytest.approx(100 - to_scale([25.0])[0])  # symmetric
    assert list(to_scale([0, 50, 100, 200, 400, 800])) == sorted(to_scale([0, 50, 100, 200, 400, 800]))
    assert to_scale([200.0])[0] < 99  # no ceiling at the scores of the worst crises
    assert 0 < to_scale([-1e6])[0] + 1e-9 and to_scale([1e6])[0] <= 100


def test_half_life_sets_the_decay():
    events = make_events([event_row("S", "2025-01-01", "cross_border_strike")])
    series = tension_index(events, IndexParams(half_life_days=10), end="2025-01-21").set_index("date")["score"]
    assert series.iloc[-1] == pytest.approx(10.0 / 4)  # two half-lives


def test_series_runs_daily_to_the_end_date():
    events = make_events([event_row("S", "2025-01-01", "talks")])
    series = tension_index(events, end="2025-03-01")
    assert series["date"].iloc[-1] == pd.Timestamp("2025-03-01")
    assert series["date"].diff().dropna().eq(pd.Timedelta(days=1)).all()


def test_events_after_the_end_date_do_not_count():
    events = make_events([event_row("S", "2025-01-01", "talks"), event_row("T", "2025-02-01", "cross_border_strike")])
    series = tension_index(events, end="2025-01-20")
    assert series["date"].iloc[-1] == pd.Timestamp("2025-01-20")
    assert (series["score"] < 0).all()


def test_start_only_trims_the_view(sample_events):
    full = tension_index(sample_events)
    trimmed = tension_index(sample_events, start="2025-06-01")
    assert trimmed["date"].min() >= pd.Timestamp("2025-06-01")
    merged = trimmed.merge(full, on=["date", "dyad"], suffixes=("", "_full"))
    assert len(merged) == len(trimmed)
    assert (merged["index"] == merged["index_full"]).all()


def test_dyads_are_computed_separately(sample_events):
    together = tension_index(sample_events)
    alone = tension_index(sample_events[sample_events["dyad"] == "IND-PAK"])
    assert set(together["dyad"]) == {"AFG-IND", "AFG-PAK", "IND-PAK"}
    pd.testing.assert_frame_equal(together[together["dyad"] == "IND-PAK"].reset_index(drop=True), alone)


def test_type_columns_add_up_to_the_score(sample_events):
    afpk = sample_events[sample_events["dyad"] == "AFG-PAK"]
    by_type = decayed_by_type(afpk)
    score = tension_index(afpk).set_index("date")["score"]
    assert by_type.sum(axis=1).to_numpy() == pytest.approx(score.to_numpy())


def test_index_change_over_days():
    frame = pd.DataFrame({"date": pd.date_range("2025-01-01", periods=40), "dyad": "AFG-PAK",
                          "score": 0.0, "index": [float(i) for i in range(40)]})
    assert index_change(frame, 30) == 30.0
    assert index_change(frame, 90) is None


def test_parameters_are_checked_and_described():
    with pytest.raises(ValueError, match="half_life_days"):
        IndexParams(half_life_days=0)
    with pytest.raises(ValueError, match="unknown event types"):
        IndexParams(weights={"picnic": 1.0})
    custom = IndexParams(half_life_days=60, weights={**IndexParams().weights, "talks": -3.0})
    assert "half-life 60 days" in custom.describe() and "talks=-3" in custom.describe()
    assert IndexParams().is_published() and not custom.is_published()


# Property: causality. Adding an event dated t changes no value before t.
event_strategy = st.tuples(
    st.dates(min_value=pd.Timestamp("2024-01-01").date(), max_value=pd.Timestamp("2024-12-31").date()),
    st.sampled_from(EVENT_TYPES),
    st.one_of(st.none(), st.integers(min_value=0, max_value=500)),
)


@settings(max_examples=40, deadline=None)
@given(history=st.lists(event_strategy, min_size=1, max_size=15), extra=event_strategy,
       half_life=st.floats(min_value=1, max_value=365))
def test_adding_an_event_changes_nothing_before_its_date(history, extra, half_life):
    def rows(items):
        return [event_row(f"E{i}", day.isoformat(), kind, summary=f"e{i}",
                          **({} if dead is None else dict(fatalities_best=dead, fatalities_low=dead, fatalities_high=dead)))
                for i, (day, kind, dead) in enumerate(items)]
    params = IndexParams(half_life_days=half_life)
    before = tension_index(make_events(rows(history)), params, end="2025-01-31")
    after = tension_index(make_events(rows(history + [extra])), params, end="2025-01-31")
    cut = pd.Timestamp(extra[0])
    earlier = before.merge(after, on=["date", "dyad"], suffixes=("", "_after"))
    earlier = earlier[earlier["date"] < cut]
    assert (earlier["score"] == earlier["score_after"]).all()
    on_or_after = after[after["date"] >= cut]
    assert not on_or_after.empty
