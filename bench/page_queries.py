"""Each page's queries, cold and warm, timed by listening to the dashboard's own engine.

A page is run in-process under AppTest exactly as a user would open it; every SQL statement the page
sends is timed through SQLAlchemy's cursor events. Cold: first run after the page cache was cleared
and a new engine was made. Warm: the second run (the page cache answers; statements that still run
are counted). The cold statements are kept, so `sessions_memory` can replay exactly what pages send.
"""

from __future__ import annotations

import os
import time

import streamlit as st
from sqlalchemy import event, func, select

from dashboard.db import read_engine
from dashboard.navigation import PAGES
from dashboard.schema import deputies, votes
from tests.support import run_app

TIMEOUT_MS = 60000  # the benchmark's engine: no statement is cut, every one is timed


class StatementClock:
    """Sums the time of every statement an engine executes, and keeps them with their parameters."""

    def __init__(self, engine):
        self.total = 0.0
        self.count = 0
        self.slowest = 0.0
        self.statements: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        elapsed = time.perf_counter() - conn.info.pop("bench_started")
        self.total += elapsed
        self.count += 1
        self.slowest = max(self.slowest, elapsed)
        self.statements.append((statement, parameters))

    def reset(self):
        self.total, self.count, self.slowest, self.statements = 0.0, 0, 0.0, []


def page_params(url: str, year: int) -> dict[str, dict]:
    """The link each page is opened with: the year, and for the profile and one vote a real id of that year."""
    with read_engine(url, TIMEOUT_MS).connect() as connection:
        vote_id = connection.execute(select(func.min(votes.c.id)).where(
            votes.c.is_public, func.extract("year", votes.c.voted_at) == year)).scalar_one()
        deputy_id = connection.execute(select(func.min(deputies.c.id)).where(~deputies.c.is_mayor)).scalar_one()
    base = {"year": str(year)}
    return {entry.path: base for entry in PAGES} | {
        "pages/vote.py": {"vote": str(vote_id)}, "pages/deputy.py": {**base, "deputy": str(deputy_id)}}


def measure(url: str, year: int, audience: str = "public") -> list[dict]:
    """Per page (and per tab of a page with sections): statements and their time cold and warm, plus the page's
    whole run time warm."""
    os.environ["VIDKRYTO_DATABASE_URL"] = url
    os.environ["VIDKRYTO_AUDIENCE"] = audience
    os.environ["VIDKRYTO_LOCAL_DEMO"] = "true"  # the bench databases are read as their owner, on this machine
    os.environ["VIDKRYTO_STATEMENT_TIMEOUT_MS"] = str(TIMEOUT_MS)
    links = page_params(url, year)
    views = [(entry, tab) for entry in PAGES for tab in entry.sections or (None,)]  # each tab is its own view
    results = []
    for entry, tab in views:
        link = {**links[entry.path], **({"tab": tab} if tab else {})}
        st.cache_data.clear()
        read_engine.cache_clear()
        clock = StatementClock(read_engine(url, TIMEOUT_MS))
        app = run_app(entry.path, link, timeout=300)
        cold = {"cold_s": clock.total, "cold_statements": clock.count, "slowest_s": clock.slowest,
                "statements": clock.statements, "failed": bool(app.exception)}
        clock.reset()
        started = time.perf_counter()
        run_app(entry.path, link, timeout=300)
        warm_run = time.perf_counter() - started
        results.append({"page": entry.path + (f"?tab={tab}" if tab else ""), **cold, "warm_s": clock.total, "warm_statements": clock.count,
                        "warm_page_run_s": warm_run})
    return results


def markdown(results: list[dict]) -> str:
    lines = ["| page | cold: statements | cold: query time, ms | cold: slowest statement, ms | warm: statements | "
             "warm: query time, ms | warm: whole page run, ms |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        flag = " (page raised)" if r["failed"] else ""
        lines.append(f"| {r['page']}{flag} | {r['cold_statements']} | {r['cold_s'] * 1000:.0f} | "
                     f"{r['slowest_s'] * 1000:.0f} | "
                     f"{r['warm_statements']} | {r['warm_s'] * 1000:.0f} | {r['warm_page_run_s'] * 1000:.0f} |")
    return "\n".join(lines)
