"""Run every benchmark and write bench/RESULTS.md. Not part of the tests: `make bench`.

City scale: the demo council (scale 1) on SQLite and PostgreSQL. 100x: the demo at --scale 100 on
PostgreSQL (built once into the database vidkryto_bench_100 and kept; --rebuild builds it anew).
`--only page_render` runs just the page render in Chromium and rewrites its own section of RESULTS.md; `--only peers`
the peers at 100x (bench/peers.py) and rewrites theirs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import (  # noqa: E402
    import_scaling,
    import_speed,
    page_queries,
    page_render,
    peers,
    read_paths,
    sessions_memory,
    tutorial_way,
)
from bench.results import write_section  # noqa: E402
from dashboard.db import write_engine  # noqa: E402
from dashboard.schema import metadata, vote_choices  # noqa: E402
from dashboard.writer import demo  # noqa: E402

ADMIN = os.environ.get("VIDKRYTO_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
YEAR = 2017
PAGE_RENDER_LABEL = "city scale on SQLite, every page fully drawn; budget: 3 s cold, 2.5 s warm, 1 s filter change"


def postgres_url(database: str) -> str:
    return ADMIN.rsplit("/", 1)[0] + f"/{database}"


def ensure_demo(url: str, scale: int, rebuild: bool) -> tuple[str, float | None]:
    """Build the demo at `scale` unless it is already there; return the URL and the build time."""
    if url.startswith("postgresql"):
        admin = create_engine(ADMIN.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
        database = url.rsplit("/", 1)[1]
        with admin.connect() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": database}).first()
            if exists and rebuild:
                connection.execute(text(f'DROP DATABASE "{database}" WITH (FORCE)'))
                exists = None
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{database}"'))
        admin.dispose()
    elif rebuild:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    engine = write_engine(url)
    if "vote_choices" in inspect(engine).get_table_names():
        with engine.connect() as connection:
            if connection.execute(select(func.count()).select_from(vote_choices)).scalar_one():
                return url, None
    metadata.create_all(engine)
    started = time.perf_counter()
    demo.build(engine, scale=scale, seed=2017)
    engine.dispose()
    return url, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-100", action="store_true", help="City scale only.")
    parser.add_argument("--rebuild", action="store_true", help="Build the benchmark databases anew.")
    parser.add_argument("--only", choices=["page_render", "peers"], help="Run one benchmark; rewrite its section.")
    args = parser.parse_args()
    if args.only == "page_render":
        sqlite_1, _ = ensure_demo(f"sqlite:///{ROOT / 'bench' / 'demo-1.sqlite'}", 1, args.rebuild)
        section = page_render.run(sqlite_1, label=PAGE_RENDER_LABEL)
        write_section(section)
        print(section)
        return
    if args.only == "peers":
        pg_100, _ = ensure_demo(postgres_url("vidkryto_bench_100"), 100, args.rebuild)
        section = peers.markdown(peers.compare(pg_100), peers.write_side(pg_100))
        write_section(section)
        print(section)
        return

    sections = [
        "# Benchmarks",
        "",
        f"Written by `bench/run.py` on {dt.date.today():%d.%m.%Y}; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Timings are noisy on this 2-core machine: "
        "read ratios within one run, not absolute seconds.",
    ]
    builds = []
    sqlite_1, built = ensure_demo(f"sqlite:///{ROOT / 'bench' / 'demo-1.sqlite'}", 1, args.rebuild)
    builds.append(("SQLite", 1, built))
    pg_1, built = ensure_demo(postgres_url("vidkryto_bench_1"), 1, args.rebuild)
    builds.append(("PostgreSQL", 1, built))

    for label, url in (("SQLite", sqlite_1), ("PostgreSQL", pg_1)):
        sections += ["", f"## City scale on {label}: each page's queries (budget: 250 ms cold, 50 ms warm)", "",
                     page_queries.markdown(page_queries.measure(url, YEAR))]
    sections += ["", page_render.run(sqlite_1, label=PAGE_RENDER_LABEL).rstrip()]

    sqlite_10, built = ensure_demo(f"sqlite:///{ROOT / 'bench' / 'demo-10.sqlite'}", 10, args.rebuild)
    builds.append(("SQLite", 10, built))
    pg_10, built = ensure_demo(postgres_url("vidkryto_bench_10"), 10, args.rebuild)
    builds.append(("PostgreSQL", 10, built))
    sections += ["", "## Read paths (demo at --scale 10: about a million vote choices)", "",
                 read_paths.markdown(read_paths.measure(sqlite_10) + read_paths.measure(pg_10))]

    if not args.skip_100:
        pg_100, built = ensure_demo(postgres_url("vidkryto_bench_100"), 100, args.rebuild)
        builds.append(("PostgreSQL", 100, built))
        pages_100 = page_queries.measure(pg_100, YEAR)
        sections += ["", "## 100x on PostgreSQL: each page's queries (budget: 1 s cold)", "",
                     page_queries.markdown(pages_100),
                     "", "## 100x: against the tutorial way (budget: ten times faster, same numbers)", "",
                     tutorial_way.markdown(tutorial_way.compare(pg_100, YEAR)),
                     "", peers.markdown(peers.compare(pg_100), peers.write_side(pg_100)).rstrip(),
                     "", "## 100x: the server with 20 sessions open (budget: under 500 MB)", "",
                     sessions_memory.markdown(sessions_memory.measure(pg_100, pages_100))]

    sections += ["", "## Import speed", "", import_speed.main(), "", "## Import speed: media monitoring", "",
                 import_speed.media_main(), "", "## Import speed: website traffic", "", import_speed.traffic_main(),
                 "", "## Import scaling: time per row as a file grows (issue 20)", "", import_scaling.main()]
    sections += ["", "## Demo builds (seconds; blank: the database was already built)", "",
                 "| backend | scale | build, s |", "|---|---:|---:|"]
    sections += [f"| {backend} | {scale} | {'' if seconds is None else f'{seconds:.1f}'} |" for backend, scale, seconds in builds]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(sections) + "\n", encoding="utf-8")
    print("\n".join(sections))


if __name__ == "__main__":
    main()
