"""Apply re-reading verdicts to data/sources.csv (issue 13's curation pass).

    python tools/apply_quote_verdicts.py VERDICTS.csv ... [--checked YYYY-MM-DD] [--dry-run]

Each verdict file has the columns event_id, url, verdict, outlet, published, quote, gives, reason.
- ok / differs: the cited page was found again; its quote, gives and checked date are recorded
  (differs also lists the event for a look at its figures or date).
- new: a page not cited before that supports the event is added, quoted and checked.
- not_found / unsupported: the cited page is removed from the event, but never an event's last
  page (an event keeps its unchecked pages until one of its pages is quoted), and never a page that
  another reading found and quoted (a search that missed it does not outweigh one that found it).
An event left with one outlet and marked confirmed becomes single_source. What was removed is
written to removed-pages.csv in the first verdict file's folder, so nothing is lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.sources import QUOTE_MAX_CHARS, SOURCE_COLUMNS  # noqa: E402

VERDICTS = ("ok", "differs", "new", "not_found", "unsupported")


def page_key(url: str) -> str:
    """One key for the spellings of a page's address (scheme, www. or m., :443, a trailing slash)."""
    url = re.sub(r"^https?://", "", url.strip().lower())
    url = re.sub(r"^(www\.|m\.|amp\.)", "", url)
    return url.replace(":443/", "/").rstrip("/")


def read_verdicts(paths: list[Path]) -> pd.DataFrame:
    tables = []
    for path in paths:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        table["file"] = f"{path.parent.name}/{path.name}"
        tables.append(table)
    verdicts = pd.concat(tables, ignore_index=True)
    verdicts["verdict"] = verdicts["verdict"].str.strip().str.lower()
    unknown = verdicts[~verdicts["verdict"].isin(VERDICTS)]
    if len(unknown):
        raise SystemExit(f"unknown verdicts: {unknown[['file', 'event_id', 'verdict']].to_dict('records')}")
    return verdicts


def usable_quote(quote: str) -> bool:
    return 0 < len(quote) <= QUOTE_MAX_CHARS and "..." not in quote and "…" not in quote


def apply(sources: pd.DataFrame, events: pd.DataFrame, verdicts: pd.DataFrame, checked: str):
    sources = sources.copy()
    sources["key"] = sources["url"].map(page_key)
    known = set(events["event_id"])
    log = {"found": 0, "new": 0, "removed": 0, "kept_unchecked": 0, "kept_quoted": 0, "skipped": []}
    removals = []
    for v in verdicts.itertuples(index=False):
        if v.event_id not in known:
            log["skipped"].append((v.file, v.event_id, v.url, "no such event"))
            continue
        rows = (sources["event_id"] == v.event_id) & (sources["key"] == page_key(v.url))
        if v.verdict in ("ok", "differs", "new"):
            if not usable_quote(v.quote):
                log["skipped"].append((v.file, v.event_id, v.url, "no usable quote"))
                continue
            if not rows.any():
                if v.verdict != "new":
                    log["skipped"].append((v.file, v.event_id, v.url, "cited page not in sources.csv"))
                    continue
                sources = pd.concat([sources, pd.DataFrame([{
                    "event_id": v.event_id, "url": v.url.strip(), "outlet": v.outlet.strip(),
                    "published": v.published.strip(), "key": page_key(v.url)}])], ignore_index=True).fillna("")
                rows = (sources["event_id"] == v.event_id) & (sources["key"] == page_key(v.url))
                log["new"] += 1
            else:
                log["found"] += 1
            sources.loc[rows, ["quote", "checked", "gives"]] = [v.quote.strip(), checked, v.gives.strip()]
            if re.fullmatch(r"\d{4}-\d\d-\d\d", v.published.strip()):
                sources.loc[sources["key"] == page_key(v.url), "published"] = v.published.strip()  # the page's own date
        else:
            removals.append(v)
    for v in removals:  # after every page found has been quoted: an event keeps a page it needs
        rows = (sources["event_id"] == v.event_id) & (sources["key"] == page_key(v.url))
        if not rows.any():
            continue
        if v.verdict == "not_found" and (sources.loc[rows, "quote"] != "").any():
            log["kept_quoted"] += 1
            continue
        others = sources[(sources["event_id"] == v.event_id) & ~rows]
        if (others["quote"] != "").any():
            removed = sources[rows].assign(verdict=v.verdict, reason=v.reason, file=v.file)
            sources = sources[~rows]
            log["removed"] += 1
            log.setdefault("removed_rows", []).append(removed)
        else:
            log["kept_unchecked"] += 1
    # one outlet spelling per page: the first row's
    first_outlet = sources.groupby("key")["outlet"].transform(lambda o: next((x for x in o if x), ""))
    sources["outlet"] = first_outlet
    outlets = sources.groupby("event_id")["outlet"].agg(lambda o: o.str.casefold().str.strip().nunique())
    lowered = events["event_id"][(events["confidence"] == "confirmed") & (events["event_id"].map(outlets) < 2)]
    events = events.copy()
    events.loc[events["event_id"].isin(lowered), "confidence"] = "single_source"
    log["lowered"] = lowered.tolist()
    order = {e: i for i, e in enumerate(events["event_id"])}
    sources = sources.sort_values("event_id", key=lambda s: s.map(order), kind="stable")
    return sources[SOURCE_COLUMNS], events, log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("verdicts", nargs="+", type=Path)
    parser.add_argument("--checked", default=dt.date.today().isoformat())
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    sources = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
    events = pd.read_csv(ROOT / "data" / "events.csv", dtype=str, keep_default_na=False)
    new_sources, new_events, log = apply(sources, events, read_verdicts(args.verdicts), args.checked)
    removed = log.pop("removed_rows", [])
    print({k: (len(v) if isinstance(v, list) else v) for k, v in log.items()})
    for s in log["skipped"]:
        print("skipped:", s)
    print("lowered to single_source:", log["lowered"])
    if args.dry_run:
        return
    new_sources.to_csv(ROOT / "data" / "sources.csv", index=False)
    new_events.to_csv(ROOT / "data" / "events.csv", index=False)
    if removed:
        out = args.verdicts[0].parent / "removed-pages.csv"
        pd.concat(removed).drop(columns="key").to_csv(out, index=False, mode="a", header=not out.exists())


if __name__ == "__main__":
    main()
