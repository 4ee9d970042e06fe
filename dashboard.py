"""Bilateral relations tracker: a thin Streamlit script. Widgets -> tracker calls -> st.* output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from tracker import charts, export
from tracker.filters import Filters
from tracker.index import (
    METHOD_VERSION, IndexParams, decayed_by_type, index_change, monthly_net, sensitivity_band, tension_index, what_moved,
)
from tracker.load import format_problems, read_raw, check_events
from tracker.paths import EVENTS_CSV, METHODOLOGY_MD
from tracker.schema import CODEBOOK, CONFIDENCE_LEVELS, EVENT_TYPES, TYPE_LABELS

st.set_page_config(page_title="Bilateral relations tracker", page_icon="🧭", layout="wide")


# ---- Cached work, keyed on small values (file path and time, filters), never on frames ----

@st.cache_data(show_spinner="Loading events…")
def load_events(path: str, modified: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw, read_problems = read_raw(path, Path(path).name)
    return check_events(raw, Path(path).name, read_problems)


def index_params(half_life_days: float, weights: tuple[tuple[str, float], ...]) -> IndexParams:
    return IndexParams(half_life_days=half_life_days, weights=dict(weights))


@st.cache_data(show_spinner="Computing the index…")
def compute_index(path: str, modified: float, filters: Filters, half_life_days: float,
                  weights: tuple[tuple[str, float], ...]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(index, sensitivity band, contributions by type) over all history up to the view's end."""
    events, _ = load_events(path, modified)
    counted = filters.without_dates().apply(events)
    params = index_params(half_life_days, weights)
    return (tension_index(counted, params, end=filters.end),
            sensitivity_band(counted, params, end=filters.end),
            decayed_by_type(counted, params, end=filters.end))


# ---- Load ----

path = str(EVENTS_CSV)
modified = Path(path).stat().st_mtime
events, problems = load_events(path, modified)
if not problems.empty:
    st.error(f"{len(problems)} problem(s) in the events file; the rows concerned are left out until fixed.")
    st.code("\n".join(format_problems(problems)), language=None)
if events.empty:
    st.stop()

# ---- Sidebar: filters ----

sidebar = st.sidebar
sidebar.title("Filters")
dyads = sorted(events["dyad"].unique())
dyad = sidebar.selectbox("Dyad", dyads, index=dyads.index("AFG-PAK") if "AFG-PAK" in dyads else 0, key="dyad")
in_dyad = events[events["dyad"] == dyad]
first, data_date = in_dyad["date"].min().date(), in_dyad["date"].max().date()
period = sidebar.date_input("Period", value=(first, data_date), min_value=first,
                            max_value=max(data_date, dt.date.today()), key="period",
                            help="Ends by default on the latest event recorded for this dyad (the data date).")
start, end = (period[0], period[-1]) if len(period) else (first, data_date)
types = sidebar.multiselect("Event types", EVENT_TYPES, format_func=TYPE_LABELS.get, key="types",
                            placeholder="All types")
actor_names = sorted(set(in_dyad["initiator"]) | set(in_dyad["target"]))
actors = sidebar.multiselect("Initiator or target", actor_names, key="actors", placeholder="Any actor")
place_names = sorted(set(in_dyad["location"].dropna()) | set(in_dyad["province"].dropna()))
places = sidebar.multiselect("Place or province", place_names, key="places", placeholder="Anywhere")
confidence = sidebar.multiselect("Confidence", CONFIDENCE_LEVELS, key="confidence", placeholder="Any confidence")
text = sidebar.text_input("Summary contains", key="text", max_chars=200)
sidebar.title("Index method")
half_life = sidebar.slider("Half-life (days)", 7, 180, int(IndexParams().half_life_days), key="half_life",
                           help="How fast an event's weight fades: it counts half after this many days.")
published = CODEBOOK["tension_weight"].rename("weight").to_frame().assign(label=CODEBOOK["label"])[["label", "weight"]]
if sidebar.button("Reset to the published method", key="reset_method"):
    st.session_state["half_life"] = int(IndexParams().half_life_days)
    st.session_state.pop("weights", None)
    st.rerun()
with sidebar.expander("Event type weights"):
    edited = st.data_editor(published, key="weights", disabled=["label"], width="stretch",
                            column_config={"label": "Type", "weight": st.column_config.NumberColumn(
                                "Weight", min_value=-20.0, max_value=20.0, step=0.1, format="%.1f",
                                help="Positive raises tension, negative eases it")})
weights = tuple((t, float(w)) for t, w in edited["weight"].fillna(published["weight"]).items())
sidebar.caption("The method is described under **Methodology** at the foot of the page.")

filters = Filters(dyad=dyad, start=start, end=end, event_types=tuple(types), actors=tuple(actors),
                  places=tuple(places), confidence=tuple(confidence), text=text)
params = index_params(float(half_life), weights)
view = filters.apply(events)
index_df, band, by_type = compute_index(path, modified, filters, float(half_life), weights)
index_view = index_df[index_df["date"] >= pd.Timestamp(start)]
band_view = band[band["date"] >= pd.Timestamp(start)]

# ---- Headline figures ----

st.title(f"{dyad}: bilateral relations tracker")
st.caption(filters.describe() + " · " + params.describe()
           + ("" if params.is_published() else " · **not the published method**"))
current = index_view["index"].iloc[-1] if len(index_view) else None
change_30, change_90 = index_change(index_df, 30), index_change(index_df, 90)
fatalities = view["fatalities_best"].sum()
cols = st.columns(5)
cols[0].metric(f"Tension index on {end:%d %b %Y}", f"{current:.1f}" if current is not None else "–")
cols[1].metric("Change over 30 days", f"{change_30:+.1f}" if change_30 is not None else "–")
cols[2].metric("Change over 90 days", f"{change_90:+.1f}" if change_90 is not None else "–")
cols[3].metric("Events in view", f"{len(view):,}")
cols[4].metric("Fatalities in view", f"{int(fatalities):,}")

# ---- Charts ----

subtitle = filters.describe()
note = f"{charts.SOURCE_NOTE}<br>{len(view)} events · data to {events['date'].max():%d %b %Y} · index method v{METHOD_VERSION}"
st.plotly_chart(charts.index_timeline(index_view, view, params, title=f"{dyad} tension index",
                                      subtitle=subtitle, note=note, band=band_view), key="index_chart")

st.subheader("What moved the index")
moved = what_moved(filters.without_dates().apply(events), params, start=start, end=end, top=10)
first_value = index_view["index"].iloc[0] if len(index_view) else None
if first_value is not None:
    st.caption(f"From {start:%d %b %Y} ({first_value:.1f}) to {end:%d %b %Y} ({current:.1f}): the events of the period "
               "that changed the score most (score units; the index is a fixed function of the score).")
st.dataframe(moved.assign(event_type=moved["event_type"].map(TYPE_LABELS)), hide_index=True, width="stretch",
             key="moved_table", column_config={"date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
                                               "event_id": None, "event_type": "Type", "summary": "Event",
                                               "change": st.column_config.NumberColumn("Change in score", format="%+.1f")})
st.plotly_chart(charts.index_by_type(by_type.loc[pd.Timestamp(start):], subtitle=subtitle, note=note), key="type_chart")
st.plotly_chart(charts.net_conflict_cooperation(monthly_net(view, params), subtitle=subtitle, note=note), key="net_chart")
st.plotly_chart(charts.events_per_month(view, subtitle=subtitle, note=note), key="monthly_chart")
st.plotly_chart(charts.events_map(view, subtitle=subtitle, note=note), key="map_chart")

# ---- Events table and downloads ----

st.subheader(f"Events ({len(view)})")
table = view[["date", "event_type", "initiator", "target", "summary", "location", "fatalities_best",
              "confidence", "source1_url", "source2_url"]].assign(event_type=view["event_type"].map(TYPE_LABELS))
st.dataframe(table, hide_index=True, width="stretch", key="events_table", column_config={
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "event_type": "Type", "initiator": "Initiator", "target": "Target", "summary": st.column_config.TextColumn("Summary", width="large"),
    "location": "Place", "fatalities_best": st.column_config.NumberColumn("Killed", format="%d"),
    "confidence": "Confidence",
    "source1_url": st.column_config.LinkColumn("Source", validate=r"^https?://", display_text=r"https?://(?:www\.)?([^/]+)"),
    "source2_url": st.column_config.LinkColumn("Source 2", validate=r"^https?://", display_text=r"https?://(?:www\.)?([^/]+)"),
})
down = st.columns(2)
down[0].download_button("Download these events (CSV)", export.events_csv(view), file_name=filters.file_stem("events") + ".csv",
                        mime="text/csv", key="download_events")
down[1].download_button("Download the index (CSV)", export.index_csv(index_view, params),
                        file_name=filters.file_stem("tension-index") + ".csv", mime="text/csv", key="download_index")

with st.expander("Methodology", expanded=False):
    st.markdown(METHODOLOGY_MD.read_text(encoding="utf-8"))
