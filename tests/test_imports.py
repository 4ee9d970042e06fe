"""Importing GDELT 2.0 and ACLED exports: rows kept for the dyad, type mapping, columns, problems.

The samples under tests/fixtures/ are hand-written:
- gdelt_sample.export.CSV (and the same file zipped): 9 data lines, no header.
    1 PAK->AFG 112 accuse          2 AFG->PAK 190 clash          3 IND->PAK 195 (other dyad)
    4 30 fields (malformed)        5 PAK->AFG 141 demonstrate (unmapped)
    6 PAK->AFG, GoldsteinScale 'abc'                             7 AFG->PAK 0871 ceasefire
    8 PAK->AFG 1123 (via base 112), no place                     9 USA->CHN (other dyad)
- gdelt_bigquery.csv: lines 1, 2 and 7 as BigQuery writes them (header, used columns, commas).
- acled_sample.csv (header = row 1): 2 PAK-AFG forces clash, 3 Pakistani air strike in Afghanistan,
  4 TTP suicide bomb, 5 IND-PAK clash (other dyad), 6 Afghan-Pakistani meeting (Strategic
  developments/Other: unmapped), 7 bad date, 8 riot in Karachi (other), 9 clash near Torkham with
  an unidentified group (border rule), 10 four fields (malformed), 11 Taliban arrest TTP (month).
"""

from pathlib import Path

import pandas as pd
import pytest

from tracker.acled import read_acled
from tracker.gdelt import CAMEO_NAMES, CAMEO_TO_EVENT_TYPE, GDELT_COLUMNS, cameo_event_types, gdelt_goldstein_series, \
    read_gdelt
from tracker.importing import EXTRA_COLUMNS
from tracker.load import schema_problems
from tracker.problems import PROBLEM_COLUMNS, format_problems
from tracker.schema import CODEBOOK, COLUMNS, EVENT_TYPES

FIXTURES = Path(__file__).parent / "fixtures"
GDELT = FIXTURES / "gdelt_sample.export.CSV"
GDELT_ZIP = FIXTURES / "gdelt_sample.export.CSV.zip"
BIGQUERY = FIXTURES / "gdelt_bigquery.csv"
ACLED = FIXTURES / "acled_sample.csv"


def _valid(events: pd.DataFrame) -> pd.DataFrame:
    """Problems of the mapped rows against EventSchema, through tracker.load's checker."""
    mapped = events.dropna(subset=["event_type"])[list(COLUMNS)].reset_index(drop=True)
    return schema_problems(mapped.assign(_row=range(2, len(mapped) + 2)), "import")


# ---- GDELT -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [GDELT, GDELT_ZIP], ids=["plain", "zip"])
def test_gdelt_keeps_both_directions_of_the_dyad(path):
    result = read_gdelt(path, "PAK-AFG")  # either order
    events = result.events.set_index("event_id")
    assert list(events.index) == ["GDELT-1001", "GDELT-1002", "GDELT-1005", "GDELT-1007", "GDELT-1008"]
    assert set(events["dyad"]) == {"AFG-PAK"}
    assert events.loc["GDELT-1001", ["initiator", "target"]].tolist() == ["PAK", "AFG"]
    assert events.loc["GDELT-1002", ["initiator", "target"]].tolist() == ["AFG", "PAK"]
    assert result.counts == dict(dyad="AFG-PAK", rows_read=9, wrong_field_count=1, other_dyads=2, kept_for_dyad=6,
                                 rejected=1, events=5, unmapped=1)


@pytest.mark.parametrize("path", [GDELT, GDELT_ZIP], ids=["plain", "zip"])
def test_gdelt_bad_rows_are_reported_with_their_line(path):
    events, problems = read_gdelt(path, "AFG-PAK")  # unpacks as a pair
    assert list(problems.columns) == PROBLEM_COLUMNS
    name = str(path) if path == GDELT else f"{path}!20251012000000.export.CSV"
    assert format_problems(problems) == [
        f"{name}:4: (row): has 30 fields, a GDELT events row has 61",
        f"{name}:6: GoldsteinScale: 'abc' is not a number from -10 to 10",
    ]
    assert "GDELT-1006" not in set(events["event_id"])


@pytest.mark.parametrize("event_id, event_type, cameo_code", [
    ("GDELT-1001", "diplomatic_protest", "112"),
    ("GDELT-1002", "border_clash", "190"),
    ("GDELT-1005", None, "141"),                 # Demonstrate or rally: no tracker type, kept and counted
    ("GDELT-1007", "ceasefire", "0871"),
    ("GDELT-1008", "diplomatic_protest", "1123"),  # via its base code 112
])
def test_gdelt_cameo_codes_map_to_tracker_types(event_id, event_type, cameo_code):
    event = read_gdelt(GDELT, "AFG-PAK").events.set_index("event_id").loc[event_id]
    assert (None if pd.isna(event["event_type"]) else event["event_type"]) == event_type
    assert event["cameo_code"] == cameo_code


def test_gdelt_fields_are_carried_over():
    events = read_gdelt(GDELT, "AFG-PAK").events
    assert list(events.columns) == [*COLUMNS, *EXTRA_COLUMNS]
    first = events.set_index("event_id").loc["GDELT-1001"]
    assert first["date"] == pd.Timestamp("2025-10-12") and first["date_precision"] == "day"
    assert (first["goldstein"], first["num_mentions"], first["avg_tone"]) == (-2.0, 10, -5.21)  # GoldsteinScale…
    assert first["source1_url"] == "https://www.dawn.com/news/1001"  # SOURCEURL
    assert first["source1_outlet"] == "dawn.com" and first["source1_date"] == pd.Timestamp("2025-10-12")
    assert first["location"] == "Torkham, Khyber Pakhtunkhwa, Pakistan" and first["province"] == "Khyber Pakhtunkhwa"
    assert first["country"] == "PAK"  # FIPS PK
    assert (first["latitude"], first["longitude"]) == (34.1217, 71.1031)
    assert first["summary"] == "Pakistan → Afghanistan: Accuse, not specified below (GDELT, CAMEO 112)"
    assert first["origin"] == "gdelt" and first["confidence"] == "single_source"
    assert events.set_index("event_id").loc["GDELT-1002", "country"] == "AFG"  # FIPS AF


def test_gdelt_mapped_rows_are_valid_events():
    assert _valid(read_gdelt(GDELT, "AFG-PAK").events).empty


def test_gdelt_bigquery_csv_with_header_reads_the_same():
    from_bigquery = read_gdelt(BIGQUERY, "AFG-PAK")
    plain = read_gdelt(GDELT, "AFG-PAK").events
    expected = plain[plain["event_id"].isin(["GDELT-1001", "GDELT-1002", "GDELT-1007"])].reset_index(drop=True)
    assert from_bigquery.problems.empty
    pd.testing.assert_frame_equal(from_bigquery.events, expected)


def test_gdelt_repeated_records_are_reported_once_read():
    result = read_gdelt([GDELT, GDELT_ZIP], "AFG-PAK")
    assert len(result.events) == 5
    repeated = result.problems[result.problems["message"].str.contains("was already read")]
    assert list(repeated["row"]) == [1, 2, 5, 7, 8]


def test_gdelt_other_dyad():
    result = read_gdelt(GDELT, "IND-PAK")
    assert list(result.events["event_id"]) == ["GDELT-1003"]
    assert result.events["event_type"].iloc[0] == "cross_border_strike"


def test_cameo_mapping_covers_the_codebook_and_known_codes():
    assert set(t for t in CAMEO_TO_EVENT_TYPE.values() if t) <= set(EVENT_TYPES)
    assert set(CAMEO_TO_EVENT_TYPE) <= set(CAMEO_NAMES)
    codes = pd.Series(CODEBOOK["cameo_code"].to_numpy())
    mapped = cameo_event_types(codes, codes.str[:3], codes.str[:2])
    # every codebook code maps to its own type (163 is shared by two types: GDELT cannot tell them apart)
    expected = CODEBOOK.index.to_series().replace({"agreement_suspension": "trade_restriction"})
    assert mapped.tolist() == expected.tolist()
    assert len(GDELT_COLUMNS) == 61


def test_goldstein_series_is_daily_with_gaps_filled():
    series = gdelt_goldstein_series(read_gdelt(GDELT, "AFG-PAK").events)
    assert list(series.columns) == ["date", "dyad", "goldstein_sum", "goldstein_mean", "events"]
    assert series["date"].tolist() == list(pd.date_range("2025-10-12", "2025-10-20"))
    first = series.iloc[0]
    assert (first["goldstein_sum"], first["goldstein_mean"], first["events"]) == (-12.0, -6.0, 2)
    assert series["events"].sum() == 5 and series.loc[1, "events"] == 0 and pd.isna(series.loc[1, "goldstein_mean"])


# ---- ACLED -------------------------------------------------------------------------------------

def test_acled_keeps_the_events_concerning_the_dyad():
    result = read_acled(ACLED, "AFG-PAK")
    assert set(result.events["event_id"]) == {"ACLED-PAK1001", "ACLED-AFG2001", "ACLED-PAK1002", "ACLED-PAK1004",
                                              "ACLED-PAK1007", "ACLED-AFG2002"}
    assert result.counts == dict(dyad="AFG-PAK", rows_read=10, wrong_field_count=1, other_dyads=2, kept_for_dyad=7,
                                 rejected=1, events=6, unmapped=1)


def test_acled_bad_rows_are_reported_with_their_row():
    _, problems = read_acled(ACLED, "AFG-PAK")
    assert format_problems(problems) == [
        f"{ACLED}:7: event_date: '2025-13-40' is not a date (expected YYYY-MM-DD)",
        f"{ACLED}:10: (row): has 4 fields, the header has 31",
    ]


@pytest.mark.parametrize("event_id, event_type, initiator, target", [
    ("ACLED-PAK1001", "border_clash", "PAK", "AFG"),             # both states' forces
    ("ACLED-AFG2001", "cross_border_strike", "PAK", "Civilians (Afghanistan)"),
    ("ACLED-PAK1002", "militant_attack", "TTP", "PAK"),          # a cross-border group
    ("ACLED-PAK1004", None, "AFG", "PAK"),                       # Strategic developments / Other: unmapped
    ("ACLED-PAK1007", "militant_attack", "PAK", "unknown"),      # near Torkham, one state only
    ("ACLED-AFG2002", "militant_crackdown", "AFG", "TTP"),
])
def test_acled_types_and_actors(event_id, event_type, initiator, target):
    event = read_acled(ACLED, "AFG-PAK").events.set_index("event_id").loc[event_id]
    assert (None if pd.isna(event["event_type"]) else event["event_type"]) == event_type
    assert (event["initiator"], event["target"]) == (initiator, target)


def test_acled_fields_are_carried_over():
    events = read_acled(ACLED, "AFG-PAK").events.set_index("event_id")
    clash = events.loc["ACLED-PAK1001"]
    assert (clash["fatalities_best"], clash["fatalities_low"], clash["fatalities_high"]) == (23, 23, 23)
    assert (clash["location"], clash["province"], clash["country"]) == ("Kurram", "Khyber Pakhtunkhwa", "PAK")
    assert (clash["latitude"], clash["longitude"]) == (33.8956, 70.1067)
    assert clash["source1_url"] == "https://acleddata.com/" and clash["source1_outlet"] == "Dawn; Express Tribune"
    assert clash["origin"] == "acled" and pd.isna(clash["goldstein"])
    arrest = events.loc["ACLED-AFG2002"]  # time_precision 3: the month
    assert arrest["date"] == pd.Timestamp("2025-09-01") and arrest["date_precision"] == "month"
    assert len(arrest["summary"]) == 300 and arrest["summary"].endswith("…")
    assert "ACLED notes: On 14 September 2025" in arrest["notes"]
    assert _valid(events.reset_index()).empty


def test_acled_missing_columns_reject_the_file(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_id_cnty,event_date\nPAK1,2025-01-01\n", encoding="utf-8")
    result = read_acled(path, "AFG-PAK")
    assert result.events.empty and "event_type" in set(result.problems["field"])
    assert set(result.problems["message"]) == {"required column is missing"}
