"""Read paths: the dashboard's SQLAlchemy fetch against connectorx and ADBC, on SQLite and PostgreSQL.

Two shapes: a whole large table (the tutorial way's input) and a page-sized aggregate (what pages
read). Each timing is the best of three in one run; compare ratios, not seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from dashboard.db import read_engine
from dashboard.schema import vote_choices
from queries.common import fetch

RAW_SQL = "SELECT vote_id, slot, deputy_id, choice FROM vote_choices"
AGGREGATE = select(vote_choices.c.deputy_id, vote_choices.c.choice, func.count().label("n")).group_by(
    vote_choices.c.deputy_id, vote_choices.c.choice)


def best_of(runs: int, work: Callable[[], pl.DataFrame]) -> tuple[float, int]:
    timings, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(work())
        timings.append(time.perf_counter() - started)
    return min(timings), rows


def _uri(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite://{parsed.database}"
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def _adbc(url: str, sql: str) -> pl.DataFrame:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        import adbc_driver_sqlite.dbapi as driver

        connection = driver.connect(parsed.database)
    else:
        import adbc_driver_postgresql.dbapi as driver

        connection = driver.connect(_uri(url))
    with connection:
        return pl.read_database(sql, connection)


def measure(url: str) -> list[dict]:
    """Rows of (backend, shape, path, seconds, rows) for one database."""
    engine = read_engine(url)
    backend = make_url(url).get_backend_name()
    aggregate_sql = str(AGGREGATE.compile(engine, compile_kwargs={"literal_binds": True}))
    raw = select(vote_choices.c.vote_id, vote_choices.c.slot, vote_choices.c.deputy_id, vote_choices.c.choice)
    paths = {
        ("whole table", "SQLAlchemy (queries.common.fetch)"): lambda: fetch(engine, raw),
        ("whole table", "polars.read_database over SQLAlchemy"): lambda: pl.read_database(RAW_SQL, engine),
        ("whole table", "connectorx"): lambda: pl.read_database_uri(RAW_SQL, _uri(url), engine="connectorx"),
        ("whole table", "ADBC"): lambda: _adbc(url, RAW_SQL),
        ("GROUP BY in the database", "SQLAlchemy (queries.common.fetch)"): lambda: fetch(engine, AGGREGATE),
        ("GROUP BY in the database", "connectorx"): lambda: pl.read_database_uri(aggregate_sql, _uri(url), engine="connectorx"),
        ("GROUP BY in the database", "ADBC"): lambda: _adbc(url, aggregate_sql),
    }
    results = []
    for (shape, path), work in paths.items():
        seconds, rows = best_of(3, work)
        results.append({"backend": backend, "shape": shape, "path": path, "seconds": seconds, "rows": rows})
    return results


def markdown(results: list[dict]) -> str:
    lines = ["| backend | shape | read path | rows | best of 3, s |", "|---|---|---|---:|---:|"]
    lines += [f"| {r['backend']} | {r['shape']} | {r['path']} | {r['rows']:,} | {r['seconds']:.3f} |" for r in results]
    return "\n".join(lines)
