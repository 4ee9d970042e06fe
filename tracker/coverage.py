"""Coverage of the events table: counts per year and type, and the months with no event."""

from __future__ import annotations

import pandas as pd

from tracker.schema import EVENT_TYPES


def counts_by_year_and_type(events: pd.DataFrame) -> pd.DataFrame:
    """One row per year, one column per event type (every codebook type, zeros included), and a total."""
    table = (events.assign(year=events["date"].dt.year).groupby(["year", "event_type"]).size()
             .unstack(fill_value=0).reindex(columns=list(EVENT_TYPES), fill_value=0))
    table["total"] = table.sum(axis=1)
    return table


def empty_months(events: pd.DataFrame) -> list[str]:
    """Months (YYYY-MM) between the first and last event with no event at all."""
    if events.empty:
        return []
    months = events["date"].dt.to_period("M")
    every = pd.period_range(months.min(), months.max(), freq="M")
    return [str(m) for m in every.difference(pd.PeriodIndex(months.unique()))]


def coverage_report(events: pd.DataFrame, dyad: str | None = None) -> str:
    """Plain-text report per dyad: span, counts by year and type, types never seen, empty months."""
    blocks = []
    for name, group in events.groupby("dyad", sort=True):
        if dyad and name != dyad:
            continue
        table = counts_by_year_and_type(group)
        missing_types = [t for t in EVENT_TYPES if table[t].sum() == 0]
        gaps = empty_months(group)
        shown = table.loc[:, (table != 0).any()].T
        blocks.append("\n".join([
            f"== {name}: {len(group)} events, {group['date'].min():%Y-%m-%d} to {group['date'].max():%Y-%m-%d}",
            shown.to_string(),
            "types with no event: " + (", ".join(missing_types) or "none"),
            f"months with no event ({len(gaps)}): " + (", ".join(gaps) or "none"),
        ]))
    return "\n\n".join(blocks) or "no events"
