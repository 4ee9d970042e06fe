"""UCDP Georeferenced Event Dataset (GED) events: read -> map -> check, into the tracker's events
shape (tracker.importing), the third importer beside GDELT and ACLED.

Read: a GED CSV export (version 23.1 and later; any delimiter or encoding tracker.load reads).
Map: an event concerns the dyad when it happened in one of its states (`country_id`, Gleditsch–Ward
numbers: Afghanistan 700, Pakistan 770, India 750) and either side is the other state's government
("Government of Pakistan") or a group that bears on the dyad (tracker.acled.CROSS_BORDER_GROUPS);
state-based violence between the two governments (type_of_violence 1) is a border clash, any other
such event a militant attack (UCDP codes only lethal organised violence: every row has deaths).
Check: the fields the tracker uses, on the dyad's rows.
Fatalities: UCDP's best, low and high estimates, as they are. Source: the GED's source_article
when it is a URL, else UCDP's own page; its outlet is source_original.
Sources: UCDP GED Codebook version 23.1 (Sundberg & Melander 2013; Davies, Pettersson & Öberg 2023).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.acled import CROSS_BORDER_GROUPS
from tracker.importing import ACTOR_MAX_CHARS, COUNTRY_NAMES, LOCATION_MAX_CHARS, ImportResult, as_events, cut, parse_numbers, \
    read_csv_source, report
from tracker.problems import Problem
from tracker.schema import SUMMARY_MAX_CHARS, URL_PATTERN

UCDP_URL = "https://ucdp.uu.se/"
GLEDITSCH_WARD = {"700": "AFG", "770": "PAK", "750": "IND"}  # country_id -> ISO alpha-3
UCDP_REQUIRED_COLUMNS = (
    "id", "type_of_violence", "side_a", "side_b", "country_id", "adm_1", "where_coordinates",
    "latitude", "longitude", "date_start", "date_end", "best", "low", "high", "source_article",
    "source_original",
)
TYPE_OF_VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}


def _government(code: str) -> str:
    return rf"\bGovernment of {re.escape(COUNTRY_NAMES[code])}\b"


def ucdp_actor_codes(names: pd.Series) -> pd.Series:
    """A state's ISO code for its government, a group's short code, else UCDP's name (cut)."""
    codes = cut(names, ACTOR_MAX_CHARS).mask(names == "", "unknown")
    for code in GLEDITSCH_WARD.values():
        codes = codes.mask(names.str.contains(_government(code), case=False, regex=True), code)
    for groups in CROSS_BORDER_GROUPS.values():
        for code, pattern in groups.items():
            codes = codes.mask(names.str.contains(pattern, case=False, regex=True), code)
    return codes


def ucdp_relevance(rows: pd.DataFrame, dyad: str) -> tuple[pd.Series, pd.Series]:
    """(concerns the dyad, the two governments fight each other), by the rule of the docstring."""
    a, b = dyad.split("-")
    country = rows["country_id"].map(GLEDITSCH_WARD)
    sides = rows["side_a"] + " | " + rows["side_b"]
    other = {code: sides.str.contains(_government(code), case=False, regex=True) for code in (a, b)}
    both = ((country == a) & other[b]) | ((country == b) & other[a])
    groups = "|".join(f"(?:{p})" for p in CROSS_BORDER_GROUPS.get(dyad, {}).values())
    group = country.isin([a, b]) & sides.str.contains(groups, case=False, regex=True) if groups else False
    return both | group, both & (rows["type_of_violence"] == "1")


def _ucdp_events(text: pd.DataFrame, clash: pd.Series, dyad: str, found: list[Problem]) -> pd.DataFrame:
    bad = report(found, text, ~text["id"].str.fullmatch(r"\d+"), "id", "is not a UCDP event id (a whole number)")
    start = pd.to_datetime(text["date_start"].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    end = pd.to_datetime(text["date_end"].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    bad |= report(found, text, start.isna(), "date_start", "is not a date (expected YYYY-MM-DD)")
    bad |= report(found, text, end.isna() & (text["date_end"] != ""), "date_end", "is not a date (expected YYYY-MM-DD)")
    bad |= report(found, text, ~text["type_of_violence"].isin(list(TYPE_OF_VIOLENCE)), "type_of_violence",
                  "is not a UCDP type of violence (1, 2 or 3)")
    latitude, wrong_lat = parse_numbers(text["latitude"], -90, 90)
    longitude, wrong_lon = parse_numbers(text["longitude"], -180, 180)
    bad |= report(found, text, wrong_lat, "latitude", "is not a latitude (-90 to 90)")
    bad |= report(found, text, wrong_lon, "longitude", "is not a longitude (-180 to 180)")
    deaths = {}
    for column in ("best", "low", "high"):
        deaths[column], wrong = parse_numbers(text[column], 0, np.inf, whole=True)
        bad |= report(found, text, wrong, column, "is not a whole number of at least 0")
    order = (deaths["low"] <= deaths["best"]) & (deaths["best"] <= deaths["high"])
    bad |= report(found, text, ~bad & deaths["best"].notna() & deaths["low"].notna() & deaths["high"].notna() & ~order,
                  "best", "is not between low and high")
    repeated = ~bad & text["id"].where(~bad).duplicated()
    bad |= report(found, text, repeated, "id", "is used by an earlier row; left out")

    keep = ~bad
    text, clash, start, end, latitude, longitude = (s[keep] for s in (text, clash, start, end, latitude, longitude))
    deaths = {k: v[keep].astype("Int64") for k, v in deaths.items()}
    url = text["source_article"].where(text["source_article"].str.match(URL_PATTERN), UCDP_URL)
    side_a, side_b = ucdp_actor_codes(text["side_a"]), ucdp_actor_codes(text["side_b"])
    country = text["country_id"].map(GLEDITSCH_WARD)
    groups = {code for named in CROSS_BORDER_GROUPS.values() for code in named}
    # Between the two governments: side A on side B. Otherwise the group acts on the state where it happened.
    initiator = side_a.where(clash | ~side_b.isin(groups), side_b)
    target = side_b.where(clash, country)
    span = (end - start).dt.days
    notes = ("UCDP GED " + text["type_of_violence"].map(TYPE_OF_VIOLENCE) + " violence, " + text["side_a"] + " v. "
             + text["side_b"] + np.where(span > 0, "; dates " + text["date_start"].str.slice(0, 10) + " to "
                                         + text["date_end"].str.slice(0, 10), ""))
    summary = cut("UCDP: " + deaths["best"].astype("str").str.replace("<NA>", "?") + " killed, " + text["side_a"]
                  + " v. " + text["side_b"] + ", " + text["where_coordinates"], SUMMARY_MAX_CHARS)
    return as_events({
        "event_id": "UCDP-" + text["id"],
        "date": start,
        "date_precision": "day",
        "dyad": dyad,
        "event_type": pd.Series(np.where(clash, "border_clash", "militant_attack"), index=text.index, dtype="str"),
        "initiator": initiator,
        "target": target,
        "summary": summary,
        "location": cut(text["where_coordinates"], LOCATION_MAX_CHARS),
        "province": cut(text["adm_1"].str.replace(r"\s+(province|state)$", "", regex=True, flags=re.I), LOCATION_MAX_CHARS),
        "country": country,
        "latitude": latitude,
        "longitude": longitude,
        "fatalities_best": deaths["best"], "fatalities_low": deaths["low"], "fatalities_high": deaths["high"],
        "confidence": "single_source",
        "source1_url": url,
        "source1_outlet": text["source_original"].where(text["source_original"] != "", "UCDP"),
        "notes": notes,
        "origin": "ucdp",
    }, text.index)


def read_ucdp(path: Path | str, dyad: str) -> ImportResult:
    """Read a UCDP GED CSV and keep the events that concern the dyad (ucdp_relevance)."""
    return read_csv_source(path, dyad, UCDP_REQUIRED_COLUMNS, ucdp_relevance, _ucdp_events)