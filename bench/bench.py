"""Benchmark of the tracker's core on synthetic events, each step beside a naive pandas version.

    python bench/bench.py --sizes 10000 100000 1000000

For each size, builds synthetic events (tracker.synth), writes them as CSV and Parquet to a
temporary folder, then measures, each in a fresh subprocess:

| step         | tracker                              | baseline                                        |
|--------------|--------------------------------------|-------------------------------------------------|
| load CSV     | tracker.load.check_file              | pd.read_csv, then each row parsed and checked   |
| load Parquet | tracker.columnar.read_parquet_events | the tracker's CSV load (row above)              |
| validate     | tracker.load.schema_problems         | the same rules checked row by row (iterrows)    |
| index        | tension_index over all dyads         | weights per row (iterrows), then a day loop     |
| filter       | Filters(...).apply                   | re-read and re-validate the CSV, test each row  |
| charts       | index_timeline + events_per_month    | marker lists and month counts built row by row  |

Times are wall-clock seconds of the step alone (inputs are prepared before the clock starts); up
to 100,000 events the tracker's steps are run three times and the fastest run is shown.
Memory is the peak resident memory above the step's starting point (Linux's VmHWM, reset at the
start of the step): it counts Arrow's buffers too, which tracemalloc does not see (pandas 3 keeps
text in Arrow), but not memory the process had freed earlier and reuses. Naive row loops run on the
first --naive-cap rows and their time is scaled linearly to the full size: such figures are
marked "~" and the memory shown is the sample's. The naive index's loop over days is not scaled
(it does not grow with the number of events). Each naive result is checked against the tracker's
on the sample ("check" in the notes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: `python bench/bench.py`

import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402

from tracker import charts  # noqa: E402
from tracker.columnar import read_parquet_events, write_events  # noqa: E402
from tracker.filters import Filters  # noqa: E402
from tracker.index import CONFIDENCE_FACTORS, LEVEL_FACTORS, IndexParams, tension_index  # noqa: E402
from tracker.load import check_file, parse_events, read_raw, schema_problems  # noqa: E402
from tracker.schema import (  # noqa: E402
    ACTOR_LEVELS, CONFIDENCE_LEVELS, DATE_COLUMNS, DATE_PRECISIONS, EARLIEST_DATE, EVENT_TYPES, FLOAT_COLUMNS,
    INT_COLUMNS, SUMMARY_MAX_CHARS, TYPE_LABELS, URL_PATTERN,
)
from tracker.synth import synthetic_events  # noqa: E402

DEFAULT_SIZES = (10_000, 100_000)
NAIVE_CAP = 20_000
REPEATS, REPEAT_UP_TO = 3, 100_000  # the tracker's steps at these sizes: best of 3 runs
# A filter change in the dashboard: dyad, period, three types and a word of the summary.
FILTER = Filters(dyad="AFG-PAK", start=dt.date(2021, 8, 15), end=dt.date(2025, 12, 31),
                 event_types=("border_clash", "cross_border_strike", "militant_attack"), text="Torkham")
# The dashboard's opening view: one dyad, its whole period, every type (what the charts get).
VIEW = Filters(dyad="AFG-PAK")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
URL = re.compile(URL_PATTERN)
COUNTRY = re.compile(r"^[A-Z]{3}$")
DYAD = re.compile(r"^[A-Z]{3}-[A-Z]{3}$")


# ---------------------------------------------------------------------------------------------
# Measuring: time and peak memory of the timed blocks of one implementation


class Meter:
    """Times blocks (`with meter.block(factor)`) and records the peak resident memory above each
    block's starting point: Linux's high-water mark (VmHWM), reset to the current size at the start
    of the block by writing 5 to /proc/self/clear_refs, so no sampling and no overhead."""

    def __init__(self):
        self.seconds = 0.0
        self.scaled = False
        self.peak_bytes = 0

    @staticmethod
    def _status(key: str) -> int:
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith(key + ":"))
        return int(line.split()[1]) * 1024  # kB

    @contextmanager
    def block(self, factor: float = 1.0):
        """Time the block; its seconds count `factor` times (a sample scaled to the full size)."""
        gc.collect()
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")  # VmHWM := VmRSS
        start_rss = self._status("VmRSS")
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.seconds += elapsed * factor
            self.scaled |= factor != 1.0
            self.peak_bytes = max(self.peak_bytes, self._status("VmHWM") - start_rss)


# ---------------------------------------------------------------------------------------------
# Naive versions: what the same work looks like written row by row


def naive_parse_row(text: dict) -> tuple[dict, list[str]]:
    """One CSV row (strings) -> typed values, with a message per field that does not parse."""
    row, problems = {}, []
    for column, value in text.items():
        value = value.strip()
        if value == "":
            row[column] = None
        elif column in DATE_COLUMNS:
            try:
                row[column] = pd.Timestamp(dt.date.fromisoformat(value))
            except ValueError:
                problems.append(f"{column}: {value!r} is not a date")
        elif column in FLOAT_COLUMNS:
            try:
                row[column] = float(value)
            except ValueError:
                problems.append(f"{column}: {value!r} is not a number")
        elif column in INT_COLUMNS:
            try:
                row[column] = int(value)
            except ValueError:
                problems.append(f"{column}: {value!r} is not a whole number")
        else:
            row[column] = value
    return row, problems


def naive_check_row(row: dict, seen_ids: set, today: pd.Timestamp) -> list[str]:
    """EventSchema's rules for one typed row, in plain Python."""
    problems = []
    missing = lambda v: v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT  # noqa: E731
    if missing(row["event_id"]) or not ID_PATTERN.match(row["event_id"]) or row["event_id"] in seen_ids:
        problems.append("event_id")
    seen_ids.add(row["event_id"])
    if missing(row["date"]) or not EARLIEST_DATE <= row["date"] <= today:
        problems.append("date")
    if row["date_precision"] not in DATE_PRECISIONS:
        problems.append("date_precision")
    if missing(row["dyad"]) or not DYAD.match(row["dyad"]) or not row["dyad"][:3] < row["dyad"][4:]:
        problems.append("dyad")
    if row["event_type"] not in EVENT_TYPES:
        problems.append("event_type")
    for column, limit in (("initiator", 80), ("target", 80), ("summary", SUMMARY_MAX_CHARS)):
        if missing(row[column]) or len(row[column]) > limit:
            problems.append(column)
    for column in ("location", "province"):
        if not missing(row[column]) and len(row[column]) > 120:
            problems.append(column)
    if not missing(row["country"]) and not COUNTRY.match(row["country"]):
        problems.append("country")
    lat, lon = row["latitude"], row["longitude"]
    if missing(lat) != missing(lon) or (not missing(lat) and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
        problems.append("latitude")
    low, best, high = (row[f"fatalities_{k}"] for k in ("low", "best", "high"))
    for value in (low, best, high, row["duration_days"]):
        if not missing(value) and value < 0:
            problems.append("fatalities")
    if not missing(low) and not missing(best) and low > best or not missing(best) and not missing(high) and best > high:
        problems.append("fatalities_best")
    if not missing(row["actor_level"]) and row["actor_level"] not in ACTOR_LEVELS:
        problems.append("actor_level")
    if row["confidence"] not in CONFIDENCE_LEVELS:
        problems.append("confidence")
    if missing(row["source1_url"]) or not URL.match(row["source1_url"]) or missing(row["source1_outlet"]):
        problems.append("source1_url")
    for n in (2, 3):
        url, outlet, date = row[f"source{n}_url"], row[f"source{n}_outlet"], row[f"source{n}_date"]
        if not missing(url) and (not URL.match(url) or missing(outlet)):
            problems.append(f"source{n}_url")
        if missing(url) and (not missing(outlet) or not missing(date)):
            problems.append(f"source{n}_url")
    return problems


def naive_load(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """pd.read_csv as text, then every row parsed and checked in a Python loop."""
    text = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows, problems, seen, today = [], [], set(), pd.Timestamp(dt.date.today())
    for number, record in text.iterrows():
        row, found = naive_parse_row(record.to_dict())
        found = found or naive_check_row(row, seen, today)
        if found:
            problems += [f"row {number + 2}: {p}" for p in found]
        else:
            rows.append(row)
    return pd.DataFrame(rows), problems


def naive_daily_weights(events: pd.DataFrame, params: IndexParams) -> dict:
    """{(dyad, day): summed weight}, computing each event's weight and severity in a row loop."""
    daily = defaultdict(float)
    for _, event in events.iterrows():
        weight = params.weights.get(event["event_type"], 0.0)
        if not pd.isna(event["fatalities_best"]):
            weight *= 1 + math.log10(1 + event["fatalities_best"])
        weight *= LEVEL_FACTORS.get(event["actor_level"], 1.0)
        if event["event_type"] == "border_closure" and not pd.isna(event["duration_days"]):
            weight *= 1 + math.log10(1 + event["duration_days"])
        weight *= CONFIDENCE_FACTORS.get(event["confidence"], 1.0)
        daily[(event["dyad"], event["date"].normalize())] += weight
    return daily


def naive_index(daily: dict, params: IndexParams) -> pd.DataFrame:
    """Day by day per dyad: score = decay * yesterday's score + today's weights; then the 0-100 scale."""
    decay = 0.5 ** (1.0 / params.half_life_days)
    rows = []
    for dyad in sorted({d for d, _ in daily}):
        days = [day for d, day in daily if d == dyad]
        day, last, score = min(days), max(days), 0.0
        while day <= last:
            score = decay * score + daily.get((dyad, day), 0.0)
            rows.append((day, dyad, score, 100.0 / (1.0 + math.exp(-score / params.scale))))
            day += pd.Timedelta(days=1)
    return pd.DataFrame(rows, columns=["date", "dyad", "score", "index"])


def naive_filter(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Each row tested against each filter in a Python loop."""
    kept = []
    start, end = pd.Timestamp(filters.start), pd.Timestamp(filters.end)
    for _, event in events.iterrows():
        if (event["dyad"] == filters.dyad and start <= event["date"] <= end
                and event["event_type"] in filters.event_types
                and filters.text.lower() in str(event["summary"]).lower()):
            kept.append(event)
    return pd.DataFrame(kept).sort_values(["date", "event_id"], kind="stable") if kept else events.iloc[:0]


def naive_charts(index_df: pd.DataFrame, view: pd.DataFrame) -> list[go.Figure]:
    """The timeline's markers and the monthly bars, collected row by row."""
    on_line = {(d, day): value for d, day, value in zip(index_df["dyad"], index_df["date"], index_df["index"])}
    markers = defaultdict(lambda: ([], [], []))
    months = defaultdict(int)
    for _, event in view.iterrows():
        y = on_line.get((event["dyad"], event["date"].normalize()))
        if y is not None:
            x_list, y_list, text = markers[event["event_type"]]
            x_list.append(event["date"])
            y_list.append(y)
            text.append(event["summary"])
        months[(event["date"].replace(day=1), event["event_type"])] += 1
    timeline = go.Figure([go.Scatter(x=series["date"], y=series["index"], mode="lines", name=dyad)
                          for dyad, series in index_df.groupby("dyad")])
    for event_type, (x_list, y_list, text) in markers.items():
        timeline.add_trace(go.Scatter(x=x_list, y=y_list, mode="markers", text=text, name=TYPE_LABELS[event_type]))
    monthly = go.Figure()
    for event_type in EVENT_TYPES:
        cells = sorted((m, c) for (m, t), c in months.items() if t == event_type)
        if cells:
            monthly.add_trace(go.Bar(x=[m for m, _ in cells], y=[c for _, c in cells], name=TYPE_LABELS[event_type]))
    return [timeline, monthly]


# ---------------------------------------------------------------------------------------------
# The steps: each implementation gets the data folder, the size and a Meter; returns notes


@dataclass(frozen=True)
class Files:
    folder: Path
    size: int
    cap: int

    @property
    def csv(self) -> Path:
        return self.folder / "events.csv"

    @property
    def parquet(self) -> Path:
        return self.folder / "events.parquet"

    @property
    def sample_csv(self) -> Path:
        return self.folder / "sample.csv"

    @property
    def warm_csv(self) -> Path:
        return self.folder / "warm.csv"

    @property
    def warm_parquet(self) -> Path:
        return self.folder / "warm.parquet"

    @property
    def factor(self) -> float:
        return self.size / min(self.size, self.cap)

    def events(self) -> pd.DataFrame:
        """The events as the app holds them once loaded (tracker.load's frame, via the Parquet path)."""
        return read_parquet_events(self.parquet)[0]


# The tracker's functions are first run once on a few rows ("warm"): pandera builds its checks and
# pandas its regexes on first use, a one-off cost of about a second per process that would otherwise
# swamp the small sizes.


def load_csv_fast(files: Files, meter: Meter) -> str:
    check_file(files.warm_csv)
    with meter.block():
        events, problems = check_file(files.csv)
    return f"{len(events):,} rows, {len(problems)} problems"


def load_csv_naive(files: Files, meter: Meter) -> str:
    with meter.block(files.factor):
        events, problems = naive_load(files.sample_csv)
    return f"{len(events):,} sample rows, {len(problems)} problems"


def load_parquet_fast(files: Files, meter: Meter) -> str:
    read_parquet_events(files.warm_parquet)
    with meter.block():
        events, problems = read_parquet_events(files.parquet, "events.parquet")
    return f"{len(events):,} rows, {len(problems)} problems"


def validate_fast(files: Files, meter: Meter) -> str:
    raw, _ = read_raw(files.csv, "events.csv")
    parsed, _ = parse_events(raw, "events.csv")
    del raw
    schema_problems(parse_events(read_raw(files.warm_csv)[0], "warm.csv")[0], "warm.csv")
    with meter.block():
        problems = schema_problems(parsed, "events.csv")
    return f"{len(problems)} problems"


def validate_naive(files: Files, meter: Meter) -> str:
    raw, _ = read_raw(files.sample_csv, "sample.csv")
    parsed, _ = parse_events(raw, "sample.csv")
    seen, today = set(), pd.Timestamp(dt.date.today())
    with meter.block(files.factor):
        problems = [p for _, row in parsed.iterrows() for p in naive_check_row(row.to_dict(), seen, today)]
    return f"{len(problems)} problems in the sample"


def index_fast(files: Files, meter: Meter) -> str:
    events = files.events()
    tension_index(events.head(200))
    with meter.block():
        index_df = tension_index(events)
    return f"{len(index_df):,} dyad-days"


def index_naive(files: Files, meter: Meter) -> str:
    sample, params = files.events().head(files.cap), IndexParams()
    with meter.block(files.factor):
        daily = naive_daily_weights(sample, params)
    with meter.block():  # one pass over the days: does not grow with the number of events
        index_df = naive_index(daily, params)
    fast = tension_index(sample).merge(index_df, on=["date", "dyad"], suffixes=("", "_naive"))
    return f"check: max |index difference| on the sample {(fast['index'] - fast['index_naive']).abs().max():.1e}"


def filter_fast(files: Files, meter: Meter) -> str:
    events = files.events()
    FILTER.apply(events.head(200))
    with meter.block():
        view = FILTER.apply(events)
    return f"{len(view):,} rows kept"


def filter_naive(files: Files, meter: Meter) -> str:
    sample = files.events().head(files.cap)
    check_file(files.warm_csv)
    with meter.block():  # an uncached app re-reads and re-validates the file on every change
        check_file(files.csv)
    with meter.block(files.factor):
        view = naive_filter(sample, FILTER)
    same = list(view["event_id"]) == list(FILTER.apply(sample)["event_id"])
    return f"check: same rows as Filters.apply on the sample: {same}"


def _chart_inputs(files: Files) -> tuple[pd.DataFrame, pd.DataFrame]:
    view = VIEW.apply(files.events())
    return tension_index(view), view


def charts_fast(files: Files, meter: Meter) -> str:
    index_df, view = _chart_inputs(files)
    charts.index_timeline(index_df, view.head(200)), charts.events_per_month(view.head(200))
    with meter.block():
        figures = [charts.index_timeline(index_df, view), charts.events_per_month(view)]
    markers = lambda fig: sum(len(t.x) for t in fig.data if t.mode == "markers")  # noqa: E731
    payload = len(figures[0].to_json()) / 1e6
    where = charts.events_map(view)  # not timed: only to count what the map would draw
    return (f"{len(view):,} events in view; timeline: {markers(figures[0]):,} markers, {payload:.1f} MB of JSON; "
            f"events_map: {markers(where):,} markers")


def charts_naive(files: Files, meter: Meter) -> str:
    index_df, view = _chart_inputs(files)
    sample = view.head(files.cap)
    with meter.block(len(view) / max(len(sample), 1)):
        naive_charts(index_df, sample)
    return f"{len(sample):,} sample rows of the view"


@dataclass(frozen=True)
class Step:
    name: str
    fast: object
    baseline: object | str  # a naive implementation, or the name of a step whose tracker time is the baseline
    baseline_label: str


STEPS = [
    Step("load CSV", load_csv_fast, load_csv_naive, "read_csv + iterrows parse/check"),
    Step("load Parquet", load_parquet_fast, "load CSV", "tracker CSV load"),
    Step("validate", validate_fast, validate_naive, "iterrows checks"),
    Step("index", index_fast, index_naive, "iterrows weights + day loop"),
    Step("filter", filter_fast, filter_naive, "re-read CSV + iterrows"),
    Step("charts", charts_fast, charts_naive, "iterrows markers/months"),
]


# ---------------------------------------------------------------------------------------------
# Running: one subprocess per measurement, a table at the end


def run_child(step: str, which: str, folder: str, size: int, cap: int) -> None:
    """In the subprocess: run one implementation and print its measurement as JSON."""
    chosen = next(s for s in STEPS if s.name == step)
    implementation = chosen.fast if which == "fast" else chosen.baseline
    meter = Meter()
    note = implementation(Files(Path(folder), size, cap), meter)
    print(json.dumps(dict(seconds=meter.seconds, peak_mb=meter.peak_bytes / 2**20, scaled=meter.scaled, note=note)))


def measure(step: Step, which: str, files: Files, repeat: int = 1) -> dict:
    """The fastest of `repeat` runs, each in a fresh subprocess (runs on a shared machine are noisy)."""
    command = [sys.executable, __file__, "--child", step.name, which,
               str(files.folder), str(files.size), str(files.cap)]
    runs = []
    for _ in range(repeat):
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"{step.name} ({which}) failed:\n{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def prepare(size: int, folder: Path, cap: int) -> Files:
    started = time.perf_counter()
    events = synthetic_events(size)
    built = time.perf_counter() - started
    files = Files(folder, size, cap)
    write_events(events, files.csv)
    write_events(events, files.parquet)
    write_events(events.head(cap), files.sample_csv)
    write_events(events.head(200), files.warm_csv)
    write_events(events.head(200), files.warm_parquet)
    print(f"\n{size:,} synthetic events built in {built:.1f} s; CSV {files.csv.stat().st_size / 2**20:.1f} MB, "
          f"Parquet {files.parquet.stat().st_size / 2**20:.1f} MB", flush=True)
    return files


def _time(result: dict) -> str:
    return ("~" if result["scaled"] else "") + f"{result['seconds']:.3f}"


def run(sizes: list[int], cap: int) -> list[dict]:
    rows = []
    header = (f"{'events':>9}  {'step':<12} {'tracker s':>10} {'peak MB':>8}   {'baseline':<32} {'s':>10} "
              f"{'peak MB':>8} {'ratio':>8}  notes")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
            files = prepare(size, Path(folder), cap)
            print(header)
            done: dict[str, dict] = {}
            for step in STEPS:
                fast = measure(step, "fast", files, repeat=REPEATS if size <= REPEAT_UP_TO else 1)
                done[step.name] = fast
                base = done[step.baseline] if isinstance(step.baseline, str) else measure(step, "baseline", files)
                ratio = base["seconds"] / fast["seconds"] if fast["seconds"] > 0 else math.inf
                notes = fast["note"] + ("" if isinstance(step.baseline, str) else f"; baseline: {base['note']}")
                row = dict(events=size, step=step.name, tracker_s=fast["seconds"], tracker_peak_mb=fast["peak_mb"],
                           baseline=step.baseline_label, baseline_s=base["seconds"], baseline_peak_mb=base["peak_mb"],
                           baseline_scaled=base["scaled"], ratio=ratio, notes=notes)
                rows.append(row)
                print(f"{size:>9,}  {step.name:<12} {_time(fast):>10} {fast['peak_mb']:>8.0f}   "
                      f"{step.baseline_label:<32} {_time(base):>10} {base['peak_mb']:>8.0f} {ratio:>7.1f}x  {notes}",
                      flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), metavar="N",
                        help="numbers of synthetic events (default: %(default)s)")
    parser.add_argument("--naive-cap", type=int, default=NAIVE_CAP, metavar="ROWS",
                        help="rows the naive row loops run on before scaling (default: %(default)s)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the measurements here")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step, which, folder, size, cap = args.child
        run_child(step, which, folder, int(size), int(cap))
        return 0
    rows = run(args.sizes, args.naive_cap)
    print(f"\n~ = a naive row loop timed on the first {args.naive_cap:,} rows and scaled linearly; "
          "ratio = baseline s / tracker s")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
