"""Importing machine-coded events from GDELT 2.0 and ACLED exports into the tracker's events shape.

A row of what `read_gdelt` and `read_acled` return is one event record of the source, restricted to
one dyad, with the tracker's event columns (tracker.schema.COLUMNS, parsed dtypes) as far as the
source fills them, plus EXTRA_COLUMNS: `origin` ("gdelt" or "acled"), `goldstein`, `num_mentions`,
`avg_tone` and `cameo_code` (GDELT's own values; empty for ACLED).

These are not curated events: one GDELT record is one news report's coding of an act, so a single
event appears many times and miscodings are common (Ward et al. 2013, "Comparing GDELT and ICEWS
event data"). Keep them beside the curated data (`origin` says where a row came from), not in it.

Where rows go. Nothing is dropped without being counted or reported; `ImportResult.counts` holds
- rows_read: non-blank data lines (GDELT) or records (ACLED) read;
- wrong_field_count: rows with the wrong number of fields, reported as problems and skipped;
- other_dyads: well-formed rows that do not concern the dyad, left out;
- kept_for_dyad: well-formed rows of the dyad;
- rejected: rows of the dyad with a bad field or a duplicate id, each reported as a problem;
- events: rows returned (kept_for_dyad - rejected);
- unmapped: returned rows whose source code maps to no tracker event type. They are KEPT with an
  empty `event_type` (so GDELT's Goldstein series and counts stay complete) and add nothing to the
  tension index (tracker.index gives an unknown type weight 0); drop them with
  `events.dropna(subset=["event_type"])` before validating or merging with curated events.
Field problems are checked only on the dyad's rows: a daily GDELT file has ~100,000 rows of which a
handful concern the dyad, and a bad field elsewhere is no problem of ours.

Sources: GDELT Event Codebook V2.0 (column order: GDELT_COLUMNS; the public BigQuery table
`gdelt-bq.gdeltv2.events`); CAMEO 1.1b3 event names (CAMEO_NAMES, at the end of this module, from
GDELT's CAMEO.eventcodes.txt); ACLED codebook (columns, event and sub-event types). ACLED data need
registration and carry ACLED's terms of use; cite ACLED when publishing anything derived from them.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from tracker.columnar import EVENT_DTYPES
from tracker.filters import normalize_dyad
from tracker.load import read_places, read_raw
from tracker.problems import PROBLEM_COLUMNS, Problem, combine
from tracker.schema import SUMMARY_MAX_CHARS, URL_PATTERN

# ---------------------------------------------------------------------------------------------
# Reference tables

# The 61 tab-separated columns of a GDELT 2.0 events export (no header row), in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
# The columns read_gdelt uses (what tracker.gdelt_sql selects); a file with a header row needs only these.
GDELT_USED_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
    "EventCode", "EventBaseCode", "EventRootCode", "GoldsteinScale", "NumMentions", "AvgTone",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL",
)

# CAMEO code -> tracker event type. A record's code is looked up as EventCode, then EventBaseCode,
# then EventRootCode: the most specific entry wins, and None marks a code deliberately left
# unmapped (e.g. 1723 "Impose curfew" is not a border closure although its base 172 is). Codes
# whose lookups all fail (roots 01, 02, 06, 08, 09, 14 and 17 outside the listed codes) are
# unmapped: they describe statements, appeals, domestic dissent or coercion with no tracker type.
# The codebook's own code for every type is listed, so each type can arise.
CAMEO_TO_EVENT_TYPE: dict[str, str | None] = {
    # 01 Make public statement: only expressions of goodwill count.
    "018": "cooperative_statement", "019": "cooperative_statement",
    # 03 Express intent to cooperate.
    "03": "cooperative_statement",
    # 04 Consult: visits apart, consultations are talks.
    "04": "talks", "042": "high_level_visit", "043": "high_level_visit",
    # 05 Engage in diplomatic cooperation.
    "05": "cooperative_statement", "054": "diplomatic_upgrade", "057": "agreement",
    # 06 Engage in material cooperation: only economic cooperation has a tracker type.
    "061": "trade_easing",
    # 07 Provide aid (asylum and military aid are not humanitarian aid).
    "07": "humanitarian_aid", "072": None, "074": None, "075": None,
    # 08 Yield.
    "081": "border_reopening", "0811": None, "0812": None, "0813": None, "0814": None,
    "085": "trade_easing", "0863": "humanitarian_aid", "087": "ceasefire", "0871": "ceasefire",
    # 10 Demand, 11 Disapprove, 12 Reject: verbal conflict between governments.
    "10": "diplomatic_protest", "11": "diplomatic_protest", "112": "diplomatic_protest", "12": "diplomatic_protest",
    # 13 Threaten, 15 Exhibit force posture.
    "13": "threat", "138": "threat", "15": "threat",
    # 16 Reduce relations.
    "16": "diplomatic_downgrade", "161": "diplomatic_downgrade", "162": None,
    "163": "trade_restriction",  # the codebook gives 163 to agreement_suspension too; GDELT cannot tell them apart
    "164": "talks_breakdown", "165": "talks_breakdown",
    # 17 Coerce.
    "172": "border_closure", "1721": None, "1722": None, "1723": None, "1724": None,
    "173": "militant_crackdown", "174": "deportation",
    # 18 Assault: unconventional violence.
    "18": "militant_attack", "180": "militant_attack",
    # 19 Fight.
    "19": "border_clash", "190": "border_clash", "191": "border_closure", "195": "cross_border_strike",
    # 20 Use unconventional mass violence.
    "20": "militant_attack", "201": "deportation",
}

# ISO alpha-3 -> English short name, as ACLED writes countries and state actors ("Military Forces of
# Pakistan (2018-)"); also names GDELT actors whose name field is empty.
COUNTRY_NAMES: dict[str, str] = {
    "AFG": "Afghanistan", "PAK": "Pakistan", "IND": "India", "IRN": "Iran", "CHN": "China",
    "BGD": "Bangladesh", "NPL": "Nepal", "LKA": "Sri Lanka", "TJK": "Tajikistan", "TKM": "Turkmenistan",
    "UZB": "Uzbekistan", "QAT": "Qatar", "SAU": "Saudi Arabia", "ARE": "United Arab Emirates",
    "TUR": "Turkey", "RUS": "Russia", "USA": "United States", "GBR": "United Kingdom",
}
# FIPS 10-4 (GDELT's geographic codes) -> ISO alpha-3, for the region and the usual venues.
FIPS_TO_ISO3: dict[str, str] = {
    "AF": "AFG", "PK": "PAK", "IN": "IND", "IR": "IRN", "CH": "CHN", "BG": "BGD", "NP": "NPL",
    "CE": "LKA", "TI": "TJK", "TX": "TKM", "UZ": "UZB", "QA": "QAT", "SA": "SAU", "AE": "ARE",
    "TU": "TUR", "RS": "RUS", "US": "USA", "UK": "GBR",
}

# ACLED (event_type, sub_event_type) -> tracker type, when the two states face each other ("both":
# the forces or government of the state other than the event's country take part) and otherwise.
# Every ACLED pair is listed; None leaves the row unmapped (kept, counted, no tracker type).
ACLED_TYPE_MAPPING: dict[tuple[str, str], tuple[str | None, str | None]] = {
    ("Battles", "Armed clash"): ("border_clash", "militant_attack"),
    ("Battles", "Government regains territory"): ("border_clash", "militant_attack"),
    ("Battles", "Non-state actor overtakes territory"): ("militant_attack", "militant_attack"),
    ("Explosions/Remote violence", "Chemical weapon"): ("cross_border_strike", "militant_attack"),
    ("Explosions/Remote violence", "Air/drone strike"): ("cross_border_strike", None),
    ("Explosions/Remote violence", "Suicide bomb"): ("militant_attack", "militant_attack"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): ("cross_border_strike", None),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): ("militant_attack", "militant_attack"),
    ("Explosions/Remote violence", "Grenade"): ("militant_attack", "militant_attack"),
    ("Violence against civilians", "Sexual violence"): (None, None),
    ("Violence against civilians", "Attack"): ("militant_attack", "militant_attack"),
    ("Violence against civilians", "Abduction/forced disappearance"): ("militant_attack", "militant_attack"),
    ("Protests", "Peaceful protest"): (None, None),
    ("Protests", "Protest with intervention"): (None, None),
    ("Protests", "Excessive force against protesters"): (None, None),
    ("Riots", "Violent demonstration"): (None, None),
    ("Riots", "Mob violence"): (None, None),
    ("Strategic developments", "Agreement"): ("agreement", "agreement"),
    ("Strategic developments", "Arrests"): ("militant_crackdown", "militant_crackdown"),
    ("Strategic developments", "Change to group/activity"): (None, None),
    ("Strategic developments", "Disrupted weapons use"): ("militant_crackdown", "militant_crackdown"),
    ("Strategic developments", "Headquarters or base established"): (None, None),
    ("Strategic developments", "Looting/property destruction"): (None, None),
    ("Strategic developments", "Non-violent transfer of territory"): (None, None),
    ("Strategic developments", "Other"): (None, None),
}
# Armed groups whose acts bear on a dyad (based in one state, acting in or against the other), as
# short code -> pattern matched in ACLED actor names (case-insensitive).
CROSS_BORDER_GROUPS: dict[str, dict[str, str]] = {
    "AFG-PAK": {
        "TTP": r"Tehr[ei]e?k-[ei]-Taliban|\bTTP\b",
        "ISKP": r"Islamic State.{0,20}(?:Khorasan|Afghanistan)|\bISKP?\b|\bISIS-K\b",
        "HGB": r"Hafiz Gul Bahadur",
    },
    "IND-PAK": {
        "LeT": r"Lashkar-[ei]-Ta[iy]y?ib|\bLeT\b",
        "JeM": r"Jaish-[ei]-Moh?amm?[ae]d|\bJeM\b",
        "HM": r"Hizb-?ul-? ?Mujahideen",
        "TRF": r"The Resistance Front",
    },
    "AFG-IND": {},
}
# Crossings on a dyad's border (coordinates from data/places.csv): a battle or explosion within
# BORDER_RADIUS_KM of one counts as a border event of the dyad even if ACLED names no actor of it.
BORDER_CROSSINGS: dict[str, tuple[str, ...]] = {
    "AFG-PAK": ("Torkham", "Chaman", "Spin Boldak", "Angoor Adda"),
    "IND-PAK": ("Wagah", "Attari"),
    "AFG-IND": (),
}
BORDER_RADIUS_KM = 20.0
BORDER_EVENT_TYPES = ("Battles", "Explosions/Remote violence")
# ACLED rows carry no URL: every ACLED event cites ACLED's site, with ACLED's `source` as the outlet.
ACLED_URL = "https://acleddata.com/"
ACLED_REQUIRED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location", "latitude",
    "longitude", "source", "notes", "fatalities",
)
ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y")  # API/CSV exports; the Data Export Tool's "15 March 2024"
ACLED_PRECISIONS = {"1": "day", "2": "day", "3": "month"}  # 2 = within a week: kept as day, said in notes

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


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _quoted(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _report(found: list[dict], rows: pd.DataFrame, bad: pd.Series, column: str, message: str) -> pd.Series:
    """Add a problem for each row flagged in `bad` (the value quoted, then `message`); returns `bad`."""
    for file, row, value in zip(rows.loc[bad, "_file"], rows.loc[bad, "_row"], rows.loc[bad, column]):
        found.append(Problem(file, row, column, value, f"{_quoted(value)} {message}"))
    return bad


def __problem_frame(found: list[Problem]) -> pd.DataFrame:
    return combine([pd.DataFrame(found, columns=PROBLEM_COLUMNS)])


def _number(text: pd.Series, low: float, high: float, whole: bool = False) -> tuple[pd.Series, pd.Series]:
    """(numbers, bad): empty text is missing; anything else must be a number in [low, high]."""
    values = pd.to_numeric(text.mask(text == ""), errors="coerce")
    ok = values.between(low, high) & ((values == values.round()) if whole else True)
    return values, (text != "") & ~ok


def _cut(text: pd.Series, limit: int) -> pd.Series:
    """Text cut to `limit` characters (ending in '…' when cut)."""
    long = text.str.len() > limit
    return text.where(~long, text.str.slice(0, limit - 1).str.rstrip() + "…")


def _as_events(columns: dict[str, object], index: pd.Index) -> pd.DataFrame:
    """The tracker's columns then EXTRA_COLUMNS, in their dtypes, in date order; columns not given
    are empty, and so is empty text (as tracker.load reads it)."""
    frame = {}
    for column, dtype in {**EVENT_DTYPES, **EXTRA_COLUMNS}.items():
        values = pd.Series(columns[column] if column in columns else None, index=index).astype(dtype)
        frame[column] = values.mask(values == "") if pd.api.types.is_string_dtype(values) else values
    return pd.DataFrame(frame).sort_values(["date", "event_id"], kind="stable", ignore_index=True)


def _counts(dyad: str, rows_read: int, wrong: int, kept: int, events: pd.DataFrame) -> dict[str, int | str]:
    return dict(dyad=dyad, rows_read=rows_read, wrong_field_count=wrong, other_dyads=rows_read - wrong - kept,
                kept_for_dyad=kept, rejected=kept - len(events), events=len(events),
                unmapped=int(events["event_type"].isna().sum()))


# ---------------------------------------------------------------------------------------------
# GDELT 2.0 events


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
    bad |= _report(found, text, ~text["GLOBALEVENTID"].str.fullmatch(r"\d+"), "GLOBALEVENTID", "is not a whole number")
    typed["date"] = pd.to_datetime(text["SQLDATE"].where(text["SQLDATE"].str.fullmatch(r"\d{8}")),
                                   format="%Y%m%d", errors="coerce")
    bad |= _report(found, text, typed["date"].isna(), "SQLDATE", "is not a date (expected YYYYMMDD)")
    bad |= _report(found, text, ~text["EventCode"].str.fullmatch(r"\d{2,4}"), "EventCode",
                   "is not a CAMEO code (2 to 4 digits)")
    for column, key, low, high, whole in (("GoldsteinScale", "goldstein", -10, 10, False),
                                          ("NumMentions", "num_mentions", 0, np.inf, True),
                                          ("AvgTone", "avg_tone", -100, 100, False)):
        typed[key], wrong = _number(text[column], low, high, whole)
        kind = "a whole number" if whole else "a number"
        limits = f" from {low} to {high}" if np.isfinite(high) else f" of at least {low}"
        bad |= _report(found, text, wrong | (text[column] == ""), column, f"is not {kind}{limits}")
    typed["latitude"], wrong_lat = _number(text["ActionGeo_Lat"], -90, 90)
    typed["longitude"], wrong_lon = _number(text["ActionGeo_Long"], -180, 180)
    bad |= _report(found, text, wrong_lat, "ActionGeo_Lat", "is not a latitude (-90 to 90)")
    bad |= _report(found, text, wrong_lon, "ActionGeo_Long", "is not a longitude (-180 to 180)")
    unpaired = ~wrong_lat & ~wrong_lon & ((text["ActionGeo_Lat"] == "") != (text["ActionGeo_Long"] == ""))
    bad |= _report(found, text, unpaired, "ActionGeo_Lat", "latitude and longitude go together; one is empty")
    added = text["DATEADDED"]
    typed["source1_date"] = pd.to_datetime(added.str.slice(0, 8).where(added.str.fullmatch(r"\d{14}")),
                                           format="%Y%m%d", errors="coerce")
    bad |= _report(found, text, (added != "") & typed["source1_date"].isna(), "DATEADDED",
                   "is not a time (expected YYYYMMDDHHMMSS)")
    bad |= _report(found, text, ~text["SOURCEURL"].str.match(URL_PATTERN), "SOURCEURL", "is not an http(s) URL")
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
                              f"{_quoted(value)} was already read ({where['_file']}:{where['_row']}); left out"))
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
    return _as_events({
        "event_id": "GDELT-" + text["GLOBALEVENTID"],
        "date": typed["date"],
        "date_precision": "day",
        "dyad": dyad,
        "event_type": cameo_event_types(code, text["EventBaseCode"], text["EventRootCode"]),
        "initiator": text["Actor1CountryCode"],
        "target": text["Actor2CountryCode"],
        "summary": _cut(names["1"] + " → " + names["2"] + ": " + _cameo_names(code) + " (GDELT, CAMEO " + code + ")",
                        SUMMARY_MAX_CHARS),
        "location": _cut(place, LOCATION_MAX_CHARS),
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
    return ImportResult(events, __problem_frame(found), _counts(dyad, read, wrong, len(raw), events))


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


# ---------------------------------------------------------------------------------------------
# ACLED


def _state_pattern(code: str) -> str:
    """ACLED's names for a state's forces and government, e.g. 'Military Forces of Pakistan (2018-)'."""
    name = re.escape(COUNTRY_NAMES[code])
    return rf"\b(?:Military|Police) Forces of {name}\b|\bGovernment of {name}\b"


def _near_crossing(latitude: pd.Series, longitude: pd.Series, dyad: str) -> pd.Series:
    """Whether each point lies within BORDER_RADIUS_KM of one of the dyad's border crossings."""
    places = read_places()
    wanted = {name.casefold() for name in BORDER_CROSSINGS.get(dyad, ())}
    crossings = places[places["place"].str.casefold().isin(wanted)]
    near = pd.Series(False, index=latitude.index)
    lat, lon = np.radians(latitude.to_numpy(dtype="float64")), np.radians(longitude.to_numpy(dtype="float64"))
    for c_lat, c_lon in zip(np.radians(crossings["latitude"]), np.radians(crossings["longitude"])):
        # haversine distance on a 6,371 km sphere
        h = np.sin((lat - c_lat) / 2) ** 2 + np.cos(lat) * np.cos(c_lat) * np.sin((lon - c_lon) / 2) ** 2
        near |= 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1))) <= BORDER_RADIUS_KM
    return near


def acled_relevance(rows: pd.DataFrame, dyad: str) -> tuple[pd.Series, pd.Series]:
    """Which ACLED rows concern the dyad, and in which the two states face each other.

    The rule: the event happened in one of the two states (`country`) and
      1. the other state's military, police or government is an actor or associated actor, or
      2. an actor or associated actor is one of CROSS_BORDER_GROUPS[dyad] (e.g. TTP for AFG-PAK), or
      3. it is a battle or explosion within BORDER_RADIUS_KM of one of BORDER_CROSSINGS[dyad].
    Returns (concerns the dyad, rule 1 holds), rule 1 choosing the "both" column of ACLED_TYPE_MAPPING.
    """
    a, b = dyad.split("-")
    country = rows["country"].map({name: code for code, name in COUNTRY_NAMES.items()})
    actors = rows["actor1"] + " | " + rows["assoc_actor_1"] + " | " + rows["actor2"] + " | " + rows["assoc_actor_2"]
    involved = {code: actors.str.contains(_state_pattern(code), case=False, regex=True) for code in (a, b)}
    both = ((country == a) & involved[b]) | ((country == b) & involved[a])
    in_dyad = country.isin([a, b])
    groups = "|".join(f"(?:{p})" for p in CROSS_BORDER_GROUPS.get(dyad, {}).values())
    group = in_dyad & actors.str.contains(groups, case=False, regex=True) if groups else False
    latitude = pd.to_numeric(rows["latitude"], errors="coerce")
    longitude = pd.to_numeric(rows["longitude"], errors="coerce")
    border = in_dyad & rows["event_type"].isin(BORDER_EVENT_TYPES) & _near_crossing(latitude, longitude, dyad)
    return both | group | border, both


def acled_actor_codes(names: pd.Series) -> pd.Series:
    """The tracker's initiator/target for ACLED actor names: a state's ISO code for its forces or
    government, a group's short code from CROSS_BORDER_GROUPS, 'unknown' for an empty or
    unidentified actor, otherwise ACLED's name (at most 80 characters)."""
    codes = _cut(names, ACTOR_MAX_CHARS).mask((names == "") | names.str.startswith("Unidentified"), "unknown")
    for code in COUNTRY_NAMES:
        codes = codes.mask(names.str.contains(_state_pattern(code), case=False, regex=True), code)
    for groups in CROSS_BORDER_GROUPS.values():
        for code, pattern in groups.items():
            codes = codes.mask(names.str.contains(pattern, case=False, regex=True), code)
    return codes


def _acled_dates(text: pd.Series) -> pd.Series:
    dates = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    for form in ACLED_DATE_FORMATS:
        dates = dates.fillna(pd.to_datetime(text, format=form, errors="coerce"))
    return dates


def _acled_events(text: pd.DataFrame, both: pd.Series, dyad: str, found: list[dict]) -> pd.DataFrame:
    """The tracker's events from the dyad's ACLED rows (strings); bad rows reported and left out."""
    bad = _report(found, text, ~text["event_id_cnty"].str.fullmatch(r"[A-Za-z0-9]+"), "event_id_cnty",
                  "is not an ACLED event id (letters and digits)")
    date = _acled_dates(text["event_date"])
    bad |= _report(found, text, date.isna(), "event_date", "is not a date (expected YYYY-MM-DD)")
    bad |= _report(found, text, ~text["time_precision"].isin(list(ACLED_PRECISIONS)), "time_precision",
                   "is not an ACLED time precision (1, 2 or 3)")
    pair = list(zip(text["event_type"], text["sub_event_type"]))
    known = pd.Series([p in ACLED_TYPE_MAPPING for p in pair], index=text.index)
    bad |= _report(found, text.assign(sub_event_type=text["event_type"] + " / " + text["sub_event_type"]), ~known,
                   "sub_event_type", "is not an ACLED event type / sub-event type")
    latitude, wrong_lat = _number(text["latitude"], -90, 90)
    longitude, wrong_lon = _number(text["longitude"], -180, 180)
    bad |= _report(found, text, wrong_lat, "latitude", "is not a latitude (-90 to 90)")
    bad |= _report(found, text, wrong_lon, "longitude", "is not a longitude (-180 to 180)")
    bad |= _report(found, text, ~wrong_lat & ~wrong_lon & (latitude.isna() != longitude.isna()), "latitude",
                   "latitude and longitude go together; one is empty")
    fatalities, wrong = _number(text["fatalities"], 0, np.inf, whole=True)
    bad |= _report(found, text, wrong, "fatalities", "is not a whole number of at least 0")
    seen = text["event_id_cnty"].where(~bad)
    repeated = ~bad & seen.duplicated()
    bad |= _report(found, text, repeated, "event_id_cnty", "is used by an earlier row; left out")

    keep = ~bad
    text, both, date, latitude, longitude, fatalities = (
        s[keep] for s in (text, both, date, latitude, longitude, fatalities))
    mapped = [ACLED_TYPE_MAPPING[p] for p in zip(text["event_type"], text["sub_event_type"])]
    event_type = [m[0] if b else m[1] for m, b in zip(mapped, both)]
    precision = text["time_precision"].map(ACLED_PRECISIONS)
    date = date.where(precision == "day", date.dt.to_period("M").dt.start_time)
    notes = text["notes"]
    fallback = text["sub_event_type"] + " in " + text["location"] + ", " + text["admin1"]
    summary = _cut(notes.where(notes != "", fallback), SUMMARY_MAX_CHARS)
    remark = ("ACLED " + text["event_type"] + " / " + text["sub_event_type"]
              + np.where(text["time_precision"] == "2", "; date known to within a week (ACLED time_precision 2)", "")
              + np.where(notes.str.len() > SUMMARY_MAX_CHARS, "; ACLED notes: " + notes, ""))
    count = fatalities.astype("Int64")
    return _as_events({
        "event_id": "ACLED-" + text["event_id_cnty"],
        "date": date,
        "date_precision": precision,
        "dyad": dyad,
        "event_type": pd.Series(event_type, index=text.index, dtype="str"),
        "initiator": acled_actor_codes(text["actor1"]),
        "target": acled_actor_codes(text["actor2"]),
        "summary": summary,
        "location": _cut(text["location"], LOCATION_MAX_CHARS),
        "province": _cut(text["admin1"], LOCATION_MAX_CHARS),
        "country": text["country"].map({name: code for code, name in COUNTRY_NAMES.items()}),
        "latitude": latitude,
        "longitude": longitude,
        "fatalities_best": count, "fatalities_low": count, "fatalities_high": count,
        "confidence": "single_source",
        "source1_url": ACLED_URL,
        "source1_outlet": text["source"].where(text["source"] != "", "ACLED"),
        "notes": remark,
        "origin": "acled",
    }, text.index)


def read_acled(path: Path | str, dyad: str) -> ImportResult:
    """Read an ACLED CSV export and keep the events that concern the dyad (acled_relevance).

    A row of the result is one ACLED event: event_id "ACLED-<event_id_cnty>", the day (or month,
    for time_precision 3) from event_date, the type from ACLED_TYPE_MAPPING (empty when unmapped),
    initiator/target from actor1/actor2 (acled_actor_codes), location, admin1 as province, the
    country as ISO alpha-3, coordinates, fatalities as best = low = high, confidence single_source.
    ACLED gives no URL per event: source1_url is ACLED_URL and source1_outlet ACLED's `source`
    (the outlets ACLED coded it from); source1_date stays empty. Problems have tracker.load's shape
    (rows counted with the header as row 1).
    """
    dyad = normalize_dyad(dyad)
    name = str(path)
    raw, read_problems = read_raw(path, name)
    found = [Problem(*p) for p in read_problems[PROBLEM_COLUMNS].itertuples(index=False)]
    wrong = int((read_problems["field"] == "(row)").sum())
    missing = [c for c in ACLED_REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        found += [Problem(name, 1, c, "", "required column is missing") for c in missing]
        events = _as_events({}, pd.RangeIndex(0))
        return ImportResult(events, __problem_frame(found), _counts(dyad, len(raw) + wrong, wrong, 0, events))
    text = raw[list(ACLED_REQUIRED_COLUMNS)].apply(lambda s: s.str.strip()).assign(_file=name, _row=raw["_row"])
    relevant, both = acled_relevance(text, dyad)
    events = _acled_events(text[relevant], both[relevant], dyad, found)
    counts = _counts(dyad, len(raw) + wrong, wrong, int(relevant.sum()), events)
    return ImportResult(events, __problem_frame(found), counts)


# ---------------------------------------------------------------------------------------------
# CAMEO 1.1b3 event names, from GDELT's lookup CAMEO.eventcodes.txt
# (https://www.gdeltproject.org/data/lookups/CAMEO.eventcodes.txt), spelling slips mended.

CAMEO_NAMES: dict[str, str] = {
    "01": "Make public statement",
    "010": "Make statement, not specified below",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "02": "Appeal",
    "020": "Appeal, not specified below",
    "021": "Appeal for material cooperation, not specified below",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation, such as policy support",
    "023": "Appeal for aid, not specified below",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform, not specified below",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
    "03": "Express intent to cooperate",
    "030": "Express intent to cooperate, not specified below",
    "031": "Express intent to engage in material cooperation, not specified below",
    "0311": "Express intent to cooperate economically",
    "0312": "Express intent to cooperate militarily",
    "0313": "Express intent to cooperate on judicial matters",
    "0314": "Express intent to cooperate on intelligence",
    "032": "Express intent to provide diplomatic cooperation such as policy support",
    "033": "Express intent to provide material aid, not specified below",
    "0331": "Express intent to provide economic aid",
    "0332": "Express intent to provide military aid",
    "0333": "Express intent to provide humanitarian aid",
    "0334": "Express intent to provide military protection or peacekeeping",
    "034": "Express intent to institute political reform, not specified below",
    "0341": "Express intent to change leadership",
    "0342": "Express intent to change policy",
    "0343": "Express intent to provide rights",
    "0344": "Express intent to change institutions, regime",
    "035": "Express intent to yield, not specified below",
    "0351": "Express intent to ease administrative sanctions",
    "0352": "Express intent to ease popular dissent",
    "0353": "Express intent to release persons or property",
    "0354": "Express intent to ease economic sanctions, boycott, or embargo",
    "0355": "Express intent to allow international involvement (not mediation)",
    "0356": "Express intent to de-escalate military engagement",
    "036": "Express intent to meet or negotiate",
    "037": "Express intent to settle dispute",
    "038": "Express intent to accept mediation",
    "039": "Express intent to mediate",
    "04": "Consult",
    "040": "Consult, not specified below",
    "041": "Discuss by telephone",
    "042": "Make a visit",
    "043": "Host a visit",
    "044": "Meet at a third location",
    "045": "Mediate",
    "046": "Engage in negotiation",
    "05": "Engage in diplomatic cooperation",
    "050": "Engage in diplomatic cooperation, not specified below",
    "051": "Praise or endorse",
    "052": "Defend verbally",
    "053": "Rally support on behalf of",
    "054": "Grant diplomatic recognition",
    "055": "Apologize",
    "056": "Forgive",
    "057": "Sign formal agreement",
    "06": "Engage in material cooperation",
    "060": "Engage in material cooperation, not specified below",
    "061": "Cooperate economically",
    "062": "Cooperate militarily",
    "063": "Engage in judicial cooperation",
    "064": "Share intelligence or information",
    "07": "Provide aid",
    "070": "Provide aid, not specified below",
    "071": "Provide economic aid",
    "072": "Provide military aid",
    "073": "Provide humanitarian aid",
    "074": "Provide military protection or peacekeeping",
    "075": "Grant asylum",
    "08": "Yield",
    "080": "Yield, not specified below",
    "081": "Ease administrative sanctions, not specified below",
    "0811": "Ease restrictions on political freedoms",
    "0812": "Ease ban on political parties or politicians",
    "0813": "Ease curfew",
    "0814": "Ease state of emergency or martial law",
    "082": "Ease political dissent",
    "083": "Accede to requests or demands for political reform, not specified below",
    "0831": "Accede to demands for change in leadership",
    "0832": "Accede to demands for change in policy",
    "0833": "Accede to demands for rights",
    "0834": "Accede to demands for change in institutions, regime",
    "084": "Return, release, not specified below",
    "0841": "Return, release person(s)",
    "0842": "Return, release property",
    "085": "Ease economic sanctions, boycott, embargo",
    "086": "Allow international involvement, not specified below",
    "0861": "Receive deployment of peacekeepers",
    "0862": "Receive inspectors",
    "0863": "Allow delivery of humanitarian aid",
    "087": "De-escalate military engagement",
    "0871": "Declare truce, ceasefire",
    "0872": "Ease military blockade",
    "0873": "Demobilize armed forces",
    "0874": "Retreat or surrender militarily",
    "09": "Investigate",
    "090": "Investigate, not specified below",
    "091": "Investigate crime, corruption",
    "092": "Investigate human rights abuses",
    "093": "Investigate military action",
    "094": "Investigate war crimes",
    "10": "Demand",
    "100": "Demand, not specified below",
    "101": "Demand information, investigation",
    "1011": "Demand economic cooperation",
    "1012": "Demand military cooperation",
    "1013": "Demand judicial cooperation",
    "1014": "Demand intelligence cooperation",
    "102": "Demand policy support",
    "103": "Demand aid, protection, or peacekeeping",
    "1031": "Demand economic aid",
    "1032": "Demand military aid",
    "1033": "Demand humanitarian aid",
    "1034": "Demand military protection or peacekeeping",
    "104": "Demand political reform, not specified below",
    "1041": "Demand change in leadership",
    "1042": "Demand policy change",
    "1043": "Demand rights",
    "1044": "Demand change in institutions, regime",
    "105": "Demand mediation",
    "1051": "Demand easing of administrative sanctions",
    "1052": "Demand easing of political dissent",
    "1053": "Demand release of persons or property",
    "1054": "Demand easing of economic sanctions, boycott, or embargo",
    "1055": "Demand that target allows international involvement (non-mediation)",
    "1056": "Demand de-escalation of military engagement",
    "106": "Demand withdrawal",
    "107": "Demand ceasefire",
    "108": "Demand meeting, negotiation",
    "11": "Disapprove",
    "110": "Disapprove, not specified below",
    "111": "Criticize or denounce",
    "112": "Accuse, not specified below",
    "1121": "Accuse of crime, corruption",
    "1122": "Accuse of human rights abuses",
    "1123": "Accuse of aggression",
    "1124": "Accuse of war crimes",
    "1125": "Accuse of espionage, treason",
    "113": "Rally opposition against",
    "114": "Complain officially",
    "115": "Bring lawsuit against",
    "116": "Find guilty or liable (legally)",
    "12": "Reject",
    "120": "Reject, not specified below",
    "121": "Reject material cooperation",
    "1211": "Reject economic cooperation",
    "1212": "Reject military cooperation",
    "122": "Reject request or demand for material aid, not specified below",
    "1221": "Reject request for economic aid",
    "1222": "Reject request for military aid",
    "1223": "Reject request for humanitarian aid",
    "1224": "Reject request for military protection or peacekeeping",
    "123": "Reject request or demand for political reform, not specified below",
    "1231": "Reject request for change in leadership",
    "1232": "Reject request for policy change",
    "1233": "Reject request for rights",
    "1234": "Reject request for change in institutions, regime",
    "124": "Refuse to yield, not specified below",
    "1241": "Refuse to ease administrative sanctions",
    "1242": "Refuse to ease popular dissent",
    "1243": "Refuse to release persons or property",
    "1244": "Refuse to ease economic sanctions, boycott, or embargo",
    "1245": "Refuse to allow international involvement (non-mediation)",
    "1246": "Refuse to de-escalate military engagement",
    "125": "Reject proposal to meet, discuss, or negotiate",
    "126": "Reject mediation",
    "127": "Reject plan, agreement to settle dispute",
    "128": "Defy norms, law",
    "129": "Veto",
    "13": "Threaten",
    "130": "Threaten, not specified below",
    "131": "Threaten non-force, not specified below",
    "1311": "Threaten to reduce or stop aid",
    "1312": "Threaten to boycott, embargo, or sanction",
    "1313": "Threaten to reduce or break relations",
    "132": "Threaten with administrative sanctions, not specified below",
    "1321": "Threaten to impose restrictions on political freedoms",
    "1322": "Threaten to ban political parties or politicians",
    "1323": "Threaten to impose curfew",
    "1324": "Threaten to impose state of emergency or martial law",
    "133": "Threaten political dissent, protest",
    "134": "Threaten to halt negotiations",
    "135": "Threaten to halt mediation",
    "136": "Threaten to halt international involvement (non-mediation)",
    "137": "Threaten with violent repression",
    "138": "Threaten to use military force, not specified below",
    "1381": "Threaten blockade",
    "1382": "Threaten occupation",
    "1383": "Threaten unconventional violence",
    "1384": "Threaten conventional attack",
    "1385": "Threaten attack with WMD",
    "139": "Give ultimatum",
    "14": "Protest",
    "140": "Engage in political dissent, not specified below",
    "141": "Demonstrate or rally",
    "1411": "Demonstrate for leadership change",
    "1412": "Demonstrate for policy change",
    "1413": "Demonstrate for rights",
    "1414": "Demonstrate for change in institutions, regime",
    "142": "Conduct hunger strike, not specified below",
    "1421": "Conduct hunger strike for leadership change",
    "1422": "Conduct hunger strike for policy change",
    "1423": "Conduct hunger strike for rights",
    "1424": "Conduct hunger strike for change in institutions, regime",
    "143": "Conduct strike or boycott, not specified below",
    "1431": "Conduct strike or boycott for leadership change",
    "1432": "Conduct strike or boycott for policy change",
    "1433": "Conduct strike or boycott for rights",
    "1434": "Conduct strike or boycott for change in institutions, regime",
    "144": "Obstruct passage, block",
    "1441": "Obstruct passage to demand leadership change",
    "1442": "Obstruct passage to demand policy change",
    "1443": "Obstruct passage to demand rights",
    "1444": "Obstruct passage to demand change in institutions, regime",
    "145": "Protest violently, riot",
    "1451": "Engage in violent protest for leadership change",
    "1452": "Engage in violent protest for policy change",
    "1453": "Engage in violent protest for rights",
    "1454": "Engage in violent protest for change in institutions, regime",
    "15": "Exhibit force posture",
    "150": "Demonstrate military or police power, not specified below",
    "151": "Increase police alert status",
    "152": "Increase military alert status",
    "153": "Mobilize or increase police power",
    "154": "Mobilize or increase armed forces",
    "16": "Reduce relations",
    "160": "Reduce relations, not specified below",
    "161": "Reduce or break diplomatic relations",
    "162": "Reduce or stop aid, not specified below",
    "1621": "Reduce or stop economic assistance",
    "1622": "Reduce or stop military assistance",
    "1623": "Reduce or stop humanitarian assistance",
    "163": "Impose embargo, boycott, or sanctions",
    "164": "Halt negotiations",
    "165": "Halt mediation",
    "166": "Expel or withdraw, not specified below",
    "1661": "Expel or withdraw peacekeepers",
    "1662": "Expel or withdraw inspectors, observers",
    "1663": "Expel or withdraw aid agencies",
    "17": "Coerce",
    "170": "Coerce, not specified below",
    "171": "Seize or damage property, not specified below",
    "1711": "Confiscate property",
    "1712": "Destroy property",
    "172": "Impose administrative sanctions, not specified below",
    "1721": "Impose restrictions on political freedoms",
    "1722": "Ban political parties or politicians",
    "1723": "Impose curfew",
    "1724": "Impose state of emergency or martial law",
    "173": "Arrest, detain, or charge with legal action",
    "174": "Expel or deport individuals",
    "175": "Use tactics of violent repression",
    "18": "Assault",
    "180": "Use unconventional violence, not specified below",
    "181": "Abduct, hijack, or take hostage",
    "182": "Physically assault, not specified below",
    "1821": "Sexually assault",
    "1822": "Torture",
    "1823": "Kill by physical assault",
    "183": "Conduct suicide, car, or other non-military bombing, not specified below",
    "1831": "Carry out suicide bombing",
    "1832": "Carry out car bombing",
    "1833": "Carry out roadside bombing",
    "184": "Use as human shield",
    "185": "Attempt to assassinate",
    "186": "Assassinate",
    "19": "Fight",
    "190": "Use conventional military force, not specified below",
    "191": "Impose blockade, restrict movement",
    "192": "Occupy territory",
    "193": "Fight with small arms and light weapons",
    "194": "Fight with artillery and tanks",
    "195": "Employ aerial weapons",
    "196": "Violate ceasefire",
    "20": "Use unconventional mass violence",
    "200": "Use unconventional mass violence, not specified below",
    "201": "Engage in mass expulsion",
    "202": "Engage in mass killings",
    "203": "Engage in ethnic cleansing",
    "204": "Use weapons of mass destruction, not specified below",
    "2041": "Use chemical, biological, or radiological weapons",
    "2042": "Detonate nuclear weapons",
}
