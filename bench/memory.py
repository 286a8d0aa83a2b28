"""The dashboard's memory as it serves: the Streamlit server and this database's PostgreSQL backends.

Run as `.venv/bin/python bench/memory.py [--db URL] [--minutes 10] [--project-dir DIR] [--write]`. One server
(`streamlit run start.py` as the browser tests serve it, from this checkout or `--project-dir`, e.g. a git worktree
of a fixed commit) on a PostgreSQL demo database; proportional set size (PSS, shared pages counted
once) of the server process and of the backends connected to that database (`pg_stat_activity`), at:
- idle: the server started, no visitor yet; then after one visitor (the landing page);
- one session: a browser tab that walked every page and tab (`page_render.views`);
- 20 sessions: twenty browser contexts opening views at once, the peak sampled every 0.1 s while they draw,
  and after they closed;
- a walk: one session going round every view for `--minutes`, sampled every 15 s: flat means no leak.
  The first rounds fill the bounded caches, so flatness is judged after WARMUP_MINUTES: the server's mean PSS
  over the first half of the rest of the walk against the second half (minutes 2-6 against 6-10 of a 10-minute
  walk), and a least-squares slope over all of it, in MB per minute. Flat (not growing): the later mean at most
  10 MB above the earlier one and the slope under 1 MB per minute (under 60 MB an hour; FLAT_MEAN_MB,
  FLAT_SLOPE_MB_PER_MIN). Memory that falls is no leak.
Budget (issue 20): server and backends together under 500 MB. The demo council's own database is served with
`local_demo` (the public edition refuses it; the rows it reads are the same).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_render import views  # noqa: E402
from bench.results import write_section  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, serve, server_pid, wait_drawn  # noqa: E402

SESSIONS = 20
BUDGET_MB = 500
WARMUP_MINUTES = 2
FLAT_MEAN_MB = 10
FLAT_SLOPE_MB_PER_MIN = 1.0
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/vidkryto_bench_1"


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Meter:
    """PSS of the server and of the database's backends, in MB."""

    def __init__(self, pid: int, db_url: str):
        self.pid = pid
        self.database = db_url.rsplit("/", 1)[1]
        self.engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"), pool_size=1)

    def backends(self) -> float:
        with self.engine.connect() as connection:
            pids = connection.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d AND pid <> "
                                           "pg_backend_pid()"), {"d": self.database}).scalars().all()
        return sum(pss_mb(pid) for pid in pids)

    def read(self) -> tuple[float, float]:
        return pss_mb(self.pid), self.backends()


def walk(page, base: str, links: list[str]) -> None:
    for link in links:
        page.goto(base + link, wait_until="commit")
        wait_drawn(page)


def measure(db_url: str, minutes: float, project_dir: Path = ROOT) -> dict:
    links = [link for link, internal in views(project_dir, db_url).values() if not internal]  # the public edition's
    log = Path(tempfile.mkdtemp(prefix="memory-")) / "server.log"
    rows: list[tuple[str, float, float, float]] = []
    samples: list[tuple[float, float, float, float]] = []
    with sync_playwright() as playwright, serve(project_dir, db_url, log, local_demo="true") as base:
        meter = Meter(server_pid(base.rsplit(":", 1)[1]), db_url)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def note(label: str) -> None:
            rows.append((label, *meter.read(), os.getloadavg()[0]))

        note("idle: started, no visitor")
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="uk-UA")
        tab = context.new_page()
        walk(tab, base, links[:1])
        note("idle: after one visitor (landing page)")
        walk(tab, base, links)
        note(f"one session walked every page and tab ({len(links)} views)")
        context.close()

        peak = [0.0, 0.0, 0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                server, backends = meter.read()
                if server + backends > peak[2]:
                    peak[:] = [server, backends, server + backends]
                time.sleep(0.1)

        sampler = threading.Thread(target=sample)
        sampler.start()
        contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}, locale="uk-UA")
                    for _ in range(SESSIONS)]
        tabs = [context.new_page() for context in contexts]
        for number, page in enumerate(tabs):
            page.goto(base + links[number % len(links)], wait_until="commit")
        for page in tabs:
            wait_drawn(page)
        done.set()
        sampler.join()
        rows.append((f"{SESSIONS} sessions at once: peak while they drew", peak[0], peak[1], os.getloadavg()[0]))
        note(f"{SESSIONS} sessions open, drawn")
        for context in contexts:
            context.close()
        time.sleep(5)
        note(f"{SESSIONS} sessions closed (5 s later)")

        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="uk-UA")
        tab = context.new_page()
        started = time.monotonic()
        next_sample = started
        rounds = 0
        while time.monotonic() - started < minutes * 60:
            for link in links:
                walk(tab, base, [link])
                if time.monotonic() >= next_sample:
                    samples.append((time.monotonic() - started, *meter.read(), os.getloadavg()[0]))
                    next_sample += 15
                if time.monotonic() - started >= minutes * 60:
                    break
            rounds += 1
        samples.append((time.monotonic() - started, *meter.read(), os.getloadavg()[0]))
        context.close()
        browser.close()
        meter.engine.dispose()
    return {"rows": rows, "samples": samples, "rounds": rounds, "views": len(links), "log": log,
            "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_dir, capture_output=True,
                                     text=True).stdout.strip()}


def trend(samples: list[tuple[float, float, float, float]], minutes: float) -> dict | None:
    """The server's PSS after the warm-up: the means of the two halves of the rest of the walk, and the
    least-squares slope (MB per minute, with its standard error) over all of it; None if too few samples."""
    start = WARMUP_MINUTES if minutes > WARMUP_MINUTES else 0
    middle = (start + minutes) / 2
    later = [(seconds / 60, server) for seconds, server, _, _ in samples if seconds / 60 >= start]
    early, late = [s for t, s in later if t < middle], [s for t, s in later if t >= middle]
    if len(later) < 3 or not early or not late:
        return None
    n = len(later)
    mean_t = sum(t for t, _ in later) / n
    mean_s = sum(s for _, s in later) / n
    sxx = sum((t - mean_t) ** 2 for t, _ in later)
    slope = sum((t - mean_t) * (s - mean_s) for t, s in later) / sxx
    residual = sum((s - mean_s - slope * (t - mean_t)) ** 2 for t, s in later)
    error = math.sqrt(residual / (n - 2) / sxx) if n > 2 else float("nan")
    result = {"start": start, "middle": middle, "early": sum(early) / len(early), "late": sum(late) / len(late),
              "slope": slope, "error": error, "n": n}
    result["flat"] = result["late"] - result["early"] <= FLAT_MEAN_MB and slope < FLAT_SLOPE_MB_PER_MIN
    return result


def markdown(result: dict, db_url: str, minutes: float, label: str | None = None) -> str:
    lines = ["| moment | server PSS, MB | backends PSS, MB | together, MB | load (1 min) |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {label} | {server:.0f} | {backends:.0f} | {server + backends:.0f} | {load:.2f} |"
              for label, server, backends, load in result["rows"]]
    samples = result["samples"]
    totals = [server + backends for _, server, backends, _ in samples]
    half = len(samples) // 2
    first, second = samples[:half] or samples, samples[half:]
    walk_line = (f"The walk: {minutes:g} minutes, {result['rounds']} rounds of {result['views']} views, {len(samples)} "
                 f"samples; together {min(totals):.0f}–{max(totals):.0f} MB; server mean in the first half "
                 f"{sum(s[1] for s in first) / len(first):.0f} MB, in the second {sum(s[1] for s in second) / len(second):.0f}"
                 f" MB; load {min(s[3] for s in samples):.2f}–{max(s[3] for s in samples):.2f}.")
    worst = max(server + backends for _, server, backends, _ in result["rows"])
    flat = trend(samples, minutes)
    flat_line = "Flat: too few samples after the warm-up to say." if flat is None else (
        f"Flat? The first {flat['start']:g} minutes fill the bounded caches; after them ({flat['n']} samples) the "
        f"server's mean PSS over minutes {flat['start']:g}–{flat['middle']:g} is {flat['early']:.1f} MB, over "
        f"{flat['middle']:g}–{minutes:g} {flat['late']:.1f} MB ({flat['late'] - flat['early']:+.1f}); the "
        f"least-squares slope over minutes {flat['start']:g}–{minutes:g} {flat['slope']:+.2f} ± {flat['error']:.2f} "
        f"MB per minute. Criterion (not growing): the later mean at most {FLAT_MEAN_MB} MB above the earlier and the "
        f"slope under {FLAT_SLOPE_MB_PER_MIN:g} MB per minute: " + (
            "**flat**." if flat["flat"] else "**not flat: growing**."))
    return "\n".join([
        "## Memory: the server and its PostgreSQL backends (issue 20" + (f", {label})" if label else ")"), "",
        f"Measured by `bench/memory.py --minutes {minutes:g}` {dt.datetime.now():%d.%m.%Y %H:%M}, commit "
        f"{result['commit']}, database {db_url}, "
        f"{os.cpu_count()} cores; `.streamlit/config.toml` as committed (`runner.postScriptGC = false`). PSS of the "
        f"Streamlit process and of the backends connected to this database. Budget: {BUDGET_MB} MB together; "
        f"the highest here {worst:.0f} MB " + ("(within)." if worst < BUDGET_MB else "(over)."), "", *lines, "",
        walk_line, "", flat_line, "",
        "| minute | server PSS, MB | backends PSS, MB | load |", "|---:|---:|---:|---:|",
        *[f"| {seconds / 60:.1f} | {server:.0f} | {backends:.0f} | {load:.2f} |" for seconds, server, backends, load
          in samples], ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=DEFAULT_DB, help="A PostgreSQL demo database (bench/run.py builds it).")
    parser.add_argument("--minutes", type=float, default=10, help="Length of the walk.")
    parser.add_argument("--label", help="Goes into the heading (e.g. '100x'): a section of its own.")
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="The checkout served (a git worktree).")
    parser.add_argument("--write", action="store_true", help="Put the section into bench/RESULTS.md.")
    args = parser.parse_args()
    section = markdown(measure(args.db, args.minutes, args.project_dir.resolve()), args.db, args.minutes,
                       args.label)
    if args.write:
        write_section(section)
    print(section)


if __name__ == "__main__":
    main()
