"""Whole-process speed of the command line at scale, beside the floor of reading the same file.

    python bench/cli_index.py --events 1000000 [--runs 3]

Writes N synthetic events as CSV and Parquet, then times, each as a fresh process (wall clock and
the process's peak resident memory, from wait4):
- floor: pandas reads the file (pyarrow engine for CSV) and counts events per dyad and day;
- tracker, first run: `python -m tracker index --data FILE --dyad AFG-PAK` on an empty cache
  (the file is read and checked whole, then its checked result cached);
- tracker, again: the same command once the file is cached (tracker/cache.py).
Targets (issue 16): the index command within 3x of the floor on CSV and 2x on Parquet, peak memory
at most 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ("import sys, pandas as pd; f = sys.argv[1]; "
         "t = pd.read_parquet(f) if f.endswith('.parquet') else pd.read_csv(f, engine='pyarrow'); "
         "t.groupby(['dyad', 'date']).size()")


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak resident memory (GB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
    return seconds, usage.ru_maxrss / 1e6  # ru_maxrss is in KB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure; the fastest is shown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        files = {fmt: Path(folder) / f"events.{fmt}" for fmt in ("csv", "parquet")}
        for path in files.values():
            subprocess.run([sys.executable, "-m", "tracker", "synth", "--events", str(args.events), "--out", str(path)],
                           cwd=ROOT, env=env, check=True, capture_output=True)
        print(f"{args.events:,} events; fastest of {args.runs} runs; seconds and peak memory of the whole process\n")
        print("| file | floor (pandas read + groupby) | tracker index, first run | tracker index, cached | cached / floor |")
        print("|---|---|---|---|---|")
        for fmt, path in files.items():
            index = [sys.executable, "-m", "tracker", "index", "--data", str(path), "--dyad", "AFG-PAK",
                     "--out", str(Path(folder) / f"index-{fmt}.csv"), "--force"]
            floor = min(timed([sys.executable, "-c", FLOOR, str(path)], env) for _ in range(args.runs))
            first = min(timed(index, {**env, "TRACKER_CACHE": tempfile.mkdtemp(dir=folder)}) for _ in range(args.runs))
            warm_cache = tempfile.mkdtemp(dir=folder)
            timed(index, {**env, "TRACKER_CACHE": warm_cache})
            cached = min(timed(index, {**env, "TRACKER_CACHE": warm_cache}) for _ in range(args.runs))
            cell = lambda m: f"{m[0]:.2f} s, {m[1]:.2f} GB"  # noqa: E731
            print(f"| {fmt} | {cell(floor)} | {cell(first)} | {cell(cached)} | {cached[0] / floor[0]:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
