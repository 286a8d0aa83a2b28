"""The scorecard's counts one indicator at a time, cold-ish and warm, with their values (issue 20).

Cold-ish: the first run on a new engine, so a new PostgreSQL backend (connected before the clock starts; its
catalogue and plan caches empty; the server's shared buffers and the OS cache stay as they were, which a shared
server cannot drop). Warm: the median of the next runs on that engine. Each run counts the year and the year before, as the scorecard does.

    .venv/bin/python -m bench.scorecard_queries URL [URL ...] [--year 2017] [--audience public] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from dashboard.db import read_engine
from dashboard.filters import Filters
from queries.overview import over_years
from queries.scorecard import COUNTS, lowering

TIMEOUT_MS = 60000


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def measure(url: str, year: int, audience: str, runs: int) -> list[dict]:
    """Per indicator (and the page's list of 200 lowering rows): cold-ish and warm ms, the load, the counts."""
    filters = Filters.for_year(year, audience=audience)
    years = [over_years(filters, y, y) for y in (year, year - 1)]
    jobs = {key: (lambda engine, count=count: [tuple(count(engine, f)) for f in years]) for key, count in COUNTS.items()}
    jobs["lowering (200)"] = lambda engine: lowering(engine, filters, limit=201).height
    results = []
    for key, job in jobs.items():
        read_engine.cache_clear()
        engine = read_engine(url, TIMEOUT_MS)
        with engine.connect() as connection:  # the backend started, its caches empty: the query's time alone
            connection.exec_driver_sql("select 1")
        before = load()
        started = time.perf_counter()
        value = job(engine)
        cold = time.perf_counter() - started
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            job(engine)
            times.append(time.perf_counter() - started)
        engine.dispose()
        results.append({"indicator": key, "cold_ms": cold * 1000, "warm_ms": statistics.median(times) * 1000,
                        "load": f"{before}–{load()}", "value": value})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--year", type=int, default=2017)
    parser.add_argument("--audience", default="public")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for url in args.urls:
        print(f"\n{url} ({args.audience}, {args.year} and {args.year - 1})")
        print("| indicator | cold-ish ms | warm ms | load | counts |\n|---|---:|---:|---|---|")
        for r in measure(url, args.year, args.audience, args.runs):
            print(f"| {r['indicator']} | {r['cold_ms']:.0f} | {r['warm_ms']:.0f} | {r['load']} | {r['value']} |")


if __name__ == "__main__":
    main()
