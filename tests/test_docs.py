"""Documentation that cannot drift from the code."""

import pandas as pd
import pytest

from tracker.index import METHOD_VERSION
from tracker.paths import COLUMNS_CSV, METHODOLOGY_MD, ROOT
from tracker.schema import CODEBOOK, COLUMNS, EVENT_TYPES

REFERENCE = ROOT.parent / "shared" / "reference" / "cameo_goldstein.csv"


def test_every_column_is_documented_in_order():
    documented = pd.read_csv(COLUMNS_CSV)
    assert documented["column"].tolist() == list(COLUMNS)
    assert documented["description"].str.len().gt(10).all()


def test_codebook_covers_the_required_types():
    required = {"high_level_visit", "talks", "agreement", "trade_easing", "trade_restriction", "border_closure",
                "border_reopening", "border_clash", "cross_border_strike", "militant_attack", "militant_crackdown",
                "deportation", "diplomatic_upgrade", "diplomatic_protest", "ceasefire"}
    assert required <= set(EVENT_TYPES)
    assert CODEBOOK[["label", "definition", "cameo_code", "tension_weight", "weight_rationale"]].notna().all().all()


def test_codebook_goldstein_values_match_the_reference():
    if not REFERENCE.exists():
        pytest.skip("../shared/reference is not beside this clone")
    reference = pd.read_csv(REFERENCE, dtype={"cameo_code": str}).set_index("cameo_code")
    for event_type, row in CODEBOOK.iterrows():
        assert reference.at[row["cameo_code"], "goldstein"] == row["goldstein"], event_type
        assert reference.at[row["cameo_code"], "name"] == row["cameo_name"], event_type


def test_methodology_lists_every_type_with_its_weight_and_version():
    text = METHODOLOGY_MD.read_text(encoding="utf-8")
    assert f"Method version {METHOD_VERSION}" in text
    for event_type, row in CODEBOOK.iterrows():
        line = next((l for l in text.splitlines() if l.startswith(f"| {event_type} |")), None)
        assert line is not None, f"{event_type} missing from the methodology table"
        weight = f"{row['tension_weight']:+.1f}".replace("-", "−")
        assert weight in line, f"{event_type}: weight {weight} not in {line}"


def test_readme_documents_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt && .venv/bin/streamlit run dashboard.py" in readme
    assert "pip install -r requirements.txt && .venv/bin/python -m pytest" in readme
    assert "bash .ci/run" not in readme  # CI runs the README command, not the other way round


def test_methodology_documents_every_part_of_the_method():
    text = METHODOLOGY_MD.read_text(encoding="utf-8")
    for phrase in ["Decomposition", "Sensitivity", "Monthly net conflict", "How to cite", "Changelog",
                   "Limitations", "Worked example", "Checks against history", "half-life 15, 30 and 60 days"]:
        assert phrase in text, phrase


def test_readme_coverage_matches_the_data():
    """The README's account of what the data covers (counts, last dates, empty months) is the data's."""
    import re

    from tracker.coverage import empty_months
    from tracker.load import read_events

    events = read_events()
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### What the data covers")[1].split("Columns of")[0]
    section = " ".join(section.split())  # line breaks as spaces
    assert f"{len(events)} events" in section
    names = {"AFG-PAK": "Pakistan–Afghanistan", "IND-PAK": "India–Pakistan", "AFG-IND": "Afghanistan–India"}
    for dyad, rows in events.groupby("dyad", observed=True):
        last = rows["date"].max()
        assert re.search(rf"{names[dyad]} {len(rows)} \([^)]*{last.day} {last:%B %Y}\)", section), dyad
    gaps = {dyad: empty_months(events[events["dyad"] == dyad]) for dyad in names}
    assert all(month in section for month in gaps["AFG-IND"])
    assert gaps["AFG-PAK"] == [] and "Pakistan–Afghanistan: every month has an event." in section
    assert gaps["IND-PAK"] == ["2026-06"] and "nothing recorded for June 2026" in section


def test_readme_counts_of_sources_are_the_data():
    from tracker.sources import read_sources

    sources, _ = read_sources(ROOT / "data" / "sources.csv")
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    quoted = sources[sources["quote"] != ""]
    by_event = sources.assign(q=sources["quote"] != "").groupby("event_id")["q"]
    assert f"{len(sources):,} pages in `data/sources.csv`; {len(quoted):,} of them re-read" in text
    assert f"{(by_event.any()).sum()} of {by_event.ngroups} events have at least one quoted page, {(by_event.all()).sum()} have every page quoted" in text


def test_readme_counts_of_dates_are_the_data():
    events = pd.read_csv(ROOT / "data" / "events.csv", dtype=str, keep_default_na=False)
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    by_report = events["notes"].str.contains("dated by its first dated report", regex=False).sum()
    assert f"{(events['date_precision'] == 'month').sum()} events are dated to a month only" in text
    assert f"{by_report} of them by their first dated report" in text
