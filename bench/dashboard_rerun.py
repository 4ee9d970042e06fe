"""Time a full dashboard rerun after a filter change, with Streamlit's AppTest, over N synthetic events.

    python bench/dashboard_rerun.py --events 1000000

Builds the events (tracker.synth), writes them as Parquet to a temporary folder, runs dashboard.py
on them once (load and cache), then changes the event-type filter and times the rerun; prints wall
times and the peak resident memory of this process.
"""

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tracker.columnar import write_events  # noqa: E402
from tracker.synth import synthetic_events  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.parquet"
        write_events(synthetic_events(args.events), path)
        sys.argv = ["dashboard.py", "--data", str(path)]
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        started = time.perf_counter()
        at.run()
        first = time.perf_counter() - started
        assert not at.exception, at.exception
        timings = []
        for types in (["talks"], ["talks", "border_clash"], []):
            started = time.perf_counter()
            at.multiselect(key="event_types").set_value(types).run()
            timings.append(time.perf_counter() - started)
            assert not at.exception, at.exception
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.events:,} events: first run (load, validate, cache) {first:.2f} s; "
          f"rerun after a filter change {min(timings):.2f} s best, {max(timings):.2f} s worst "
          f"({', '.join(f'{t:.2f}' for t in timings)}); peak memory {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
