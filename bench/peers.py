"""Ours against the usual ways, in one run, on the same data and period, with a check that each gives our numbers.

For a figure of each page (issue 20) at 100x on PostgreSQL, the year 2017, public audience:
1. ours: the dataset's own query (`queries.datasets.all_datasets()`), cold (a fresh engine) and warm;
2. the tutorial way: `pandas.read_sql` of whole tables (SELECT *), joined and aggregated in pandas;
3. plain SQL: a competent hand-written GROUP BY over the raw tables (no summary tables) on PostgreSQL;
4. Polars: `pl.read_database_uri` (connectorx) of the raw tables' needed columns, aggregated in Polars;
5. DuckDB: the raw tables exported once to Parquet (time and size reported apart), the plain SQL run by DuckDB
   over the Parquet files.
Every way's result is compared with ours (sorted, floats to 9 significant digits). Timings: ours warm is the second run on
the same engine; plain SQL, Polars and DuckDB the faster of two runs; the tutorial way one run. Besides the reads,
the write side of our summaries: the writer's refresh of every summary at 100x, timed inside a transaction that is
rolled back, and the summary tables' size against the raw tables'.

The figures and their plain SQL are data in `bench/peer_figures.py`; the two ways that read whole tables into the app
(pandas, Polars) are `bench/peer_frames.py`; this module runs them beside ours, DuckDB and plain SQL, and writes
the table.

`.venv/bin/python bench/peers.py [--url URL] [--only FIGURE ...]` rewrites its own section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
import psycopg
from sqlalchemy import create_engine

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.peer_figures import BY_KEY, DIGITS, FIGURES, RAW_TABLES, SQL, TIMEOUT_MS, YEAR, finish_kpis  # noqa: E402
from bench.peer_frames import pandas_figure, polars_figure  # noqa: E402
from dashboard.db import read_engine  # noqa: E402
from dashboard.filters import Filters  # noqa: E402
from queries.datasets import all_datasets  # noqa: E402

SECTION = "## 100x: peers in one run (issue 20): ours against the tutorial way, plain SQL, Polars and DuckDB"


# --- 3 and 5: plain SQL on PostgreSQL, and the same SQL in DuckDB over a Parquet export. ------------------------

def plain_figure(key: str, conninfo: str) -> pl.DataFrame:
    with psycopg.connect(conninfo) as connection, connection.cursor() as cursor:
        cursor.execute(SQL[key])
        names = [column.name for column in cursor.description]
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema=names, orient="row", infer_schema_length=None)
    return finish_kpis(frame) if key == "kpis" else frame


def export_parquet(uri: str, folder: Path) -> tuple[float, int]:
    """Every raw table the figures read, whole, to Parquet: seconds and bytes."""
    import connectorx as cx
    import pyarrow.parquet as pq

    started = time.perf_counter()
    for table in RAW_TABLES:
        arrow = cx.read_sql(uri, f"SELECT * FROM {table}", return_type="arrow")
        pq.write_table(arrow, folder / f"{table}.parquet")
    seconds = time.perf_counter() - started
    return seconds, sum(path.stat().st_size for path in folder.glob("*.parquet"))


def duckdb_connection(folder: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    for table in RAW_TABLES:
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{folder / table}.parquet')")
    return connection


def duckdb_figure(key: str, connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    frame = connection.sql(SQL[key]).pl()
    return finish_kpis(frame) if key == "kpis" else frame


# --- Ours, the check, the run. ------------------------------------------------------------------------------------

def ours_figure(key: str, engine, filters: Filters) -> pl.DataFrame:
    frame = all_datasets()[BY_KEY[key].dataset].query(engine, filters)
    if key == "kpis":
        return frame.filter(pl.col("year") == YEAR)
    return frame


def normalised(key: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The compared columns, typed alike, rounded, sorted: what "the same numbers" means."""
    columns = BY_KEY[key].columns
    frame = frame.select(columns)
    out = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype.is_float() or dtype.is_decimal():
            out.append(column.cast(pl.Float64).round_sig_figs(DIGITS + 3))
        elif dtype.is_integer() or dtype == pl.Boolean:
            out.append(column.cast(pl.Int64))
        elif dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
            out.append(column.cast(pl.Date))
        else:
            out.append(column)
    frame = frame.select(out)
    if key in ("kpis", "procurement"):
        # Values that are whole counts in one way and floats in another compare as floats.
        frame = frame.with_columns(pl.col(name).cast(pl.Float64).round_sig_figs(DIGITS + 3) for name in frame.columns
                                   if frame.schema[name].is_numeric())
    return frame.sort(columns[0] if key != "agreement" else [columns[0], columns[1]], nulls_last=True)


def same(key: str, ours: pl.DataFrame, theirs: pl.DataFrame) -> bool:
    a, b = normalised(key, ours), normalised(key, theirs)
    if key == "petitions":
        a, b = a.sort("step"), b.sort("step")
    if a.height != b.height:
        return False
    try:
        b = b.cast(a.schema)
    except Exception:  # noqa: BLE001 - a type that cannot be cast is a difference
        return False
    return a.equals(b)


def timed(run: Callable[[], pl.DataFrame], repeat: int) -> tuple[float, pl.DataFrame]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def compare(url: str, keys: list[str] | None = None, repeat: int = 2, tutorial: bool = True) -> dict:
    """Every way for every figure, timed and checked against ours; the Parquet export; the machine's load."""
    filters = Filters.for_year(YEAR, audience="public")
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    folder = Path(tempfile.mkdtemp(prefix="vidkryto-peers-"))
    try:
        export_s, export_bytes = export_parquet(conninfo, folder)
        duck = duckdb_connection(folder)
        rows = []
        for figure in FIGURES:
            if keys and figure.key not in keys:
                continue
            load_before = loadavg()
            read_engine.cache_clear()
            engine = read_engine(url, TIMEOUT_MS)
            cold_s, ours = timed(lambda: ours_figure(figure.key, engine, filters), 1)
            warm_s, _ = timed(lambda: ours_figure(figure.key, engine, filters), repeat)
            engine.dispose()
            read_engine.cache_clear()
            ways = {}
            if tutorial:
                sa_engine = create_engine(conninfo.replace("postgresql://", "postgresql+psycopg://"))
                ways["tutorial"] = timed(lambda: pandas_figure(figure.key, sa_engine), 1)
                sa_engine.dispose()
            ways["plain"] = timed(lambda: plain_figure(figure.key, conninfo), repeat)
            ways["polars"] = timed(lambda: polars_figure(figure.key, conninfo), repeat)
            ways["duckdb"] = timed(lambda: duckdb_figure(figure.key, duck), repeat)
            row = {"figure": figure, "cold": cold_s, "warm": warm_s, "rows": ours.height,
                   "load": f"{load_before} → {loadavg()}"}
            for way, (seconds, frame) in ways.items():
                try:
                    verdict = same(figure.key, ours, frame)
                except Exception as error:  # noqa: BLE001 - reported, not fatal
                    verdict = False
                    print(f"{figure.key} {way}: {error!r}", file=sys.stderr)
                if not verdict:
                    print(f"--- {figure.key}: {way} differs\nours:\n{normalised(figure.key, ours)}\n"
                          f"theirs:\n{frame}", file=sys.stderr)
                row[way] = (seconds, verdict)
            print(f"{figure.key}: ours {cold_s:.3f}/{warm_s:.3f} " +
                  " ".join(f"{way} {row[way][0]:.3f} {'same' if row[way][1] else 'DIFFERENT'}" for way in ways)
                  + f" load {row['load']}", file=sys.stderr)
            rows.append(row)
        duck.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"rows": rows, "export_s": export_s, "export_bytes": export_bytes}


def write_side(url: str) -> dict:
    """The writer's refresh of every summary at this scale, inside a transaction rolled back (the tables vacuumed full
    after it); and the sizes, before it."""
    from sqlalchemy import text

    from dashboard.db import write_engine
    from dashboard.schema import TRAFFIC_SUMMARIES
    from dashboard.writer.procurement_summaries import refresh_lot_figures
    from dashboard.writer.traffic_summaries import refresh_traffic_months
    from dashboard.writer.vote_summaries import SUMMARY_TABLES, refresh_vote_summaries

    engine = write_engine(url)
    times = {}
    with engine.connect() as connection:
        def size(tables) -> int:
            return sum(connection.execute(text("SELECT pg_total_relation_size(:t)"), {"t": t}).scalar_one()
                       for t in tables)

        # Sizes first: the rolled-back refresh leaves its rows dead in the tables until a vacuum.
        vote_summaries = [table.name for table in SUMMARY_TABLES]
        traffic_daily = [daily.name for daily, _monthly, _key, _measure in TRAFFIC_SUMMARIES.values()]
        traffic_monthly = [monthly.name for _daily, monthly, _key, _measure in TRAFFIC_SUMMARIES.values()]
        sizes = {
            "votes": (size(vote_summaries), size(["vote_choices", "votes", "plenary_sessions", "faction_memberships"])),
            "traffic": (size(traffic_monthly), size(traffic_daily)),
            # bidders and awarded_value are two columns on procurement_lots: 12 bytes a lot, no table of their own.
            "procurement": (12 * connection.execute(text("SELECT count(*) FROM procurement_lots")).scalar_one(),
                            size(["procurement_lots", "procurement_bids", "procurement_awards"])),
        }
        connection.rollback()
        transaction = connection.begin()
        try:
            connection.execute(text("SET LOCAL statement_timeout = 0"))
            for name, refresh in (("votes", refresh_vote_summaries), ("traffic", refresh_traffic_months),
                                  ("procurement", refresh_lot_figures)):
                started = time.perf_counter()
                refresh(connection)
                times[name] = time.perf_counter() - started
        finally:
            transaction.rollback()
    vacuum = create_engine(url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with vacuum.connect() as connection:
        for table in (*vote_summaries, *traffic_monthly, "procurement_lots"):
            connection.execute(text(f"VACUUM FULL {table}"))  # the dead rows and their index entries
    vacuum.dispose()
    engine.dispose()
    return {"times": times, "sizes": sizes, "vote_tables": vote_summaries, "traffic_tables": traffic_monthly}


def _ratio(seconds: float, ours: float) -> str:
    ratio = seconds / ours
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def markdown(result: dict, writes: dict | None = None) -> str:
    lines = [
        SECTION, "",
        f"Written by `bench/peers.py` on {dt.date.today():%d.%m.%Y}; demo at --scale 100 on PostgreSQL, {YEAR}, public "
        "audience. Seconds; in brackets each way's time over ours warm (above 1×: slower than ours); «same»: the "
        "way's numbers equal ours (sorted, floats to 9 significant digits). Ours warm and plain SQL, Polars, DuckDB: the faster "
        "of two runs; ours cold: a fresh engine; the tutorial way: one run. Load: /proc/loadavg (1, 5, 15 min) before "
        f"and after the figure, on {os.cpu_count()} cores.",
        "",
        "| page: figure | rows | ours cold | ours warm | tutorial (read_sql + pandas) | plain GROUP BY | "
        "Polars (connectorx) | DuckDB (Parquet) | same numbers | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in result["rows"]:
        figure, warm = row["figure"], row["warm"]
        cells = []
        verdicts = []
        for way in ("tutorial", "plain", "polars", "duckdb"):
            if way not in row:
                cells.append("—")
                continue
            seconds, verdict = row[way]
            cells.append(f"{seconds:.3f} ({_ratio(seconds, warm)})")
            verdicts.append(f"{way}: {'yes' if verdict else 'NO'}")
        lines.append(f"| {figure.page}: {figure.label} | {row['rows']} | {row['cold']:.3f} | {warm:.3f} | "
                     + " | ".join(cells) + f" | {', '.join(verdicts)} | {row['load']} |")
    lines += ["", f"DuckDB's Parquet export of the {len(RAW_TABLES)} raw tables (connectorx to Arrow to Parquet, done once, "
              f"not in the times above): {result['export_s']:.1f} s, {result['export_bytes'] / 2**20:.0f} MiB."]
    if writes:
        names = {"votes": "vote summaries (`refresh_vote_summaries`: " + ", ".join(writes["vote_tables"]) + ")",
                 "traffic": "traffic months (`refresh_traffic_months`: " + ", ".join(writes["traffic_tables"]) + ")",
                 "procurement": "lot figures (`refresh_lot_figures`: bidders, awarded_value on procurement_lots)"}
        raw = {"votes": "vote_choices, votes, plenary_sessions, faction_memberships",
               "traffic": "the daily traffic tables", "procurement": "procurement_lots, bids, awards"}
        lines += ["", "Write side of our summaries at 100x: the writer's full refresh, timed inside a transaction "
                  "rolled back; sizes by pg_total_relation_size (tables and indexes).", "",
                  "| summary | full refresh, s | size, MiB | raw tables it sums | their size, MiB | share |",
                  "|---|---:|---:|---|---:|---:|"]
        for name, seconds in writes["times"].items():
            summary_bytes, raw_bytes = writes["sizes"][name]
            lines.append(f"| {names[name]} | {seconds:.1f} | {summary_bytes / 2**20:.1f} | {raw[name]} | "
                         f"{raw_bytes / 2**20:.0f} | {summary_bytes / raw_bytes:.1%} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    from bench.results import write_section
    from bench.run import postgres_url

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=postgres_url("vidkryto_bench_100"))
    parser.add_argument("--only", nargs="*", choices=[figure.key for figure in FIGURES])
    parser.add_argument("--no-tutorial", action="store_true", help="Skip the tutorial way (the slowest).")
    parser.add_argument("--no-writes", action="store_true", help="Skip the write side.")
    parser.add_argument("--dry", action="store_true", help="Print, do not write RESULTS.md.")
    args = parser.parse_args()
    result = compare(args.url, args.only, tutorial=not args.no_tutorial)
    writes = None if args.no_writes else write_side(args.url)
    section = markdown(result, writes)
    print(section)
    if not args.dry and not args.only:
        write_section(section)


if __name__ == "__main__":
    main()
