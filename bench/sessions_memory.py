"""PostgreSQL's memory with 20 dashboard sessions reading at once.

Twenty threads, each on its own read-only connection, replay every statement that the pages sent when
opened cold (recorded by `page_queries`), with no page cache in between: the worst case of twenty
readers opening every page at the same moment. Meanwhile the proportional set size (PSS) of all
postgres processes is sampled; PSS counts shared buffers once, so the sum is the server's footprint.
"""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine

SESSIONS = 20


def postgres_pss_mb() -> float:
    pids = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout.split()
    total_kb = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def measure(url: str, page_results: list[dict]) -> dict:
    statements = [statement for page in page_results for statement in page["statements"]]
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"), pool_size=SESSIONS, max_overflow=0,
                           connect_args={"options": "-c default_transaction_read_only=on"})
    idle = postgres_pss_mb()
    peak = [idle]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], postgres_pss_mb())
            time.sleep(0.05)

    def session():
        with engine.connect() as connection:
            for statement, parameters in statements:
                connection.exec_driver_sql(statement, parameters).all()

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    workers = [threading.Thread(target=session) for _ in range(SESSIONS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    engine.dispose()
    return {"sessions": SESSIONS, "statements": len(statements), "idle_mb": idle, "peak_mb": peak[0],
            "elapsed_s": elapsed}


def markdown(result: dict) -> str:
    return "\n".join([
        "| sessions | statements each (every page, cold) | postgres PSS idle, MB | postgres PSS peak, MB | wall time, s |",
        "|---:|---:|---:|---:|---:|",
        f"| {result['sessions']} | {result['statements']} | {result['idle_mb']:.0f} | {result['peak_mb']:.0f} | "
        f"{result['elapsed_s']:.1f} |",
    ])
