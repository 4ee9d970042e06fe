"""The briefing pack: every chart as PNG and SVG, the data as CSV, metadata and a README, and a
one-page brief in HTML and PDF. Static images by kaleido, the PDF by Chromium's print-to-PDF; both use
Debian's `chromium` (`apt-get install -y chromium`)."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import shutil
import subprocess
import tempfile
import warnings
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from tracker import charts
from tracker.index import METHOD_VERSION
from tracker.schema import TYPE_LABELS
from tracker.sources import pages_of
from tracker.view import View

IMAGE_WIDTH = 1200  # px; PNGs are written at IMAGE_SCALE times this
IMAGE_SCALE = 3


class BriefError(RuntimeError):
    """Raised when the brief cannot be made here (no Chromium for images and PDF)."""


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise BriefError("Chromium is needed for images and PDF: install it with `apt-get install -y chromium`")


def render_images(figures: dict[str, go.Figure], formats: tuple[str, ...] = ("png", "svg")) -> dict[str, bytes]:
    """`{name}.{format}` -> bytes for every figure, in one browser session (kaleido)."""
    import kaleido

    chromium_path()
    images = {}
    kaleido.start_sync_server(silence_warnings=True)  # one browser for every image
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            for name, fig in figures.items():
                height = fig.layout.height or 560
                for fmt in formats:
                    images[f"{name}.{fmt}"] = pio.to_image(fig, format=fmt, width=IMAGE_WIDTH, height=height,
                                                           scale=IMAGE_SCALE if fmt == "png" else 1)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return images


def brief_html(view: View, index_png: str = "index.png") -> str:
    """The one-page brief: headline figures, the index chart, key events with sources, method note."""
    dyad = view.filters.dyad or "All dyads"
    key = view.key_events()
    pages = pages_of(key)
    links = {event_id: ", ".join(_source_link(p.url, p.outlet, p.quote) for p in group.itertuples())
             for event_id, group in pages.groupby("event_id", sort=False)}
    rows = "".join(
        f"<tr><td>{_event_day(e)}</td><td>{html.escape(TYPE_LABELS.get(e.event_type, e.event_type))}</td>"
        f"<td>{html.escape(e.summary)}</td><td>{links.get(e.event_id, '')}</td></tr>"
        for e in key.itertuples())
    figures = "".join(f"<div class='fig'><div class='v'>{html.escape(v)}</div><div class='k'>{html.escape(k)}</div></div>"
                      for k, v in view.headline().items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(dyad)} relations brief</title>
<style>
@page {{ size: A4; margin: 12mm; }}
body {{ font-family: Arial, Helvetica, sans-serif; color: #222; font-size: 10.5pt; margin: 0; }}
@media screen {{ body {{ max-width: 190mm; margin: 12mm auto; }} }}
h1 {{ font-size: 17pt; margin: 0 0 2px; }} .sub {{ color: #555; margin-bottom: 8px; }}
.figs {{ display: flex; gap: 8px; margin: 6px 0; }} .fig {{ flex: 1; border-top: 3px solid #1f4e79; padding-top: 3px; }}
.v {{ font-size: 15pt; font-weight: bold; }} .k {{ color: #555; font-size: 8.5pt; }}
img {{ width: 100%; }} table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; }}
td:first-child {{ white-space: nowrap; }} td, th {{ border-bottom: 1px solid #ddd; padding: 2px 4px; vertical-align: top; text-align: left; }}
.note {{ color: #555; font-size: 8pt; margin-top: 6px; }} a {{ color: #1f4e79; }}
</style></head><body>
<h1>{html.escape(dyad)}: bilateral relations brief</h1>
<div class="sub">{html.escape(view.filters.describe())} · data to {_day(view.data_date, "%d %b %Y")}</div>
<div class="figs">{figures}</div>
<img src="{index_png}" alt="Tension index chart">
<h2 style="font-size:11pt;margin:6px 0 2px">Key events of the period</h2>
<table><tr><th>Date</th><th>Type</th><th>What happened</th><th>Source</th></tr>{rows}</table>
<div class="note">Method: {html.escape(view.params.describe())}. Each event is weighted by
the Goldstein value of its nearest CAMEO code, signed by its effect on the relationship, scaled by severity, and
decays with the half-life; 0–100 on a fixed scale, 50 = cooperation and conflict balance. The shaded band shows
half-lives of 15–60 days and weights ±25%. Full method: docs/methodology.md. Every event carries the URL of a page
that reports it.</div>
</body></html>"""


def _day(day, form: str = "%Y-%m-%d") -> str:
    return "–" if day is None else f"{day:{form}}"


def _event_day(event) -> str:
    """The day, or the month alone ('Mar 2025 (month)') where the sources give no day."""
    return f"{event.date:%b %Y} (month)" if str(event.date_precision) == "month" else f"{event.date:%Y-%m-%d}"


def _source_link(url: str, outlet: str, quote: str = "") -> str:
    """A page as a link named by its outlet, the supporting passage on hover."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return html.escape(str(outlet or ""))
    title = f' title="{html.escape(quote, quote=True)}"' if quote else ""
    return f'<a href="{html.escape(url, quote=True)}"{title}>{html.escape(str(outlet or url))}</a>'


def html_to_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print an HTML file to PDF with headless Chromium."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-first-run", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
                       check=True, capture_output=True, timeout=120)


def readme_text(view: View, files: list[str]) -> str:
    lines = [f"# {view.filters.dyad or 'All dyads'}: briefing pack", "",
             f"View: {view.filters.describe()}.", f"Data to {_day(view.data_date)}; {len(view.events)} events.",
             f"Index: {view.params.describe()}.", "", "## Files", ""]
    described = {
        "brief.html": "one-page brief: headline figures, index chart, key events with sources, method note",
        "brief.pdf": "the same brief as PDF (A4)",
        "events.csv": "the events of the view, in the tracker's columns (see data/columns.csv); loads back with --data",
        "index.csv": "the daily tension index with its sensitivity band (low, high), method version and parameters",
        "metadata.json": "what this pack holds, the filters, method, parameters and sources, machine-readable",
        "README.md": "this file",
    }
    for name in files:
        stem = name.rsplit(".", 1)[0]
        text = described.get(name) or f"chart: {charts.CHART_NAMES.get(stem, stem)} ({'PNG at 3x' if name.endswith('.png') else 'SVG'})"
        lines.append(f"- `{name}`: {text}")
    lines += ["", "Cite as: Bilateral relations tracker, tension index method v" + METHOD_VERSION +
              f", {view.filters.describe()}, data to {_day(view.data_date)}."]
    return "\n".join(lines) + "\n"


def brief_files(view: View, with_pdf: bool = True) -> dict[str, bytes]:
    """Every file of the briefing pack, by name."""
    files = render_images(view.figures())
    files["events.csv"] = view.events_csv().encode("utf-8")
    files["index.csv"] = view.index_csv().encode("utf-8")
    page = brief_html(view)
    files["brief.html"] = page.encode("utf-8")
    if with_pdf:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "brief.html").write_text(page, encoding="utf-8")
            (Path(tmp) / "index.png").write_bytes(files["index.png"])
            html_to_pdf(Path(tmp) / "brief.html", Path(tmp) / "brief.pdf")
            files["brief.pdf"] = (Path(tmp) / "brief.pdf").read_bytes()
    names = sorted(files) + ["metadata.json", "README.md"]
    files["metadata.json"] = json.dumps({
        "title": f"{view.filters.dyad or 'All dyads'} tension index and events",
        "view": view.filters.describe(), "filters": view.filters.to_query_params(),
        "data_date": _day(view.data_date), "events": len(view.events),
        "method_version": METHOD_VERSION, "parameters": view.params.describe(),
        "half_life_days": view.params.half_life_days,
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "source": "Curated events, each with every page that reports it (events.csv: source1_url … other_sources; "
                  "data/sources.csv in the tracker keeps a supporting passage of each page)",
        "files": names,
    }, indent=2).encode("utf-8")
    files["README.md"] = readme_text(view, names).encode("utf-8")
    return files


def brief_zip(files: dict[str, bytes], folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(f"{folder}/{name}", data)
    return buffer.getvalue()


def write_brief(files: dict[str, bytes], out: Path, force: bool = False) -> None:
    """Write the pack to folder `out` all at once: built in a temporary folder beside it, then renamed.
    An existing folder is replaced only with `force`."""
    out = Path(out)
    if out.exists() and not force:
        raise FileExistsError(f"{out} exists; use --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
