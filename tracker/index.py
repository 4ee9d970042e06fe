"""The bilateral tension index: signed event weights, decayed daily, on a fixed 0-100 scale.

Method (docs/methodology.md has it in full, with a worked example):

1. Weight. Each event gets its type's tension weight from data/codebook.csv: the Goldstein (1992)
   value of the nearest CAMEO code, signed by the act's effect on the relationship (positive raises
   tension, negative eases it).
2. Severity. The weight is multiplied by
   - fatalities: 1 + log10(1 + fatalities_best)            (diminishing returns; 1 when not reported)
   - level of the actors: LEVEL_FACTORS                   (visits, talks, agreements)
   - days a border stayed closed: 1 + log10(1 + duration_days)   (closures; 1 when not known)
   - confidence of the report: CONFIDENCE_FACTORS
3. Accumulation. Per dyad and day d, score(d) = sum over events e dated on or before d of
   w_e * 0.5 ** ((d - date_e) / half_life_days). Computed as a first-order recursive filter over
   the daily sums: score(d) = decay * score(d - 1) + x(d), decay = 0.5 ** (1 / half_life_days).
4. Scale. index(d) = 100 / (1 + exp(-score(d) / scale)): 50 where cooperation and conflict balance,
   towards 100 as conflict dominates, towards 0 as cooperation does. `scale` is a constant of the
   method, never derived from the data in view, so filtering or adding events does not rescale
   history.

The value on day d depends only on events dated on or before d (causal).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy.signal import lfilter

from tracker.schema import CODEBOOK, EVENT_TYPES

METHOD_VERSION = "1.0"
DEFAULT_HALF_LIFE_DAYS = 30.0
DEFAULT_SCALE = 25.0
LEVEL_FACTORS = {
    "head_of_government": 1.5,
    "minister": 1.25,
    "military": 1.25,
    "envoy": 1.0,
    "official": 0.75,
}
CONFIDENCE_FACTORS = {"confirmed": 1.0, "single_source": 0.8, "disputed": 0.6}


@dataclass(frozen=True)
class IndexParams:
    """Parameters of the tension index; the defaults are the published method."""

    half_life_days: float = DEFAULT_HALF_LIFE_DAYS
    scale: float = DEFAULT_SCALE
    weights: dict[str, float] = field(default_factory=lambda: CODEBOOK["tension_weight"].to_dict())

    def __post_init__(self):
        if not self.half_life_days > 0:
            raise ValueError(f"half_life_days must be positive, got {self.half_life_days}")
        if not self.scale > 0:
            raise ValueError(f"scale must be positive, got {self.scale}")
        unknown = set(self.weights) - set(EVENT_TYPES)
        if unknown:
            raise ValueError(f"unknown event types in weights: {', '.join(sorted(unknown))}")

    def with_half_life(self, days: float) -> IndexParams:
        return replace(self, half_life_days=float(days))

    def is_published(self) -> bool:
        return self == IndexParams()

    def describe(self) -> str:
        """One line naming the method version and any departure from the published parameters."""
        text = f"tension index method v{METHOD_VERSION}, half-life {self.half_life_days:g} days"
        changed = {t: w for t, w in self.weights.items() if w != CODEBOOK.at[t, "tension_weight"]}
        if changed:
            text += "; custom weights: " + ", ".join(f"{t}={w:g}" for t, w in sorted(changed.items()))
        if self.scale != DEFAULT_SCALE:
            text += f"; scale {self.scale:g}"
        return text


def severity(events: pd.DataFrame) -> pd.Series:
    """Severity multiplier of each event (step 2 of the method)."""
    fatalities = 1 + np.log10(1 + events["fatalities_best"].astype("float64").fillna(0))
    level = events["actor_level"].map(LEVEL_FACTORS).astype("float64").fillna(1.0)
    closed = events["duration_days"].astype("float64").where(events["event_type"] == "border_closure")
    duration = 1 + np.log10(1 + closed.fillna(0))
    confidence = events["confidence"].map(CONFIDENCE_FACTORS).astype("float64").fillna(1.0)
    return fatalities * level * duration * confidence


def event_weights(events: pd.DataFrame, params: IndexParams = IndexParams()) -> pd.Series:
    """Signed, severity-weighted contribution of each event on its own day (steps 1-2)."""
    base = events["event_type"].map(params.weights).astype("float64").fillna(0.0)
    return base * severity(events)


def _day_grid(events: pd.DataFrame, end: pd.Timestamp | None) -> pd.DatetimeIndex:
    first = events["date"].min().normalize()
    last = events["date"].max().normalize()
    end = max(last, pd.Timestamp(end).normalize()) if end is not None else last
    return pd.date_range(first, end, freq="D")


def decayed_by_type(events: pd.DataFrame, params: IndexParams = IndexParams(),
                    end: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Daily decayed score of one dyad split by event type (step 3): one column per type present.

    Rows run from the first event to `end` (default: the last event). Summing the columns gives
    the score; each column is that type's share of it.
    """
    if events.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="date"))
    days = _day_grid(events, end)
    daily = (
        events.assign(weight=event_weights(events, params), day=events["date"].dt.normalize())
        .pivot_table(index="day", columns="event_type", values="weight", aggfunc="sum", fill_value=0.0)
        .reindex(days, fill_value=0.0)
    )
    decay = 0.5 ** (1.0 / params.half_life_days)
    decayed = lfilter([1.0], [1.0, -decay], daily.to_numpy(), axis=0)
    return pd.DataFrame(decayed, index=days.rename("date"), columns=daily.columns.rename(None))


def to_scale(score: pd.Series | np.ndarray, scale: float = DEFAULT_SCALE):
    """Map a signed score to the fixed 0-100 scale (step 4)."""
    return 100.0 / (1.0 + np.exp(-np.asarray(score, dtype="float64") / scale))


def tension_index(events: pd.DataFrame, params: IndexParams = IndexParams(),
                  start: pd.Timestamp | str | None = None, end: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Daily tension index per dyad: columns date, dyad, score, index.

    Every event up to `end` counts, also those before `start`: `start` only trims the output, so
    a shorter view shows the same values as a longer one.
    """
    frames = []
    for dyad, group in events.groupby("dyad", sort=True):
        if end is not None:
            group = group[group["date"] <= pd.Timestamp(end)]
        if group.empty:
            continue
        score = decayed_by_type(group, params, end).sum(axis=1)
        frames.append(pd.DataFrame({"date": score.index, "dyad": dyad, "score": score.to_numpy(),
                                    "index": to_scale(score.to_numpy(), params.scale)}))
    if not frames:
        return pd.DataFrame({"date": pd.Series([], dtype="datetime64[us]"), "dyad": pd.Series([], dtype="str"),
                             "score": pd.Series([], dtype="float64"), "index": pd.Series([], dtype="float64")})
    result = pd.concat(frames, ignore_index=True)
    if start is not None:
        result = result[result["date"] >= pd.Timestamp(start)]
    return result.reset_index(drop=True)


def index_change(index_df: pd.DataFrame, days: int) -> float | None:
    """Change of the index over the last `days` days of one dyad's series (None if too short)."""
    if len(index_df) == 0:
        return None
    series = index_df.set_index("date")["index"]
    then = series.index[-1] - pd.Timedelta(days=days)
    if then < series.index[0]:
        return None
    return float(series.iloc[-1] - series.asof(then))


def sensitivity_band(events: pd.DataFrame, params: IndexParams = IndexParams(),
                     half_lives: tuple[float, ...] = (15.0, 60.0), weight_change: float = 0.25,
                     start=None, end=None) -> pd.DataFrame:
    """Lowest and highest index per dyad and day over alternative parameters: columns date, dyad,
    low, high.

    The alternatives: each half-life in `half_lives` (and the one in `params`), crossed with the
    weights as published, conflict weights +25% and cooperation weights -25%, and the reverse.
    """
    conflict = {t: w * (1 + weight_change) if w > 0 else w * (1 - weight_change) for t, w in params.weights.items()}
    cooperation = {t: w * (1 - weight_change) if w > 0 else w * (1 + weight_change) for t, w in params.weights.items()}
    runs = []
    for half_life in sorted({params.half_life_days, *half_lives}):
        for weights in (params.weights, conflict, cooperation):
            alternative = replace(params, half_life_days=half_life, weights=weights)
            runs.append(tension_index(events, alternative, start=start, end=end).set_index(["date", "dyad"])["index"])
    grid = pd.concat(runs, axis=1)
    return pd.DataFrame({"low": grid.min(axis=1), "high": grid.max(axis=1)}).reset_index()


def what_moved(events: pd.DataFrame, params: IndexParams = IndexParams(), start=None, end=None,
               top: int = 10) -> pd.DataFrame:
    """Why the score of one dyad changed between `start` and `end`: one row per event dated in the
    period (its weight still present at `end`) and one row for the fading of everything before it.

    Columns: date, event_id, event_type, summary, change (score units), sorted by |change|.
    The changes add up exactly to score(end) - score(start).
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    weights = event_weights(events, params)
    days = events["date"].dt.normalize()
    decay = lambda delta: 0.5 ** (delta.dt.days / params.half_life_days)  # noqa: E731
    inside = (days > start) & (days <= end)
    before = days <= start
    rows = events.loc[inside, ["date", "event_id", "event_type", "summary"]].assign(
        change=(weights * decay(end - days))[inside])
    rows = rows.reindex(rows["change"].abs().sort_values(ascending=False).index)
    fading = float((weights * (decay(end - days) - decay(start - days)))[before].sum())
    tail = rows.iloc[top:]["change"].sum()
    extra = [{"date": pd.NaT, "event_id": "", "event_type": "", "summary": "Fading of events before the period",
              "change": fading}]
    if len(rows) > top:
        extra.append({"date": pd.NaT, "event_id": "", "event_type": "",
                      "summary": f"{len(rows) - top} other events in the period", "change": tail})
    return pd.concat([rows.head(top), pd.DataFrame(extra)], ignore_index=True)


def monthly_net(events: pd.DataFrame, params: IndexParams = IndexParams()) -> pd.DataFrame:
    """Monthly net conflict-cooperation per dyad, GDELT-style: the sum of signed, severity-weighted
    event weights (no decay). Columns: month, dyad, conflict (>= 0), cooperation (<= 0), net, events."""
    weighted = events.assign(weight=event_weights(events, params),
                             month=events["date"].dt.to_period("M").dt.to_timestamp())
    grouped = weighted.groupby(["month", "dyad"])["weight"]
    return pd.DataFrame({
        "conflict": grouped.apply(lambda w: w[w > 0].sum()),
        "cooperation": grouped.apply(lambda w: w[w < 0].sum()),
        "net": grouped.sum(),
        "events": grouped.size(),
    }).reset_index()
