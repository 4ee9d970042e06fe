"""How long `extract` takes per article, with each method: every gold article, timed one by one.

    .venv/bin/python bench/extract_speed.py

Prints the median, the 95th percentile and the slowest article, in milliseconds (the issue's
target: under a second an article). The first call, which reads the lexicon, the gazetteer and
the selector's weights, is timed apart.
"""

import sys
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker import extract  # noqa: E402


def main() -> None:
    articles = extract.gold_articles()
    seed = next(a for a in articles if a["id"] == "seed-000")
    for method in ("learned", "rules"):
        start = time.perf_counter()
        extract.extract_events(extract.article_of(seed), method=method)
        first = 1000 * (time.perf_counter() - start)
        times = []
        for gold in articles:
            start = time.perf_counter()
            extract.extract_events(extract.article_of(gold), method=method)
            times.append(1000 * (time.perf_counter() - start))
        times.sort()
        print(f"{method:8s} {len(times)} articles: median {median(times):.1f} ms, 95th percentile "
              f"{times[int(0.95 * len(times))]:.1f} ms, slowest {times[-1]:.1f} ms; first call (loading) {first:.0f} ms")


if __name__ == "__main__":
    main()
