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
4. Scale. index(d) = 100 / (1 + exp(-c(score(d)) / scale)), where c(s) = K * asinh(s / K) counts
   the score in full up to about ±K and beyond it logarithmically (method 1.1; 1.0 had c(s) = s and
   pinned the worst crises at 100): 50 where cooperation and conflict balance, towards 100 as
   conflict dominates, towards 0 as cooperation does. `scale` and K are constants of the method,
   never derived from the data in view, so filtering or adding events does not rescale history.

The value on day d depends only on events dated on or before d (causal).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from tracker.schema import CODEBOOK, EVENT_TYPES

METHOD_VERSION = "1.1"
DEFAULT_HALF_LIFE_DAYS = 30.0
DEFAULT_SCALE = 28.0  # method 1.1 (25 in 1.0)
COMPRESSION = 60.0  # K: the score counts in full up to about ±K, logarithmically beyond (method 1.1)
LEVEL_FACTORS = {
    "head_of_government": 1.5,
    "minister": 1.25,
    "military": 1.25,
    "envoy": 1.0,
    "official": 0.75,
}
HALF_LIFE_RANGE = (7.0, 180.0)  # the half-lives a user may choose (dashboard, command line, page address)
WEIGHT_RANGE = (-20.0, 20.0)  # the weight a user may give an event type
DATE_DTYPE = "datetime64[s]"  # the days of every daily table, empty or not
CONFIDENCE_FACTORS = {"confirmed": 1.0, "single_source": 0.8, "disputed": 0.6}


@dataclass(frozen=True)
class IndexParams:
    """Parameters of the tension index; the defaults are the published method."""

    half_life_days: float = DEFAULT_HALF_LIFE_DAYS
    scale: float = DEFAULT_SCALE
    weights: dict[str, float] = field(default_factory=lambda: CODEBOOK["tension_weight"].to_dict())

    def __post_init__(self):
        if not (self.half_life_days > 0 and np.isfinite(self.half_life_days)):
            raise ValueError(f"half_life_days must be a positive number of days, got {self.half_life_days}")
        infinite = sorted(t for t, w in self.weights.items() if not np.isfinite(w))
        if infinite:
            raise ValueError(f"weights must be finite numbers: {', '.join(infinite)}")
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
    fatalities = 1 + np.log10(1 + events["fatalities_best"].to_numpy(dtype="float64", na_value=0.0))
    level = _lookup(events["actor_level"], LEVEL_FACTORS, default=1.0)
    closure = (events["event_type"] == "border_closure").to_numpy(dtype=bool, na_value=False)
    days_closed = np.where(closure, events["duration_days"].to_numpy(dtype="float64", na_value=0.0), 0.0)
    duration = 1 + np.log10(1 + days_closed)
    confidence = _lookup(events["confidence"], CONFIDENCE_FACTORS, default=1.0)
    return pd.Series(fatalities * level * duration * confidence, index=events.index)


def _lookup(values: pd.Series, table: dict[str, float], default: float) -> np.ndarray:
    """table[value] for each value, `default` where missing or unknown (vectorised via factorize)."""
    codes, uniques = pd.factorize(values)
    factors = np.array([table.get(u, default) for u in uniques] + [default], dtype="float64")
    return factors[codes]  # code -1 (missing) picks the trailing default


def event_weights(events: pd.DataFrame, params: IndexParams = IndexParams()) -> pd.Series:
    """Signed, severity-weighted contribution of each event on its own day (steps 1-2)."""
    return pd.Series(_lookup(events["event_type"], params.weights, default=0.0), index=events.index) * severity(events)


def _daily_sums(events: pd.DataFrame, weights: np.ndarray, end: pd.Timestamp | None,
                columns: pd.Series) -> tuple[pd.DatetimeIndex, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sum of weights per day (rows) and per value of `columns` (e.g. dyad or event type).

    Returns (days, column labels, matrix days x labels, first and last day index of each label).
    Days run from the first event to max(last event, end).
    """
    day = events["date"].to_numpy(dtype="datetime64[D]")
    first, last = day.min(), day.max()
    if end is not None:
        last = max(last, np.datetime64(pd.Timestamp(end).date(), "D"))
    offset = (day - first).astype("int64")
    n_days = int((last - first).astype("int64")) + 1
    codes, labels = pd.factorize(columns, sort=True)
    flat = np.bincount(offset * len(labels) + codes, weights=weights, minlength=n_days * len(labels))
    starts = np.full(len(labels), n_days, dtype="int64")
    np.minimum.at(starts, codes, offset)
    ends = np.full(len(labels), -1, dtype="int64")
    np.maximum.at(ends, codes, offset)
    days = pd.date_range(pd.Timestamp(first), periods=n_days, freq="D").astype(DATE_DTYPE)
    return days, np.asarray(labels), flat.reshape(n_days, len(labels)), starts, ends


DECAY_BLOCK = 64  # days computed at once by _decay


def _decay(matrix: np.ndarray, half_life_days: float) -> np.ndarray:
    """Step 3 on every column at once: score(d) = decay * score(d - 1) + x(d), exactly, in blocks of
    DECAY_BLOCK days: within a block score = T @ x + decay^(j+1) * (the score before the block), T the
    lower-triangular matrix of decay^(j-k). Powers stay within a block, so nothing overflows."""
    decay = 0.5 ** (1.0 / half_life_days)
    steps = np.arange(DECAY_BLOCK)
    lags = steps[:, None] - steps[None, :]
    within = np.where(lags >= 0, decay ** np.maximum(lags, 0), 0.0)
    carry = decay ** (steps + 1)
    matrix = np.asarray(matrix, dtype="float64")
    out = np.empty_like(matrix)
    state = np.zeros(matrix.shape[1:])
    for start in range(0, len(matrix), DECAY_BLOCK):
        block = matrix[start:start + DECAY_BLOCK]
        n = len(block)
        out[start:start + n] = within[:n, :n] @ block + carry[:n, None] * state
        state = out[start + n - 1]
    return out


# The columns the index reads: an events table is cut to these before rows are selected.
INDEX_COLUMNS = ["date", "dyad", "event_type", "fatalities_best", "actor_level", "duration_days", "confidence"]


def _up_to(events: pd.DataFrame, end) -> pd.DataFrame:
    """The events dated on or before `end` (all when None), in the columns the index reads."""
    if end is None or events.empty or events["date"].max() <= pd.Timestamp(end):
        return events
    return events.loc[events["date"] <= pd.Timestamp(end), events.columns.intersection(INDEX_COLUMNS, sort=False)]


def decayed_by_type(events: pd.DataFrame, params: IndexParams = IndexParams(),
                    end: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Daily decayed score of one dyad split by event type (step 3): one column per type present.

    Rows run from the first event to `end` (default: the last event). Summing the columns gives
    the score; each column is that type's share of it.
    """
    events = _up_to(events, end)
    if events.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="date", dtype=DATE_DTYPE))
    days, types, daily, _, _ = _daily_sums(events, event_weights(events, params).to_numpy(), end, events["event_type"])
    return pd.DataFrame(_decay(daily, params.half_life_days), index=days.rename("date"), columns=list(types))


def to_scale(score: pd.Series | np.ndarray, scale: float = DEFAULT_SCALE):
    """Map a signed score to the fixed 0-100 scale (step 4): compressed beyond about ±COMPRESSION,
    then logistic; strictly increasing, 50 at 0, symmetric, never reaching 0 or 100."""
    compressed = COMPRESSION * np.arcsinh(np.asarray(score, dtype="float64") / COMPRESSION)
    return 100.0 / (1.0 + np.exp(-compressed / scale))


def _scores(events: pd.DataFrame, weights: np.ndarray, half_lives: list[float], start, end) -> pd.DataFrame:
    """Decayed scores per dyad and day for several half-lives: columns date, dyad, then one per half-life.

    Each dyad's rows run from its first event to max(its last event, end), trimmed to start.
    """
    days, dyads, daily, starts, ends = _daily_sums(events, weights, end, events["dyad"])
    if end is not None:
        ends = np.maximum(ends, len(days) - 1)
    decayed = [_decay(daily, h) for h in half_lives]
    if start is not None:
        starts = np.maximum(starts, int((pd.Timestamp(start) - days[0]) // pd.Timedelta(days=1)))
    pieces = [(i, s, e) for i, (s, e) in enumerate(zip(starts, ends)) if s <= e]
    rows = np.concatenate([np.arange(s, e + 1) for _, s, e in pieces]) if pieces else np.array([], dtype="int64")
    cols = np.concatenate([np.full(e - s + 1, i) for i, s, e in pieces]) if pieces else np.array([], dtype="int64")
    frame = pd.DataFrame({"date": days[rows].astype(DATE_DTYPE), "dyad": pd.array(dyads[cols], dtype="str")})
    for h, matrix in zip(half_lives, decayed):
        frame[h] = matrix[rows, cols]
    return frame


def _no_days(*values: str) -> pd.DataFrame:
    """A daily per-dyad table with no rows, in the dtypes of one with rows (so that it merges and
    exports like any other): date, dyad, then float columns `values`."""
    columns = {"date": pd.Series([], dtype=DATE_DTYPE), "dyad": pd.Series([], dtype="str")}
    return pd.DataFrame({**columns, **{v: pd.Series([], dtype="float64") for v in values}})


def tension_index(events: pd.DataFrame, params: IndexParams = IndexParams(),
                  start: pd.Timestamp | str | None = None, end: pd.Timestamp | str | None = None) -> pd.DataFrame:
    """Daily tension index per dyad: columns date, dyad, score, index.

    Every event up to `end` counts, also those before `start`: `start` only trims the output, so
    a shorter view shows the same values as a longer one. Vectorised over all dyads at once.
    """
    events = _up_to(events, end)
    if events.empty:
        return _no_days("score", "index")
    frame = _scores(events, event_weights(events, params).to_numpy(), [params.half_life_days], start, end)
    score = frame.pop(params.half_life_days).to_numpy()
    return frame.assign(score=score, index=to_scale(score, params.scale))


def index_change(index_df: pd.DataFrame, days: int) -> float | None:
    """Change of the index over the last `days` days of one dyad's series (None if too short, or if
    the table holds several dyads)."""
    if len(index_df) == 0 or index_df["dyad"].nunique() > 1:
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
    weights in `params`, conflict weights +25% and cooperation weights -25%, and the reverse.
    """
    conflict = {t: w * (1 + weight_change) if w > 0 else w * (1 - weight_change) for t, w in params.weights.items()}
    cooperation = {t: w * (1 - weight_change) if w > 0 else w * (1 + weight_change) for t, w in params.weights.items()}
    events = _up_to(events, end)
    if events.empty:
        return _no_days("low", "high")
    half_lives = sorted({params.half_life_days, *half_lives})
    factor = severity(events).to_numpy()
    runs = []
    for weights in (params.weights, conflict, cooperation):
        base = _lookup(events["event_type"], weights, default=0.0)
        frame = _scores(events, base * factor, half_lives, start, end)
        runs.append(to_scale(frame[half_lives].to_numpy(), params.scale))
    grid = np.concatenate(runs, axis=1)
    return frame[["date", "dyad"]].assign(low=grid.min(axis=1), high=grid.max(axis=1))


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
