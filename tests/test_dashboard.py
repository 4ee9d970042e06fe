"""The dashboard as a user meets it, through Streamlit's AppTest on the real entry file."""

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
    assert len(app.get("plotly_chart")) == 5
    assert [m.label for m in app.metric][3:] == ["Events in view", "Fatalities in view"]


def test_type_filter_changes_charts_table_and_metrics(app):
    before_specs, before_rows = chart_specs(app), len(events_table(app))
    app.multiselect(key="types").set_value(["talks"]).run()
    assert not app.exception
    table = events_table(app)
    assert 0 < len(table) < before_rows
    assert set(table["event_type"]) == {"Talks / dialogue"}
    assert app.metric[3].value == str(len(table))
    assert all(a != b for a, b in zip(chart_specs(app), before_specs))


def test_download_holds_exactly_the_filtered_rows(app):
    app.multiselect(key="types").set_value(["border_closure", "border_reopening"]).run()
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
