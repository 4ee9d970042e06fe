"""Time a full dashboard rerun after a filter change, with Streamlit's AppTest, over N synthetic events.

    python bench/dashboard_rerun.py --events 1000000

Writes N synthetic events as Parquet (or CSV, `--format csv`) to a temporary folder in a separate
process (`python -m tracker synth`), runs dashboard.py on them once (load and cache), then changes
the event-type filter and times each rerun; prints wall times and the peak resident memory of this
process, which holds only the dashboard.
"""

import argparse
import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402



# Filter changes a researcher makes, in order; each is one rerun of the whole script.
CHANGES = [
    ("event types: talks", lambda at: at.multiselect(key="event_types").set_value(["talks"])),
    ("event types: talks, border clashes", lambda at: at.multiselect(key="event_types").set_value(["talks", "border_clash"])),
    ("event types: all again", lambda at: at.multiselect(key="event_types").set_value([])),
    ("period: 2024 only", lambda at: at.date_input(key="period").set_value((dt.date(2024, 1, 1), dt.date(2024, 12, 31)))),
    ("summary contains 'border'", lambda at: at.text_input(key="text").set_value("border")),
    ("confidence: confirmed", lambda at: at.multiselect(key="confidence").set_value(["confirmed"])),
    ("dyad: IND-PAK", lambda at: at.selectbox(key="dyad").set_value("IND-PAK")),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"events.{args.format}"
        subprocess.run([sys.executable, "-m", "tracker", "synth", "--events", str(args.events), "--out", str(path)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        sys.argv = ["dashboard.py", "--data", str(path)]
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        started = time.perf_counter()
        at.run()
        first = time.perf_counter() - started
        assert not at.exception, at.exception
        timings = {}
        for label, change in CHANGES:
            started = time.perf_counter()
            change(at).run()
            timings[label] = time.perf_counter() - started
            assert not at.exception, at.exception
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.events:,} events ({args.format}): first run (load, validate, cache) {first:.2f} s; "
          f"peak memory {peak_mb:,.0f} MB")
    print(f"rerun after a filter change: {min(timings.values()):.2f} s best, {max(timings.values()):.2f} s worst")
    for label, seconds in timings.items():
        print(f"  {seconds:5.2f} s  {label}")


if __name__ == "__main__":
    main()
