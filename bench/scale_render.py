"""The same pages at 100x on PostgreSQL against city scale, in one sitting (issue 20: within 1.5 times).

Run as `.venv/bin/python bench/scale_render.py [--city URL] [--big URL] [--runs 3] [--views V,W] [--project-dir DIR]
[--write]`. `bench/page_render.py --quick` (overview, petitions, votes, website: first tabs; or `--views`, e.g.
`report?tab=scorecard`; and the two floors) against the
public database of the city-scale PostgreSQL demo, then against the public database of the 100x one, straight
after; each view's medians (cold, first visit, warm, filter change) 100x / city. Both databases are public ones
(`vidkryto publish --db .../vidkryto_bench_1 --to .../vidkryto_bench_1_public`, the same for 100). The floors
read no database: their ratio shows how much the machine's load moved between the two runs. The servers run
with VIDKRYTO_LOCAL_DEMO=true (as bench/memory.py's): the public edition refuses a superuser's connection otherwise,
and the benchmark databases are reached as `postgres`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import page_render  # noqa: E402
from bench.results import write_section  # noqa: E402

GOAL = 1.5
CITY = "postgresql://postgres@127.0.0.1:5432/vidkryto_bench_1_public"
BIG = "postgresql://postgres@127.0.0.1:5432/vidkryto_bench_100_public"


def summary(rows: list[dict], kind: str) -> tuple[float, float, float] | None:
    """(median ms, lowest load, highest load) of one view's runs of one kind."""
    values = [row[kind] for row in rows if row.get(kind)]
    if not values:
        return None
    return statistics.median(v for v, _ in values), min(load for _, load in values), max(load for _, load in values)


def markdown(city: dict, big: dict, runs: int, only: tuple[str, ...] = ()) -> str:
    lines = ["| view | kind | city, ms | load | 100x, ms | load | 100x / city |", "|---|---|---:|---:|---:|---:|---:|"]
    pages_within, pages_total = 0, 0
    worst = (0.0, "")
    for view, rows in city["results"].items():
        shown = f"`{city['links'][view]}`" if view in city["links"] else view
        for kind in page_render.KINDS:
            small, large = summary(rows, kind), summary(big["results"].get(view, []), kind)
            if small is None or large is None:
                continue
            ratio = large[0] / small[0]
            if view not in page_render.FLOORS and kind != "filter":
                pages_total += 1
                pages_within += ratio <= GOAL
                worst = max(worst, (ratio, f"{view} {page_render.KIND_NAMES[kind]}"))
            lines.append(f"| {shown} | {page_render.KIND_NAMES[kind]} | {small[0]:.0f} | {small[1]:.2f}–{small[2]:.2f} "
                         f"| {large[0]:.0f} | {large[1]:.2f}–{large[2]:.2f} | {ratio:.2f} |")
    failed = []
    for name, side in (("city", city), ("100x", big)):
        runs_failed = Counter((row["failed"], view) for view, rows in side["results"].items() for row in rows
                              if "failed" in row)
        for message in sorted({message for message, _ in runs_failed}):
            failed.append(f"Failed runs ({name}; a run stops at its first failure, the timings before it count): "
                          + ", ".join(f"{view} {count} of {runs}" for (said, view), count in runs_failed.items()
                                      if said == message) + f": {message}")
    logs = [f"{name}: {side['log'].read_text(errors='replace').count('Traceback')} tracebacks ({side['log']})"
            for name, side in (("city", city), ("100x", big))]
    return "\n".join([
        "## 100x against city scale, page render (issue 20)", "",
        f"Measured by `bench/scale_render.py` {dt.datetime.now():%d.%m.%Y %H:%M} on {os.cpu_count()} cores, commit "
        f"{city['commit']}: `bench/page_render.py` on " + (", ".join(only) if only else "its quick views")
        + f" ({runs} runs, a fresh server per view and run) against "
        f"{city['db_url']}, then straight after against {big['db_url']}; load average (1, 5, 15 min) "
        f"{', '.join(f'{v:.2f}' for v in city['load_start'])} at the start, "
        f"{', '.join(f'{v:.2f}' for v in city['load_end'])} between, {', '.join(f'{v:.2f}' for v in big['load_end'])}"
        f" at the end. Medians in milliseconds, the 1-minute load beside them (lowest–highest over the runs). Goal: "
        f"every page within {GOAL:g} times its city-scale time; the floors read no database (their ratio is the "
        "machine's drift between the two runs).", "", *lines, "",
        f"Within {GOAL:g}×: {pages_within} of {pages_total} page timings (cold, first visit, warm); worst "
        f"{worst[1]} {worst[0]:.2f}×.", "", "Server logs: " + "; ".join(logs) + ".", *failed, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--city", default=CITY, help="The city-scale public database.")
    parser.add_argument("--big", default=BIG, help="The 100x public database.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="The checkout served (a git worktree).")
    parser.add_argument("--views", default="", help="Comma-separated views instead of the quick ones, e.g. "
                        "report?tab=scorecard,overview.")
    parser.add_argument("--write", action="store_true", help="Put the section into bench/RESULTS.md.")
    args = parser.parse_args()
    os.environ.setdefault("VIDKRYTO_LOCAL_DEMO", "true")  # the harness hands the environment to the server
    city, big = {}, {}
    only = tuple(filter(None, args.views.split(",")))
    sections = [page_render.run(args.city, args.runs, "city scale, PostgreSQL", args.project_dir, quick=not only,
                                keep=city, only=only),
                page_render.run(args.big, args.runs, "100x, PostgreSQL", args.project_dir, quick=not only, keep=big,
                                only=only)]
    print("\n".join(sections))  # the two runs in full, for the record; not written
    section = markdown(city, big, args.runs, only)
    if args.write:
        write_section(section)
    print(section)


if __name__ == "__main__":
    main()
