"""Check once, reuse: the cached result of an events file is the checked result, for that content only."""

import os

import pandas as pd
import pytest

from tracker import cache
from tracker.cache import checked_events
from tracker.index import _decay
from tracker.load import check_path
from tests.conftest import event_row, to_csv
from hypothesis import given, settings, strategies as st
import numpy as np


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path / "cache"))
    return tmp_path


def test_a_cache_hit_is_the_checked_frame_and_problems(folder):
    path = folder / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-01-05", "talks", location="Kabul"),
                            event_row("A2", "2025-13-05", "talks")]))
    fresh = check_path(path, "mine.csv")
    first, again = checked_events(path, "mine.csv"), checked_events(path, "yours.csv")
    pd.testing.assert_frame_equal(again[0], fresh[0])
    assert again[1]["message"].tolist() == fresh[1]["message"].tolist() == first[1]["message"].tolist()
    assert set(again[1]["file"]) == {"yours.csv"}  # problems name the file as this caller does
    assert len(list((folder / "cache").iterdir())) == 1


def test_only_the_columns_asked_for_are_read(folder):
    path = folder / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-01-05", "talks")]))
    checked_events(path)
    events, _ = checked_events(path, columns=["date", "dyad"])
    assert list(events.columns) == ["source_row", "date", "dyad"]


def test_a_changed_file_is_checked_again(folder):
    path = folder / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-01-05", "talks")]))
    assert checked_events(path)[1].empty
    path.write_text(to_csv([event_row("A1", "2025-01-05", "picnic")]))
    assert checked_events(path)[1]["field"].tolist() == ["event_type"]


def test_no_cache_where_it_is_off_or_cannot_be_written(folder, monkeypatch):
    path = folder / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-01-05", "talks")]))
    monkeypatch.setenv("TRACKER_CACHE", "off")
    assert len(checked_events(path)[0]) == 1
    locked = folder / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("TRACKER_CACHE", str(locked / "cache"))
    if os.geteuid() != 0:  # root writes anywhere
        assert len(checked_events(path)[0]) == 1
    assert cache.cache_dir() != path.parent  # never beside the data


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-50, 50), min_size=0, max_size=300), st.floats(7, 180))
def test_the_decay_is_the_recursion(values, half_life):
    """_decay (blockwise) equals score(d) = decay * score(d - 1) + x(d), step by step."""
    matrix = np.array(values, dtype="float64").reshape(-1, 1)
    decay, score, expected = 0.5 ** (1 / half_life), 0.0, []
    for x in values:
        score = decay * score + x
        expected.append(score)
    assert np.allclose(_decay(matrix, half_life)[:, 0], expected, rtol=1e-9, atol=1e-9)
