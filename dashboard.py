"""Bilateral relations tracker: a thin Streamlit script. Widgets -> tracker calls -> st.* output.

Every filter and view choice lives in the page address (st.query_params), so a copied link reopens
the same view; an invalid parameter falls back to the default with a note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from tracker import charts, export, views
from tracker.brief import View, brief_files, brief_zip, render_images
from tracker.columnar import read_parquet_events
from tracker.filters import Filters, by_dyad, parse_day
from tracker.imports import gdelt_goldstein_series, read_gdelt
from tracker.index import IndexParams, tension_index, what_moved
from tracker.load import check_file, format_problems
from tracker.paths import EVENTS_CSV, METHODOLOGY_MD
from tracker.safe_io import safe_csv
from tracker.schema import CODEBOOK, CONFIDENCE_LEVELS, EVENT_TYPES, TYPE_LABELS
from tracker.upload import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, UploadError, UploadResult, problems_csv, read_upload, \
    rejected_rows_csv

st.set_page_config(page_title="Bilateral relations tracker", page_icon="🧭", layout="wide")
PUBLISHED = IndexParams()
TABLE_ROWS = 5_000  # the events table shows at most this many rows; downloads hold all
LARGE_VIEW = 20_000  # events in view beyond which downloads are made when clicked
MAX_CHOICES = 1_000  # events offered when picking events to label or to compare around
# View choices kept in the page address beside the filters, with how to read each from it.
VIEW_CHOICES = {
    "annotate": list, "pivot": lambda raw: raw[-1], "window": lambda raw: int(raw[-1]),
    "compare_dyads": list, "overlay": lambda raw: raw[-1], "changing_by": lambda raw: raw[-1],
    "week_end": lambda raw: parse_day(raw[-1]),
}


def on_click_if_large(make):
    """Download contents: made now for an ordinary view, only when clicked for a very large one (so
    that a filter change over a million events does not write a CSV no one asked for)."""
    return make if len(shown) > LARGE_VIEW else make()


def adopt(key: str, allowed, default) -> None:
    """Give a view widget its value: from the page address once (if valid there, else a note), then
    whatever the user chose, falling back to `default` when that is no longer among `allowed`."""
    state = st.session_state
    pending = state.get("link_view", {})
    if key in pending:
        raw = pending.pop(key)
        try:
            value = VIEW_CHOICES[key](raw)
            values = value if isinstance(value, list) else [value]
            unknown = [v for v in values if allowed is not None and v not in allowed]
            if unknown:
                raise ValueError(f"{', '.join(map(repr, unknown))} is not available in this view")
            state[key] = value
        except (ValueError, IndexError) as error:
            st.warning(export.markdown_plain(f"Ignored link parameter {key}: {error}") + " — the default is used instead.")
    current = state.get(key)
    values = current if isinstance(current, list) else [current]
    if key not in state or (allowed is not None and any(v not in allowed for v in values)):
        state[key] = default


# ---- Cached work, keyed on small values (file path and time, filters, parameters), never on frames ----
# Event tables and views are cached as shared resources: nothing here changes a frame, and st.cache_data
# would copy (pickle and unpickle) a million-row table on every rerun.

@st.cache_resource(show_spinner="Loading events…", max_entries=4)
def load_events(path: str, modified: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    read = read_parquet_events if path.endswith(".parquet") else check_file
    events, problems = read(path, Path(path).name)
    return by_dyad(events), problems


@st.cache_resource(max_entries=4)
def events_in_use(_curated: pd.DataFrame, _mine: pd.DataFrame, name: str, source: str, events_key: str) -> pd.DataFrame:
    """The user's events alone or beside the curated ones, each row marked by origin; made once, not
    on every rerun (the curated table may hold a million rows)."""
    mine = _mine.assign(origin=f"upload: {name}")
    return by_dyad(mine if source == "my file" else pd.concat([_curated.assign(origin="curated"), mine], ignore_index=True))


def data_path() -> str:
    """The curated events, or the file after `--data` (`streamlit run dashboard.py -- --data FILE`)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", default=str(EVENTS_CSV))
    return parser.parse_known_args(sys.argv[1:])[0].data


@st.cache_data(show_spinner="Checking your file…", max_entries=4)
def load_upload(file_id: str, name: str, _data: bytes) -> UploadResult:
    return read_upload(_data, name)


@st.cache_data(show_spinner="Reading the GDELT file…", max_entries=4)
def gdelt_series(file_id: str, name: str, _data: bytes, dyad: str) -> pd.DataFrame:
    """GDELT's daily Goldstein series for the dyad, from an uploaded export (kept in a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(_data)
        return gdelt_goldstein_series(read_gdelt([path], dyad).events)


# The events in use are passed unhashed (leading underscore) with a small key naming them. A view
# holds its filtered rows (one dyad's rows are a slice, other filters copy theirs): the last 8 are kept.

@st.cache_resource(show_spinner="Computing the index…", max_entries=8)
def build_view(_events: pd.DataFrame, events_key: str, filters: Filters, half_life_days: float,
               weights: tuple[tuple[str, float], ...]) -> View:
    return View.build(_events, filters, IndexParams(half_life_days=half_life_days, weights=dict(weights)))


@st.cache_data(max_entries=16)
def dyad_choices(_events: pd.DataFrame, events_key: str, dyad: str) -> tuple[dt.date, dt.date, list[str], list[str]]:
    """A dyad's first and last event dates, and the actors and places offered in its filters."""
    in_dyad = _events[_events["dyad"] == dyad]
    actors = pd.concat([in_dyad["initiator"], in_dyad["target"]]).dropna().unique()
    places = pd.concat([in_dyad["location"], in_dyad["province"]]).dropna().unique()
    return in_dyad["date"].min().date(), in_dyad["date"].max().date(), sorted(actors), sorted(places)


@st.cache_data(show_spinner="Computing the other dyads…", max_entries=16)
def dyad_indices(_events: pd.DataFrame, events_key: str, end: dt.date | None, half_life_days: float,
                 weights: tuple[tuple[str, float], ...]) -> pd.DataFrame:
    return tension_index(_events, IndexParams(half_life_days=half_life_days, weights=dict(weights)),
                         end=pd.Timestamp(end) if end else None)


@st.cache_data(show_spinner="Drawing images (about 10 s)…", max_entries=8)
def chart_images(_view: View, view_key: tuple) -> dict[str, bytes]:
    return render_images(_view.figures())


@st.cache_data(show_spinner="Building the briefing pack (about 20 s)…", max_entries=4)
def briefing_zip(_view: View, view_key: tuple) -> bytes:
    return brief_zip(brief_files(_view), _view.filters.file_stem("brief"))


# ---- Load: the curated data, a file of the user's own, or both ----

path = data_path()
modified = Path(path).stat().st_mtime
curated, problems = load_events(path, modified)
if not problems.empty:
    st.error(f"{len(problems)} problem(s) in {Path(path).name}; the rows concerned are left out until fixed.")
    st.code("\n".join(format_problems(problems)), language=None)

with st.sidebar.expander("Your own events file"):
    uploaded = st.file_uploader("Events CSV in the tracker's columns (see data/columns.csv)", type=["csv", "txt", "tsv"],
                                key="upload", help=f"Up to {MAX_UPLOAD_BYTES // 1_000_000} MB and {MAX_UPLOAD_ROWS:,} rows; "
                                "UTF-8, UTF-16 or Excel's Windows-1252; commas, semicolons or tabs. Kept in your session "
                                "only: nothing is written to the server.")
    source = st.radio("Explore", ["curated data", "my file", "both"], key="source", horizontal=True,
                      disabled=uploaded is None)
upload = None
if uploaded is not None:
    try:
        upload = load_upload(uploaded.file_id, uploaded.name, uploaded.getvalue())
    except UploadError as error:
        st.error(str(error))
if upload is not None:
    st.info(f"**{export.markdown_plain(upload.name)}**: {upload.rows_read} rows read, {upload.rows_accepted} accepted, "
            f"{upload.rows_rejected} rejected." + "".join(" · " + export.markdown_plain(n) for n in upload.notes))
    if not upload.problems.empty:
        with st.expander(f"Problems in {export.markdown_plain(upload.name)} ({len(upload.problems)})",
                         expanded=upload.rows_accepted == 0):
            st.dataframe(upload.problems, hide_index=True, width="stretch", key="upload_problems")
            fix = st.columns(2)
            fix[0].download_button("Download the rejected rows to fix (CSV)", rejected_rows_csv(upload.text, upload.problems),
                                   file_name=f"rejected-rows_{upload.name}", mime="text/csv", key="download_rejected")
            fix[1].download_button("Download the problem list (CSV)", problems_csv(upload.problems),
                                   file_name=f"problems_{upload.name}", mime="text/csv", key="download_problems")
if upload is not None and source != "curated data":
    events_key = f"{source}:{uploaded.file_id}:{modified}"
    events = events_in_use(curated, upload.events, upload.name, source, events_key)
else:
    events, events_key = curated, f"curated:{modified}"
if events.empty:
    st.warning("No valid events to show.")
    st.stop()
dyads = sorted(events["dyad"].unique())

# ---- The page address -> widget state, once per session ----

if "from_link" not in st.session_state:
    link = {key: st.query_params.get_all(key) for key in st.query_params}
    linked, notes = Filters.from_query_params(link)
    state = st.session_state
    if linked.dyad in dyads:
        state["dyad"] = linked.dyad
    elif linked.dyad:
        notes.append(f"Ignored link parameter dyad: no events for {linked.dyad}")
    low, high, linked_actors, linked_places = dyad_choices(
        events, events_key, state.get("dyad", "AFG-PAK" if "AFG-PAK" in dyads else dyads[0]))
    high = max(high, dt.date.today())
    if linked.start or linked.end:
        start, end = max(linked.start or low, low), min(linked.end or high, high)
        if start <= end:
            state["period"] = (start, end)
        else:
            notes.append("Ignored link parameters start/end: the period is empty")
    for key, allowed in (("event_types", EVENT_TYPES), ("confidence", CONFIDENCE_LEVELS),
                         ("actors", set(linked_actors)), ("places", set(linked_places))):
        chosen = getattr(linked, key)
        state[key] = [v for v in chosen if v in allowed]
        if len(state[key]) < len(chosen):
            notes.append(f"Ignored link parameter {key}: unknown value(s) "
                         + ", ".join(repr(v) for v in chosen if v not in allowed))
    state["text"] = linked.text
    if "half_life" in link:
        try:
            state["half_life"] = min(max(int(float(link["half_life"][-1])), 7), 180)
        except ValueError:
            notes.append(f"Ignored link parameter half_life: {link['half_life'][-1]!r} is not a number of days")
    state["link_view"] = {key: link[key] for key in VIEW_CHOICES if key in link}
    state["link_notes"] = notes
    state["from_link"] = True
for note in st.session_state.get("link_notes", []):
    st.warning(export.markdown_plain(note) + " — the default is used instead.")

# ---- Sidebar: filters and method ----

sidebar = st.sidebar
sidebar.title("Filters")
dyad = sidebar.selectbox("Dyad", dyads, index=dyads.index("AFG-PAK") if "AFG-PAK" in dyads else 0, key="dyad")
first, data_date, actor_names, place_names = dyad_choices(events, events_key, dyad)
# A period that no longer fits, or that was the whole span of another dyad or file, gives way to this one's.
was_default = tuple(st.session_state.get("period", ())) == st.session_state.get("period_default")
if "period" in st.session_state and (was_default or not all(first <= d <= max(data_date, dt.date.today())
                                                            for d in st.session_state["period"])):
    del st.session_state["period"]
st.session_state["period_default"] = (first, data_date)
period = sidebar.date_input("Period", value=(first, data_date), min_value=first,
                            max_value=max(data_date, dt.date.today()), key="period",
                            help="Ends by default on the latest event recorded for this dyad (the data date).")
start, end = (period[0], period[-1]) if len(period) else (first, data_date)
types = sidebar.multiselect("Event types", EVENT_TYPES, format_func=TYPE_LABELS.get, key="event_types",
                            placeholder="All types")
actors = sidebar.multiselect("Initiator or target", actor_names, key="actors", placeholder="Any actor")
places = sidebar.multiselect("Place or province", place_names, key="places", placeholder="Anywhere")
confidence = sidebar.multiselect("Confidence", CONFIDENCE_LEVELS, key="confidence", placeholder="Any confidence")
text = sidebar.text_input("Summary contains", key="text", max_chars=200)

sidebar.title("Index method")
half_life = sidebar.slider("Half-life (days)", 7, 180, int(PUBLISHED.half_life_days), key="half_life",
                           help="How fast an event's weight fades: it counts half after this many days.")
published = CODEBOOK["tension_weight"].rename("weight").to_frame().assign(label=CODEBOOK["label"])[["label", "weight"]]
if sidebar.button("Reset to the published method", key="reset_method"):
    st.session_state["half_life"] = int(PUBLISHED.half_life_days)
    st.session_state.pop("weights", None)
    st.rerun()
with sidebar.expander("Event type weights"):
    edited = st.data_editor(published, key="weights", disabled=["label"], width="stretch",
                            column_config={"label": "Type", "weight": st.column_config.NumberColumn(
                                "Weight", min_value=-20.0, max_value=20.0, step=0.1, format="%.1f",
                                help="Positive raises tension, negative eases it")})
weights = tuple((t, float(w)) for t, w in edited["weight"].fillna(published["weight"]).items())
sidebar.caption("The method is described under **Methodology** at the foot of the page. "
                "The page address holds this whole view: copy it to share the view.")

filters = Filters(dyad=dyad, start=start, end=end, event_types=tuple(types), actors=tuple(actors),
                  places=tuple(places), confidence=tuple(confidence), text=text)
st.query_params.from_dict({**filters.to_query_params(), "half_life": str(half_life)})
view = build_view(events, events_key, filters, float(half_life), weights)
view_key = (events_key, filters, half_life, weights)
params, shown = view.params, view.events
counted = view.counted  # the index counts history before the period too

# ---- Headline figures ----

st.title(f"{dyad}: bilateral relations tracker")
st.caption(export.markdown_plain(filters.describe()) + " · " + params.describe()
           + ("" if params.is_published() else " · **not the published method**"))
headline = view.headline()
for column, (label, value) in zip(st.columns(len(headline)), headline.items()):
    column.metric(f"{label} on {end:%d %b %Y}" if label == "Tension index" else label, value)

figures = view.figures()
note = view.note()
# Events offered in the pickers: the most significant ones (all of them for a curated-size view).
picked = view.key_events(top=MAX_CHOICES)
choices = picked["event_id"].tolist()
choice_labels = dict(zip(choices, picked["date"].dt.strftime("%Y-%m-%d") + " · " + picked["summary"].str.slice(0, 80)))
tab_index, tab_events, tab_periods, tab_dyads, tab_changing, tab_brief = st.tabs(
    ["Index", "Events", "Compare periods", "Compare dyads", "What is changing", "Briefing exports"])

# ---- Index ----

with tab_index:
    adopt("annotate", set(choices), [])
    labelled = st.multiselect("Events labelled on the chart (default: the most significant)", choices,
                              format_func=choice_labels.get,
                              key="annotate", placeholder="The 8 most significant events")
    if labelled:
        figures["index"] = charts.index_timeline(view.index, shown, params, title=view.finding(),
                                                 subtitle=filters.describe(), note=note, band=view.band,
                                                 annotate=labelled)
    st.plotly_chart(figures["index"], key="index_chart")
    st.subheader("What moved the index")
    moved = what_moved(counted, params, start=start, end=end, top=10)
    if len(view.index):
        st.caption(f"From {start:%d %b %Y} ({view.index['index'].iloc[0]:.1f}) to {end:%d %b %Y} "
                   f"({view.index['index'].iloc[-1]:.1f}): the events of the period that changed the score most "
                   "(score units; the index is a fixed function of the score).")
    st.dataframe(moved.assign(event_type=moved["event_type"].map(TYPE_LABELS)), hide_index=True, width="stretch",
                 column_config={"date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"), "event_id": None,
                                "event_type": "Type", "summary": "Event",
                                "change": st.column_config.NumberColumn("Change in score", format="%+.1f")})
    st.plotly_chart(figures["by-type"], key="type_chart")
    st.plotly_chart(figures["net"], key="net_chart")
    with st.expander("Compare with GDELT's Goldstein series"):
        st.caption("Load a GDELT 2.0 events export (.CSV or .zip) or a BigQuery result (`python -m tracker gdelt-sql` "
                   "prints the query). Imported events stay apart from the curated ones: only the series is drawn.")
        gdelt_file = st.file_uploader("GDELT file", type=["csv", "zip"], key="gdelt_upload")
        if gdelt_file is not None:
            series = gdelt_series(gdelt_file.file_id, gdelt_file.name, gdelt_file.getvalue(), dyad)
            show = st.radio("Show", ["both", "index", "goldstein"], horizontal=True, key="gdelt_show",
                            format_func={"both": "both", "index": "curated index", "goldstein": "GDELT Goldstein"}.get)
            st.plotly_chart(charts.index_and_goldstein(view.index, series, show, subtitle=filters.describe(), note=note),
                            key="gdelt_chart")

# ---- Events ----

with tab_events:
    st.plotly_chart(figures["per-month"], key="monthly_chart")
    st.plotly_chart(charts.weekly_heatmap(views.weekly_intensity(shown), subtitle=filters.describe(), note=note),
                    key="heatmap_chart")
    st.plotly_chart(figures["map"], key="map_chart")
    st.subheader(f"Events ({len(shown):,})")
    if len(shown) > TABLE_ROWS:
        st.caption(f"The table shows the latest {TABLE_ROWS:,} of {len(shown):,} events; the download holds them all.")
    table = shown.tail(TABLE_ROWS)[["date", "event_type", "initiator", "target", "summary", "location", "fatalities_best", "confidence",
                   "source1_url", "source2_url", *(["origin"] if "origin" in shown else [])]].assign(
        event_type=lambda t: t["event_type"].map(TYPE_LABELS))
    link = dict(validate=r"^https?://", display_text=r"https?://(?:www\.)?([^/]+)")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"), "event_type": "Type",
        "initiator": "Initiator", "target": "Target", "summary": st.column_config.TextColumn("Summary", width="large"),
        "location": "Place", "fatalities_best": st.column_config.NumberColumn("Killed", format="%d"),
        "confidence": "Confidence", "source1_url": st.column_config.LinkColumn("Source", **link),
        "source2_url": st.column_config.LinkColumn("Source 2", **link)})
    down = st.columns(2)
    down[0].download_button("Download these events (CSV)", on_click_if_large(lambda: export.events_csv(shown)),
                            mime="text/csv", file_name=filters.file_stem("events") + ".csv", key="download_events")
    down[1].download_button("Download the index (CSV)",
                            on_click_if_large(view.index_csv),
                            file_name=filters.file_stem("tension-index") + ".csv", mime="text/csv", key="download_index")

# ---- Compare periods ----

with tab_periods:
    st.caption("Two periods side by side, by default the 90 days before and after a chosen event.")
    default_pivot = "AFG-PAK-20250419-dar-kabul-visit" if "AFG-PAK-20250419-dar-kabul-visit" in choice_labels else None
    adopt("pivot", set(choices), default_pivot or (choices[-1] if choices else None))
    pivot = st.selectbox("Around the event", choices, key="pivot", format_func=choice_labels.get)
    adopt("window", set(range(7, 366)), 90)
    window = st.number_input("Days before and after", 7, 365, key="window")
    if pivot:
        day = picked.loc[picked["event_id"] == pivot, "date"].iloc[0].date()
        first_period = (day - dt.timedelta(days=window), day - dt.timedelta(days=1))
        second_period = (day, day + dt.timedelta(days=window - 1))
        full_index = tension_index(counted, params, end=pd.Timestamp(second_period[1]))
        comparison = views.compare_periods(counted, full_index, first_period, second_period)
        st.plotly_chart(charts.period_comparison(comparison, first_period, second_period,
                                                 subtitle=filters.describe(), note=note), key="periods_chart")
        st.dataframe(comparison, hide_index=True, width="stretch", key="periods_table", column_config={
            "measure": "Measure", "first": st.column_config.NumberColumn(f"{first_period[0]:%d %b %Y}–{first_period[1]:%d %b %Y}", format="%.1f"),
            "second": st.column_config.NumberColumn(f"{second_period[0]:%d %b %Y}–{second_period[1]:%d %b %Y}", format="%.1f"),
            "change": st.column_config.NumberColumn("Change", format="%+.1f"),
            "change_percent": st.column_config.NumberColumn("Change %", format="%+.0f%%")})

# ---- Compare dyads ----

with tab_dyads:
    all_indices = dyad_indices(events, events_key, end, float(half_life), weights)
    adopt("compare_dyads", set(dyads), dyads)
    chosen = st.multiselect("Dyads on the chart", dyads, key="compare_dyads")
    adopt("overlay", {"(none)", *dyads}, "IND-PAK" if "IND-PAK" in dyads and dyad != "IND-PAK" else "(none)")
    overlay = st.selectbox("Show the events of", ["(none)", *dyads], key="overlay")
    lines = all_indices[all_indices["dyad"].isin(chosen) & (all_indices["date"] >= pd.Timestamp(start))]
    marked = Filters(dyad=overlay, start=start, end=end).apply(events) if overlay != "(none)" else events.iloc[0:0]
    st.plotly_chart(charts.dyad_comparison(lines, marked, params, subtitle=f"{start} to {end}", note=note),
                    key="dyads_chart")

# ---- What is changing ----

with tab_changing:
    latest = max(data_date, dt.date.today())
    adopt("week_end", {first + dt.timedelta(days=n) for n in range((latest - first).days + 1)}, end)
    week_end = st.date_input("Four weeks ending", min_value=first, max_value=latest, key="week_end")
    adopt("changing_by", {"event_type", "province"}, "event_type")
    by = st.radio("By", ["event_type", "province"], format_func={"event_type": "event type", "province": "province"}.get,
                  horizontal=True, key="changing_by")
    changing = views.whats_changing(counted, week_end, by=by)
    st.caption(f"Events in the four weeks to {week_end:%d %b %Y} against the average four weeks of the previous 4 and "
               f"52 weeks; changes of {views.CHANGE_FLAG_PERCENT:.0f}% or more are flagged.")
    st.dataframe(changing, hide_index=True, width="stretch", key="changing_table")
    st.download_button("Download this table (CSV)", safe_csv(changing), mime="text/csv",
                       file_name=f"{dyad}_what-is-changing_{by}_to_{week_end}.csv", key="download_changing")

# ---- Briefing exports ----

with tab_brief:
    st.caption("Slide-ready images of every chart above (PNG at 3× and SVG), and a briefing pack: images, CSVs, "
               "metadata, README and a one-page brief (HTML and PDF). Drawing them takes a few seconds.")
    if st.button("Prepare chart images", key="prepare_images"):
        st.session_state["images_for"] = view_key
    if st.session_state.get("images_for") == view_key:
        images = chart_images(view, view_key)
        for name in figures:
            cols = st.columns([3, 1, 1])
            cols[0].write(f"**{charts.CHART_NAMES.get(name, name)}**")
            for col, fmt, mime in ((cols[1], "png", "image/png"), (cols[2], "svg", "image/svg+xml")):
                col.download_button(fmt.upper(), images[f"{name}.{fmt}"], mime=mime, key=f"img_{name}_{fmt}",
                                    file_name=f"{filters.file_stem(name)}.{fmt}")
    if st.button("Prepare the briefing pack (zip)", key="prepare_brief"):
        st.session_state["brief_for"] = view_key
    if st.session_state.get("brief_for") == view_key:
        st.download_button("Download the briefing pack (zip)", briefing_zip(view, view_key),
                           file_name=filters.file_stem("brief") + ".zip", mime="application/zip", key="download_brief")

st.query_params.update({key: [str(v) for v in st.session_state[key]] if isinstance(st.session_state[key], list)
                       else str(st.session_state[key]) for key in VIEW_CHOICES if st.session_state.get(key) is not None})

with st.expander("Methodology", expanded=False):
    st.markdown(METHODOLOGY_MD.read_text(encoding="utf-8"))
