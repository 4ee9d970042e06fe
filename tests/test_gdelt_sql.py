"""The BigQuery query for a dyad's GDELT events: valid BigQuery SQL, the right columns, directions, dates."""

import datetime as dt

import pytest
import sqlglot
from sqlglot import exp

from tracker.gdelt_sql import GDELT_TABLE, gdelt_sql
from tracker.gdelt import GDELT_USED_COLUMNS


def _parsed(sql: str) -> exp.Select:
    return sqlglot.parse_one(sql, read="bigquery")


def _directions(tree: exp.Select) -> set[tuple[str, str]]:
    """The (Actor1CountryCode, Actor2CountryCode) pairs the WHERE clause accepts."""
    pairs = set()
    for both in tree.find(exp.Where).find_all(exp.And):
        sides = {eq.left.name: eq.right.this for eq in both.find_all(exp.EQ)}
        if set(sides) == {"Actor1CountryCode", "Actor2CountryCode"}:
            pairs.add((sides["Actor1CountryCode"], sides["Actor2CountryCode"]))
    return pairs


def test_parses_as_bigquery_and_selects_the_imported_columns():
    tree = _parsed(gdelt_sql("AFG-PAK", "2021-08-15", "2025-12-31"))
    assert [column.name for column in tree.expressions] == list(GDELT_USED_COLUMNS)
    table = tree.find(exp.Table)
    assert f"{table.catalog}.{table.db}.{table.name}" == GDELT_TABLE


@pytest.mark.parametrize("dyad", ["AFG-PAK", "PAK-AFG", "pak_afg"])
def test_both_directions_whatever_the_order_given(dyad):
    assert _directions(_parsed(gdelt_sql(dyad, "2021-08-15", "2025-12-31"))) == {("AFG", "PAK"), ("PAK", "AFG")}


def test_date_bounds_are_yyyymmdd_integers_and_rows_ordered_by_date():
    tree = _parsed(gdelt_sql("IND-PAK", dt.date(2019, 2, 14), "2019-03-01"))
    between = tree.find(exp.Between)
    assert between.this.name == "SQLDATE"
    assert (between.args["low"].this, between.args["high"].this) == ("20190214", "20190301")
    assert not between.args["low"].is_string
    assert tree.args["order"].expressions[0].this.name == "SQLDATE"


@pytest.mark.parametrize("dyad, start, end, message", [
    ("AFG-AFG", "2021-01-01", "2021-12-31", "two ISO alpha-3 codes"),
    ("AFG-PAK'; DROP TABLE x; --", "2021-01-01", "2021-12-31", "two ISO alpha-3 codes"),
    ("AFG-PAK", "2021-13-01", "2021-12-31", "is not a date"),
    ("AFG-PAK", "2022-01-01", "2021-12-31", "is after end"),
])
def test_bad_arguments_are_refused(dyad, start, end, message):
    with pytest.raises(ValueError, match=message):
        gdelt_sql(dyad, start, end)
