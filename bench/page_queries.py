"""Each page's queries, cold and warm, timed by listening to the dashboard's own engine.

A page is run in-process under AppTest exactly as a user would open it; every SQL statement the page
sends is timed through SQLAlchemy's cursor events. Cold: first run after the page cache was cleared
and a new engine was made. Warm: the second run (the page cache answers; statements that still run
are counted).
"""

from __future__ import annotations

import os
import time

import streamlit as st
from sqlalchemy import event

from dashboard.db import read_engine
from dashboard.navigation import PAGES
from tests.support import run_app


class StatementClock:
    """Sums the time of every statement an engine executes."""

    def __init__(self, engine):
        self.total = 0.0
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        self.total += time.perf_counter() - conn.info.pop("bench_started")
        self.count += 1

    def reset(self):
        self.total, self.count = 0.0, 0


def measure(url: str, audience: str = "public", params: dict | None = None) -> list[dict]:
    """Per page: statements and their time cold and warm, plus the page's whole run time warm."""
    os.environ["VIDKRYTO_DATABASE_URL"] = url
    os.environ["VIDKRYTO_AUDIENCE"] = audience
    params = params or {}
    results = []
    for entry in PAGES:
        st.cache_data.clear()
        read_engine.cache_clear()
        clock = StatementClock(read_engine(url, 60000))
        app = run_app(entry.path, params, timeout=300)
        cold = (clock.total, clock.count, app.exception)
        clock.reset()
        started = time.perf_counter()
        run_app(entry.path, params, timeout=300)
        warm_run = time.perf_counter() - started
        results.append({"page": entry.path, "cold_s": cold[0], "cold_statements": cold[1], "warm_s": clock.total,
                        "warm_statements": clock.count, "warm_page_run_s": warm_run, "failed": bool(cold[2])})
    return results


def markdown(results: list[dict]) -> str:
    lines = ["| page | cold: statements | cold: query time, ms | warm: statements | warm: query time, ms | "
             "warm: whole page run, ms |", "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        flag = " (page raised)" if r["failed"] else ""
        lines.append(f"| {r['page']}{flag} | {r['cold_statements']} | {r['cold_s'] * 1000:.0f} | "
                     f"{r['warm_statements']} | {r['warm_s'] * 1000:.0f} | {r['warm_page_run_s'] * 1000:.0f} |")
    return "\n".join(lines)
