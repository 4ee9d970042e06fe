"""The curated data itself: valid, sourced, without duplicates, covering what the issues promise."""

import pandas as pd
import pytest

from tracker.coding import near_duplicates
from tracker.load import read_events, read_places
from tracker.paths import ROOT


@pytest.fixture(scope="module")
def events():
    return read_events()


def test_curated_file_is_valid(events):
    assert len(events) > 0  # read_events raises on any problem


def test_ids_and_summaries_are_unique(events):
    assert events["event_id"].is_unique
    assert events["summary"].str.casefold().str.strip().is_unique


def test_ids_carry_dyad_and_date(events):
    expected = events["dyad"].astype(str) + "-" + events["date"].dt.strftime("%Y%m%d") + "-"
    assert [i for i, e in zip(events["event_id"], expected) if not i.startswith(e)] == []


def test_every_event_has_a_web_source(events):
    assert events["source1_url"].str.match(r"^https?://").all()


def test_confirmed_events_cite_two_sources(events):
    confirmed = events[events["confidence"] == "confirmed"]
    assert confirmed["source2_url"].notna().all(), confirmed.loc[confirmed["source2_url"].isna(), "event_id"].tolist()


def test_no_near_duplicates_unless_marked_distinct(events):
    """Same dyad, type and place within two days is a likely double entry (the check `add` applies)."""
    assert near_duplicates(events, events, "data/events.csv", within=True) == []


def test_fatality_ranges_are_explained(events):
    ranged = events[events["fatalities_low"] != events["fatalities_high"]].dropna(subset=["fatalities_low"])
    assert ranged["notes"].notna().all(), ranged["event_id"].tolist()


def test_seed_article_events_are_in_the_data(events):
    seeds = pd.read_csv(ROOT / "seeds" / "register.csv")
    seed_ids = [i for ids in seeds["event_ids"] for i in ids.split(";")]
    assert set(seed_ids) <= set(events["event_id"])


def test_afghanistan_pakistan_coverage_floor(events):
    afpk = events[events["dyad"] == "AFG-PAK"]
    assert len(afpk) >= 45  # issue "End to end": the seed events and 40 more
    assert afpk["date"].min() <= pd.Timestamp("2021-09-01")


def test_gazetteer_places_are_sourced():
    places = read_places()
    assert places["place"].is_unique
    assert places["source_url"].str.match(r"^https?://").all()
    assert places["latitude"].between(-90, 90).all() and places["longitude"].between(-180, 180).all()
