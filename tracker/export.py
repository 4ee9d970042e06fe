"""What leaves the tracker: events and index tables as CSV, in the columns a user can read back in,
with spreadsheet formulas neutralised (tracker.safe_io)."""

from __future__ import annotations

import pandas as pd

from tracker.index import METHOD_VERSION, IndexParams
from tracker.safe_io import safe_csv
from tracker.schema import COLUMNS, DATE_COLUMNS


def events_csv(events: pd.DataFrame) -> str:
    """Events in the schema's columns and order: the file validates and loads again as it is."""
    table = events[list(COLUMNS)].copy()
    for column in DATE_COLUMNS:
        table[column] = table[column].dt.strftime("%Y-%m-%d")
    return safe_csv(table)


def index_csv(index_df: pd.DataFrame, params: IndexParams = IndexParams()) -> str:
    """The index series with the method version and half-life that made it on every row."""
    table = index_df.assign(
        date=index_df["date"].dt.strftime("%Y-%m-%d"),
        index=index_df["index"].round(3),
        score=index_df["score"].round(4),
        method_version=METHOD_VERSION,
        half_life_days=params.half_life_days,
        parameters=params.describe(),
    )
    extra = [c for c in index_df.columns if c in ("low", "high") or c.startswith("type_")]
    table[extra] = table[extra].round(3)
    columns = ["date", "dyad", "index", *[c for c in ("low", "high") if c in extra], "score",
               *[c for c in extra if c.startswith("type_")], "method_version", "half_life_days", "parameters"]
    return safe_csv(table[columns])


MARKDOWN_SPECIALS = r"\`*_{}[]<>()#+-.!|~$"


def markdown_plain(text: str) -> str:
    """User or event text shown through Streamlit's Markdown as literal text: every character that
    Markdown could read as markup (links, emphasis, HTML) is backslash-escaped."""
    return "".join("\\" + c if c in MARKDOWN_SPECIALS else c for c in str(text))
