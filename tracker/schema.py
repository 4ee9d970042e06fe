"""The events table: its columns, allowed values and checks, declared once.

An event is one sourced act between two states (or bearing on them), one row of data/events.csv.
The event types, their CAMEO codes and index weights are rows of data/codebook.csv; every column is
described in data/columns.csv.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tracker.paths import CODEBOOK_CSV

CODEBOOK = pd.read_csv(CODEBOOK_CSV, dtype={"cameo_code": str}).set_index("event_type")
EVENT_TYPES: tuple[str, ...] = tuple(CODEBOOK.index)
TYPE_LABELS: dict[str, str] = CODEBOOK["label"].to_dict()

DATE_PRECISIONS = ("day", "month")
CONFIDENCE_LEVELS = ("confirmed", "single_source", "disputed")
ACTOR_LEVELS = ("head_of_government", "minister", "military", "envoy", "official")
EARLIEST_DATE = pd.Timestamp("1900-01-01")
SUMMARY_MAX_CHARS = 300
SOURCE_SLOTS = (1, 2, 3)

TEXT_COLUMNS = (
    "event_id", "date_precision", "dyad", "event_type", "initiator", "target", "summary",
    "location", "province", "country", "actor_level", "confidence",
    "source1_url", "source1_outlet", "source2_url", "source2_outlet", "source3_url",
    "source3_outlet", "other_sources", "distinct_from", "notes",
)
DATE_COLUMNS = ("date", "source1_date", "source2_date", "source3_date")
FLOAT_COLUMNS = ("latitude", "longitude")
INT_COLUMNS = ("fatalities_best", "fatalities_low", "fatalities_high", "duration_days")
REQUIRED_COLUMNS = (
    "event_id", "date", "date_precision", "dyad", "event_type", "initiator", "target", "summary",
    "confidence", "source1_url", "source1_outlet",
)
# The order columns are written in; matches data/columns.csv.
COLUMNS = (
    "event_id", "date", "date_precision", "dyad", "event_type", "initiator", "target", "summary",
    "location", "province", "country", "latitude", "longitude",
    "fatalities_best", "fatalities_low", "fatalities_high", "actor_level", "duration_days",
    "confidence",
    "source1_url", "source1_outlet", "source1_date",
    "source2_url", "source2_outlet", "source2_date",
    "source3_url", "source3_outlet", "source3_date", "other_sources",
    "distinct_from", "notes",
)

URL_PATTERN = r"^https?://[^ \t\n\r\f\v/$.?#][^ \t\n\r\f\v]*$"  # ASCII spaces: lets pandas match in C
DYAD_PATTERN = r"^[A-Z]{3}-[A-Z]{3}$"
# other_sources: pages beyond source3, as "Outlet (YYYY-MM-DD) <URL>" entries separated by ";" (tracker.sources)
OTHER_SOURCES_PATTERN = r"(\s*[^;<>]*?\s*(\(\d{4}-\d{2}-\d{2}\))?\s*<https?://[^<>\s]+>\s*)(;\s*[^;<>]*?\s*(\(\d{4}-\d{2}-\d{2}\))?\s*<https?://[^<>\s]+>\s*)*"


def today() -> pd.Timestamp:
    return pd.Timestamp(dt.date.today())


def _optional_url(series: pd.Series) -> pd.Series:
    return series.isna() | series.str.match(URL_PATTERN)


class EventSchema(pa.DataFrameModel):
    """One row per sourced event, after parsing (dates as datetimes, counts as integers)."""

    event_id: Series[str] = pa.Field(unique=True, str_matches=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
    date: Series[pd.Timestamp] = pa.Field(ge=EARLIEST_DATE)
    date_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS)
    dyad: Series[str] = pa.Field(str_matches=DYAD_PATTERN)
    event_type: Series[str] = pa.Field(isin=EVENT_TYPES)
    initiator: Series[str] = pa.Field(str_length={"max_value": 80})
    target: Series[str] = pa.Field(str_length={"max_value": 80})
    summary: Series[str] = pa.Field(str_length={"max_value": SUMMARY_MAX_CHARS})
    location: Series[str] = pa.Field(nullable=True, str_length={"max_value": 120})
    province: Series[str] = pa.Field(nullable=True, str_length={"max_value": 120})
    country: Series[str] = pa.Field(nullable=True, str_matches=r"^[A-Z]{3}$")
    latitude: Series[float] = pa.Field(nullable=True, ge=-90, le=90)
    longitude: Series[float] = pa.Field(nullable=True, ge=-180, le=180)
    fatalities_best: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    fatalities_low: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    fatalities_high: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    actor_level: Series[str] = pa.Field(nullable=True, isin=ACTOR_LEVELS)
    duration_days: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    confidence: Series[str] = pa.Field(isin=CONFIDENCE_LEVELS)
    source1_url: Series[str] = pa.Field(str_matches=URL_PATTERN)
    source1_outlet: Series[str]
    source1_date: Series[pd.Timestamp] = pa.Field(nullable=True, ge=EARLIEST_DATE)
    source2_url: Series[str] = pa.Field(nullable=True)
    source2_outlet: Series[str] = pa.Field(nullable=True)
    source2_date: Series[pd.Timestamp] = pa.Field(nullable=True, ge=EARLIEST_DATE)
    source3_url: Series[str] = pa.Field(nullable=True)
    source3_outlet: Series[str] = pa.Field(nullable=True)
    source3_date: Series[pd.Timestamp] = pa.Field(nullable=True, ge=EARLIEST_DATE)
    other_sources: Series[str] = pa.Field(nullable=True)
    distinct_from: Series[str] = pa.Field(nullable=True)
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        ordered = False

    # Errors of dataframe checks start with the field they blame: "field: message".
    @pa.check("date", error="is in the future")
    def date_not_future(cls, s: pd.Series) -> pd.Series:
        return s <= today()

    @pa.check("source2_url", error="is not an http(s) URL")
    def source2_is_url(cls, s: pd.Series) -> pd.Series:
        return _optional_url(s)

    @pa.check("source3_url", error="is not an http(s) URL")
    def source3_is_url(cls, s: pd.Series) -> pd.Series:
        return _optional_url(s)

    @pa.check("other_sources", error="is not a list of 'Outlet (YYYY-MM-DD) <URL>' separated by ';'")
    def other_sources_listed(cls, s: pd.Series) -> pd.Series:
        return s.isna() | s.str.fullmatch(OTHER_SOURCES_PATTERN)

    @pa.dataframe_check(error="dyad: codes must be two different countries in alphabetical order (e.g. AFG-PAK)")
    def dyad_ordered(cls, df: pd.DataFrame) -> pd.Series:
        first, second = df["dyad"].str[:3], df["dyad"].str[4:]
        return ~df["dyad"].str.match(DYAD_PATTERN) | (first < second)

    @pa.dataframe_check(error="fatalities_best: must lie between fatalities_low and fatalities_high")
    def fatalities_ordered(cls, df: pd.DataFrame) -> pd.Series:
        low, best, high = df["fatalities_low"], df["fatalities_best"], df["fatalities_high"]
        return ~((low > best) | (best > high) | (low > high)).fillna(False)

    @pa.dataframe_check(error="latitude: latitude and longitude go together; one is empty")
    def coordinates_paired(cls, df: pd.DataFrame) -> pd.Series:
        return df["latitude"].isna() == df["longitude"].isna()

    @pa.dataframe_check(error="source2_outlet: is required when source2_url is given")
    def source2_complete(cls, df: pd.DataFrame) -> pd.Series:
        return df["source2_url"].isna() | df["source2_outlet"].notna()

    @pa.dataframe_check(error="source3_outlet: is required when source3_url is given")
    def source3_complete(cls, df: pd.DataFrame) -> pd.Series:
        return df["source3_url"].isna() | df["source3_outlet"].notna()

    @pa.dataframe_check(error="source2_url: is required when source2_outlet or source2_date is given")
    def source2_has_url(cls, df: pd.DataFrame) -> pd.Series:
        return df["source2_url"].notna() | (df["source2_outlet"].isna() & df["source2_date"].isna())

    @pa.dataframe_check(error="source3_url: is required when source3_outlet or source3_date is given")
    def source3_has_url(cls, df: pd.DataFrame) -> pd.Series:
        return df["source3_url"].notna() | (df["source3_outlet"].isna() & df["source3_date"].isna())

