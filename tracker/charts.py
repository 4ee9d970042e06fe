"""Figure builders: DataFrames in, plotly figures out. Never imports Streamlit."""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import plotly.colors as pc
import plotly.graph_objects as go
import pandas as pd

from tracker.index import IndexParams, event_weights
from tracker.schema import CODEBOOK, EVENT_TYPES, TYPE_LABELS

MAX_MARKERS = 1_500  # event markers on the index chart
MAX_MAP_POINTS = 2_000  # beyond this the map draws one marker per place, sized by its events
FONT = dict(family="Arial, Helvetica, sans-serif", size=14, color="#222")
NO_EVENTS = "No events match these filters"
SOURCE_NOTE = "Source: Bilateral relations tracker, curated events with source URLs"


def _type_colors() -> dict[str, str]:
    """Every event type in the same colour everywhere: blues ease tension, oranges/reds raise it.

    Shades come from ColorBrewer's Blues and OrRd (sequential, colour-blind safe by hue family).
    """
    weights = CODEBOOK["tension_weight"]
    easing = weights[weights < 0].sort_values().index  # strongest easing first
    raising = weights[weights >= 0].sort_values(ascending=False).index
    blues = pc.sample_colorscale("Blues", [0.95 - 0.6 * i / max(len(easing) - 1, 1) for i in range(len(easing))])
    reds = pc.sample_colorscale("OrRd", [0.95 - 0.6 * i / max(len(raising) - 1, 1) for i in range(len(raising))])
    return {**dict(zip(easing, blues)), **dict(zip(raising, reds))}


TYPE_COLORS = _type_colors()


def plain(text) -> str:
    """Event or user text as plain text in a figure: plotly reads a subset of HTML (<b>, <a href>) in
    titles, labels and hovers, so angle brackets and ampersands are escaped."""
    return html.escape("" if text is None or text != text else str(text), quote=False)


def plain_column(values: pd.Series) -> pd.DataFrame:
    return values.map(plain).to_frame()


def hover_text(events: pd.DataFrame) -> pd.DataFrame:
    """Per event marker: its summary (plain text) and its date as read: the day, or the month alone
    for month precision, so that no one reads the 1st as the day."""
    month = events["date_precision"].astype("str") == "month" if "date_precision" in events else False
    day = events["date"].dt.strftime("%d %b %Y").where(~month, events["date"].dt.strftime("%b %Y") + " (month precision)")
    return pd.DataFrame({"summary": events["summary"].map(plain), "day": day})


def say_empty(fig: go.Figure, message: str) -> go.Figure:
    """Write `message` in the middle of a chart that has nothing to draw (its axes stay)."""
    fig.add_annotation(text=plain(message), xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font=dict(size=16, color="#777"))
    return fig


def _layout(fig: go.Figure, title: str, subtitle: str, note: str, legend: str = "below") -> go.Figure:
    """Title with subtitle on top, source note at the foot; legend below or to the right."""
    legends = {"below": dict(orientation="h", yanchor="top", y=-0.08, x=0, font=dict(size=12)),
               "right": dict(orientation="v", yanchor="top", y=1, x=1.02, font=dict(size=11))}
    height, top, bottom = 560, 90, 150 if legend == "below" else 90
    fig.update_layout(
        title=dict(text=f"{plain(title)}<br><span style='font-size:13px;color:#555'>{plain(subtitle)}</span>",
                   x=0.01, xanchor="left"),
        font=FONT, template="plotly_white", height=height, legend=legends[legend],
        margin=dict(l=60, r=20, t=top, b=bottom),
    )
    if note:  # at the foot of the image: 6 px above its bottom edge, in plot-area units
        fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=-(bottom - 6) / (height - top - bottom),
                           showarrow=False, xanchor="left", yanchor="bottom", align="left",
                           font=dict(size=11, color="#666"))
    return fig


def index_timeline(index_df: pd.DataFrame, events: pd.DataFrame, params: IndexParams = IndexParams(),
                   title: str = "Bilateral tension index", subtitle: str = "", note: str = SOURCE_NOTE,
                   label_top: int = 8, band: pd.DataFrame | None = None, annotate=None) -> go.Figure:
    """A line per dyad of the daily index; each event is a marker on its day. Labelled: the events
    whose ids are in `annotate`, or else the `label_top` most significant (largest absolute weight),
    stacked so that no two labels overlap. `band` (date, dyad, low, high) is shaded."""
    fig = go.Figure()
    if band is not None and not band.empty:
        for dyad, rows in band.groupby("dyad", sort=True):
            fig.add_trace(go.Scatter(x=rows["date"], y=rows["high"], mode="lines", line=dict(width=0),
                                     hoverinfo="skip", showlegend=False, legendgroup="band"))
            fig.add_trace(go.Scatter(x=rows["date"], y=rows["low"], mode="lines", line=dict(width=0), fill="tonexty",
                                     fillcolor="rgba(120,120,120,0.18)", hoverinfo="skip", legendgroup="band",
                                     name="Sensitivity band (half-life 15-60 days, weights ±25%)"))
    for dyad, series in index_df.groupby("dyad", sort=True):
        fig.add_trace(go.Scatter(x=series["date"], y=series["index"], mode="lines", name=f"{dyad} index",
                                 line=dict(width=2.5, color="#333" if index_df["dyad"].nunique() == 1 else None),
                                 hovertemplate="%{x|%d %b %Y}: %{y:.1f}<extra>" + dyad + "</extra>"))
    if not events.empty and not index_df.empty:
        marked, note = _most_significant(events.assign(weight=event_weights(events, params)), note)
        lookup = index_df.assign(dyad=index_df["dyad"].astype(str)).set_index(["dyad", "date"])["index"]
        keys = pd.MultiIndex.from_arrays([marked["dyad"].astype(str), marked["date"].dt.normalize()])
        marked = marked.assign(y=lookup.reindex(keys).to_numpy()).dropna(subset=["y"])
        for event_type, group in marked.groupby("event_type", sort=False):
            fig.add_trace(go.Scatter(
                x=group["date"], y=group["y"], mode="markers", name=TYPE_LABELS.get(event_type, event_type),
                marker=dict(size=9, color=TYPE_COLORS.get(event_type, "#888"), line=dict(width=1, color="#333")),
                customdata=hover_text(group), hovertemplate="%{customdata[1]}<br>%{customdata[0]}<extra></extra>",
                legendgroup=event_type, showlegend=False))
        if annotate is None:
            annotate = marked.reindex(marked["weight"].abs().sort_values(ascending=False).index).head(label_top)["event_id"]
        labelled = marked[marked["event_id"].isin(list(annotate))].sort_values("date")
        span_days = max((index_df["date"].max() - index_df["date"].min()).days, 1)
        # Labels sit in rows at fixed heights, packed so that no two in a row overlap: rows low in the
        # chart for events high on the line, rows high in the chart for events low on it.
        for high, group in labelled.groupby(labelled["y"] > 55):
            levels = label_levels(group["date"], group["summary"].map(_short), span_days)
            for event, level in zip(group.itertuples(), levels):
                row = 38 - 7 * min(level, 5) if high else 62 + 7 * min(level, 5)
                fig.add_annotation(x=event.date, y=event.y, text=plain(_short(event.summary)), showarrow=True, arrowhead=0,
                                   arrowcolor="#888", arrowwidth=1, ax=0, ayref="y", ay=row, font=dict(size=11),
                                   bgcolor="rgba(255,255,255,0.9)", bordercolor="#ccc", borderwidth=1)
    fig.update_yaxes(range=[0, 100], title="Tension index (0-100, 50 = balance)")
    fig.update_xaxes(title=None)
    fig.add_hline(y=50, line=dict(color="#999", dash="dot", width=1))
    return _layout(fig, title, subtitle, note)


def _most_significant(marked: pd.DataFrame, note: str) -> tuple[pd.DataFrame, str]:
    """At most MAX_MARKERS events (a million markers help nobody): those of largest absolute
    `weight`, in date order, and the note saying so."""
    if len(marked) <= MAX_MARKERS:
        return marked, note
    kept = marked.loc[marked["weight"].abs().nlargest(MAX_MARKERS).index].sort_values("date", kind="stable")
    return kept, f"{note}<br>Markers: the {MAX_MARKERS:,} most significant of {len(marked):,} events"


def label_levels(dates: pd.Series, texts: pd.Series, span_days: int, width_px: int = 900,
                 char_px: float = 7.0) -> list[int]:
    """A vertical level for each label (dates in order) so that labels on one level never overlap:
    greedy interval packing, a label's width estimated from its characters at the chart's width."""
    days_per_px = span_days / width_px
    ends: list[pd.Timestamp] = []
    levels = []
    for date, text in zip(dates, texts):
        half = pd.Timedelta(days=(len(text) * char_px / 2 + 6) * days_per_px)
        level = next((i for i, end in enumerate(ends) if end < date - half), len(ends))
        if level == len(ends):
            ends.append(date + half)
        else:
            ends[level] = date + half
        levels.append(level)
    return levels


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def events_per_month(events: pd.DataFrame, title: str = "Events per month by type", subtitle: str = "",
                     note: str = SOURCE_NOTE) -> go.Figure:
    """A bar per month stacked by event type; types in their fixed colours."""
    fig = go.Figure()
    if not events.empty:
        counts = (events.assign(month=events["date"].dt.to_period("M").dt.to_timestamp())
                  .groupby(["month", "event_type"]).size().unstack(fill_value=0))
        for event_type in [t for t in EVENT_TYPES if t in counts.columns]:
            fig.add_trace(go.Bar(x=counts.index, y=counts[event_type], name=TYPE_LABELS[event_type],
                                 marker_color=TYPE_COLORS[event_type],
                                 hovertemplate="%{x|%b %Y}: %{y}<extra>" + TYPE_LABELS[event_type] + "</extra>"))
    fig.update_layout(barmode="stack", bargap=0.1)
    fig.update_yaxes(title="Events")
    return _layout(fig, title, subtitle, note, legend="right")


def _basemap() -> dict:
    return json.loads((Path(__file__).parent / "basemap.json").read_text())


BASEMAP = _basemap()
MAP_NOTE = "Borders: Natural Earth 1:50m (de facto lines, no position on disputed boundaries)"


def events_map(events: pd.DataFrame, title: str = "Where events happened", subtitle: str = "",
               note: str = SOURCE_NOTE) -> go.Figure:
    """A marker per located event, coloured by type and sized by fatalities, over country borders
    bundled with the package (no map tiles fetched, so it works offline and in image exports)."""
    located = events[["event_id", "event_type", "summary", "location", "latitude", "longitude", "fatalities_best"]]
    located = located[located["latitude"].notna() & located["longitude"].notna()]
    lon_min, lat_min, lon_max, lat_max = BASEMAP["bbox"]
    outside = ~(located["longitude"].between(lon_min, lon_max) & located["latitude"].between(lat_min, lat_max))
    away, located = located[outside], located[~outside]
    fig = go.Figure(go.Scatter(x=BASEMAP["lon"], y=BASEMAP["lat"], mode="lines", hoverinfo="skip",
                               line=dict(color="#9a9a9a", width=0.8), showlegend=False, name="borders"))
    if located.empty:
        say_empty(fig, NO_EVENTS if events.empty else "None of these events has a place on the map")
    if len(located) > MAX_MAP_POINTS:
        return _places_map(fig, located, len(events), len(away), title, subtitle, note)
    for event_type, group in located.groupby("event_type", sort=False, observed=True):
        size = 8 + 4 * group["fatalities_best"].astype("float64").fillna(0).clip(upper=100) ** 0.5
        fig.add_trace(go.Scatter(
            x=group["longitude"], y=group["latitude"], mode="markers", name=TYPE_LABELS.get(event_type, event_type),
            marker=dict(size=size, color=TYPE_COLORS.get(event_type, "#888"), line=dict(width=0.5, color="#333"), opacity=0.85),
            customdata=pd.concat([plain_column(group["summary"]), plain_column(group["location"])], axis=1),
            hovertemplate="%{customdata[1]}<br>%{customdata[0]}<extra></extra>"))
    _frame_map(fig, located)
    where = f"{len(located)} of {len(events)} events mapped"
    if len(away):
        where += f"; {len(away)} elsewhere ({', '.join(sorted(away['location'].dropna().unique())[:4])})"
    return _layout(fig, title, subtitle, f"{note}<br>{where} · {MAP_NOTE}", legend="right")


def _places_map(fig: go.Figure, located: pd.DataFrame, total: int, away: int, title: str, subtitle: str,
                note: str) -> go.Figure:
    """The map for very many events: one marker per place, its area growing with its event count."""
    places = (located.assign(lat=located["latitude"].round(2), lon=located["longitude"].round(2))
              .groupby(["lat", "lon"], observed=True)
              .agg(events=("event_id", "size"), place=("location", "first"), killed=("fatalities_best", "sum"))
              .reset_index())
    fig.add_trace(go.Scatter(
        x=places["lon"], y=places["lat"], mode="markers", name="Events per place",
        marker=dict(size=6 + 30 * (places["events"] / places["events"].max()) ** 0.5, color="#d7301f",
                    opacity=0.6, line=dict(width=0.5, color="#333")),
        customdata=pd.concat([plain_column(places["place"]), places[["events", "killed"]]], axis=1),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]:,} events, %{customdata[2]:,} killed<extra></extra>"))
    _frame_map(fig, located)
    where = f"{len(located):,} of {total:,} events mapped at {len(places):,} places" + (f"; {away:,} elsewhere" if away else "")
    return _layout(fig, title, subtitle, f"{note}<br>{where} · {MAP_NOTE}", legend="right")


def _frame_map(fig: go.Figure, located: pd.DataFrame) -> None:
    """Zoom to the events and draw an equirectangular map, stretched so that a degree looks as long
    north-south as east-west at the map's middle latitude."""
    lon_range, lat_range = _map_window(located)
    fig.update_xaxes(range=lon_range, visible=False)
    fig.update_yaxes(range=lat_range, visible=False, scaleanchor="x",
                     scaleratio=1 / math.cos(math.radians(sum(lat_range) / 2)))
    fig.update_layout(plot_bgcolor="#f4f6f8")


def _map_window(located: pd.DataFrame) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges around most events (the middle 90%), or Afghanistan-Pakistan-
    India when there are none; a far-off venue (Beijing, Doha) does not zoom the map out."""
    if located.empty:
        return [60.0, 80.0], [23.0, 38.0]
    lon = located["longitude"].quantile([0.05, 0.95]).tolist()
    lat = located["latitude"].quantile([0.05, 0.95]).tolist()
    return [lon[0] - 3, lon[1] + 3], [lat[0] - 2, lat[1] + 2]


def index_by_type(contributions: pd.DataFrame, title: str = "What the index is made of", subtitle: str = "",
                  note: str = SOURCE_NOTE) -> go.Figure:
    """Stacked areas of each event type's decayed contribution to the score (a row per day, a
    column per type): above zero types that raise tension, below zero those that ease it."""
    fig = go.Figure()
    for event_type in [t for t in EVENT_TYPES if t in contributions.columns]:
        values = contributions[event_type]
        fig.add_trace(go.Scatter(
            x=contributions.index, y=values, mode="lines", stackgroup="raise" if values.sum() >= 0 else "ease",
            line=dict(width=0.5, color=TYPE_COLORS[event_type]), name=TYPE_LABELS[event_type],
            hovertemplate="%{x|%d %b %Y}: %{y:.1f}<extra>" + TYPE_LABELS[event_type] + "</extra>"))
    fig.add_hline(y=0, line=dict(color="#666", width=1))
    fig.update_yaxes(title="Contribution to the score")
    return _layout(fig, title, subtitle, note, legend="right")


def net_conflict_cooperation(monthly: pd.DataFrame, title: str = "Monthly net conflict-cooperation",
                             subtitle: str = "", note: str = SOURCE_NOTE) -> go.Figure:
    """Per month, conflict weight up, cooperation weight down, and their sum as a line."""
    fig = go.Figure([
        go.Bar(x=monthly["month"], y=monthly["conflict"], name="Conflict (raises tension)", marker_color="#d7301f"),
        go.Bar(x=monthly["month"], y=monthly["cooperation"], name="Cooperation (eases tension)", marker_color="#2171b5"),
        go.Scatter(x=monthly["month"], y=monthly["net"], name="Net", mode="lines+markers",
                   line=dict(color="#222", width=2), marker=dict(size=5)),
    ])
    fig.update_layout(barmode="relative")
    fig.update_yaxes(title="Sum of signed event weights")
    return _layout(fig, title, subtitle, note)


CHART_NAMES = {
    "index": "Tension index", "by-type": "What the index is made of", "net": "Monthly net conflict-cooperation",
    "per-month": "Events per month by type", "map": "Where events happened",
}


def weekly_heatmap(weekly: pd.DataFrame, title: str = "Event intensity by week and type", subtitle: str = "",
                   note: str = SOURCE_NOTE) -> go.Figure:
    """A cell per week (x) and event type (y), shaded by the number of events."""
    fig = go.Figure()
    if not weekly.empty:
        types = [t for t in EVENT_TYPES if t in weekly.columns]
        fig.add_trace(go.Heatmap(x=weekly.index, y=[TYPE_LABELS[t] for t in types], z=weekly[types].T.to_numpy(),
                                 colorscale="YlOrRd", colorbar=dict(title="Events"), xgap=1, ygap=1,
                                 hovertemplate="week of %{x|%d %b %Y}<br>%{y}: %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, subtitle, note)


def period_comparison(comparison: pd.DataFrame, first: tuple, second: tuple, title: str = "Two periods compared",
                      subtitle: str = "", note: str = SOURCE_NOTE) -> go.Figure:
    """Paired bars per event type: events in the first and in the second period."""
    counts = comparison[comparison["measure"].str.startswith("Events: ") & (comparison["measure"] != "Events: all")]
    labels = counts["measure"].str.removeprefix("Events: ")
    fig = go.Figure([
        go.Bar(y=labels, x=counts["first"], orientation="h", name=f"{first[0]:%d %b %Y} to {first[1]:%d %b %Y}",
               marker_color="#9ecae1"),
        go.Bar(y=labels, x=counts["second"], orientation="h", name=f"{second[0]:%d %b %Y} to {second[1]:%d %b %Y}",
               marker_color="#08519c"),
    ])
    totals = comparison.set_index("measure")
    mean = totals.loc["Mean tension index"]
    fig.update_layout(barmode="group")
    fig.update_xaxes(title="Events")
    title = f"{title}: mean index {mean['first']:.1f} → {mean['second']:.1f}" if pd.notna(mean["first"]) else title
    return _layout(fig, title, subtitle, note)


def dyad_comparison(index_df: pd.DataFrame, events: pd.DataFrame, params: IndexParams = IndexParams(),
                    title: str = "Tension indices compared", subtitle: str = "", note: str = SOURCE_NOTE) -> go.Figure:
    """A line per dyad's index; `events` (of any one dyad) as markers along the foot of the chart."""
    palette = ["#1f4e79", "#e6550d", "#31a354", "#756bb1", "#636363"]
    fig = go.Figure()
    events, note = _most_significant(events.assign(weight=event_weights(events, params)), note)
    for colour, (dyad, series) in zip(palette * 4, index_df.groupby("dyad", sort=True)):
        fig.add_trace(go.Scatter(x=series["date"], y=series["index"], mode="lines", name=f"{dyad} index",
                                 line=dict(width=2.5, color=colour)))
    groups = dict(list(events.groupby("event_type", sort=False, observed=True)))
    for event_type in sorted(groups, key=lambda t: EVENT_TYPES.index(t) if t in EVENT_TYPES else len(EVENT_TYPES)):
        group = groups[event_type]
        fig.add_trace(go.Scatter(
            x=group["date"], y=[3] * len(group), mode="markers", name=f"{group['dyad'].iloc[0]}: {TYPE_LABELS.get(event_type, event_type)}",
            marker=dict(symbol="triangle-up", size=10, color=TYPE_COLORS.get(event_type, "#888"), line=dict(width=0.5, color="#333")),
            customdata=hover_text(group), hovertemplate="%{customdata[1]}<br>%{customdata[0]}<extra></extra>"))
    fig.update_yaxes(range=[0, 100], title="Tension index (0-100, 50 = balance)")
    fig.add_hline(y=50, line=dict(color="#999", dash="dot", width=1))
    return _layout(fig, title, subtitle, note, legend="right")  # up to 21 types: a legend below would cover the markers


def index_and_goldstein(index_df: pd.DataFrame, goldstein: pd.DataFrame, show: str = "both",
                        title: str = "Curated tension index and GDELT's Goldstein series", subtitle: str = "",
                        note: str = SOURCE_NOTE) -> go.Figure:
    """The curated index (left axis) and/or GDELT's daily mean Goldstein score, 7-day average (right
    axis, reversed so that conflict points up on both). `show`: "index", "goldstein" or "both"."""
    fig = go.Figure()
    if show in ("index", "both"):
        for dyad, series in index_df.groupby("dyad", sort=True):
            fig.add_trace(go.Scatter(x=series["date"], y=series["index"], mode="lines", name=f"{dyad} curated index",
                                     line=dict(width=2.5, color="#333")))
    if show in ("goldstein", "both"):
        for dyad, series in goldstein.groupby("dyad", sort=True):
            weekly = series.set_index("date")["goldstein_mean"].rolling("7D", min_periods=1).mean()
            fig.add_trace(go.Scatter(x=weekly.index, y=weekly.to_numpy(), mode="lines", yaxis="y2",
                                     name=f"{dyad} GDELT Goldstein, 7-day mean", line=dict(width=1.8, color="#e6550d")))
    fig.update_layout(yaxis=dict(range=[0, 100], title="Tension index (0-100)", visible=show != "goldstein"),
                      yaxis2=dict(range=[10, -10], title="Goldstein (−10 conflict … +10 cooperation)", overlaying="y",
                                  side="right", showgrid=False, visible=show != "index"))
    return _layout(fig, title, subtitle, note + "<br>GDELT: machine-coded news events, every record counted; not "
                   "curated and not the tracker's method")
