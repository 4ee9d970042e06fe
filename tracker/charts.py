"""Figure builders: DataFrames in, plotly figures out. Never imports Streamlit."""

from __future__ import annotations

import plotly.colors as pc
import plotly.graph_objects as go
import pandas as pd

from tracker.index import IndexParams, event_weights
from tracker.schema import CODEBOOK, EVENT_TYPES, TYPE_LABELS

FONT = dict(family="Arial, Helvetica, sans-serif", size=14, color="#222")
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


def _layout(fig: go.Figure, title: str, subtitle: str, note: str) -> go.Figure:
    fig.update_layout(
        title=dict(text=f"{title}<br><span style='font-size:13px;color:#555'>{subtitle}</span>", x=0.01, xanchor="left"),
        font=FONT, template="plotly_white", margin=dict(l=60, r=20, t=90, b=80),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
    )
    if note:
        fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=-0.32 if fig.layout.legend else -0.2,
                           showarrow=False, xanchor="left", yanchor="top", font=dict(size=11, color="#666"))
    return fig


def index_timeline(index_df: pd.DataFrame, events: pd.DataFrame, params: IndexParams = IndexParams(),
                   title: str = "Bilateral tension index", subtitle: str = "", note: str = SOURCE_NOTE,
                   label_top: int = 8) -> go.Figure:
    """A line per dyad of the daily index; each event is a marker on its day, the `label_top` most
    significant (largest absolute weight) labelled."""
    fig = go.Figure()
    for dyad, series in index_df.groupby("dyad", sort=True):
        fig.add_trace(go.Scatter(x=series["date"], y=series["index"], mode="lines", name=f"{dyad} index",
                                 line=dict(width=2.5, color="#333" if index_df["dyad"].nunique() == 1 else None),
                                 hovertemplate="%{x|%d %b %Y}: %{y:.1f}<extra>" + dyad + "</extra>"))
    if not events.empty and not index_df.empty:
        lookup = index_df.set_index(["dyad", "date"])["index"]
        days = events["date"].dt.normalize()
        on_line = pd.Series(lookup.reindex(list(zip(events["dyad"], days))).to_numpy(), index=events.index)
        marked = events.assign(y=on_line, weight=event_weights(events, params)).dropna(subset=["y"])
        for event_type, group in marked.groupby("event_type", sort=False):
            fig.add_trace(go.Scatter(
                x=group["date"], y=group["y"], mode="markers", name=TYPE_LABELS.get(event_type, event_type),
                marker=dict(size=9, color=TYPE_COLORS.get(event_type, "#888"), line=dict(width=1, color="#333")),
                customdata=group[["summary"]], hovertemplate="%{x|%d %b %Y}<br>%{customdata[0]}<extra></extra>",
                legendgroup=event_type, showlegend=False))
        top = marked.reindex(marked["weight"].abs().sort_values(ascending=False).index).head(label_top)
        for i, event in enumerate(top.sort_values("date").itertuples()):
            fig.add_annotation(x=event.date, y=event.y, text=_short(event.summary), showarrow=True, arrowhead=0,
                               ax=0, ay=-40 - 28 * (i % 3), font=dict(size=11), bgcolor="rgba(255,255,255,0.85)")
    fig.update_yaxes(range=[0, 100], title="Tension index (0-100, 50 = balance)")
    fig.update_xaxes(title=None)
    fig.add_hline(y=50, line=dict(color="#999", dash="dot", width=1))
    return _layout(fig, title, subtitle, note)


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
    return _layout(fig, title, subtitle, note)


def events_map(events: pd.DataFrame, title: str = "Where events happened", subtitle: str = "",
               note: str = SOURCE_NOTE) -> go.Figure:
    """A marker per located event, coloured by type, sized by fatalities."""
    located = events.dropna(subset=["latitude", "longitude"])
    fig = go.Figure()
    for event_type, group in located.groupby("event_type", sort=False):
        size = 8 + 4 * group["fatalities_best"].astype("float64").fillna(0).clip(upper=100) ** 0.5
        fig.add_trace(go.Scattergeo(
            lat=group["latitude"], lon=group["longitude"], name=TYPE_LABELS.get(event_type, event_type),
            marker=dict(size=size, color=TYPE_COLORS.get(event_type, "#888"), line=dict(width=0.5, color="#333"), opacity=0.85),
            customdata=group[["summary", "location"]],
            hovertemplate="%{customdata[1]}<br>%{customdata[0]}<extra></extra>"))
    fig.update_geos(fitbounds="locations" if not located.empty else False, showcountries=True,
                    countrycolor="#888", showland=True, landcolor="#f3f3f3", resolution=50,
                    lataxis_range=[23, 38], lonaxis_range=[60, 80])
    return _layout(fig, title, subtitle, note + f" · {len(located)} of {len(events)} events located")
