"""Analyst views as tables: two periods, what is changing, weekly intensity."""

import pandas as pd
import pytest

from tracker.index import tension_index
from tracker.tables import compare_periods, weekly_intensity, whats_changing
from tests.conftest import event_row, make_events


@pytest.fixture
def events():
    rows = [event_row(f"T{i}", f"2025-0{m}-{d:02d}", t, province=p, summary=f"e{i}")
            for i, (m, d, t, p) in enumerate([
                (1, 5, "talks", "Kabul"), (1, 20, "talks", "Kabul"), (2, 3, "border_clash", "Khyber Pakhtunkhwa"),
                (3, 10, "border_clash", "Khyber Pakhtunkhwa"), (3, 12, "border_clash", "Khyber Pakhtunkhwa"),
                (3, 14, "cross_border_strike", "Paktika"), (3, 20, "talks", "Kabul")])]
    rows[3].update(fatalities_best="4", fatalities_low="4", fatalities_high="4")
    return make_events(rows)


def test_compare_periods(events):
    index = tension_index(events, end="2025-03-31")
    table = compare_periods(events, index, ("2025-01-01", "2025-01-31"), ("2025-03-01", "2025-03-31")).set_index("measure")
    assert table.loc["Events: all", ["first", "second", "change"]].tolist() == [2, 4, 2]
    assert table.loc["Events: Border clash", ["first", "second", "change_percent"]].fillna(-1).tolist() == [0, 2, -1]
    assert table.loc["Events: Talks / dialogue", "change_percent"] == -50.0
    assert table.loc["Fatalities (best estimate)", "second"] == 4
    jan = index.set_index("date").loc["2025-01-01":"2025-01-31", "index"].mean()
    assert table.loc["Mean tension index", "first"] == pytest.approx(jan)


def test_whats_changing_against_4_and_52_weeks(events):
    table = whats_changing(events, "2025-03-28").set_index("event_type")
    # four weeks 1-28 Mar: 2 clashes, 1 strike, 1 talks; the 4 weeks before (1-28 Feb): the 3 Feb clash
    assert table.loc["Border clash", ["last_4_weeks", "avg_previous_4_weeks"]].tolist() == [2, 1]
    assert table.loc["Border clash", "change_vs_previous_4_weeks_percent"] == 100.0
    assert table.loc["Border clash", "avg_previous_52_weeks"] == pytest.approx(1 / 13, abs=0.01)
    assert table.loc["Airstrike / cross-border strike", "flag"] == "new"
    assert table.loc["Talks / dialogue", "avg_previous_52_weeks"] == pytest.approx(2 / 13, abs=0.01)
    by_province = whats_changing(events, "2025-03-28", by="province").set_index("province")
    assert by_province.loc["Paktika", "last_4_weeks"] == 1


def test_weekly_intensity_counts_every_week(events):
    weekly = weekly_intensity(events)
    assert weekly.to_numpy().sum() == len(events)
    assert (weekly.index.to_series().diff().dropna() == pd.Timedelta(days=7)).all()
    assert weekly.index[0] == pd.Timestamp("2024-12-30")  # the Monday of 5 Jan 2025's week
