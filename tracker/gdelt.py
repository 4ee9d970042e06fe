"""GDELT 2.0 events: read -> map -> check, into the tracker's events shape (tracker.importing).

Read: daily export files (`*.export.CSV`, 61 tab-separated columns, no header; or `.zip` files
holding them), a BigQuery result saved as CSV (with a header row), or an extract already on disk
as Parquet in the public table's column names, of any size, which DuckDB filters without loading
it into pandas (read_gdelt_parquet, with the query of tracker.gdelt_sql). Map: CAMEO codes to
tracker types (data/reference/cameo_event_types.csv), actors' country codes to initiator and
target, ActionGeo_* to place and coordinates. Check: every field the tracker uses, on the dyad's
rows only (a daily file has ~100,000 rows of which a handful concern the dyad).

One GDELT record is one news report's coding of an act, so a single event appears many times and
miscodings are common (Ward et al. 2013, "Comparing GDELT and ICEWS event data").
Sources: GDELT Event Codebook V2.0 (data/reference/gdelt_columns.csv; the public BigQuery table
`gdelt-bq.gdeltv2.events`); CAMEO 1.1b3 event names (data/reference/cameo_names.csv, from GDELT's
CAMEO.eventcodes.txt).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from tracker.filters import normalize_dyad
from tracker.importing import COUNTRY_NAMES, FIPS_TO_ISO3, LOCATION_MAX_CHARS, ImportResult, as_events, cut, row_counts, \
    parse_numbers, problem_frame, quoted, reference, report
from tracker.problems import Problem
from tracker.schema import SUMMARY_MAX_CHARS, URL_PATTERN

_COLUMNS = reference("gdelt_columns.csv")
# The 61 columns of a GDELT 2.0 events export, in file order, and the types of the public table.
GDELT_COLUMNS: tuple[str, ...] = tuple(_COLUMNS["name"])
GDELT_TYPES: dict[str, str] = dict(zip(_COLUMNS["name"], _COLUMNS["type"]))
# The columns read_gdelt uses (what tracker.gdelt_sql selects); a file with a header row needs only these.
GDELT_USED_COLUMNS: tuple[str, ...] = tuple(_COLUMNS.loc[_COLUMNS["used"] == "yes", "name"])
# CAMEO code -> tracker event type, the most specific entry winning; an empty type marks a code left
# unmapped on purpose (1723 "Impose curfew" is not a border closure although its base 172 is).
CAMEO_TO_EVENT_TYPE: dict[str, str | None] = {
    code: (event_type or None) for code, event_type in reference("cameo_event_types.csv").itertuples(index=False)}
CAMEO_NAMES: dict[str, str] = dict(reference("cameo_names.csv").itertuples(index=False))


# ---- read ----

def _gdelt_texts(path: Path, found: list[dict]) -> list[tuple[str, str]]:
    """(name, text) of each file: the file itself, or every member of a zip ('x.zip!member')."""
    if path.suffix.lower() != ".zip":
        return [(str(path), path.read_bytes().decode("utf-8", errors="replace"))]
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            texts = [(f"{path}!{m.filename}", archive.read(m).decode("utf-8", errors="replace")) for m in members]
    except zipfile.BadZipFile:
        found.append(Problem(str(path), 0, "(file)", "", "is not a readable zip file"))
        return []
    if not texts:
        found.append(Problem(str(path), 0, "(file)", "", "is a zip file with no file in it"))
    return texts


def _gdelt_rows(text: str, name: str, dyad: str, found: list[dict]) -> tuple[list[list[str]], int, int]:
    """The dyad's rows of one GDELT file as [file, line, *GDELT_USED_COLUMNS]; also (rows read,
    rows with the wrong number of fields).

    Without a header row the file must have GDELT_COLUMNS, tab-separated (a GDELT export); with one
    (first field GLOBALEVENTID, e.g. a BigQuery result saved as CSV) columns are found by name, and
    the separator is a tab or a comma (then with CSV quoting).
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    first = lines[0] if lines else ""
    if re.match(r'^"?GLOBALEVENTID"?[\t,]', first):
        records = csv.reader(lines, delimiter="\t" if "\t" in first else ",")
        columns, start = next(records), 2
        missing = [c for c in GDELT_USED_COLUMNS if c not in columns]
        if missing:
            found.extend(Problem(name, 1, c, "", "required column is missing") for c in missing)
            return [], 0, 0
    else:
        records = (line.split("\t") for line in lines)
        columns, start = list(GDELT_COLUMNS), 1
    positions = [columns.index(c) for c in GDELT_USED_COLUMNS]
    actor1, actor2 = columns.index("Actor1CountryCode"), columns.index("Actor2CountryCode")
    a, b = dyad.split("-")
    pairs = {(a, b), (b, a)}
    kept, read, wrong = [], 0, 0
    for number, fields in enumerate(records, start=start):
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue  # blank lines hold no data
        read += 1
        if len(fields) != len(columns):
            wrong += 1
            found.append(Problem(name, number, "(row)", "",
                                  f"has {len(fields)} fields, a GDELT events row has {len(columns)}"))
        elif (fields[actor1].strip(), fields[actor2].strip()) in pairs:
            kept.append([name, number, *(fields[i] for i in positions)])
    return kept, read, wrong


# ---- map and check ----

def cameo_event_types(event_code: pd.Series, base_code: pd.Series, root_code: pd.Series) -> pd.Series:
    """The tracker event type of each CAMEO-coded record, empty when unmapped: the entry of
    CAMEO_TO_EVENT_TYPE for the most specific of EventCode, EventBaseCode, EventRootCode (then the
    first 3 and 2 digits of EventCode, in case base or root are missing)."""
    result = pd.Series(None, index=event_code.index, dtype="str")
    decided = pd.Series(False, index=event_code.index)
    for codes in (event_code, base_code, root_code, event_code.str[:3], event_code.str[:2]):
        hit = ~decided & codes.isin(list(CAMEO_TO_EVENT_TYPE))
        result[hit] = codes[hit].map(CAMEO_TO_EVENT_TYPE)
        decided |= hit
    return result


def _cameo_names(code: pd.Series) -> pd.Series:
    names = code.map(CAMEO_NAMES)
    for digits in (3, 2):
        names = names.fillna(code.str[:digits].map(CAMEO_NAMES))
    return names.fillna("CAMEO code " + code)


def _gdelt_checked(text: pd.DataFrame, found: list[dict]) -> tuple[pd.DataFrame, pd.Series]:
    """Typed values of the GDELT fields the tracker uses, and which rows have a bad one (reported)."""
    typed, bad = {}, pd.Series(False, index=text.index)
    bad |= report(found, text, ~text["GLOBALEVENTID"].str.fullmatch(r"\d+"), "GLOBALEVENTID", "is not a whole number")
    typed["date"] = pd.to_datetime(text["SQLDATE"].where(text["SQLDATE"].str.fullmatch(r"\d{8}")),
                                   format="%Y%m%d", errors="coerce")
    bad |= report(found, text, typed["date"].isna(), "SQLDATE", "is not a date (expected YYYYMMDD)")
    bad |= report(found, text, ~text["EventCode"].str.fullmatch(r"\d{2,4}"), "EventCode",
                   "is not a CAMEO code (2 to 4 digits)")
    for column, key, low, high, whole in (("GoldsteinScale", "goldstein", -10, 10, False),
                                          ("NumMentions", "num_mentions", 0, np.inf, True),
                                          ("AvgTone", "avg_tone", -100, 100, False)):
        typed[key], wrong = parse_numbers(text[column], low, high, whole)
        kind = "a whole number" if whole else "a number"
        limits = f" from {low} to {high}" if np.isfinite(high) else f" of at least {low}"
        bad |= report(found, text, wrong | (text[column] == ""), column, f"is not {kind}{limits}")
    typed["latitude"], wrong_lat = parse_numbers(text["ActionGeo_Lat"], -90, 90)
    typed["longitude"], wrong_lon = parse_numbers(text["ActionGeo_Long"], -180, 180)
    bad |= report(found, text, wrong_lat, "ActionGeo_Lat", "is not a latitude (-90 to 90)")
    bad |= report(found, text, wrong_lon, "ActionGeo_Long", "is not a longitude (-180 to 180)")
    unpaired = ~wrong_lat & ~wrong_lon & ((text["ActionGeo_Lat"] == "") != (text["ActionGeo_Long"] == ""))
    bad |= report(found, text, unpaired, "ActionGeo_Lat", "latitude and longitude go together; one is empty")
    added = text["DATEADDED"]
    typed["source1_date"] = pd.to_datetime(added.str.slice(0, 8).where(added.str.fullmatch(r"\d{14}")),
                                           format="%Y%m%d", errors="coerce")
    bad |= report(found, text, (added != "") & typed["source1_date"].isna(), "DATEADDED",
                   "is not a time (expected YYYYMMDDHHMMSS)")
    bad |= report(found, text, ~text["SOURCEURL"].str.match(URL_PATTERN), "SOURCEURL", "is not an http(s) URL")
    return pd.DataFrame(typed), bad


def _gdelt_events(raw: pd.DataFrame, dyad: str, found: list[dict]) -> pd.DataFrame:
    """The tracker's events from the dyad's GDELT rows (strings); bad rows reported and left out."""
    text = raw.copy()
    text[list(GDELT_USED_COLUMNS)] = raw[list(GDELT_USED_COLUMNS)].apply(lambda s: s.str.strip())
    typed, bad = _gdelt_checked(text, found)
    repeated = ~bad & text["GLOBALEVENTID"].where(~bad).duplicated()
    first_seen = text.loc[~bad].drop_duplicates("GLOBALEVENTID").set_index("GLOBALEVENTID")
    for file, row, value in text.loc[repeated, ["_file", "_row", "GLOBALEVENTID"]].itertuples(index=False):
        where = first_seen.loc[value]
        found.append(Problem(file, row, "GLOBALEVENTID", value,
                              f"{quoted(value)} was already read ({where['_file']}:{where['_row']}); left out"))
    keep = ~(bad | repeated)
    text, typed = text[keep], typed[keep]

    code = text["EventCode"]
    names = {}
    for n in ("1", "2"):  # GDELT writes actor names in capitals; fall back on the country's name
        name, country = text[f"Actor{n}Name"], text[f"Actor{n}CountryCode"]
        names[n] = name.where(name != "", country.map(COUNTRY_NAMES).fillna(country)).str.title()
    place = text["ActionGeo_FullName"]
    parts = place.str.split(", ")
    geo_type, depth = text["ActionGeo_Type"], parts.str.len()
    # "City, Province, Country" (type 4, world city) or "Province, Country" (type 5, first-level division)
    province = parts.str[1].where((geo_type == "4") & (depth == 3),
                                  parts.str[0].where((geo_type == "5") & (depth == 2)))
    return as_events({
        "event_id": "GDELT-" + text["GLOBALEVENTID"],
        "date": typed["date"],
        "date_precision": "day",
        "dyad": dyad,
        "event_type": cameo_event_types(code, text["EventBaseCode"], text["EventRootCode"]),
        "initiator": text["Actor1CountryCode"],
        "target": text["Actor2CountryCode"],
        "summary": cut(names["1"] + " → " + names["2"] + ": " + _cameo_names(code) + " (GDELT, CAMEO " + code + ")",
                        SUMMARY_MAX_CHARS),
        "location": cut(place, LOCATION_MAX_CHARS),
        "province": province,
        "country": text["ActionGeo_CountryCode"].map(FIPS_TO_ISO3),
        "latitude": typed["latitude"],
        "longitude": typed["longitude"],
        "confidence": "single_source",
        "source1_url": text["SOURCEURL"],
        "source1_outlet": text["SOURCEURL"].str.extract(r"^https?://(?:www\.)?([^/:?#]+)", expand=False).str.lower(),
        "source1_date": typed["source1_date"],
        "origin": "gdelt",
        "goldstein": typed["goldstein"],
        "num_mentions": typed["num_mentions"],
        "avg_tone": typed["avg_tone"],
        "cameo_code": code,
    }, text.index)


# ---- the importers ----

def read_gdelt(paths: Path | str | Iterable[Path | str], dyad: str) -> ImportResult:
    """Read GDELT 2.0 event exports (`*.export.CSV`, or `.zip` files holding them) and keep the
    records between the dyad's two countries, in either direction (Actor1CountryCode and
    Actor2CountryCode; CAMEO actor codes are ISO alpha-3 for these states).

    A row of the result is one GDELT event record: event_id "GDELT-<GLOBALEVENTID>", the day from
    SQLDATE, the type from CAMEO_TO_EVENT_TYPE (empty when unmapped), initiator and target from the
    actors' country codes, place and coordinates from ActionGeo_*, source 1 = SOURCEURL (outlet: its
    domain; date: DATEADDED), confidence single_source, plus EXTRA_COLUMNS. Problems (file, row =
    line number, field, value, message) cover rows with the wrong number of fields in any row, and
    bad fields or repeated GLOBALEVENTIDs in the dyad's rows; such rows are left out.
    Text is decoded as UTF-8, undecodable bytes shown as '�'.
    """
    dyad = normalize_dyad(dyad)
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    found: list[dict] = []
    kept, read, wrong = [], 0, 0
    for path in paths:
        for name, text in _gdelt_texts(Path(path), found):
            rows, file_read, file_wrong = _gdelt_rows(text, name, dyad, found)
            kept += rows
            read, wrong = read + file_read, wrong + file_wrong
    raw = pd.DataFrame(kept, columns=["_file", "_row", *GDELT_USED_COLUMNS], dtype="str").astype({"_row": "int64"})
    events = _gdelt_events(raw, dyad, found)
    return ImportResult(events, problem_frame(found), row_counts(dyad, read, wrong, len(raw), events))


def read_gdelt_parquet(source: Path | str, dyad: str, start: dt.date | str | None = None,
                       end: dt.date | str | None = None) -> ImportResult:
    """GDELT events from Parquet in the public table's column names (a file, or a folder of files
    read recursively), filtered by DuckDB with the same query as BigQuery's (tracker.gdelt_sql,
    transpiled by sqlglot): only the dyad's rows in the period reach pandas, then read -> map ->
    check as for export files. Rows are numbered in the query's order (SQLDATE, GLOBALEVENTID)."""
    import duckdb

    from tracker.gdelt_sql import duckdb_sql, parquet_source

    dyad = normalize_dyad(dyad)
    path = Path(source)
    name = f"{path} (Parquet)"
    found: list[Problem] = []
    files = parquet_source(path)
    sql = duckdb_sql(dyad, start or "1979-01-01", end or dt.date.today(), files)
    text = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' for c in GDELT_USED_COLUMNS)
    try:
        with duckdb.connect() as connection:
            total = connection.execute(f"SELECT count(*) FROM read_parquet({_literal(files)}, union_by_name = true)").fetchone()[0]
            kept = connection.execute(f"SELECT {text} FROM ({sql})").df()
    except duckdb.Error as error:
        found.append(Problem(name, 0, "(file)", "", f"cannot be read as GDELT Parquet ({str(error).splitlines()[0][:160]})"))
        events = as_events({}, pd.RangeIndex(0))
        return ImportResult(events, problem_frame(found), row_counts(dyad, 0, 0, 0, events))
    raw = kept.astype("object").where(kept.notna(), "").astype("str")
    raw = raw.assign(_file=name, _row=np.arange(1, len(kept) + 1))
    events = _gdelt_events(raw, dyad, found)
    return ImportResult(events, problem_frame(found), row_counts(dyad, int(total), 0, len(raw), events))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def gdelt_goldstein_series(events: pd.DataFrame) -> pd.DataFrame:
    """GDELT's daily Goldstein series, for charting beside the curated index.

    A row is one dyad and day, from the dyad's first to its last GDELT record: goldstein_sum and
    goldstein_mean of the records' GoldsteinScale, and `events`, the number of records (0 on days
    without any, where the mean is empty). Every GDELT row counts, whether or not it maps to a
    tracker type: this is GDELT's measure (Goldstein 1992: negative = conflict), not the tension
    index, and its sign runs the other way. Records are not weighted by mentions.
    """
    rows = events[events["goldstein"].notna()]
    if "origin" in events:
        rows = rows[rows["origin"] == "gdelt"]
    columns = {"date": "datetime64[us]", "dyad": "str", "goldstein_sum": "float64",
               "goldstein_mean": "float64", "events": "int64"}
    if rows.empty:
        return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in columns.items()})
    daily = (rows.assign(date=rows["date"].dt.normalize())
             .groupby(["dyad", "date"])["goldstein"]
             .agg(goldstein_sum="sum", goldstein_mean="mean", events="size"))
    frames = []
    for dyad, series in daily.groupby(level="dyad", sort=True):
        series = series.droplevel("dyad")
        days = pd.date_range(series.index.min(), series.index.max(), freq="D", name="date")
        series = series.reindex(days).fillna({"goldstein_sum": 0.0, "events": 0})
        frames.append(series.reset_index().assign(dyad=dyad))
    return pd.concat(frames, ignore_index=True)[list(columns)].astype(columns)


