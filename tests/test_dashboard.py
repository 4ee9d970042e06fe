"""The dashboard as a user meets it, through Streamlit's AppTest on the real entry file."""

import datetime as dt
import io

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

import streamlit.testing.v1.app_test as app_test_module
from tracker.filters import Filters
from tracker.load import read_events

APP = "../dashboard.py"


class RecordingStorage(MemoryMediaFileStorage):
    """Keeps a handle on the storage AppTest creates, so tests can read downloads."""

    last = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RecordingStorage.last = self


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    return AppTest.from_file(APP, default_timeout=60).run()


def download(at: AppTest, key: str) -> tuple[str, str]:
    """(file name, text) of a download button's file."""
    button = next(b for b in at.get("download_button") if b.proto.id.endswith(key))
    filename = button.proto.url.rsplit("/", 1)[-1]
    media = RecordingStorage.last.get_file(filename)
    return media.filename, media.content.decode("utf-8")


def events_table(at: AppTest) -> pd.DataFrame:
    """The events table (the one with a confidence column; the other tables explain the index)."""
    return next(d.value for d in at.dataframe if "confidence" in d.value.columns)


def chart_specs(at: AppTest) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def test_renders_without_exception(app):
    assert not app.exception
    assert app.title[0].value == "AFG-PAK: bilateral relations tracker"
    assert {c.key for c in app.get("plotly_chart")} == {"index_chart", "type_chart", "net_chart", "monthly_chart", "heatmap_chart",
                                                        "map_chart", "periods_chart", "dyads_chart"}
    assert [m.label for m in app.metric][3:] == ["Events", "Fatalities (best estimate)"]


def test_type_filter_changes_charts_table_and_metrics(app):
    before_specs, before_rows = chart_specs(app), len(events_table(app))
    app.multiselect(key="event_types").set_value(["talks"]).run()
    assert not app.exception
    table = events_table(app)
    assert 0 < len(table) < before_rows
    assert set(table["event_type"]) == {"Talks / dialogue"}
    assert app.metric[3].value == str(len(table))
    assert all(a != b for a, b in zip(chart_specs(app), before_specs))


def test_download_holds_exactly_the_filtered_rows(app):
    app.multiselect(key="event_types").set_value(["border_closure", "border_reopening"]).run()
    app.text_input(key="text").input("Torkham").run()
    name, text = download(app, "download_events")
    downloaded = pd.read_csv(io.StringIO(text))
    events = read_events()
    period = app.date_input(key="period").value
    expected = Filters(dyad="AFG-PAK", start=period[0], end=period[1], event_types=("border_closure", "border_reopening"),
                       text="Torkham").apply(events)
    assert downloaded["event_id"].tolist() == expected["event_id"].tolist()
    assert len(downloaded) == len(events_table(app)) > 0
    assert name.startswith("AFG-PAK_events_") and name.endswith("_filtered.csv")


def test_index_download_follows_the_period(app):
    app.date_input(key="period").set_value((pd.Timestamp("2025-01-01").date(), pd.Timestamp("2025-06-30").date())).run()
    name, text = download(app, "download_index")
    index = pd.read_csv(io.StringIO(text))
    assert name == "AFG-PAK_tension-index_2025-01-01_2025-06-30.csv"
    assert index["date"].iloc[0] == "2025-01-01" and index["date"].iloc[-1] == "2025-06-30"
    assert index["index"].between(0, 100).all()


def test_dyad_switch(app):
    app.selectbox(key="dyad").set_value("IND-PAK").run()
    assert not app.exception
    assert app.title[0].value.startswith("IND-PAK")
    assert len(events_table(app)) == (read_events()["dyad"] == "IND-PAK").sum()


def test_link_parameters_restore_the_view():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dyad": "PAK-IND", "start": "2025-04-01", "end": "2025-06-30",
                            "event_types": ["cross_border_strike", "ceasefire"], "text": "", "half_life": "45"})
    at.run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="dyad").value == "IND-PAK"
    assert at.date_input(key="period").value == (pd.Timestamp("2025-04-01").date(), pd.Timestamp("2025-06-30").date())
    assert at.multiselect(key="event_types").value == ["cross_border_strike", "ceasefire"]
    assert at.slider(key="half_life").value == 45
    assert set(events_table(at)["event_type"]) <= {"Airstrike / cross-border strike", "Ceasefire"}


def test_invalid_link_parameters_fall_back_with_a_note():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dyad": "XX", "start": "2025-13-45", "event_types": ["picnic", "talks"], "half_life": "soon"})
    at.run()
    assert not at.exception
    notes = " ".join(w.value for w in at.warning).replace("\\", "")  # as displayed, without Markdown escapes
    assert "dyad" in notes and "start" in notes and "picnic" in notes and "half_life" in notes
    assert at.selectbox(key="dyad").value == "AFG-PAK"
    assert at.multiselect(key="event_types").value == ["talks"]


def test_choices_are_written_to_the_page_address(app):
    """The dyad and every choice made are in the address; choices left at their default stay out,
    so that a default period keeps following the data."""
    app.multiselect(key="event_types").set_value(["talks"]).run()
    app.slider(key="half_life").set_value(45).run()
    app.number_input(key="window").set_value(30).run()
    app.radio(key="changing_by").set_value("province").run()
    params = {k: v if isinstance(v, list) else [v] for k, v in app.query_params.items()}
    assert params == {"dyad": ["AFG-PAK"], "event_types": ["talks"], "half_life": ["45"], "window": ["30"],
                      "changing_by": ["province"]}
    chosen = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    app.date_input(key="period").set_value(chosen).run()
    assert (app.query_params["start"], app.query_params["end"]) == ("2025-01-01", "2025-06-30")


def test_view_choices_come_back_from_the_link():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"dyad": "AFG-PAK", "pivot": "AFG-PAK-20251019-doha-ceasefire", "window": "30",
                            "changing_by": "province", "overlay": "(none)", "compare_dyads": ["AFG-PAK", "IND-PAK"]})
    at.run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="pivot").value == "AFG-PAK-20251019-doha-ceasefire"
    assert at.number_input(key="window").value == 30
    assert at.radio(key="changing_by").value == "province"
    assert at.multiselect(key="compare_dyads").value == ["AFG-PAK", "IND-PAK"]
    bad = AppTest.from_file(APP, default_timeout=60)
    bad.query_params.update({"pivot": "no-such-event", "window": "many"})
    bad.run()
    assert not bad.exception
    notes = " ".join(w.value for w in bad.warning).replace("\\", "")
    assert "pivot" in notes and "window" in notes
    assert bad.number_input(key="window").value == 90


def test_a_chosen_period_survives_a_dyad_switch(app):
    chosen = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    app.date_input(key="period").set_value(chosen).run()
    app.selectbox(key="dyad").set_value("IND-PAK").run()
    assert tuple(app.date_input(key="period").value) == chosen  # it fits IND-PAK too: kept


def test_the_default_period_follows_the_dyad(app):
    """Left at its default, the period is each dyad's own span, even where another's would fit."""
    events = read_events()
    for dyad in ("IND-PAK", "AFG-IND"):
        app.selectbox(key="dyad").set_value(dyad).run()
        dates = events.loc[events["dyad"] == dyad, "date"]
        assert tuple(app.date_input(key="period").value) == (dates.min().date(), dates.max().date()), dyad


HOSTILE_ADDRESSES = [
    {"text": "zzzzqqq"}, {"half_life": "inf"}, {"half_life": "1e400"}, {"half_life": "-inf"},
    {"actors": ["Nobody"] * 500, "places": "Nowhere", "dyad": "AFG-IND", "event_types": "cross_border_strike"},
    {"start": "2026-06-01", "end": "2022-01-01", "window": "nan", "pivot": "x" * 3000, "tab": "<script>"},
    {"dyad": "PAK-IND", "weight": ["talks:1e308", "border_clash:-inf", "talks:3"], "week_end": "9999-12-31",
     "compare_dyads": ["AFG-PAK", "AFG-PAK", "ZZZ"], "overlay": "\u202e", "annotate": ["a", "a"]},
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES, ids=range(len(HOSTILE_ADDRESSES)))
def test_hostile_addresses_give_a_clear_view(address):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(address)
    at.run()
    assert not at.exception
    assert at.title[0].value.endswith("bilateral relations tracker")
    assert len(at.get("plotly_chart")) == 8
    notes = " ".join(w.value for w in at.warning).replace("\\", "")
    expected_notes = {k for k in address if k not in ("text", "actors", "places", "event_types", "dyad")} | (
        {"actors", "places"} if "actors" in address else set())
    assert all(key in notes for key in expected_notes), notes
    assert notes.count("'Nobody'") <= 1  # each unknown value noted once


def test_a_filter_that_matches_nothing_is_a_view(monkeypatch):
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"text": "zzzzqqq"})
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric][3] == "no events"
    assert any("No events match these filters" in i.value for i in at.info)
    for key in ("download_events", "download_index", "download_changing"):
        name, text = download(at, key)
        assert pd.read_csv(io.StringIO(text)).empty and text.count("\n") == 1, key  # a header, no rows
    assert "No events match these filters" in next(c.proto.spec for c in at.get("plotly_chart") if c.key == "index_chart")


def test_code_an_article_offers_its_candidates_for_review(monkeypatch):
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    at = AppTest.from_file(APP, default_timeout=60).run()
    text = "Pakistan reopened the Torkham border crossing with Afghanistan on Sunday, officials said. <script>alert(1)</script>"
    at.text_input(key="article_url").input("https://example.org/torkham").run()
    at.date_input(key="article_published").set_value(dt.date(2025, 3, 24)).run()
    at.text_area(key="article_text").input(text).run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert ":orange-background[" in shown and "<script>" not in shown  # escaped, never HTML
    name, csv_text = download(at, "download_candidates")
    rows = pd.read_csv(io.StringIO(csv_text))
    assert rows[["dyad", "event_type", "date", "location"]].values.tolist() == [["AFG-PAK", "border_reopening", "2025-03-23", "Torkham"]]
    assert rows["source1_url"].tolist() == ["https://example.org/torkham"]
    assert "selector: probability" in rows["rules"].iloc[0]  # the learned method by default
    at.radio(key="article_method").set_value("rules").run()
    rows = pd.read_csv(io.StringIO(download(at, "download_candidates")[1]))
    assert rows["event_type"].tolist() == ["border_reopening"] and "selector" not in rows["rules"].iloc[0]


def test_every_source_is_listed_and_a_month_is_not_read_as_a_day(app):
    table = events_table(app)
    events = read_events()
    afpk = events[events["dyad"] == "AFG-PAK"]
    months = afpk[afpk["date_precision"] == "month"]
    assert table["date"].str.endswith(", month").sum() == len(months) > 0
    assert not table["date"].str.endswith("-01").all()
    pages = next(d.value for d in app.dataframe if "quote" in d.value.columns)
    assert len(pages) == table["pages"].sum() and (pages["quote"] != "").any()
