"""The briefing pack: every file written, images of the requested size, well-formed SVG and PDF."""

import json
import struct
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from tracker.index import METHOD_VERSION

from tracker.__main__ import main
from tracker.brief import IMAGE_SCALE, IMAGE_WIDTH, brief_html, chromium_path, BriefError
from tracker.view import View
from tracker.filters import Filters
from tracker.load import read_events
from tests.conftest import event_row, to_csv


def have_chromium() -> bool:
    try:
        chromium_path()
        return True
    except BriefError:
        return False


needs_browser = pytest.mark.skipif(not have_chromium(), reason="Debian's chromium is not installed")
CHARTS = ["index", "by-type", "net", "per-month", "map"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "AFG-PAK-2025"
    assert main(["brief", "--dyad", "PAK-AFG", "--from", "2025-01-01", "--to", "2025-06-30", "--out", str(out)]) == 0
    return out


@needs_browser
def test_brief_writes_every_file(pack):
    expected = {f"{c}.{f}" for c in CHARTS for f in ("png", "svg")} | {
        "events.csv", "index.csv", "metadata.json", "README.md", "brief.html", "brief.pdf"}
    assert {p.name for p in pack.iterdir()} == expected
    metadata = json.loads((pack / "metadata.json").read_text())
    assert set(metadata["files"]) == expected and metadata["method_version"] == METHOD_VERSION == "1.1"
    readme = (pack / "README.md").read_text()
    assert all(f"`{name}`" in readme for name in expected)


@needs_browser
def test_pngs_have_the_requested_size(pack):
    for chart in CHARTS:
        width, height = png_size((pack / f"{chart}.png").read_bytes())
        assert width == IMAGE_WIDTH * IMAGE_SCALE and height == 560 * IMAGE_SCALE, chart


@needs_browser
def test_svg_and_pdf_are_well_formed(pack):
    for chart in CHARTS:
        root = ET.parse(pack / f"{chart}.svg").getroot()
        assert root.tag.endswith("svg")
    pdf = (pack / "brief.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type/Page") >= 1


@needs_browser
def test_brief_csvs_hold_the_view(pack):
    events = pd.read_csv(pack / "events.csv")
    assert events["dyad"].eq("AFG-PAK").all()
    assert events["date"].between("2025-01-01", "2025-06-30").all()
    index = pd.read_csv(pack / "index.csv")
    assert index["date"].iloc[0] == "2025-01-01" and index["date"].iloc[-1] == "2025-06-30"
    assert {"low", "high", "method_version", "parameters"} <= set(index.columns)


@needs_browser
def test_existing_folder_is_kept_without_force(pack, capsys):
    before = (pack / "index.png").read_bytes()
    assert main(["brief", "--dyad", "AFG-PAK", "--out", str(pack), "--no-pdf"]) == 1
    assert "use --force" in capsys.readouterr().err
    assert (pack / "index.png").read_bytes() == before


def test_brief_page_escapes_event_text_and_links_only_http(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-01-05", "cross_border_strike", summary="<script>alert(1)</script> strike",
                                      source1_outlet="<b>Outlet</b>")]))
    view = View.build(read_events(path), Filters(dyad="AFG-PAK"))
    page = brief_html(view)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert '<a href="https://example.org/report">&lt;b&gt;Outlet&lt;/b&gt;</a>' in page
    assert view.finding().startswith("AFG-PAK tension index: 58.8 on 05 Jan 2025")


def test_data_date_is_the_dyads_latest_event(sample_events):
    """A view of one dyad says its data run to that dyad's latest event, not another dyad's."""
    india = View.build(sample_events, Filters(dyad="IND-PAK"))
    assert india.data_date == pd.Timestamp("2025-05-07")
    assert "data to 07 May 2025" in india.note()
    assert View.build(sample_events, Filters()).data_date == pd.Timestamp("2025-10-13")


def test_brief_lists_every_source_with_its_passage_and_months_as_months(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(to_csv([event_row("A1", "2025-01-01", "cross_border_strike", date_precision="month",
                                      source2_url="https://two.example/a", source2_outlet="Two",
                                      other_sources="Three (2025-01-05) <https://three.example/a>; Four <https://four.example/b>")]))
    page = brief_html(View.build(read_events(path), Filters(dyad="AFG-PAK")))
    assert all(outlet in page for outlet in (">Example Outlet</a>", ">Two</a>", ">Three</a>", ">Four</a>"))
    assert "Jan 2025 (month)" in page and "2025-01-01" not in page.split("<table>")[1]
    from tracker.brief import _source_link
    assert _source_link("https://a.example", "A", 'he said "no" <b>') == \
        '<a href="https://a.example" title="he said &quot;no&quot; &lt;b&gt;">A</a>'


@needs_browser
def test_brief_reads_parquet_as_every_command_does(tmp_path):
    data = tmp_path / "events.parquet"
    assert main(["synth", "--events", "300", "--out", str(data)]) == 0
    out = tmp_path / "pack"
    assert main(["brief", "--data", str(data), "--dyad", "AFG-PAK", "--no-pdf", "--out", str(out)]) == 0
    assert (out / "index.csv").exists() and (out / "brief.html").exists()
