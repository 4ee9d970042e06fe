"""The page state: every choice a dashboard view is made of, as one value.

The filters, the index method (half-life, weights), the labelled events, the period comparison
(pivot event, window), the dyad comparison (dyads, overlay), what is changing (week, grouping) and
the tab are declared once below with their type, default and allowed values. `from_query_params`
reads them from a page address (or from the widgets' values) and never raises: whatever it cannot
use it ignores, with one plain note per field. `to_query_params` writes the choices back, leaving
out those at their default, and reads back to the same state.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from tracker.filters import Filters, normalize_dyad, parse_day
from tracker.index import HALF_LIFE_RANGE, WEIGHT_RANGE
from tracker.schema import CODEBOOK, CONFIDENCE_LEVELS, EVENT_TYPES

HALF_LIFE_DAYS = tuple(int(d) for d in HALF_LIFE_RANGE)  # a view's half-life, in whole days (the published method: 30)
WINDOW_DAYS = (7, 365)  # days before and after the pivot event
MAX_TEXT = 200  # characters of "summary contains"
CHANGING_BY = ("event_type", "province")
TABS = ("index", "events", "periods", "dyads", "changing", "article", "brief")
NO_OVERLAY = "(none)"
DEFAULT_PIVOT = "AFG-PAK-20250419-dar-kabul-visit"
DEFAULT_OVERLAY = "IND-PAK"
PUBLISHED_WEIGHTS = CODEBOOK["tension_weight"].to_dict()
# The keys of the dashboard's widgets, as PageState.widget_values gives them.
WIDGET_KEYS = ("dyad", "period", "event_types", "actors", "places", "confidence", "text", "half_life", "annotate",
               "pivot", "window", "compare_dyads", "overlay", "week_end", "changing_by")
MAX_QUOTED = 5  # unknown values quoted in a note; the rest are counted


@dataclass(frozen=True)
class DyadChoices:
    """What one dyad's data offers: its first and last event, actors, places, and the ids of the
    events that may be labelled on the index or compared around."""

    first: dt.date
    last: dt.date
    actors: Collection[str] = ()
    places: Collection[str] = ()
    events: Collection[str] = ()


@dataclass(frozen=True)
class Choices:
    """What the data in view offers the page state: its dyads, and each dyad's choices (`of`)."""

    dyads: tuple[str, ...]
    of: Callable[[str], DyadChoices]
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def default_dyad(self) -> str:
        return "AFG-PAK" if "AFG-PAK" in self.dyads else self.dyads[0]


@dataclass(frozen=True)
class PageState:
    """One dashboard view. `span` is the dyad's first and last event: a period equal to it is the
    default, which follows the dyad."""

    filters: Filters
    span: tuple[dt.date, dt.date]
    half_life: int = 30
    weights: tuple[tuple[str, float], ...] = ()  # the types whose weight differs from the published one
    annotate: tuple[str, ...] = ()  # events labelled on the index chart (none: the most significant)
    pivot: str | None = None  # the event the periods are compared around
    window: int = 90
    compare_dyads: tuple[str, ...] = ()  # dyads drawn side by side
    overlay: str = NO_OVERLAY  # the dyad whose events are drawn over the indices
    week_end: dt.date | None = None  # "what is changing": four weeks to this day
    changing_by: str = "event_type"
    tab: str = "index"
    defaults: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dyad(self) -> str:
        return self.filters.dyad

    def all_weights(self) -> dict[str, float]:
        return {**PUBLISHED_WEIGHTS, **dict(self.weights)}

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]], *, choices: Choices,
                          _what: str = "link parameter") -> tuple[PageState, list[str]]:
        """The state a page address asks for, within what `choices` offers, and a note for each
        parameter (or part of one) that was ignored. Never raises."""
        reader = _Reader(params, _what)
        dyad = reader.one("dyad", lambda text: _offered(normalize_dyad(text), choices.dyads, "a dyad with events"),
                          choices.default_dyad)
        offered = choices.of(dyad)
        latest = max(offered.last, choices.today)
        start = reader.one("start", lambda t: _within(_day(t), offered.first, latest), offered.first)
        end = reader.one("end", lambda t: _within(_day(t), offered.first, latest), offered.last)
        if start > end:
            reader.notes.append(f"Ignored {reader.what}s start and end: {start} is after {end}")
            start, end = offered.first, offered.last
        filters = Filters(
            dyad=dyad, start=start, end=end,
            event_types=reader.many("event_types", EVENT_TYPES),
            actors=reader.many("actors", offered.actors),
            places=reader.many("places", offered.places),
            confidence=reader.many("confidence", CONFIDENCE_LEVELS),
            text=reader.one("text", lambda t: t[:MAX_TEXT], ""),
        )
        events = offered.events
        pivot_default = DEFAULT_PIVOT if DEFAULT_PIVOT in events else (list(events)[-1] if len(events) else None)
        overlay_default = DEFAULT_OVERLAY if DEFAULT_OVERLAY in choices.dyads and dyad != DEFAULT_OVERLAY else NO_OVERLAY
        defaults = {"pivot": pivot_default, "overlay": overlay_default, "compare_dyads": choices.dyads, "week_end": end}
        state = cls(
            filters=filters, span=(offered.first, offered.last),
            half_life=reader.one("half_life", lambda t: _whole(t, *HALF_LIFE_DAYS), 30),
            weights=reader.weights("weight"),
            annotate=reader.many("annotate", events),
            pivot=reader.one("pivot", lambda t: _offered(t, events, "an event offered for this dyad"), pivot_default),
            window=reader.one("window", lambda t: _whole(t, *WINDOW_DAYS), 90),
            compare_dyads=reader.many("compare_dyads", choices.dyads, default=choices.dyads),
            overlay=reader.one("overlay", lambda t: _offered(t, (NO_OVERLAY, *choices.dyads), "a dyad with events"),
                               overlay_default),
            week_end=reader.one("week_end", lambda t: _within(_day(t), offered.first, latest), end),
            changing_by=reader.one("changing_by", lambda t: _offered(t, CHANGING_BY, "one of " + ", ".join(CHANGING_BY)), "event_type"),
            tab=reader.one("tab", lambda t: _offered(t, TABS, "one of " + ", ".join(TABS)), "index"),
            defaults=defaults,
        )
        return state, reader.notes

    @classmethod
    def from_widgets(cls, values: Mapping[str, object], *, choices: Choices,
                     previous: PageState | None = None) -> tuple[PageState, list[str]]:
        """The state the widgets hold (Python values, keyed as the address is), fitted to `choices`:
        what the data no longer offers (after a dyad switch, say) gives way to its default, with a note.
        A period that was the previous dyad's whole span follows the new dyad."""
        values = dict(values)
        period = values.pop("period", None) or ()
        if len(period):
            values["start"], values["end"] = period[0], period[-1]
        params = _as_params(values)
        if previous is not None and (values.get("start"), values.get("end")) == previous.span:
            params.pop("start", None), params.pop("end", None)
        if previous is not None:  # choices left at their default follow the data
            for key in ("pivot", "overlay", "compare_dyads", "week_end"):
                if _comparable(values.get(key)) == _comparable(previous.defaults.get(key)):
                    params.pop(key, None)
        return cls.from_query_params(params, choices=choices, _what="choice")

    def to_query_params(self) -> dict[str, str | list[str]]:
        """The page address of this state: the dyad, and every other choice not at its default."""
        params = {key: value for key, value in self.filters.to_query_params().items() if key not in ("start", "end")}
        if (self.filters.start, self.filters.end) != self.span:
            params["start"], params["end"] = str(self.filters.start), str(self.filters.end)
        scalars = {"half_life": (self.half_life, 30), "pivot": (self.pivot, self.defaults.get("pivot")),
                   "window": (self.window, 90), "overlay": (self.overlay, self.defaults.get("overlay", NO_OVERLAY)),
                   "week_end": (self.week_end, self.defaults.get("week_end", self.filters.end)),
                   "changing_by": (self.changing_by, "event_type"), "tab": (self.tab, "index")}
        params.update({key: str(value) for key, (value, default) in scalars.items() if value is not None and value != default})
        if self.weights:
            params["weight"] = [f"{t}:{w:g}" for t, w in self.weights]
        if self.annotate:
            params["annotate"] = list(self.annotate)
        if tuple(self.compare_dyads) != tuple(self.defaults.get("compare_dyads", ())):
            params["compare_dyads"] = list(self.compare_dyads) or [NO_OVERLAY]
        return params

    def widget_values(self) -> dict[str, object]:
        """The state as the dashboard's widgets hold it, keyed as the address is."""
        return {"dyad": self.dyad, "period": (self.filters.start, self.filters.end),
                "event_types": list(self.filters.event_types), "actors": list(self.filters.actors),
                "places": list(self.filters.places), "confidence": list(self.filters.confidence),
                "text": self.filters.text, "half_life": self.half_life, "annotate": list(self.annotate),
                "pivot": self.pivot, "window": self.window, "compare_dyads": list(self.compare_dyads),
                "overlay": self.overlay, "week_end": self.week_end, "changing_by": self.changing_by}

# ---- reading values, each check raising ValueError with what is wrong ----

class _Reader:
    """Reads one parameter at a time from an address, collecting a note for each value ignored."""

    def __init__(self, params: Mapping[str, str | list[str]], what: str):
        self.params, self.what = params, what
        self.notes: list[str] = []

    def _values(self, key: str) -> list[str]:
        raw = self.params.get(key)
        if raw is None:
            return []
        values = [raw] if isinstance(raw, str) else list(raw)
        return list(dict.fromkeys(v if isinstance(v, str) else str(v) for v in values))  # duplicates collapsed

    def one(self, key: str, parse: Callable[[str], object], default):
        values = self._values(key)
        if not values:
            return default
        try:
            return parse(values[-1])
        except (ValueError, OverflowError) as error:
            self.notes.append(f"Ignored {self.what} {key}: {error}")
            return default

    def many(self, key: str, allowed: Collection[str], default: Collection[str] = ()) -> tuple[str, ...]:
        values = self._values(key)
        if not values:
            return tuple(default)
        if values == [NO_OVERLAY] and key == "compare_dyads":
            return ()
        allowed = set(allowed)
        kept = tuple(v for v in values if v in allowed)
        self._note_unknown(key, [v for v in values if v not in allowed])
        return kept

    def weights(self, key: str) -> tuple[tuple[str, float], ...]:
        chosen: dict[str, float] = {}
        bad: list[str] = []
        for value in self._values(key):
            event_type, _, number = value.partition(":")
            try:
                weight = float(number)
            except ValueError:
                weight = math.nan
            if event_type in PUBLISHED_WEIGHTS and WEIGHT_RANGE[0] <= weight <= WEIGHT_RANGE[1]:
                chosen[event_type] = weight
            else:
                bad.append(value)
        if bad:
            self.notes.append(f"Ignored {self.what} {key}: {_listed(bad)} (expected type:weight, a known type "
                              f"and a weight from {WEIGHT_RANGE[0]:g} to {WEIGHT_RANGE[1]:g})")
        return tuple((t, w) for t, w in chosen.items() if w != PUBLISHED_WEIGHTS[t])

    def _note_unknown(self, key: str, unknown: list[str]) -> None:
        if unknown:
            self.notes.append(f"Ignored {self.what} {key}: unknown value{'s' if len(unknown) > 1 else ''} {_listed(unknown)}")


def _listed(values: list[str]) -> str:
    quoted = ", ".join(repr(_short(v)) for v in values[:MAX_QUOTED])
    return quoted + (f" and {len(values) - MAX_QUOTED} more" if len(values) > MAX_QUOTED else "")


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _day(text: str) -> dt.date:
    return parse_day(text.strip())


def _within(day: dt.date, first: dt.date, last: dt.date) -> dt.date:
    if not first <= day <= last:
        raise ValueError(f"{day} is outside the data ({first} to {last})")
    return day


def _whole(text: str, low: int, high: int) -> int:
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{_short(text)!r} is not a number") from None
    if not (math.isfinite(number) and number == int(number) and low <= number <= high):
        raise ValueError(f"{_short(text)!r} is not a whole number from {low} to {high}")
    return int(number)


def _offered(value: str, offered: Collection[str], what: str) -> str:
    if value not in offered:
        raise ValueError(f"{_short(value)!r} is not {what}")
    return value


def _comparable(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _as_params(values: Mapping[str, object]) -> dict[str, str | list[str]]:
    """Widget values (dates, numbers, lists) as the strings of a page address."""
    params: dict[str, str | list[str]] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            params[key] = [str(v) for v in value] or ([NO_OVERLAY] if key == "compare_dyads" else [])
        elif isinstance(value, float) and value == int(value):
            params[key] = str(int(value))
        else:
            params[key] = str(value)
    return {key: value for key, value in params.items() if value != []}
