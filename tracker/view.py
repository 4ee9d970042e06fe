"""One view of the events: everything the dashboard's tabs, the briefing pack and the command line
show, computed in one place from the events, the filters and the method's parameters.

An empty view (filters that match nothing) is a valid view: every table keeps its columns and
dtypes, every figure draws its axes and says so, every export is a header-only CSV.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from tracker import charts, export, tables
from tracker.filters import Filters
from tracker.index import METHOD_VERSION, IndexParams, decayed_by_type, event_weights, index_change, monthly_net, \
    sensitivity_band, tension_index, what_moved

KEY_EVENTS = 10


@dataclass(frozen=True)
class PeriodComparison:
    """Two periods side by side around an event: the periods (start, end), inclusive, and the table."""

    first: tuple[dt.date, dt.date]
    second: tuple[dt.date, dt.date]
    table: pd.DataFrame


@dataclass(frozen=True)
class View:
    """One view of one dyad (or of all): the filtered events, and the index and tables made from them.

    `counted` holds the events the index counts: the filters but for the dates, so that the history
    before the period counts too. Everything else is computed from it when first asked for, once.
    """

    filters: Filters
    params: IndexParams
    counted: pd.DataFrame
    data_date: pd.Timestamp | None  # the latest event recorded for the view's dyad (or in all the data)

    @classmethod
    def build(cls, all_events: pd.DataFrame, filters: Filters, params: IndexParams = IndexParams()) -> View:
        counted = filters.without_dates().apply(all_events)
        recorded = all_events["date"] if not filters.dyad else all_events.loc[all_events["dyad"] == filters.dyad, "date"]
        latest = recorded.max()
        return cls(filters, params, counted, None if pd.isna(latest) else latest)

    # ---- the period and its tables ----

    @property
    def start(self) -> pd.Timestamp | None:
        return pd.Timestamp(self.filters.start) if self.filters.start else None

    @property
    def end(self) -> pd.Timestamp | None:
        return pd.Timestamp(self.filters.end) if self.filters.end else None

    @cached_property
    def events(self) -> pd.DataFrame:
        """The events of the view: the filters, dates included."""
        return self.filters.in_period(self.counted)

    @cached_property
    def index(self) -> pd.DataFrame:
        """The daily index over the period (computed on all history before it): date, dyad, score, index."""
        return tension_index(self.counted, self.params, start=self.start, end=self.end)

    @cached_property
    def band(self) -> pd.DataFrame:
        """The sensitivity band over the period: date, dyad, low, high."""
        return sensitivity_band(self.counted, self.params, start=self.start, end=self.end)

    @cached_property
    def by_type(self) -> pd.DataFrame:
        """Each event type's decayed share of the score, a column per type, a row per day of the period."""
        shares = decayed_by_type(self.counted, self.params, end=self.end)
        return shares.loc[self.start:] if self.start is not None else shares

    def index_table(self, band: bool = True, by_type: bool = False) -> pd.DataFrame:
        """The daily index, with the band's low and high and each type's share (`type_<code>`) if asked:
        one row per day of the index, whatever the other tables hold."""
        table = self.index
        if band:
            table = table.merge(self.band, on=["date", "dyad"], how="left")
        if by_type:
            table = table.merge(self.by_type.add_prefix("type_"), left_on="date", right_index=True, how="left")
        return table

    def index_csv(self, band: bool = True, by_type: bool = False) -> str:
        """The index table as exported (tracker.export): method version and parameters on every row."""
        return export.index_csv(self.index_table(band, by_type), self.params)

    def events_csv(self) -> str:
        return export.events_csv(self.events)

    def what_moved(self, top: int = 10) -> pd.DataFrame:
        """The events of the period that changed the score most, and the fading of those before it
        (tracker.index.what_moved); no rows for an empty view."""
        if self.index.empty:
            return what_moved(self.counted.iloc[0:0], self.params, start="2000-01-01", end="2000-01-01").iloc[0:0]
        start = self.start if self.start is not None else self.index["date"].iloc[0]
        end = self.end if self.end is not None else self.index["date"].iloc[-1]
        return what_moved(self.counted, self.params, start=start, end=end, top=top)

    def monthly_net(self) -> pd.DataFrame:
        return monthly_net(self.events, self.params)

    def key_events(self, top: int = KEY_EVENTS) -> pd.DataFrame:
        """The period's most significant events (largest absolute weight), in date order."""
        weight = event_weights(self.events, self.params).abs()
        return self.events.loc[weight.nlargest(top).index].sort_values("date", kind="stable")

    def compare_around(self, day: dt.date, window: int) -> PeriodComparison:
        """The view's events and index in the `window` days before `day` (an event's, say) against
        the `window` days from it."""
        first = (day - dt.timedelta(days=window), day - dt.timedelta(days=1))
        second = (day, day + dt.timedelta(days=window - 1))
        full_index = tension_index(self.counted, self.params, end=pd.Timestamp(second[1]))
        return PeriodComparison(first, second, tables.compare_periods(self.counted, full_index, first, second))

    def whats_changing(self, week_end: dt.date, by: str = "event_type") -> pd.DataFrame:
        return tables.whats_changing(self.counted, week_end, by=by)

    def others(self, all_events: pd.DataFrame, dyad: str | None) -> pd.DataFrame:
        """Another dyad's events over the view's period (none for None), to draw over the indices."""
        if not dyad:
            return all_events.iloc[0:0]
        return Filters(dyad=dyad, start=self.filters.start, end=self.filters.end).apply(all_events)

    # ---- words and figures ----

    def note(self) -> str:
        data_date = f"{self.data_date:%d %b %Y}" if self.data_date is not None else "–"
        return (f"{charts.SOURCE_NOTE}<br>{len(self.events)} events · data to {data_date} · "
                f"index method v{METHOD_VERSION}, half-life {self.params.half_life_days:g} days")

    def finding(self) -> str:
        """A title that states what the index did, e.g. 'AFG-PAK tension index: 83.5 on 31 Dec 2025, +29.7 in 90 days'."""
        return index_title(self.filters.dyad or "all dyads", self.index)

    def headline(self) -> dict[str, str]:
        if self.events.empty:
            return {"Tension index": "–", "Change over 30 days": "–", "Change over 90 days": "–",
                    "Events": "no events", "Fatalities (best estimate)": "–"}
        current = self.index["index"].iloc[-1] if len(self.index) and self.index["dyad"].nunique() == 1 else None
        change_30, change_90 = index_change(self.index, 30), index_change(self.index, 90)
        return {
            "Tension index": f"{current:.1f}" if current is not None else "–",
            "Change over 30 days": f"{change_30:+.1f}" if change_30 is not None else "–",
            "Change over 90 days": f"{change_90:+.1f}" if change_90 is not None else "–",
            "Events": f"{len(self.events):,}",
            "Fatalities (best estimate)": f"{int(self.events['fatalities_best'].sum()):,}",
        }

    def figures(self) -> dict[str, go.Figure]:
        """Every chart of the briefing pack, keyed by a short name used in file names. Built once per
        view (a dashboard rerun that keeps the view draws nothing again); the dict is the caller's."""
        return dict(self._figures)

    @cached_property
    def _figures(self) -> dict[str, go.Figure]:
        subtitle, note = self.filters.describe(), self.note()
        return {
            "index": self.index_figure(),
            "by-type": self._dated(charts.index_by_type(self.by_type, subtitle=subtitle, note=note)),
            "net": self._dated(charts.net_conflict_cooperation(self.monthly_net(), subtitle=subtitle, note=note)),
            "per-month": self._dated(charts.events_per_month(self.events, subtitle=subtitle, note=note)),
            "map": charts.events_map(self.events, subtitle=subtitle, note=note),
        }

    def index_figure(self, annotate=None) -> go.Figure:
        """The index chart; `annotate`: the ids of the events to label (default: the most significant)."""
        return self._dated(charts.index_timeline(self.index, self.events, self.params, title=self.finding(),
                                                 subtitle=self.filters.describe(), note=self.note(), band=self.band,
                                                 annotate=annotate or None))

    def heatmap_figure(self) -> go.Figure:
        return self._heatmap  # built once per view, like the figures of the pack

    @cached_property
    def _heatmap(self) -> go.Figure:
        return self._dated(charts.weekly_heatmap(tables.weekly_intensity(self.events), subtitle=self.filters.describe(),
                                                 note=self.note()))

    def comparison_figure(self, comparison: PeriodComparison) -> go.Figure:
        return charts.period_comparison(comparison.table, comparison.first, comparison.second,
                                        subtitle=self.filters.describe(), note=self.note())

    def dyads_figure(self, indices: pd.DataFrame, dyads: list[str], others: pd.DataFrame) -> go.Figure:
        """The indices of `dyads` (from `indices`, all dyads' index) over the period, `others` as markers."""
        lines = indices[indices["dyad"].isin(dyads)]
        if self.start is not None:
            lines = lines[lines["date"] >= self.start]
        if self.end is not None:
            lines = lines[lines["date"] <= self.end]
        period = f"{self.filters.start or 'start'} to {self.filters.end or 'latest'}"
        return self._dated(charts.dyad_comparison(lines, others, self.params, subtitle=period, note=self.note()))

    def _dated(self, figure: go.Figure) -> go.Figure:
        """A time chart with no data still shows the view's period on its date axis."""
        if not any(len(trace.x if trace.x is not None else ()) for trace in figure.data):
            charts.say_empty(figure, charts.NO_EVENTS)
            if self.filters.start and self.filters.end and self.filters.start <= self.filters.end:
                figure.update_xaxes(type="date", range=[self.filters.start.isoformat(), self.filters.end.isoformat()])
        return figure


def index_title(dyad: str, index: pd.DataFrame) -> str:
    if index.empty:
        return f"{dyad} tension index: no events in view"
    if index["dyad"].nunique() > 1:
        return f"Tension indices of {index['dyad'].nunique()} dyads"
    last = index.iloc[-1]
    text = f"{dyad} tension index: {last['index']:.1f} on {last['date']:%d %b %Y}"
    change = index_change(index, 90)
    return text + (f", {change:+.1f} in 90 days" if change is not None else "")
