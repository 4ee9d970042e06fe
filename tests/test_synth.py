"""Synthetic events: valid against the schema, and equal after a CSV or a Parquet round trip."""

import pandas as pd
import pytest

from tracker.columnar import EVENT_DTYPES, read_parquet_events, write_events
from tracker.load import check_events, read_raw
from tracker.schema import COLUMNS
from tracker.synth import DYAD_SHARES, synthetic_events


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return synthetic_events(1000, seed=7)


def _from_csv(path) -> tuple[pd.DataFrame, pd.DataFrame]:
    raw, read_problems = read_raw(path, path.name)
    return check_events(raw, path.name, read_problems)


def test_synthetic_events_validate_with_no_problems(events, tmp_path):
    parsed, problems = _from_csv(write_events(events, tmp_path / "synthetic.csv"))
    assert problems.empty, problems.head().to_string()
    assert len(parsed) == 1000


def test_synthetic_events_look_like_the_data(events):
    assert list(events.columns) == list(COLUMNS) and events.dtypes.to_dict() == EVENT_DTYPES
    assert events["event_id"].iloc[0] == "SYN-000000001" and events["event_id"].is_unique
    assert events["date"].is_monotonic_increasing
    assert events["summary"].is_unique
    assert events["date"].between("2015-01-01", pd.Timestamp.today()).all()
    assert set(events["dyad"]) == set(DYAD_SHARES)
    assert events["fatalities_best"].notna().any() and events["location"].notna().mean() > 0.8
    assert events["source1_url"].str.startswith("https://example.org/synthetic/SYN-").all()


def test_same_seed_same_events():
    pd.testing.assert_frame_equal(synthetic_events(50, seed=3), synthetic_events(50, seed=3))
    assert not synthetic_events(50, seed=3).equals(synthetic_events(50, seed=4))


def test_csv_and_parquet_round_trips_give_equal_frames(events, tmp_path):
    from_csv, _ = _from_csv(write_events(events, tmp_path / "synthetic.csv"))
    from_parquet, problems = read_parquet_events(write_events(events, tmp_path / "synthetic.parquet"))
    assert problems.empty
    pd.testing.assert_frame_equal(from_parquet, from_csv)
    # the same values as written (the loader may store few-valued text columns as categories)
    pd.testing.assert_frame_equal(from_csv.drop(columns="source_row").astype(EVENT_DTYPES), events)


def test_parquet_problems_name_row_and_field_as_for_csv(events, tmp_path):
    broken = events.head(5).copy()
    broken.loc[2, "event_type"] = "picnic"
    broken.loc[3, "source1_url"] = "  "  # blank after trimming, as in a CSV
    from_parquet, parquet_problems = read_parquet_events(write_events(broken, tmp_path / "broken.parquet"))
    _, csv_problems = _from_csv(write_events(broken, tmp_path / "broken.csv"))
    assert list(parquet_problems["row"]) == [4, 5] and list(parquet_problems["field"]) == ["event_type", "source1_url"]
    pd.testing.assert_frame_equal(parquet_problems.drop(columns="file"), csv_problems.drop(columns="file"))
    assert len(from_parquet) == 3


def test_parquet_with_a_column_stored_as_text_is_refused(events, tmp_path):
    path = tmp_path / "text_dates.parquet"
    events.head(3).astype({"date": "str"}).to_parquet(path)
    from_parquet, problems = read_parquet_events(path)
    assert from_parquet.empty and problems["message"].tolist() == ["is stored as large_string, expected date"]


def test_write_events_refuses_other_suffixes(events, tmp_path):
    with pytest.raises(ValueError, match=r"\.csv or \.parquet"):
        write_events(events, tmp_path / "events.xlsx")


def test_empty_and_blank_text_is_missing_in_both_formats(events, tmp_path):
    """An empty or blank optional cell is missing, whether the file is CSV or Parquet."""
    edited = events.head(6).copy()
    edited.loc[[1, 2], "notes"] = ["", "   "]
    edited.loc[3, "location"] = ""
    from_parquet, problems = read_parquet_events(write_events(edited, tmp_path / "edited.parquet"))
    from_csv, _ = _from_csv(write_events(edited, tmp_path / "edited.csv"))
    assert problems.empty and from_parquet.loc[[1, 2], "notes"].isna().all() and pd.isna(from_parquet.at[3, "location"])
    pd.testing.assert_frame_equal(from_parquet, from_csv)
