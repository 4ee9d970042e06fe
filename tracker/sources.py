"""Sources as a table of their own: one row per (event, page) in data/sources.csv, with the page's
outlet and publication date, the day it was last read against the event (`checked`) and a short
verbatim passage that supports the event (`quote`: the citation that survives link rot).

data/events.csv then holds the facts of each event and no source columns. Exchange stays in the
wide form every user file, import and export uses (source1_url … source3_date, and
`other_sources` for any further pages): `to_wide` and `to_long` convert either way, and an events
file without source columns that has a `sources.csv` beside it is read in the long form
(`attach_sources`, called by tracker.load).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.problems import Problems

SOURCES_FILE = "sources.csv"
SOURCE_COLUMNS = ["event_id", "url", "outlet", "published", "checked", "quote", "gives"]
SLOTS = 3  # source1 … source3 in the wide form; further pages go to other_sources
SLOT_FIELDS = ("url", "outlet", "date")
QUOTE_MAX_CHARS = 400
_OTHER = re.compile(r"\s*(?P<outlet>[^;]*?)\s*(?:\((?P<date>\d{4}-\d{2}-\d{2})\))?\s*<(?P<url>[^<>\s]+)>\s*")


def format_other(rows: list[tuple[str, str, str]]) -> str:
    """Further sources in one cell: 'Dawn (2025-04-20) <https://…>; Reuters <https://…>'."""
    return "; ".join(f"{outlet}{f' ({date})' if date else ''} <{url}>" for url, outlet, date in rows)


def parse_other(text: str) -> list[tuple[str, str, str]]:
    """(url, outlet, date) of each entry of an other_sources cell; raises ValueError naming a bad one."""
    found = []
    for entry in [e for e in str(text).split(";") if e.strip()]:
        match = _OTHER.fullmatch(entry)
        if not match:
            raise ValueError(f"{entry.strip()[:60]!r} is not 'Outlet (YYYY-MM-DD) <URL>'")
        found.append((match["url"], match["outlet"], match["date"] or ""))
    return found


def to_long(events: pd.DataFrame) -> pd.DataFrame:
    """One row per (event, page) from the wide columns, in slot order: SOURCE_COLUMNS (checked,
    quote and gives empty: the wide form has none). Vectorised: it runs on every dashboard rerun."""
    order = np.arange(len(events))
    parts = []
    for n in range(1, SLOTS + 1):
        if f"source{n}_url" not in events:
            continue
        url = events[f"source{n}_url"].astype("object").where(events[f"source{n}_url"].notna(), "")
        part = pd.DataFrame({"event_id": events["event_id"].astype("object").to_numpy(), "url": url.to_numpy(),
                             "outlet": _texts(events, f"source{n}_outlet"), "published": _days(events, f"source{n}_date"),
                             "_order": order, "_slot": n})
        parts.append(part[part["url"].str.strip() != ""])
    if "other_sources" in events:
        listed = events["other_sources"].astype("object").where(events["other_sources"].notna(), "")
        for i in np.flatnonzero(listed.str.strip().to_numpy() != ""):
            for k, (url, outlet, date) in enumerate(parse_other(listed.iloc[i])):
                parts.append(pd.DataFrame([{"event_id": events["event_id"].iloc[i], "url": url, "outlet": outlet,
                                            "published": date, "_order": i, "_slot": SLOTS + 1 + k}]))
    if not parts:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    pages = pd.concat(parts, ignore_index=True).sort_values(["_order", "_slot"], kind="stable")
    return pages.drop(columns=["_order", "_slot"]).assign(checked="", quote="", gives="")[SOURCE_COLUMNS].reset_index(drop=True)


def _texts(events: pd.DataFrame, column: str) -> np.ndarray:
    """A column as text, '' where empty or absent."""
    if column not in events:
        return np.full(len(events), "", dtype=object)
    values = events[column]
    return values.astype("object").where(values.notna(), "").astype(str).to_numpy()


def _days(events: pd.DataFrame, column: str) -> np.ndarray:
    """A date column as YYYY-MM-DD text, '' where empty or absent."""
    if column not in events:
        return np.full(len(events), "", dtype=object)
    values = events[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").astype("object").where(values.notna(), "").to_numpy()
    return values.astype("object").where(values.notna(), "").astype(str).to_numpy()


def to_wide(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The events with source1 … source3 and other_sources filled from `sources` (text columns),
    each event's pages in the table's order."""
    slots = {f"source{n}_{f}": [""] * len(events) for n in range(1, SLOTS + 1) for f in SLOT_FIELDS}
    other = [""] * len(events)
    position = {event_id: i for i, event_id in enumerate(events["event_id"])}
    grouped: dict[int, list[tuple[str, str, str]]] = {}
    for row in sources.itertuples(index=False):
        if row.event_id in position:
            grouped.setdefault(position[row.event_id], []).append((row.url, row.outlet, row.published))
    for i, pages in grouped.items():
        for n, (url, outlet, date) in enumerate(pages[:SLOTS], start=1):
            slots[f"source{n}_url"][i], slots[f"source{n}_outlet"][i], slots[f"source{n}_date"][i] = url, outlet, date
        other[i] = format_other(pages[SLOTS:])
    return events.assign(**slots, other_sources=other)


def read_sources(path: Path | str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sources table as text (with `_row`, the header being row 1), and its problems: a row
    without event_id or url, a URL not http(s), a date not YYYY-MM-DD, a quote over QUOTE_MAX_CHARS,
    a page whose outlet or publication date differs between the events citing it."""
    path = Path(path)
    problems = Problems(str(path))
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in SOURCE_COLUMNS if c not in table.columns]
    for column in missing:
        problems.add(1, column, "required column is missing", rejects_file=True)
    if missing:
        return table.iloc[0:0].assign(line=[]), problems.frame()
    table = table[SOURCE_COLUMNS].apply(lambda s: s.str.strip()).assign(line=range(2, len(table) + 2))
    for row in table.itertuples(index=False):
        if not row.event_id:
            problems.add(row.line, "event_id", "is required but empty")
        if not re.match(r"^https?://\S+$", row.url):
            problems.add(row.line, "url", f"{row.url[:60]!r} is not an http(s) URL", row.url)
        for field in ("published", "checked"):
            value = getattr(row, field)
            if value and not _is_day(value):
                problems.add(row.line, field, f"{value!r} is not a date (expected YYYY-MM-DD)", value)
        if len(row.quote) > QUOTE_MAX_CHARS:
            problems.add(row.line, "quote", f"is {len(row.quote)} characters; a quote is at most {QUOTE_MAX_CHARS}")
    for field in ("outlet", "published"):
        spelled = table[table[field] != ""].groupby("url")[field].nunique()
        for url in spelled[spelled > 1].index:
            rows = table[(table["url"] == url) & (table[field] != "")]
            first = rows.iloc[0]
            for row in rows.iloc[1:].itertuples(index=False):
                if getattr(row, field) != first[field]:
                    problems.add(row.line, field, f"{getattr(row, field)!r} differs from {first[field]!r} for the same page "
                                 f"(row {first['line']}); a page has one {field}", getattr(row, field))
    return table, problems.frame()


def attach_sources(raw: pd.DataFrame, sources_path: Path, events_name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An all-string events frame without source columns, given them from the sources table beside
    it; problems of that table, and an events row with no source (reported on the events file)."""
    sources, problems = read_sources(sources_path)
    known = set(raw["event_id"]) if "event_id" in raw else set()
    extra = Problems(str(sources_path))
    for row in sources[~sources["event_id"].isin(known) & (sources["event_id"] != "")].itertuples(index=False):
        extra.add(row.line, "event_id", f"{row.event_id[:60]!r} is not an event of {events_name}", row.event_id)
    usable = sources["event_id"].isin(known) & ~sources["line"].isin(problems["row"])  # a bad page is reported, not used
    return to_wide(raw, sources[usable]), extra.frame(problems)


def _is_day(text: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False




def pages_of(events: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every page of the given events (from their wide columns), with the checked date and quote of
    `table` (the curated sources, by default) where it has the page."""
    pages = to_long(events)
    table = curated_sources() if table is None else table
    if table.empty or pages.empty:
        return pages
    known = table.set_index(["event_id", "url"])[["checked", "quote", "gives"]]
    known = known[~known.index.duplicated()]
    found = known.reindex(pd.MultiIndex.from_frame(pages[["event_id", "url"]]))
    return pages.assign(**{c: found[c].fillna("").to_numpy() for c in ("checked", "quote", "gives")})


def curated_sources() -> pd.DataFrame:
    """data/sources.csv as text ('' for empty cells), or an empty table where there is none."""
    from tracker.paths import DATA_DIR

    path = DATA_DIR / SOURCES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    return _read_cached(str(path), path.stat().st_mtime)


@lru_cache(maxsize=2)
def _read_cached(path: str, modified: float) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)
