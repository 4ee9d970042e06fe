"""ACLED events: read -> map -> check, into the tracker's events shape (tracker.importing).

Read: an ACLED CSV export (any delimiter or encoding tracker.load reads). Map: an event concerns
the dyad when it happened in one of its states and the other state's forces or government, a
cross-border group (CROSS_BORDER_GROUPS) or a border crossing is involved (acled_relevance); ACLED
(event type, sub-event type) pairs map to tracker types (data/reference/acled_event_types.csv).
Check: every field the tracker uses, on the dyad's rows.
Sources: ACLED codebook (columns, event and sub-event types). ACLED data need registration and
carry ACLED's terms of use; cite ACLED when publishing anything derived from them.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from tracker.importing import ACTOR_MAX_CHARS, COUNTRY_NAMES, LOCATION_MAX_CHARS, ImportResult, as_events, cut, parse_numbers, \
    read_csv_source, reference, report
from tracker.load import read_places
from tracker.schema import SUMMARY_MAX_CHARS

# ACLED (event_type, sub_event_type) -> tracker type, when the two states face each other ("both":
# the forces or government of the state other than the event's country take part) and otherwise.
# Every ACLED pair is listed; None leaves the row unmapped (kept, counted, no tracker type).
ACLED_TYPE_MAPPING: dict[tuple[str, str], tuple[str | None, str | None]] = {
    (event, sub): (both or None, otherwise or None)
    for event, sub, both, otherwise in reference("acled_event_types.csv").itertuples(index=False)}
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
    codes = cut(names, ACTOR_MAX_CHARS).mask((names == "") | names.str.startswith("Unidentified"), "unknown")
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
    bad = report(found, text, ~text["event_id_cnty"].str.fullmatch(r"[A-Za-z0-9]+"), "event_id_cnty",
                  "is not an ACLED event id (letters and digits)")
    date = _acled_dates(text["event_date"])
    bad |= report(found, text, date.isna(), "event_date", "is not a date (expected YYYY-MM-DD)")
    bad |= report(found, text, ~text["time_precision"].isin(list(ACLED_PRECISIONS)), "time_precision",
                   "is not an ACLED time precision (1, 2 or 3)")
    pair = list(zip(text["event_type"], text["sub_event_type"]))
    known = pd.Series([p in ACLED_TYPE_MAPPING for p in pair], index=text.index)
    bad |= report(found, text.assign(sub_event_type=text["event_type"] + " / " + text["sub_event_type"]), ~known,
                   "sub_event_type", "is not an ACLED event type / sub-event type")
    latitude, wrong_lat = parse_numbers(text["latitude"], -90, 90)
    longitude, wrong_lon = parse_numbers(text["longitude"], -180, 180)
    bad |= report(found, text, wrong_lat, "latitude", "is not a latitude (-90 to 90)")
    bad |= report(found, text, wrong_lon, "longitude", "is not a longitude (-180 to 180)")
    bad |= report(found, text, ~wrong_lat & ~wrong_lon & (latitude.isna() != longitude.isna()), "latitude",
                   "latitude and longitude go together; one is empty")
    fatalities, wrong = parse_numbers(text["fatalities"], 0, np.inf, whole=True)
    bad |= report(found, text, wrong, "fatalities", "is not a whole number of at least 0")
    seen = text["event_id_cnty"].where(~bad)
    repeated = ~bad & seen.duplicated()
    bad |= report(found, text, repeated, "event_id_cnty", "is used by an earlier row; left out")

    keep = ~bad
    text, both, date, latitude, longitude, fatalities = (
        s[keep] for s in (text, both, date, latitude, longitude, fatalities))
    mapped = [ACLED_TYPE_MAPPING[p] for p in zip(text["event_type"], text["sub_event_type"])]
    event_type = [m[0] if b else m[1] for m, b in zip(mapped, both)]
    precision = text["time_precision"].map(ACLED_PRECISIONS)
    date = date.where(precision == "day", date.dt.to_period("M").dt.start_time)
    notes = text["notes"]
    fallback = text["sub_event_type"] + " in " + text["location"] + ", " + text["admin1"]
    summary = cut(notes.where(notes != "", fallback), SUMMARY_MAX_CHARS)
    remark = ("ACLED " + text["event_type"] + " / " + text["sub_event_type"]
              + np.where(text["time_precision"] == "2", "; date known to within a week (ACLED time_precision 2)", "")
              + np.where(notes.str.len() > SUMMARY_MAX_CHARS, "; ACLED notes: " + notes, ""))
    count = fatalities.astype("Int64")
    return as_events({
        "event_id": "ACLED-" + text["event_id_cnty"],
        "date": date,
        "date_precision": precision,
        "dyad": dyad,
        "event_type": pd.Series(event_type, index=text.index, dtype="str"),
        "initiator": acled_actor_codes(text["actor1"]),
        "target": acled_actor_codes(text["actor2"]),
        "summary": summary,
        "location": cut(text["location"], LOCATION_MAX_CHARS),
        "province": cut(text["admin1"], LOCATION_MAX_CHARS),
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
    return read_csv_source(path, dyad, ACLED_REQUIRED_COLUMNS, acled_relevance, _acled_events)


