"""What users wait for: every page of the app fully drawn in headless Chromium, at city scale.

Run as `.venv/bin/python bench/page_render.py --runs 5 [--label before] [--db URL] [--project-dir DIR]`;
`run(...)` returns the markdown section (bench/run.py calls it). The app is served by `streamlit run app.py`
from the project directory, so another checkout (a git worktree of an older commit) can be measured with
the same tool; the list of pages is read from that checkout's dashboard/navigation.py.

Per page and run, three timings in milliseconds:
- cold: a fresh server process (empty caches, nothing imported yet, as after a deploy) and a fresh browser
  context; from navigation start (performance.now() counts from it) until the page is fully drawn;
- warm: the same link in a new tab of that context once the cold visit has finished;
- filter change: on the warm tab, the sidebar's year 2017 -> 2016, from the click until drawn again.
"Fully drawn": the script run has finished, the title h1 is there, no skeleton or spinner is left and every
Plotly chart holds its SVG. The run's end is read from the app root's `data-test-script-state`, which
Streamlit's own browser tests use: the status widget is never shown here (`toolbarMode = "minimal"`), so
its absence alone proves nothing (it is checked too, for other configurations). The machine is shared:
the 1-minute load average is recorded beside every timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, DRAW_TIMEOUT_MS, serve, wait_drawn  # noqa: E402

YEAR, OTHER_YEAR = 2017, 2016
YEAR_LABELS = ("Рік", "Year")


def load() -> float:
    return os.getloadavg()[0]


def ensure_demo(project_dir: Path, db_url: str) -> None:
    """Build the demo council with the project's own command line when the SQLite file is missing."""
    if db_url.startswith("sqlite:///") and not Path(db_url.removeprefix("sqlite:///")).exists():
        subprocess.run([sys.executable, "-m", "dashboard", "demo", "--db", db_url], cwd=project_dir, check=True,
                       stdout=subprocess.DEVNULL)


def page_files(project_dir: Path) -> list[str]:
    """The files of `PAGES` in the project's dashboard/navigation.py, read by that project's own import."""
    script = "import json; from dashboard.navigation import PAGES; print(json.dumps([e.path for e in PAGES]))"
    return json.loads(subprocess.run([sys.executable, "-c", script], cwd=project_dir, check=True,
                                     capture_output=True, text=True).stdout)


def links(project_dir: Path, db_url: str) -> dict[str, str]:
    """Page file -> the link it is opened with; the hidden pages get a real deputy and a vote with choices."""
    pages = page_files(project_dir)
    engine = create_engine(db_url)
    with engine.connect() as connection:
        deputy = connection.execute(text("SELECT min(id) FROM deputies WHERE NOT is_mayor")).scalar_one()
        vote = connection.execute(text(
            "SELECT min(v.id) FROM votes v WHERE v.is_public AND v.voted_at >= :start AND v.voted_at < :end "
            "AND EXISTS (SELECT 1 FROM vote_choices c WHERE c.vote_id = v.id)"),
            {"start": dt.datetime(YEAR, 1, 1), "end": dt.datetime(YEAR + 1, 1, 1)}).scalar_one()
    engine.dispose()
    extra = {"deputy": f"&deputy={deputy}", "vote": f"&vote={vote}"}
    result = {}
    for number, path in enumerate(pages):
        name = Path(path).stem
        result[path] = f"/{'' if number == 0 else name}?year={YEAR}{extra.get(name, '')}"
    return result


def open_drawn(page: Page, url: str) -> float:
    """Milliseconds from navigation start until the page is fully drawn."""
    page.goto(url, wait_until="commit")
    return wait_drawn(page)


def change_year(page: Page) -> float | None:
    """Milliseconds from choosing the other year in the sidebar until the rerun is drawn; None: no year box."""
    boxes = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
    box = next((boxes.nth(i) for i in range(boxes.count()) if boxes.nth(i).inner_text().split("\n")[0]
                in YEAR_LABELS), None)
    if box is None:
        return None
    box.click()
    option = page.get_by_role("option", name=str(OTHER_YEAR), exact=True)
    option.wait_for()
    started = page.evaluate("performance.now()")
    option.click()
    # The link follows the filter during the run, so once it says the other year the rerun has begun.
    page.wait_for_function(f"() => location.search.includes('year={OTHER_YEAR}')", timeout=DRAW_TIMEOUT_MS)
    return wait_drawn(page) - started


def measure_page(browser: Browser, base: str, link: str) -> dict:
    """One run of one page on a fresh server: cold, warm and filter change, each with the load beside it."""
    row = {}
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="uk-UA")
    errors = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    try:
        cold_tab = context.new_page()
        row["cold"] = (open_drawn(cold_tab, base + link), load())
        cold_tab.close()
        warm_tab = context.new_page()
        row["warm"] = (open_drawn(warm_tab, base + link), load())
        changed = change_year(warm_tab)
        row["filter"] = (changed, load()) if changed is not None else None
    except Exception as error:  # noqa: BLE001 - a page that never finishes is a result, not a crash
        row["failed"] = str(error).splitlines()[0]
    finally:
        context.close()
    row["errors"] = errors
    return row


def summary(values: list[float]) -> str:
    if not values:
        return "— | —"
    return f"{statistics.median(values):.0f} | {max(values):.0f}"


def markdown(results: dict[str, list[dict]], runs: int) -> str:
    lines = ["| page | cold: median | cold: p95 | warm: median | warm: p95 | filter change: median | "
             "filter change: p95 | load (1 min) during the page's runs |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for link, rows in results.items():
        timings = {kind: [row[kind][0] for row in rows if row.get(kind)] for kind in ("cold", "warm", "filter")}
        loads = [row[kind][1] for row in rows for kind in ("cold", "warm", "filter") if row.get(kind)]
        failed = sum("failed" in row for row in rows)
        flag = f" ({failed} of {runs} runs never finished)" if failed else ""
        span = f"{min(loads):.2f}–{max(loads):.2f}" if loads else "—"
        lines.append(f"| `{link}`{flag} | {summary(timings['cold'])} | {summary(timings['warm'])} | "
                     f"{summary(timings['filter'])} | {span} |")
    return "\n".join(lines)


def run(db_url: str | None = None, runs: int = 5, label: str | None = None, project_dir: Path = ROOT,
        log_dir: Path | None = None, only: tuple[str, ...] = ()) -> str:
    """Measure every page (or the `only` page files) `runs` times; return the markdown section (heading,
    conditions, table, notes)."""
    project_dir = Path(project_dir).resolve()
    db_url = db_url or f"sqlite:///{ROOT / 'bench' / 'demo-1.sqlite'}"
    ensure_demo(project_dir, db_url)
    log_dir = Path(log_dir or tempfile.mkdtemp(prefix="page-render-"))
    log_path = log_dir / "server.log"
    pages = {file: link for file, link in links(project_dir, db_url).items() if not only or file in only}
    results: dict[str, list[dict]] = {link: [] for link in pages.values()}
    load_start = os.getloadavg()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for number in range(runs):
            for link in pages.values():
                with serve(project_dir, db_url, log_path) as base:
                    row = measure_page(browser, base, link)
                results[link].append(row)
                print(f"run {number + 1} {link}: " + ", ".join(
                    f"{kind} {row[kind][0]:.0f} ms (load {row[kind][1]:.2f})"
                    for kind in ("cold", "warm", "filter") if row.get(kind)) + (f" FAILED {row['failed']}"
                                                                               if "failed" in row else ""),
                      file=sys.stderr, flush=True)
        browser.close()
    load_end = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_dir, capture_output=True,
                            text=True).stdout.strip()
    server_log = log_path.read_text(errors="replace")
    notes = [f"Server log: {server_log.count('Traceback')} tracebacks ({log_path})."]
    notes += sorted({f"`{link}`: {row['failed']}" for link, rows in results.items() for row in rows
                     if "failed" in row})
    notes += sorted({f"`{link}`: browser error {error}" for link, rows in results.items() for row in rows
                     for error in row["errors"]})
    heading = "## Page render in Chromium" + (f" ({label})" if label else "")
    return "\n".join([
        heading, "",
        f"Measured {dt.datetime.now():%d.%m.%Y %H:%M} on {os.cpu_count()} cores, project {project_dir} at commit "
        f"{commit}, database {db_url}; load average (1, 5, 15 min) at start "
        f"{', '.join(f'{v:.2f}' for v in load_start)}, at end {', '.join(f'{v:.2f}' for v in load_end)}. "
        f"Milliseconds, {runs} runs each; with {runs} runs the 95th percentile is the slowest run. Cold: a fresh "
        "server process and browser context; warm: a new tab after one visit; filter change: year "
        f"{YEAR} → {OTHER_YEAR} in the sidebar (— where the page has no year). Budget (docs/data-model.md): 3 s cold, "
        "2.5 s warm, 1 s filter change. The load average counts the benchmark's own server and Chromium too.",
        "", markdown(results, runs), "", *notes, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", help="Goes into the heading, e.g. 'before'.")
    parser.add_argument("--db", help="SQLAlchemy URL; default: bench/demo-1.sqlite, built if missing.")
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="The checkout whose app.py is served.")
    parser.add_argument("--page", action="append", default=[], help="A page file (pages/website.py) to measure "
                        "alone; repeat for more. Default: every page.")
    args = parser.parse_args()
    print(run(args.db, args.runs, args.label, args.project_dir, only=tuple(args.page)))


if __name__ == "__main__":
    main()
