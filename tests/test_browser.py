"""End to end in a real browser: the dashboard served on 127.0.0.1, driven by Playwright in Debian's
chromium. Skipped where chromium or Playwright is not installed (the unit tests still run)."""

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tracker.paths import ROOT
from tests.conftest import event_row, to_csv

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("the dashboard did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(server + "/?dyad=AFG-PAK")
        page.wait_for_selector(".js-plotly-plot")
        yield page
        browser.close()


def metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']", has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text()


def wait_until_idle(page) -> None:
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)


def test_filter_then_download_exactly_what_is_shown(page, tmp_path):
    before = int(metric(page, "Events").replace(",", ""))
    box = page.get_by_label("Summary contains")
    box.fill("Torkham")
    box.press("Enter")
    page.wait_for_function(f"() => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
                           f".some(e => e.innerText.trim() !== '{before}' && /^\\d+$/.test(e.innerText.trim()))")
    wait_until_idle(page)
    shown = int(metric(page, "Events").replace(",", ""))
    assert 0 < shown < before
    assert "text=Torkham" in page.url  # the filter is in the link
    page.get_by_role("tab", name="Events").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these events (CSV)").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert len(rows) == shown
    assert all("torkham" in row["summary"].lower() for row in rows)
    assert saved.name.startswith("AFG-PAK_events_") and saved.name.endswith("_filtered.csv")


def test_a_word_that_matches_nothing_still_gives_a_view_and_a_download(page, tmp_path):
    box = page.get_by_label("Summary contains")
    box.fill("zzzzqqq")
    box.press("Enter")
    page.get_by_text("No events match these filters").first.wait_for()
    wait_until_idle(page)
    assert metric(page, "Events") == "no events"
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_role("tab", name="Events").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these events (CSV)").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").splitlines()[0].startswith("event_id,date,")
    assert len(saved.read_text(encoding="utf-8").splitlines()) == 1  # the header: no event matches
    page.get_by_role("tab", name="Index").click()


def test_upload_a_bad_file_shows_the_report(page, tmp_path):
    bad = tmp_path / "my events.csv"
    bad.write_text(to_csv([event_row("U1", "2025-03-01", "talks", summary="Good row"),
                           event_row("U2", "2025-13-01", "talks", summary="Bad date row")]))
    page.get_by_text("Your own events file").click()
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(str(bad))
    page.get_by_text("1 accepted, 1 rejected").wait_for()
    page.get_by_text("Problems in my events.csv").click()
    page.get_by_text("is not a date").first.wait_for(state="attached")  # a data-grid cell: in the DOM, drawn on canvas
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000


def test_explore_my_file_alone_or_beside_the_curated_events(page):
    """After the upload above (one valid AFG-PAK row): both adds it to the curated events, my file shows it alone."""
    box = page.get_by_label("Summary contains")
    box.fill("")
    box.press("Enter")
    wait_until_idle(page)
    curated = int(metric(page, "Events").replace(",", ""))
    sidebar = page.locator("[data-testid='stSidebar']")
    for choice, expected in (("both", curated + 1), ("my file", 1), ("curated data", curated)):
        sidebar.get_by_text(choice, exact=True).click()
        wait_until_idle(page)
        assert int(metric(page, "Events").replace(",", "")) == expected, choice


def test_a_gdelt_upload_with_nothing_to_draw_says_so(page, tmp_path):
    page.get_by_role("tab", name="Index").click()
    page.get_by_text("Compare with GDELT's Goldstein series").click()
    image = tmp_path / "photo.csv"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    page.locator("[data-testid='stExpander'] input[type='file']").last.set_input_files(str(image))
    page.get_by_text("no GDELT events of AFG-PAK to draw").first.wait_for()
    page.get_by_text("Compare with GDELT's Goldstein series").click()  # closed again for the next test


def test_gdelt_series_beside_the_curated_index(page):
    page.get_by_role("tab", name="Index").click()
    page.get_by_text("Compare with GDELT's Goldstein series").click()
    sample = ROOT / "tests" / "fixtures" / "gdelt_sample.export.CSV.zip"
    page.locator("[data-testid='stExpander'] input[type='file']").last.set_input_files(str(sample))
    page.get_by_text("AFG-PAK GDELT Goldstein, 7-day mean").first.wait_for(state="attached")


def test_code_an_article_in_the_browser(page, tmp_path):
    """Paste an article, see its candidates with the evidence highlighted, download the accepted rows."""
    page.get_by_role("tab", name="Code an article").click()
    wait_until_idle(page)
    box = page.get_by_label("Article text")
    box.click()
    box.fill("Pakistan reopened the Torkham border crossing with Afghanistan on Sunday, officials said. "
             "<script>window.hacked = 1</script>")
    box.press("Control+Enter")
    page.get_by_text("The article, its evidence highlighted").wait_for()
    wait_until_idle(page)
    url = page.get_by_label("Article URL")
    url.fill("https://example.org/torkham")
    url.press("Enter")
    wait_until_idle(page)
    assert url.input_value() == "https://example.org/torkham"
    assert page.evaluate("() => window.hacked === undefined")  # pasted scripts never run
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the 1 accepted event(s) (CSV)").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [(r["dyad"], r["event_type"], r["location"], r["source1_url"]) for r in rows] == [
        ("AFG-PAK", "border_reopening", "Torkham", "https://example.org/torkham")]
    assert rows[0]["evidence"].startswith("Pakistan reopened the Torkham border crossing")
    page.get_by_role("tab", name="Index").click()
