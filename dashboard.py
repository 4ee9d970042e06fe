"""Bilateral relations tracker: a thin Streamlit script that only renders. Load (cached) -> page state
(tracker.state) -> sidebar -> view (tracker.view) -> one function per tab.

Every filter and view choice lives in the page address (st.query_params), so a copied link reopens
the same view; whatever the address holds that cannot be used is ignored with a note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from tracker import charts, export, extract, selector, sources, tables
from tracker.brief import brief_files, brief_zip, render_images
from tracker.filters import Filters, by_dyad
from tracker.gdelt import gdelt_goldstein_series, read_gdelt
from tracker.index import IndexParams, event_weights, tension_index
from tracker.cache import checked_events
from tracker.problems import format_problems
from tracker.paths import EVENTS_CSV, METHODOLOGY_MD
from tracker.safe_io import safe_csv
from tracker.schema import CODEBOOK, CONFIDENCE_LEVELS, EVENT_TYPES, TYPE_LABELS
from tracker.state import CHANGING_BY, HALF_LIFE_DAYS, NO_OVERLAY, WEIGHT_RANGE, WINDOW_DAYS, Choices, DyadChoices, \
    PageState, PUBLISHED_WEIGHTS, WIDGET_KEYS
from tracker.view import View
from tracker.upload import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, UploadError, UploadResult, problems_csv, read_upload, \
    rejected_rows_csv

st.set_page_config(page_title="Bilateral relations tracker", page_icon="🧭", layout="wide")
PUBLISHED = IndexParams()
TABLE_ROWS = 5_000  # the events table shows at most this many rows; downloads hold all
SOURCE_EVENTS = 1_000  # the sources list shows the pages of at most this many events
LARGE_VIEW = 20_000  # events in view beyond which downloads are made when clicked
MAX_CHOICES = 1_000  # events offered when picking events to label or to compare around
TAB_LABELS = {"index": "Index", "events": "Events", "periods": "Compare periods", "dyads": "Compare dyads",
              "changing": "What is changing", "article": "Code an article", "brief": "Briefing exports"}


def made_now_or_on_click(make, rows: int):
    """Download contents: made now for an ordinary view, only when clicked for a very large one (so
    that a filter change over a million events does not write a CSV no one asked for)."""
    return make if rows > LARGE_VIEW else make()


# ---- Cached work, keyed on small values (file path and time, filters, parameters), never on frames ----
# Event tables and views are cached as shared resources: nothing here changes a frame, and st.cache_data
# would copy (pickle and unpickle) a million-row table on every rerun.

@st.cache_resource(show_spinner="Loading events…", max_entries=4)
def load_events(path: str, modified: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    events, problems = checked_events(path, Path(path).name)  # checked once per file content (tracker.cache)
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
def gdelt_series(file_id: str, name: str, _data: bytes, dyad: str) -> tuple[pd.DataFrame, str, list[str]]:
    """GDELT's daily Goldstein series for the dyad from an uploaded export (kept in a temporary folder),
    what was read, and the first problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(_data)
        result = read_gdelt([path], dyad)
    lines = [line.replace(str(path), name) for line in format_problems(result.problems)[:5]]
    return gdelt_goldstein_series(result.events), result.describe(), lines


# The events in use are passed unhashed (leading underscore) with a small key naming them. A view
# holds its filtered rows (one dyad's rows are a slice, other filters copy theirs): the last 8 are kept.

@st.cache_resource(show_spinner="Computing the index…", max_entries=8)
def build_view(_events: pd.DataFrame, events_key: str, filters: Filters, half_life_days: float,
               weights: tuple[tuple[str, float], ...]) -> View:
    return View.build(_events, filters, IndexParams(half_life_days=half_life_days, weights=dict(weights)))


@st.cache_resource(max_entries=16)  # shared, not copied: read several times a rerun, never changed
def dyad_choices(_events: pd.DataFrame, events_key: str, dyad: str) -> tuple[DyadChoices, pd.DataFrame]:
    """A dyad's span, actors and places, and the events offered in its pickers (the most significant
    MAX_CHOICES: all of them for a curated-size dyad), with a label each."""
    in_dyad = Filters(dyad=dyad).apply(_events)
    actors = pd.concat([in_dyad["initiator"], in_dyad["target"]]).dropna().unique()
    places = pd.concat([in_dyad["location"], in_dyad["province"]]).dropna().unique()
    picked = in_dyad.loc[event_weights(in_dyad).abs().nlargest(MAX_CHOICES).index].sort_values("date", kind="stable")
    offered = pd.DataFrame({"event_id": picked["event_id"], "date": picked["date"].dt.date,
                            "label": picked["date"].dt.strftime("%Y-%m-%d") + " · " + picked["summary"].str.slice(0, 80)})
    return DyadChoices(in_dyad["date"].min().date(), in_dyad["date"].max().date(), frozenset(actors), frozenset(places),
                       tuple(offered["event_id"])), offered


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

def load() -> tuple[pd.DataFrame, str]:
    """The events in use and a small key naming them; stops the page when there are none."""
    path = data_path()
    modified = Path(path).stat().st_mtime
    curated, problems = load_events(path, modified)
    if not problems.empty:
        st.error(f"{len(problems)} problem(s) in {Path(path).name}; the rows concerned are left out until fixed.")
        st.code("\n".join(format_problems(problems)), language=None)
    upload, uploaded, source = own_file()
    if upload is not None and source != "curated data":
        events_key = f"{source}:{uploaded.file_id}:{modified}"
        events = events_in_use(curated, upload.events, upload.name, source, events_key)
    else:
        events, events_key = curated, f"curated:{modified}"
    if events.empty:
        st.warning("No valid events to show.")
        st.stop()
    return events, events_key


def own_file():
    """The sidebar's upload of a user's events file, with its report: (result or None, file, source)."""
    with st.sidebar.expander("Your own events file"):
        uploaded = st.file_uploader("Events CSV in the tracker's columns (see data/columns.csv)", type=["csv", "txt", "tsv"],
                                    key="upload", help=f"Up to {MAX_UPLOAD_BYTES // 1_000_000} MB and {MAX_UPLOAD_ROWS:,} rows; "
                                    "UTF-8, UTF-16 or Excel's Windows-1252; commas, semicolons or tabs. Kept in your session "
                                    "only: nothing is written to the server.")
        source = st.radio("Explore", ["curated data", "my file", "both"], key="source", horizontal=True,
                          disabled=uploaded is None)
    if uploaded is None:
        return None, None, source
    try:
        upload = load_upload(uploaded.file_id, uploaded.name, uploaded.getvalue())
    except UploadError as error:
        st.error(str(error))
        return None, uploaded, source
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
    return upload, uploaded, source


# ---- The page state: from the address once, then from the widgets, always within what the data offers ----



def page_state(events: pd.DataFrame, events_key: str) -> PageState:
    state = st.session_state
    choices = Choices(tuple(sorted(events["dyad"].unique())), lambda dyad: dyad_choices(events, events_key, dyad)[0])
    if "page_state" not in state:
        address = {key: st.query_params.get_all(key) for key in st.query_params}
        page, notes = PageState.from_query_params(address, choices=choices)
        state["weights_base"] = page.all_weights()
    else:
        values = {key: state[key] for key in WIDGET_KEYS if key in state}
        values["weight"] = [f"{t}:{w}" for t, w in current_weights().items() if w != PUBLISHED_WEIGHTS[t]]
        values["tab"] = next((slug for slug, label in TAB_LABELS.items() if label == state.get("tab")), None)
        page, notes = PageState.from_widgets(values, choices=choices, previous=state["page_state"])
    for key, value in page.widget_values().items():  # what the widgets show is the state
        if key == "period" and len(state.get("period") or ()) == 1:
            continue  # the user is picking the second day of a range
        if state.get(key) != value:
            state[key] = value
    state["page_state"] = page
    for note in notes:
        st.warning(export.markdown_plain(note) + " — the default is used instead.")
    return page


def weights_editor_key() -> str:
    return f"weights_{st.session_state.get('weights_resets', 0)}"


def current_weights() -> dict[str, float]:
    """The weights the editor holds: its base (the address's or the published ones) and the user's edits."""
    base = dict(st.session_state.get("weights_base", PUBLISHED_WEIGHTS))
    edits = (st.session_state.get(weights_editor_key()) or {}).get("edited_rows", {})
    types = list(base)
    for row, change in edits.items():
        if change.get("weight") is not None and 0 <= int(row) < len(types):
            base[types[int(row)]] = float(change["weight"])
    return base


def reset_method() -> None:
    st.session_state["half_life"] = int(PUBLISHED.half_life_days)
    st.session_state["weights_base"] = dict(PUBLISHED_WEIGHTS)
    st.session_state["weights_resets"] = st.session_state.get("weights_resets", 0) + 1


# ---- Sidebar: the filters and the method (each widget shows the page state under its key) ----

def sidebar(page: PageState, events: pd.DataFrame, events_key: str) -> None:
    bar = st.sidebar
    bar.title("Filters")
    dyads = sorted(events["dyad"].unique())
    bar.selectbox("Dyad", dyads, key="dyad")
    offered = dyad_choices(events, events_key, page.dyad)[0]
    latest = max(offered.last, dt.date.today())
    bar.date_input("Period", value=page.span, min_value=offered.first, max_value=latest, key="period",
                   help="Ends by default on the latest event recorded for this dyad (the data date).")
    bar.multiselect("Event types", EVENT_TYPES, format_func=TYPE_LABELS.get, key="event_types", placeholder="All types")
    bar.multiselect("Initiator or target", sorted(offered.actors), key="actors", placeholder="Any actor")
    bar.multiselect("Place or province", sorted(offered.places), key="places", placeholder="Anywhere")
    bar.multiselect("Confidence", CONFIDENCE_LEVELS, key="confidence", placeholder="Any confidence")
    bar.text_input("Summary contains", key="text", max_chars=200)
    bar.title("Index method")
    bar.slider("Half-life (days)", *HALF_LIFE_DAYS, key="half_life",
               help="How fast an event's weight fades: it counts half after this many days.")
    bar.button("Reset to the published method", key="reset_method", on_click=reset_method)
    base = st.session_state.get("weights_base", PUBLISHED_WEIGHTS)
    table = CODEBOOK[["label"]].assign(weight=[base[t] for t in CODEBOOK.index])
    with bar.expander("Event type weights"):
        st.data_editor(table, key=weights_editor_key(), disabled=["label"], width="stretch",
                       column_config={"label": "Type", "weight": st.column_config.NumberColumn(
                           "Weight", min_value=WEIGHT_RANGE[0], max_value=WEIGHT_RANGE[1], step=0.1, format="%.1f",
                           help="Positive raises tension, negative eases it")})
    bar.caption("The method is described under **Methodology** at the foot of the page. "
                "The page address holds this whole view: copy it to share the view.")


# ---- The tabs: each renders what the view computed ----

def headline(view: View) -> None:
    params = view.params
    st.title(f"{view.filters.dyad}: bilateral relations tracker")
    st.caption(export.markdown_plain(view.filters.describe()) + " · " + params.describe()
               + ("" if params.is_published() else " · **not the published method**"))
    figures = view.headline()
    for column, (label, value) in zip(st.columns(len(figures)), figures.items()):
        column.metric(f"{label} on {view.filters.end:%d %b %Y}" if label == "Tension index" else label, value)
    if view.events.empty:
        st.info("No events match these filters: widen the period, or remove a type, actor, place or text filter. "
                "The charts and downloads below are empty, not broken.")


def index_tab(view: View, page: PageState, offered: pd.DataFrame, figures: dict) -> None:
    labels = dict(zip(offered["event_id"], offered["label"]))
    labelled = st.multiselect("Events labelled on the chart (default: the most significant)", list(labels),
                              format_func=labels.get, key="annotate", placeholder="The 8 most significant events")
    st.plotly_chart(view.index_figure(labelled) if labelled else figures["index"], key="index_chart")
    st.subheader("What moved the index")
    if len(view.index):
        st.caption(f"From {view.filters.start:%d %b %Y} ({view.index['index'].iloc[0]:.1f}) to {view.filters.end:%d %b %Y} "
                   f"({view.index['index'].iloc[-1]:.1f}): the events of the period that changed the score most "
                   "(score units; the index is a fixed function of the score).")
    moved = view.what_moved(top=10)
    st.dataframe(moved.assign(event_type=moved["event_type"].map(TYPE_LABELS)), hide_index=True, width="stretch",
                 key="moved_table",
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
            series, read, problems = gdelt_series(gdelt_file.file_id, gdelt_file.name, gdelt_file.getvalue(),
                                                  view.filters.dyad)
            if series.empty:
                st.warning(export.markdown_plain(f"{gdelt_file.name}: no GDELT events of {view.filters.dyad} to draw "
                                                 f"({read}). " + " · ".join(problems)))
                return
            st.caption(export.markdown_plain(read))
            show = st.radio("Show", ["both", "index", "goldstein"], horizontal=True, key="gdelt_show",
                            format_func={"both": "both", "index": "curated index", "goldstein": "GDELT Goldstein"}.get)
            st.plotly_chart(charts.index_and_goldstein(view.index, series, show, subtitle=view.filters.describe(),
                                                       note=view.note()), key="gdelt_chart")


def day_labels(events: pd.DataFrame) -> pd.Series:
    """The date as read: the day, or the month alone for month precision ('Mar 2025, month')."""
    month = events["date_precision"].astype("str") == "month"
    return events["date"].dt.strftime("%Y-%m-%d").where(~month, events["date"].dt.strftime("%b %Y") + ", month")


def pages_per_event(events: pd.DataFrame) -> pd.Series:
    slots = sum(events[f"source{n}_url"].notna().astype(int) for n in (1, 2, 3))
    return slots + events["other_sources"].fillna("").str.count("<http")


def events_tab(view: View, figures: dict) -> None:
    shown = view.events
    st.plotly_chart(figures["per-month"], key="monthly_chart")
    st.plotly_chart(view.heatmap_figure(), key="heatmap_chart")
    st.plotly_chart(figures["map"], key="map_chart")
    st.subheader(f"Events ({len(shown):,})")
    if len(shown) > TABLE_ROWS:
        st.caption(f"The table shows the latest {TABLE_ROWS:,} of {len(shown):,} events; the download holds them all.")
    columns = ["date", "event_type", "initiator", "target", "summary", "location", "fatalities_best", "confidence",
               "source1_url", "source2_url", *(["origin"] if "origin" in shown else [])]
    table = shown.tail(TABLE_ROWS)
    table = table[columns].assign(event_type=lambda t: t["event_type"].map(TYPE_LABELS), date=day_labels(table),
                                  pages=pages_per_event(table))
    link = dict(validate=r"^https?://", display_text=r"https?://(?:www\.)?([^/]+)")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "date": st.column_config.TextColumn("Date", help="A month alone (\"Mar 2025, month\") where the sources give no day"),
        "event_type": "Type", "initiator": "Initiator", "target": "Target",
        "summary": st.column_config.TextColumn("Summary", width="large"),
        "location": "Place", "fatalities_best": st.column_config.NumberColumn("Killed", format="%d"),
        "confidence": "Confidence", "source1_url": st.column_config.LinkColumn("Source", **link),
        "source2_url": st.column_config.LinkColumn("Source 2", **link),
        "pages": st.column_config.NumberColumn("Pages", help="Pages that report the event: all of them below")})
    listed = shown.tail(SOURCE_EVENTS)
    with st.expander(f"Every source of these events, with the passage that supports each ({len(listed):,} events)"):
        if len(shown) > SOURCE_EVENTS:
            st.caption(f"The latest {SOURCE_EVENTS:,} events' pages; the events download holds every page of every event.")
        pages = sources.pages_of(listed)
        summary = dict(zip(listed["event_id"], listed["summary"].str.slice(0, 90)))
        st.dataframe(pages.assign(event=pages["event_id"].map(summary))[["event", "outlet", "url", "published", "checked", "quote"]],
                     hide_index=True, width="stretch", column_config={
                         "event": st.column_config.TextColumn("Event", width="medium"), "outlet": "Outlet",
                         "url": st.column_config.LinkColumn("Page", **link), "published": "Published",
                         "checked": st.column_config.TextColumn("Checked", help="Day the page was last read against the event"),
                         "quote": st.column_config.TextColumn("Passage", width="large",
                                                              help="A short verbatim passage of the page that supports the event")})
    down = st.columns(2)
    down[0].download_button("Download these events (CSV)", made_now_or_on_click(view.events_csv, len(shown)),
                            mime="text/csv", file_name=view.filters.file_stem("events") + ".csv", key="download_events")
    down[1].download_button("Download the index (CSV)", made_now_or_on_click(view.index_csv, len(shown)),
                            file_name=view.filters.file_stem("tension-index") + ".csv", mime="text/csv",
                            key="download_index")


def periods_tab(view: View, page: PageState, offered: pd.DataFrame) -> None:
    st.caption("Two periods side by side, by default the 90 days before and after a chosen event.")
    labels = dict(zip(offered["event_id"], offered["label"]))
    pivot = st.selectbox("Around the event", list(labels), key="pivot", format_func=labels.get)
    window = st.number_input("Days before and after", *WINDOW_DAYS, key="window")
    if not pivot:
        return
    comparison = view.compare_around(offered.set_index("event_id").at[pivot, "date"], int(window))
    st.plotly_chart(view.comparison_figure(comparison), key="periods_chart")
    first, second = comparison.first, comparison.second
    st.dataframe(comparison.table, hide_index=True, width="stretch", key="periods_table", column_config={
        "measure": "Measure", "first": st.column_config.NumberColumn(f"{first[0]:%d %b %Y}–{first[1]:%d %b %Y}", format="%.1f"),
        "second": st.column_config.NumberColumn(f"{second[0]:%d %b %Y}–{second[1]:%d %b %Y}", format="%.1f"),
        "change": st.column_config.NumberColumn("Change", format="%+.1f"),
        "change_percent": st.column_config.NumberColumn("Change %", format="%+.0f%%")})


def dyads_tab(view: View, events: pd.DataFrame, events_key: str) -> None:
    dyads = sorted(events["dyad"].unique())
    indices = dyad_indices(events, events_key, view.filters.end, view.params.half_life_days,
                           tuple(sorted(view.params.weights.items())))
    chosen = st.multiselect("Dyads on the chart", dyads, key="compare_dyads")
    overlay = st.selectbox("Show the events of", [NO_OVERLAY, *dyads], key="overlay")
    others = view.others(events, None if overlay == NO_OVERLAY else overlay)
    st.plotly_chart(view.dyads_figure(indices, chosen, others), key="dyads_chart")


def changing_tab(view: View, page: PageState) -> None:
    offered_first = page.span[0]
    st.date_input("Four weeks ending", min_value=offered_first, max_value=max(page.span[1], dt.date.today()),
                  key="week_end")
    by = st.radio("By", CHANGING_BY, format_func={"event_type": "event type", "province": "province"}.get,
                  horizontal=True, key="changing_by")
    changing = view.whats_changing(page.week_end, by=by)
    st.caption(f"Events in the four weeks to {page.week_end:%d %b %Y} against the average four weeks of the previous 4 "
               f"and 52 weeks; changes of {tables.CHANGE_FLAG_PERCENT:.0f}% or more are flagged.")
    st.dataframe(changing, hide_index=True, width="stretch", key="changing_table")
    st.download_button("Download this table (CSV)", safe_csv(changing), mime="text/csv",
                       file_name=f"{view.filters.dyad}_what-is-changing_{by}_to_{page.week_end}.csv",
                       key="download_changing")


def brief_tab(view: View, view_key: tuple) -> None:
    st.caption("Slide-ready images of every chart above (PNG at 3× and SVG), and a briefing pack: images, CSVs, "
               "metadata, README and a one-page brief (HTML and PDF). Drawing them takes a few seconds.")
    if st.button("Prepare chart images", key="prepare_images"):
        st.session_state["images_for"] = view_key
    if st.session_state.get("images_for") == view_key:
        images = chart_images(view, view_key)
        for name in view.figures():
            cols = st.columns([3, 1, 1])
            cols[0].write(f"**{charts.CHART_NAMES.get(name, name)}**")
            for col, fmt, mime in ((cols[1], "png", "image/png"), (cols[2], "svg", "image/svg+xml")):
                col.download_button(fmt.upper(), images[f"{name}.{fmt}"], mime=mime, key=f"img_{name}_{fmt}",
                                    file_name=f"{view.filters.file_stem(name)}.{fmt}")
    if st.button("Prepare the briefing pack (zip)", key="prepare_brief"):
        st.session_state["brief_for"] = view_key
    if st.session_state.get("brief_for") == view_key:
        st.download_button("Download the briefing pack (zip)", briefing_zip(view, view_key),
                           file_name=view.filters.file_stem("brief") + ".zip", mime="application/zip", key="download_brief")


@st.cache_data(max_entries=8, show_spinner="Reading the article…")
def code_article(data: bytes, name: str, url: str, outlet: str, published: dt.date | None, method: str = "learned"):
    article = extract.read_article(data, name, url=url or None, outlet=outlet or None, published=published)
    return article, extract.extract_events(article, method=method)


def article_tab() -> None:
    st.caption("Paste an article or upload a saved page (.html, .txt): its candidate events appear below, each with the "
               "sentence it rests on. Accept, correct or reject each, then download the accepted rows in the events "
               "schema, or add them with `python -m tracker add FILE`. How candidates are chosen, and how often they are "
               "right: docs/extraction.md.")
    cols = st.columns([3, 2])
    pasted = cols[0].text_area("Article text", key="article_text", height=160, max_chars=200_000)
    page_file = cols[1].file_uploader("…or a saved page", type=["html", "htm", "txt"], key="article_upload")
    url = cols[1].text_input("Article URL", key="article_url")
    outlet = cols[1].text_input("Outlet", key="article_outlet")
    published = cols[1].date_input("Published", value=None, key="article_published", max_value=dt.date.today())
    method = cols[1].radio("Method", selector.METHODS, key="article_method", horizontal=True,
                           help="learned: a selector weighs every lexicon hit (more precise, better dates); "
                                "rules: the hand-written filters (a few more events)")
    if page_file is None and not pasted.strip():
        return
    data, name = (page_file.getvalue(), page_file.name) if page_file is not None else (pasted.encode("utf-8"), "pasted text")
    try:
        article, candidates = code_article(data, name, url, outlet, published, method)
    except extract.ArticleError as error:
        st.error(export.markdown_plain(str(error)))
        return
    for note in article.notes:
        st.warning(export.markdown_plain(note))
    if candidates.empty:
        st.info("No bilateral event of the tracker's types found in this article.")
        return
    st.markdown("**The article, its evidence highlighted**")
    st.markdown(highlighted(article.text, candidates["evidence"]))
    editable = ["event_type", "date", "initiator", "target", "location", "fatalities_best", "fatalities_low",
                "fatalities_high", "confidence", "summary"]
    table = candidates.assign(accept=True)[["accept", *editable, "evidence", "extract_confidence", "rules", "event_id"]]
    edited = st.data_editor(table, key="article_candidates", hide_index=True, width="stretch",
                            disabled=["evidence", "extract_confidence", "rules", "event_id"], column_config={
                                "accept": st.column_config.CheckboxColumn("Accept"),
                                "event_type": st.column_config.SelectboxColumn("Type", options=EVENT_TYPES),
                                "confidence": st.column_config.SelectboxColumn("Confidence", options=CONFIDENCE_LEVELS),
                                "summary": st.column_config.TextColumn("Summary", width="large")})
    accepted = candidates.assign(**{c: edited[c] for c in editable})[edited["accept"].fillna(False).astype(bool)]
    st.download_button(f"Download the {len(accepted)} accepted event(s) (CSV)", safe_csv(accepted), mime="text/csv",
                       file_name=f"candidates_{article.published}.csv", key="download_candidates")


def highlighted(text: str, evidence: pd.Series) -> str:
    """The article as plain Markdown text (nothing in it is read as markup or HTML), its evidence highlighted."""
    shown = export.markdown_plain(text)
    for sentence in dict.fromkeys(evidence):
        shown = shown.replace(export.markdown_plain(sentence), f":orange-background[{export.markdown_plain(sentence)}]")
    return shown.replace("\n", "  \n")


# ---- The page ----

events, events_key = load()
page = page_state(events, events_key)
st.query_params.from_dict(page.to_query_params())  # the address says what this run shows
sidebar(page, events, events_key)
weights = tuple(sorted(page.all_weights().items()))
view = build_view(events, events_key, page.filters, float(page.half_life), weights)
view_key = (events_key, page.filters, page.half_life, weights)
offered = dyad_choices(events, events_key, page.dyad)[1]
headline(view)
figures = view.figures()
tabs = dict(zip(TAB_LABELS, st.tabs(list(TAB_LABELS.values()), key="tab", on_change="rerun",
                                    default=TAB_LABELS[page.tab])))
with tabs["index"]:
    index_tab(view, page, offered, figures)
with tabs["events"]:
    events_tab(view, figures)
with tabs["periods"]:
    periods_tab(view, page, offered)
with tabs["dyads"]:
    dyads_tab(view, events, events_key)
with tabs["changing"]:
    changing_tab(view, page)
with tabs["article"]:
    article_tab()
with tabs["brief"]:
    brief_tab(view, view_key)
with st.expander("Methodology", expanded=False):
    st.markdown(METHODOLOGY_MD.read_text(encoding="utf-8"))
