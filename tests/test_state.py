"""The page state: whatever a page address holds, a state within its declared ranges, and a note."""

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from tracker.filters import Filters
from tracker.schema import CONFIDENCE_LEVELS, EVENT_TYPES
from tracker.state import CHANGING_BY, HALF_LIFE_DAYS, NO_OVERLAY, TABS, WEIGHT_RANGE, WIDGET_KEYS, WINDOW_DAYS, \
    Choices, DyadChoices, PageState

SPANS = {"AFG-IND": (dt.date(2021, 8, 1), dt.date(2026, 3, 17)), "AFG-PAK": (dt.date(2021, 8, 1), dt.date(2026, 6, 30)),
         "IND-PAK": (dt.date(2021, 8, 14), dt.date(2026, 7, 1))}
EVENTS = {d: (f"{d}-20250419-dar-kabul-visit" if d == "AFG-PAK" else f"{d}-20250101-a", f"{d}-20250301-b") for d in SPANS}
TODAY = dt.date(2026, 12, 3)
CHOICES = Choices(tuple(SPANS), lambda d: DyadChoices(*SPANS[d], actors={"PAK", "AFG", "TTP"}, places={"Torkham", "Kabul"},
                                                       events=EVENTS[d]), today=TODAY)
KEYS = ["dyad", "start", "end", "event_types", "actors", "places", "confidence", "text", "half_life", "weight",
        "annotate", "pivot", "window", "compare_dyads", "overlay", "week_end", "changing_by", "tab"]
HOSTILE = st.one_of(
    st.text(max_size=30), st.sampled_from(["inf", "-inf", "nan", "1e400", "-5", "0", "7.5", "2025-13-45", "9999-12-31",
                                           "1800-01-01", "talks", "talks:1e308", "talks:nan", "PAK-AFG", "AFG-PAK",
                                           "(none)", "\u202e", "<script>", "x" * 5000, "30", "2025-04-19"]))
ADDRESS = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)),
                          st.one_of(HOSTILE, st.lists(HOSTILE, max_size=5)), max_size=12)


def state(params):
    return PageState.from_query_params(params, choices=CHOICES)


def within_ranges(page: PageState) -> None:
    first, last = SPANS[page.dyad]
    latest = max(last, TODAY)
    f = page.filters
    assert page.dyad in SPANS
    assert first <= f.start <= f.end <= latest
    assert set(f.event_types) <= set(EVENT_TYPES) and set(f.confidence) <= set(CONFIDENCE_LEVELS)
    assert set(f.actors) <= {"PAK", "AFG", "TTP"} and set(f.places) <= {"Torkham", "Kabul"}
    assert len(f.text) <= 200
    assert HALF_LIFE_DAYS[0] <= page.half_life <= HALF_LIFE_DAYS[1] and isinstance(page.half_life, int)
    assert WINDOW_DAYS[0] <= page.window <= WINDOW_DAYS[1]
    assert all(t in EVENT_TYPES and WEIGHT_RANGE[0] <= w <= WEIGHT_RANGE[1] for t, w in page.weights)
    assert set(page.annotate) <= set(EVENTS[page.dyad]) and page.pivot in EVENTS[page.dyad]
    assert set(page.compare_dyads) <= set(SPANS) and page.overlay in (NO_OVERLAY, *SPANS)
    assert first <= page.week_end <= latest
    assert page.changing_by in CHANGING_BY and page.tab in TABS


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ADDRESS)
def test_any_address_gives_a_state_within_its_ranges(params):
    page, notes = state(params)
    within_ranges(page)
    assert all(isinstance(n, str) and len(n) < 600 for n in notes)
    again, more = state(page.to_query_params())
    assert again == page and more == []  # the address it writes reads back to the same state, silently


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["picnic", "talks", "<b>x</b>", "zzz"]), min_size=1, max_size=2000))
def test_each_unknown_value_is_noted_once_and_duplicates_collapse(values):
    page, notes = state({"event_types": values})
    unknown = {v for v in values if v != "talks"}
    assert len(notes) == (1 if unknown else 0)
    assert all(notes[0].count(repr(v)) == 1 for v in unknown)
    assert page.filters.event_types == (("talks",) if "talks" in values else ())
    assert page.to_query_params().get("event_types", []) in ([], ["talks"])


def test_the_outside_testers_addresses():
    for params in ({"half_life": "inf"}, {"half_life": "1e400"}, {"half_life": "-inf"}, {"half_life": ["nan", "7"]}):
        page, notes = state(params)
        assert page.half_life == (7 if params["half_life"] == ["nan", "7"] else 30)
        assert notes == ([] if page.half_life == 7 else [f"Ignored link parameter half_life: {params['half_life']!r} "
                                                         "is not a whole number from 7 to 180"])
    page, notes = state({"text": "zzzzqqq"})
    assert page.filters.text == "zzzzqqq" and notes == []


def test_a_link_restores_every_choice():
    params = {"dyad": "PAK-IND", "start": "2025-04-01", "end": "2025-06-30", "event_types": ["cross_border_strike"],
              "half_life": "45", "weight": ["talks:-3.5"], "annotate": ["IND-PAK-20250301-b"], "pivot": "IND-PAK-20250101-a",
              "window": "30", "compare_dyads": ["AFG-PAK"], "overlay": "AFG-PAK", "week_end": "2025-05-31",
              "changing_by": "province", "tab": "dyads"}
    page, notes = state(params)
    assert notes == []
    assert page.filters == Filters(dyad="IND-PAK", start=dt.date(2025, 4, 1), end=dt.date(2025, 6, 30),
                                   event_types=("cross_border_strike",))
    assert (page.half_life, page.weights, page.window, page.tab) == (45, (("talks", -3.5),), 30, "dyads")
    assert page.all_weights()["talks"] == -3.5
    assert page.to_query_params() == {**params, "dyad": "IND-PAK"}


def test_defaults_stay_out_of_the_address_and_follow_the_data():
    page, _ = state({"dyad": "AFG-PAK"})
    assert page.to_query_params() == {"dyad": "AFG-PAK"}
    assert (page.filters.start, page.filters.end) == SPANS["AFG-PAK"]
    assert page.pivot == "AFG-PAK-20250419-dar-kabul-visit" and page.overlay == "IND-PAK"
    assert state({"dyad": "IND-PAK"})[0].overlay == NO_OVERLAY  # never a dyad's own events over it


def test_the_widgets_are_the_page_state():
    page, _ = state({"dyad": "AFG-PAK"})
    assert tuple(page.widget_values()) == WIDGET_KEYS


def test_widgets_after_a_dyad_switch():
    """A default period follows the new dyad; a chosen one that fits is kept; what the new dyad
    lacks gives way to its default, with a note."""
    before, _ = state({"dyad": "AFG-PAK"})
    values = {**before.widget_values(), "dyad": "AFG-IND", "actors": ["TTP", "Ghost"]}
    after, notes = PageState.from_widgets(values, choices=CHOICES, previous=before)
    assert (after.filters.start, after.filters.end) == SPANS["AFG-IND"]
    assert after.filters.actors == ("TTP",) and notes == ["Ignored choice actors: unknown value 'Ghost'"]
    assert after.pivot == "AFG-IND-20250301-b"  # the Dar visit is not an AFG-IND event: its latest offered one
    chosen = {**before.widget_values(), "period": (dt.date(2025, 1, 1), dt.date(2025, 6, 30))}
    kept, _ = PageState.from_widgets({**chosen, "dyad": "IND-PAK"}, choices=CHOICES, previous=before)
    assert (kept.filters.start, kept.filters.end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
