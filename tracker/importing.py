"""What the importers share: the result they return, the extra columns they add, the reference
tables they read (data/reference/, each with its source in data/reference/README.md) and the helpers
of their one shape, read -> map -> check.

A row of what an importer returns is one event record of its source, restricted to one dyad, with
the tracker's event columns (tracker.schema.COLUMNS, parsed dtypes) as far as the source fills
them, plus EXTRA_COLUMNS: `origin` ("gdelt", "acled", "ucdp"), `goldstein`, `num_mentions`,
`avg_tone` and `cameo_code` (GDELT's own values; empty for the others).

These are not curated events: keep them beside the curated data (`origin` says where a row came
from), not in it. Nothing is dropped without being counted or reported; `ImportResult.counts` holds
- rows_read: non-blank data lines or records read;
- wrong_field_count: rows with the wrong number of fields, reported as problems and skipped;
- other_dyads: well-formed rows that do not concern the dyad (or its dates), left out;
- kept_for_dyad: well-formed rows of the dyad;
- rejected: rows of the dyad with a bad field or a duplicate id, each reported as a problem;
- events: rows returned (kept_for_dyad - rejected);
- unmapped: returned rows whose source code maps to no tracker event type. They are KEPT with an
  empty `event_type` and add nothing to the tension index; drop them with
  `events.dropna(subset=["event_type"])` before validating or merging with curated events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from tracker.columnar import EVENT_DTYPES
from tracker.paths import DATA_DIR
from tracker.problems import PROBLEM_COLUMNS, Problem, combine

REFERENCE_DIR = DATA_DIR / "reference"


@lru_cache(maxsize=None)
def reference(name: str) -> pd.DataFrame:
    """A reference table of data/reference/ as text (empty cells as ''), e.g. reference("countries.csv")."""
    return pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)


_COUNTRIES = reference("countries.csv")
# ISO alpha-3 -> English short name, as ACLED writes countries and state actors ("Military Forces of
# Pakistan (2018-)"); also names GDELT actors whose name field is empty.
COUNTRY_NAMES: dict[str, str] = dict(zip(_COUNTRIES["iso3"], _COUNTRIES["name"]))
# FIPS 10-4 (GDELT's geographic codes) -> ISO alpha-3, for the region and the usual venues.
FIPS_TO_ISO3: dict[str, str] = dict(zip(_COUNTRIES["fips"], _COUNTRIES["iso3"]))

EXTRA_COLUMNS: dict[str, str] = {
    "origin": "str", "goldstein": "float64", "num_mentions": "Int64", "avg_tone": "float64", "cameo_code": "str",
}
LOCATION_MAX_CHARS = 120
ACTOR_MAX_CHARS = 80


@dataclass(frozen=True, eq=False)
class ImportResult:
    """What an importer returns. Unpacks as `events, problems = read_gdelt(...)`; `counts` says
    where every row read went (keys in the module docstring)."""

    events: pd.DataFrame
    problems: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)

    def __iter__(self):
        return iter((self.events, self.problems))

    def describe(self) -> str:
        """One line, e.g. '120 rows read: 1 with the wrong number of fields, 100 of other dyads,
        19 of AFG-PAK (1 rejected): 18 events, 3 with no tracker type'."""
        c = self.counts
        return (f"{c['rows_read']:,} rows read: {c['wrong_field_count']:,} with the wrong number of fields, "
                f"{c['other_dyads']:,} of other dyads, {c['kept_for_dyad']:,} of {c['dyad']} "
                f"({c['rejected']:,} rejected): {c['events']:,} events, {c['unmapped']:,} with no tracker type")


def quoted(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def report(found: list[dict], rows: pd.DataFrame, bad: pd.Series, column: str, message: str) -> pd.Series:
    """Add a problem for each row flagged in `bad` (the value quoted, then `message`); returns `bad`."""
    for file, row, value in zip(rows.loc[bad, "_file"], rows.loc[bad, "_row"], rows.loc[bad, column]):
        found.append(Problem(file, row, column, value, f"{quoted(value)} {message}"))
    return bad


def problem_frame(found: list[Problem]) -> pd.DataFrame:
    return combine([pd.DataFrame(found, columns=PROBLEM_COLUMNS)])


def parse_numbers(text: pd.Series, low: float, high: float, whole: bool = False) -> tuple[pd.Series, pd.Series]:
    """(numbers, bad): empty text is missing; anything else must be a number in [low, high]."""
    values = pd.to_numeric(text.mask(text == ""), errors="coerce")
    ok = values.between(low, high) & ((values == values.round()) if whole else True)
    return values, (text != "") & ~ok


def cut(text: pd.Series, limit: int) -> pd.Series:
    """Text cut to `limit` characters (ending in '…' when cut)."""
    long = text.str.len() > limit
    return text.where(~long, text.str.slice(0, limit - 1).str.rstrip() + "…")


def as_events(columns: dict[str, object], index: pd.Index) -> pd.DataFrame:
    """The tracker's columns then EXTRA_COLUMNS, in their dtypes, in date order; columns not given
    are empty, and so is empty text (as tracker.load reads it)."""
    frame = {}
    for column, dtype in {**EVENT_DTYPES, **EXTRA_COLUMNS}.items():
        values = pd.Series(columns[column] if column in columns else None, index=index).astype(dtype)
        frame[column] = values.mask(values == "") if pd.api.types.is_string_dtype(values) else values
    return pd.DataFrame(frame).sort_values(["date", "event_id"], kind="stable", ignore_index=True)


def row_counts(dyad: str, rows_read: int, wrong: int, kept: int, events: pd.DataFrame) -> dict[str, int | str]:
    return dict(dyad=dyad, rows_read=rows_read, wrong_field_count=wrong, other_dyads=rows_read - wrong - kept,
                kept_for_dyad=kept, rejected=kept - len(events), events=len(events),
                unmapped=int(events["event_type"].isna().sum()))




def read_csv_source(path, dyad: str, required: tuple[str, ...], relevance, map_and_check) -> ImportResult:
    """The one shape of an importer of CSV exports (ACLED, UCDP): read the file with tracker.load's
    reader -> keep the dyad's rows, `relevance(text, dyad) -> (concerns the dyad, a flag per row)`
    -> `map_and_check(rows, flags, dyad, found)` into events, reporting bad rows in `found`."""
    from tracker.filters import normalize_dyad
    from tracker.load import read_raw

    dyad = normalize_dyad(dyad)
    name = str(path)
    raw, read_problems = read_raw(path, name)
    found = [Problem(*p) for p in read_problems[PROBLEM_COLUMNS].itertuples(index=False)]
    wrong = int((read_problems["field"] == "(row)").sum())
    missing = [c for c in required if c not in raw.columns]
    if missing:
        found += [Problem(name, 1, c, "", "required column is missing") for c in missing]
        events = as_events({}, pd.RangeIndex(0))
        return ImportResult(events, problem_frame(found), row_counts(dyad, len(raw) + wrong, wrong, 0, events))
    text = raw[list(required)].fillna("").apply(lambda s: s.str.strip()).assign(_file=name, _row=raw["_row"])
    relevant, flags = relevance(text, dyad)
    events = map_and_check(text[relevant], flags[relevant], dyad, found)
    return ImportResult(events, problem_frame(found), row_counts(dyad, len(raw) + wrong, wrong, int(relevant.sum()), events))
