"""GDELT extracts on disk as Parquet, filtered by DuckDB: time and peak memory at scale.

    python bench/gdelt_duckdb.py --rows 10000000

Writes N synthetic GDELT rows (the 19 columns the tracker uses, in the public table's names and
types; 1 in 1,000 rows between Afghanistan and Pakistan) as ten Parquet files, then runs
`python -m tracker import gdelt --parquet DIR --dyad AFG-PAK` as a fresh process and prints its
wall-clock time and peak resident memory: DuckDB reads the files and only the dyad's rows reach pandas.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.gdelt import GDELT_TYPES, GDELT_USED_COLUMNS  # noqa: E402

COUNTRIES = np.array(["USA", "CHN", "RUS", "GBR", "IND", "IRN", "FRA", "DEU", "TUR", "QAT"])  # not AFG, PAK


def synthetic_part(rows: int, first_id: int, rng: np.random.Generator) -> pa.Table:
    actor1 = COUNTRIES[rng.integers(0, len(COUNTRIES), rows)]
    actor2 = COUNTRIES[rng.integers(0, len(COUNTRIES), rows)]
    dyad = rng.random(rows) < 0.001
    actor1[dyad], actor2[dyad] = "PAK", "AFG"
    days = np.datetime64("2015-01-01") + rng.integers(0, 4000, rows).astype("timedelta64[D]")
    sqldate = np.char.replace(np.datetime_as_string(days), "-", "").astype(np.int64)
    codes = rng.choice(["112", "190", "195", "042", "0871", "141", "036"], rows)
    values = {
        "GLOBALEVENTID": np.arange(first_id, first_id + rows, dtype=np.int64), "SQLDATE": sqldate,
        "Actor1Name": actor1, "Actor1CountryCode": actor1, "Actor2Name": actor2, "Actor2CountryCode": actor2,
        "EventCode": codes, "EventBaseCode": np.char.ljust(codes, 3)[:],
        "EventRootCode": np.array([c[:2] for c in codes]), "GoldsteinScale": rng.uniform(-10, 10, rows).round(1),
        "NumMentions": rng.integers(1, 50, rows), "AvgTone": rng.uniform(-10, 5, rows).round(2),
        "ActionGeo_Type": np.full(rows, 4), "ActionGeo_FullName": np.full(rows, "Torkham, Khyber Pakhtunkhwa, Pakistan"),
        "ActionGeo_CountryCode": np.full(rows, "PK"), "ActionGeo_Lat": np.full(rows, 34.1217),
        "ActionGeo_Long": np.full(rows, 71.1031), "DATEADDED": sqldate * 1_000_000 + 93000,
        "SOURCEURL": np.full(rows, "https://example.org/report"),
    }
    kinds = {"integer": pa.int64(), "float": pa.float64(), "string": pa.string()}
    return pa.table({c: pa.array(values[c], type=kinds[GDELT_TYPES[c]]) for c in GDELT_USED_COLUMNS})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "gdelt"
        data.mkdir()
        per_file = -(-args.rows // 10)
        for part in range(10):
            rows = min(per_file, args.rows - part * per_file)
            if rows > 0:
                pq.write_table(synthetic_part(rows, part * per_file + 1, rng), data / f"part-{part}.parquet")
        size = sum(p.stat().st_size for p in data.iterdir()) / 1e6
        out = Path(folder) / "afg-pak.csv"
        command = [sys.executable, "-m", "tracker", "import", "gdelt", "--parquet", str(data), "--dyad", "AFG-PAK",
                   "--out", str(out)]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        said = process.stderr.read().decode().strip().splitlines()
        print(f"{args.rows:,} GDELT rows in 10 Parquet files ({size:,.0f} MB): import gdelt --parquet took "
              f"{seconds:.2f} s, peak memory {usage.ru_maxrss / 1e6:.2f} GB (exit {os.waitstatus_to_exitcode(status)})")
        print(said[-1] if said else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
