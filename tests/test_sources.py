"""Sources as a table of their own: one row per (event, page), converted to and from the wide form."""

import pandas as pd
import pytest

from tracker.load import check_path, read_events
from tracker.paths import DATA_DIR
from tracker.sources import format_other, parse_other, read_sources, to_long, to_wide
from tests.conftest import event_row, to_csv

SOURCES = DATA_DIR / "sources.csv"


@pytest.fixture(scope="module")
def sources():
    table, problems = read_sources(SOURCES)
    assert problems.empty, problems.to_string()
    return table


def test_events_csv_holds_facts_and_sources_csv_the_pages(sources):
    header = (DATA_DIR / "events.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert not [c for c in header if c.startswith("source") or c == "other_sources"]
    events = read_events()
    assert set(sources["event_id"]) == set(events["event_id"])  # every event has a page, every page an event
    assert not sources.duplicated(["event_id", "url"]).any()


def test_confirmed_means_two_distinct_outlets(sources):
    events = read_events()
    outlets = sources.groupby("event_id")["outlet"].agg(lambda o: o.str.casefold().str.strip().nunique())
    confirmed = events.loc[events["confidence"] == "confirmed", "event_id"]
    assert confirmed[outlets.reindex(confirmed).fillna(0).to_numpy() < 2].tolist() == []


def test_a_page_has_one_outlet_and_one_date(sources):
    for field in ("outlet", "published"):
        spelled = sources[sources[field] != ""].groupby("url")[field].nunique()
        assert spelled[spelled > 1].index.tolist() == [], field


def test_every_cited_page_is_checked_and_quoted(sources):
    """Issue 13's pass: each page was re-read against its event; the quote is what survives link rot."""
    assert (sources["quote"].str.len() <= 400).all()
    unread = sources[(sources["quote"] == "") | (sources["checked"] == "")]
    assert unread[["event_id", "url"]].values.tolist() == []


def test_wide_and_long_round_trip():
    events = pd.DataFrame([event_row("A1", "2025-01-01", "talks", source2_url="https://b.example/2", source2_outlet="B",
                                     source2_date="2025-01-02")])
    pages = to_long(events)
    more = pd.DataFrame([{"event_id": "A1", "url": f"https://x.example/{n}", "outlet": f"X{n}", "published": "2025-01-03",
                          "checked": "", "quote": "", "gives": ""} for n in range(3)])
    wide = to_wide(events.drop(columns=[c for c in events if c.startswith("source")]), pd.concat([pages, more]))
    assert wide.loc[0, "source3_url"] == "https://x.example/0"
    assert parse_other(wide.loc[0, "other_sources"]) == [("https://x.example/1", "X1", "2025-01-03"),
                                                         ("https://x.example/2", "X2", "2025-01-03")]
    assert to_long(wide)[["url", "outlet", "published"]].values.tolist() == \
        pd.concat([pages, more])[["url", "outlet", "published"]].values.tolist()
    assert format_other([("https://a.example", "A", "")]) == "A <https://a.example>"


def test_a_long_form_file_is_read_with_its_sources_and_their_problems(tmp_path):
    rows = [event_row("A1", "2025-01-01", "talks"), event_row("A2", "2025-01-02", "talks")]
    wide = pd.DataFrame(rows)
    (tmp_path / "events.csv").write_text(to_csv(rows, columns=[c for c in wide.columns if not c.startswith("source")]))
    pages = to_long(wide)
    pages.loc[len(pages)] = ["Z9", "https://z.example", "Z", "", "", "", ""]
    pages.loc[len(pages)] = ["A2", "ftp://nope", "N", "2025-13-01", "", "", ""]
    pages.to_csv(tmp_path / "sources.csv", index=False)
    events, problems = check_path(tmp_path / "events.csv", "events.csv")
    assert events["event_id"].tolist() == ["A1", "A2"] and events.loc[0, "source1_url"] == "https://example.org/report"
    lines = [f"{p.file.rsplit('/', 1)[-1]}:{p.row}: {p.field}" for p in problems.itertuples()]
    assert lines == ["sources.csv:4: event_id", "sources.csv:5: published", "sources.csv:5: url"]


def test_an_event_without_a_page_is_refused(tmp_path):
    rows = [event_row("A1", "2025-01-01", "talks")]
    (tmp_path / "events.csv").write_text(to_csv(rows, columns=[c for c in rows[0] if not c.startswith("source")]))
    pd.DataFrame(columns=["event_id", "url", "outlet", "published", "checked", "quote", "gives"]).to_csv(
        tmp_path / "sources.csv", index=False)
    events, problems = check_path(tmp_path / "events.csv", "events.csv")
    assert events.empty and sorted(problems["field"]) == ["source1_outlet", "source1_url"]


def test_reading_verdicts_quote_found_pages_and_never_strip_an_event_of_its_last_page():
    import importlib.util

    spec = importlib.util.spec_from_file_location("apply_quote_verdicts", DATA_DIR.parent / "tools" / "apply_quote_verdicts.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    columns = ["event_id", "url", "outlet", "published", "checked", "quote", "gives"]
    sources = pd.DataFrame([["A", "https://a.example/1", "Dawn", "", "", "", ""],
                            ["A", "https://b.example/2", "Geo", "", "", "", ""],
                            ["B", "https://c.example/3", "Dawn", "", "", "", ""],
                            ["B", "https://d.example/4", "Geo", "", "", "", ""]], columns=columns)
    events = pd.DataFrame({"event_id": ["A", "B"], "confidence": ["confirmed", "confirmed"]})
    verdict = lambda e, url, v, quote="", outlet="": dict(event_id=e, url=url, verdict=v, outlet=outlet,  # noqa: E731
                                                         published="2025-01-02", quote=quote, gives="", reason="", file="t")
    verdicts = pd.DataFrame([verdict("A", "http://www.a.example/1/", "ok", "Kabul said on Monday."),
                             verdict("A", "https://b.example/2", "not_found"),
                             verdict("B", "https://c.example/3", "not_found"), verdict("B", "https://d.example/4", "unsupported"),
                             verdict("B", "https://e.example/5", "new", "Too long. " * 50, "Tolo")])
    new_sources, new_events, log = tool.apply(sources, events, verdicts, "2026-12-03")
    a = new_sources[new_sources["event_id"] == "A"]
    assert a["url"].tolist() == ["https://a.example/1"]  # found and quoted; the page not found again is gone
    assert a[["quote", "checked", "published"]].iloc[0].tolist() == ["Kabul said on Monday.", "2026-12-03", "2025-01-02"]
    assert len(new_sources[new_sources["event_id"] == "B"]) == 2  # no page quoted (the quote too long): both kept
    assert new_events.set_index("event_id")["confidence"].to_dict() == {"A": "single_source", "B": "confirmed"}
    assert log["removed"] == 1 and log["kept_unchecked"] == 2
    # a later search that misses a page does not outweigh the reading that found and quoted it
    again, _, log = tool.apply(new_sources, new_events, pd.DataFrame([verdict("A", "https://a.example/1", "not_found")]), "2026-12-04")
    assert again[again["event_id"] == "A"]["url"].tolist() == ["https://a.example/1"] and log["kept_quoted"] == 1
