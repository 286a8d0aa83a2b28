"""The procurement page's datasets at city scale and at 100 times it, on PostgreSQL and SQLite.

Builds the demo's units and procurement alone (the rest of the demo does not touch these tables) at each scale
into its own database, then times every procurement dataset for one year and for all time: cold (a new engine,
the first run) and warm (the same query again), the median of three. Prints a Markdown table for RESULTS.md.

    .venv/bin/python -m bench.procurement_queries [--scales 1 100]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from dashboard.db import read_engine, write_engine
from dashboard.filters import Filters
from dashboard.schema import metadata, procurement_bids, procurements
from dashboard.writer.demo import procurement, units
from dashboard.writer.demo.base import Writer
from queries.procurement import DATASETS

ADMIN = os.environ.get("VIDKRYTO_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
VIEWS = {"2017": Filters.for_year(2017), "all time": Filters.all_time(),
         "2017, one unit": Filters.for_year(2017, units=("EDU",))}


def build(url: str, scale: int) -> dict[str, int]:
    engine = write_engine(url)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    with engine.begin() as connection:
        writer = Writer(connection, None)
        procurement.write(writer, 2017, scale, units.write(writer))
        writer.reset_sequences()
        if connection.dialect.name == "postgresql":
            connection.execute(text("ANALYZE"))
        counts = {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                  for table in (procurements, procurement_bids)}
    engine.dispose()
    return counts


def database(backend: str, scale: int) -> str:
    if backend == "sqlite":
        path = Path(f"/tmp/vidkryto_bench_procurement_{scale}.sqlite")
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    name = f"vidkryto_bench_procurement_{scale}"
    admin = create_engine(ADMIN.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return ADMIN.rsplit("/", 1)[0] + f"/{name}"


def timed(url: str, dataset, filters: Filters) -> tuple[float, float]:
    """Cold and warm milliseconds of one dataset: the median of three fresh engines."""
    colds, warms = [], []
    for _ in range(3):
        read_engine.cache_clear()
        engine = read_engine(url)
        started = time.perf_counter()
        dataset.query(engine, filters)
        colds.append(time.perf_counter() - started)
        started = time.perf_counter()
        dataset.query(engine, filters)
        warms.append(time.perf_counter() - started)
        engine.dispose()
    return statistics.median(colds) * 1000, statistics.median(warms) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--backends", nargs="+", default=["postgresql", "sqlite"])
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| backend | scale | procedures | bids | view | dataset | cold ms | warm ms |")
    print("|---|---|---|---|---|---|---|---|")
    for backend in args.backends:
        for scale in args.scales:
            url = database(backend, scale)
            counts = build(url, scale)
            for view, filters in VIEWS.items():
                for dataset in DATASETS:
                    cold, warm = timed(url, dataset, filters)
                    print(f"| {backend} | {scale} | {counts['procurements']:,} | {counts['procurement_bids']:,} | {view} "
                          f"| {dataset.name} | {cold:,.0f} | {warm:,.0f} |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
