"""Analyst tables: two periods side by side, what is changing week on week, weekly intensity.

Each function takes events (and the index where needed) and returns a new DataFrame.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.schema import TYPE_LABELS

CHANGE_FLAG_PERCENT = 50.0  # a change of at least this much against the baseline is flagged


def _in(events: pd.DataFrame, start, end) -> pd.DataFrame:
    return events[(events["date"] >= pd.Timestamp(start)) & (events["date"] <= pd.Timestamp(end))]


def compare_periods(events: pd.DataFrame, index_df: pd.DataFrame, first: tuple, second: tuple) -> pd.DataFrame:
    """One row per measure (events of each type, all events, fatalities, mean index) with the value
    in each period, the change and the change in percent. Periods are (start, end), inclusive."""
    a, b = _in(events, *first), _in(events, *second)
    counts = pd.DataFrame({"first": a["event_type"].value_counts(), "second": b["event_type"].value_counts()}).fillna(0)
    counts.index = [f"Events: {TYPE_LABELS.get(t, t)}" for t in counts.index]
    counts = counts.sort_index()
    totals = pd.DataFrame({
        "first": [len(a), a["fatalities_best"].sum(), _in(index_df, *first)["index"].mean()],
        "second": [len(b), b["fatalities_best"].sum(), _in(index_df, *second)["index"].mean()],
    }, index=["Events: all", "Fatalities (best estimate)", "Mean tension index"])
    table = pd.concat([totals, counts]).astype("float64")
    table["change"] = table["second"] - table["first"]
    table["change_percent"] = np.where(table["first"] != 0, 100 * table["change"] / table["first"].where(table["first"] != 0), np.nan)
    return table.rename_axis("measure").reset_index()


def whats_changing(events: pd.DataFrame, week_end, by: str = "event_type") -> pd.DataFrame:
    """ACLED-style change table: per event type (or province), events in the 4 weeks to `week_end`
    against the average 4-week count over the previous 4 and 52 weeks, with the change in percent
    and a flag where it reaches CHANGE_FLAG_PERCENT (or the category is new)."""
    end = pd.Timestamp(week_end).normalize()
    recent_start = end - pd.Timedelta(weeks=4) + pd.Timedelta(days=1)
    windows = {
        "last_4_weeks": (recent_start, end),
        "previous_4_weeks": (recent_start - pd.Timedelta(weeks=4), recent_start - pd.Timedelta(days=1)),
        "previous_52_weeks": (recent_start - pd.Timedelta(weeks=52), recent_start - pd.Timedelta(days=1)),
    }
    keys = events[by].fillna("(unknown)")
    counts = {name: keys[(events["date"] >= s) & (events["date"] <= e)].value_counts() for name, (s, e) in windows.items()}
    table = pd.DataFrame(counts).fillna(0).astype("float64")
    table["previous_52_weeks"] = table["previous_52_weeks"] / 13  # average per 4 weeks
    table = table.rename(columns={"previous_4_weeks": "avg_previous_4_weeks", "previous_52_weeks": "avg_previous_52_weeks"})
    for baseline in ("avg_previous_4_weeks", "avg_previous_52_weeks"):
        base = table[baseline]
        table[f"change_vs_{baseline[4:]}_percent"] = (100 * (table["last_4_weeks"] - base) / base.where(base > 0)).round(1)
    new = (table["last_4_weeks"] > 0) & (table["avg_previous_52_weeks"] == 0)
    big = table[["change_vs_previous_4_weeks_percent", "change_vs_previous_52_weeks_percent"]].abs().max(axis=1) >= CHANGE_FLAG_PERCENT
    table["flag"] = np.where(new, "new", np.where(big & (table["last_4_weeks"] > table["avg_previous_52_weeks"]), "up",
                                                 np.where(big, "down", "")))
    table = table[(table[["last_4_weeks", "avg_previous_4_weeks", "avg_previous_52_weeks"]] > 0).any(axis=1)]
    label = TYPE_LABELS.get if by == "event_type" else (lambda k: k)
    table.index = [label(k) or k for k in table.index]
    return table.round(2).rename_axis(by).reset_index().sort_values("last_4_weeks", ascending=False, ignore_index=True)


def weekly_intensity(events: pd.DataFrame) -> pd.DataFrame:
    """Events per week (rows, weeks starting Monday) and type (columns), zeros included."""
    if events.empty:
        return pd.DataFrame()
    week = events["date"].dt.to_period("W-SUN").dt.start_time
    table = events.assign(week=week).pivot_table(index="week", columns="event_type", values="event_id",
                                                 aggfunc="count", fill_value=0)
    every_week = pd.date_range(table.index.min(), table.index.max(), freq="7D")
    return table.reindex(every_week, fill_value=0).rename_axis("week")
