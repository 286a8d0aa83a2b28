"""What users wait for: every page and tab of the app fully drawn in headless Chromium, against Streamlit's floors.

Run as `.venv/bin/python bench/page_render.py [--runs 5] [--quick] [--label after] [--db URL] [--write]`;
`run(...)` returns the markdown section (bench/run.py calls it; `--write` puts it into bench/RESULTS.md under
its own heading). The app is served by `streamlit run start.py` (app.py in a checkout without one) from the project
directory, so another checkout (a git worktree of an older commit) can be measured with the same tool; pages and tabs
are read from that checkout's dashboard/navigation.py (`PAGES`, each entry's `sections` reached with `?tab=`).

Every view (page or tab) and run gets a fresh server process, and four timings in milliseconds:
- cold: the first visitor of that process (nothing imported, caches empty, as after a deploy), a new browser
  context; from navigation start (performance.now() counts from it) until the page is fully drawn;
- first visit: another new browser context (no browser cache, a new session) on the now warm server;
- warm: a reload of that tab (the browser's cache and the server's caches warm);
- filter change: on that tab, the sidebar's year 2017 -> 2016, from the click until drawn again.
The two floors run the same way in the same run: a page of one `st.title` (bench/floor_title.py) and one of a
title and one Plotly chart (bench/floor_chart.py), each served as app.py with the project's .streamlit config.
"Fully drawn" is `tests.browser.harness.wait_drawn`: the script run has finished (the app root's
`data-test-script-state`), the title is there, no skeleton (a lazily loaded element not yet there), spinner or
status widget is left, and every Plotly chart holds its SVG. The machine is shared: the 1-minute load average
is recorded beside every timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import write_section  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, DRAW_TIMEOUT_MS, serve, wait_drawn  # noqa: E402

YEAR, OTHER_YEAR = 2017, 2016
YEAR_LABELS = ("Рік", "Year")
LIST_OPENS_MS = 3000
KINDS = ("cold", "first", "warm", "filter")
KIND_NAMES = {"cold": "cold", "first": "first visit", "warm": "warm", "filter": "filter change"}
FLOORS = {"floor: one st.title": "floor_title.py", "floor: one Plotly chart": "floor_chart.py"}
CHART_FLOOR = "floor: one Plotly chart"
QUICK_PAGES = ("overview", "petitions", "votes", "website")
"""`--quick`: these pages' first tabs only, three runs: for trying a change, not for the record."""


def load() -> float:
    return os.getloadavg()[0]


def public_demo(project_dir: Path, db_url: str) -> str:
    """The public database of a SQLite demo (`vidkryto publish`, beside it), built with the project's own command
    line when missing: the public edition refuses to serve the council's own database."""
    if not db_url.startswith("sqlite:///") or db_url.endswith("-public.sqlite"):
        return db_url
    path = Path(db_url.removeprefix("sqlite:///"))
    public = f"sqlite:///{path.with_name(path.stem + '-public.sqlite')}"
    if not path.exists():
        for command in ("init-db", "demo"):
            subprocess.run([sys.executable, "-m", "dashboard", command, "--db", db_url], cwd=project_dir, check=True,
                           stdout=subprocess.DEVNULL)
    if not Path(public.removeprefix("sqlite:///")).exists():
        subprocess.run([sys.executable, "-m", "dashboard", "publish", "--db", db_url, "--to", public],
                       cwd=project_dir, check=True, stdout=subprocess.DEVNULL)
    return public


def page_entries(project_dir: Path) -> list[tuple[str, list[str], bool]]:
    """(name, tabs, internal) of every entry of `PAGES` in the project's dashboard/navigation.py, by that project's import."""
    script = ("import json; from dashboard.navigation import PAGES; print(json.dumps([(e.name, "
              "list(getattr(e, 'sections', ())), getattr(e, 'internal', False)) for e in PAGES]))")
    return json.loads(subprocess.run([sys.executable, "-c", script], cwd=project_dir, check=True,
                                     capture_output=True, text=True).stdout)


def views(project_dir: Path, db_url: str, quick: bool = False, only: tuple[str, ...] = ()) -> dict[str, tuple[str, bool]]:
    """Every page and tab -> (its link, whether only the internal edition has it); the first tab is the page's
    own link, and the hidden pages get a real deputy and a vote with choices. `only`: these views alone (names as
    `report?tab=scorecard`)."""
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        deputy = connection.execute(text("SELECT min(id) FROM deputies WHERE NOT is_mayor")).scalar_one()
        vote = connection.execute(text(
            "SELECT min(v.id) FROM votes v WHERE v.is_public AND v.voted_at >= :start AND v.voted_at < :end "
            "AND EXISTS (SELECT 1 FROM vote_choices c WHERE c.vote_id = v.id)"),
            {"start": dt.datetime(YEAR, 1, 1), "end": dt.datetime(YEAR + 1, 1, 1)}).scalar_one()
    engine.dispose()
    extra = {"deputy": f"&deputy={deputy}", "vote": f"&vote={vote}"}
    result = {}
    for number, (name, tabs, internal) in enumerate(page_entries(project_dir)):
        if quick and name not in QUICK_PAGES:
            continue
        link = f"/{'' if number == 0 else name}?year={YEAR}{extra.get(name, '')}"
        result[name] = (link, internal)
        for tab in ([] if quick else tabs[1:]):
            result[f"{name}?tab={tab}"] = (f"{link}&tab={tab}", internal)
    unknown = set(only) - set(result)
    if unknown:
        raise SystemExit(f"no such view: {', '.join(sorted(unknown))} (views: {', '.join(result)})")
    return {view: found for view, found in result.items() if view in only} if only else result


def floor_dirs(project_dir: Path, work: Path) -> dict[str, Path]:
    """A directory per floor holding it as app.py beside a copy of the project's .streamlit config."""
    result = {}
    for label, file in FLOORS.items():
        folder = work / Path(file).stem
        (folder / ".streamlit").mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(__file__).parent / file, folder / "app.py")
        shutil.copy(project_dir / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
        result[label] = folder
    return result


def open_drawn(page: Page, url: str) -> float:
    """Milliseconds from navigation start until the page is fully drawn."""
    page.goto(url, wait_until="commit")
    return wait_drawn(page)


def reload_drawn(page: Page) -> float:
    page.reload(wait_until="commit")
    return wait_drawn(page)


def change_year(page: Page) -> float | None:
    """Milliseconds from choosing the other year in the sidebar until the rerun is drawn; None: no year box."""
    boxes = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
    box = next((boxes.nth(i) for i in range(boxes.count()) if boxes.nth(i).inner_text().split("\n")[0]
                in YEAR_LABELS), None)
    if box is None:
        return None
    box.scroll_into_view_if_needed()  # a longer sidebar (the internal edition's) puts it below the fold: no options
    # Typed into the combo box, its list stayed closed in about one run of three (the year typed, no option listed,
    # the page idle): then a reader presses ↓, which opens it. The clock starts at the option's click.
    combobox = box.get_by_role("combobox")
    combobox.fill(str(OTHER_YEAR))
    option = page.get_by_role("option", name=str(OTHER_YEAR), exact=True)
    try:
        option.wait_for(timeout=LIST_OPENS_MS)
    except PlaywrightTimeoutError:
        combobox.press("ArrowDown")
        option.wait_for()
    started = page.evaluate("performance.now()")
    option.click()
    # The link follows the filter during the run, so once it says the other year the rerun has begun.
    page.wait_for_function(f"() => location.search.includes('year={OTHER_YEAR}')", timeout=DRAW_TIMEOUT_MS)
    return wait_drawn(page) - started


def measure_view(browser: Browser, url: str) -> dict:
    """One run of one view on a fresh server: cold, first visit, warm and filter change, each with the load."""
    row, errors = {}, []

    def context():
        made = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="uk-UA")
        made.on("weberror", lambda error: errors.append(str(error.error)))
        return made

    try:
        cold = context()
        row["cold"] = (open_drawn(cold.new_page(), url), load())
        cold.close()
        visitor = context()
        tab = visitor.new_page()
        row["first"] = (open_drawn(tab, url), load())
        row["warm"] = (reload_drawn(tab), load())
        changed = change_year(tab)
        if changed is not None:
            row["filter"] = (changed, load())
        visitor.close()
    except Exception as error:  # noqa: BLE001 - a page that never finishes is a result, not a crash
        row["failed"] = str(error).splitlines()[0]
    row["errors"] = errors
    return row


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile (of five runs, the slowest)."""
    return sorted(values)[math.ceil(0.95 * len(values)) - 1]


def medians(results: dict[str, list[dict]]) -> dict[str, dict[str, float]]:
    return {view: {kind: statistics.median(values) for kind in KINDS
                   if (values := [row[kind][0] for row in rows if row.get(kind)])} for view, rows in results.items()}


def markdown(results: dict[str, list[dict]], links: dict[str, str], runs: int) -> str:
    floor = medians(results).get(CHART_FLOOR, {})
    header = ["view"]
    for kind in KINDS:
        header += [f"{KIND_NAMES[kind]}: median", "p95"] + (["× floor"] if kind != "filter" else [])
    lines = ["| " + " | ".join(header + ["load (1 min) beside its runs"]) + " |",
             "|---|" + "---:|" * (len(header) - 1) + "---|"]
    for view, rows in results.items():
        cells = [f"`{links.get(view, view)}`" if view in links else view]
        for kind in KINDS:
            values = [row[kind][0] for row in rows if row.get(kind)]
            if not values:
                cells += ["—", "—"] + (["—"] if kind != "filter" else [])
                continue
            cells += [f"{statistics.median(values):.0f}", f"{p95(values):.0f}"]
            if kind != "filter":
                cells.append(f"{statistics.median(values) / floor[kind]:.2f}" if floor.get(kind) else "—")
        loads = [row[kind][1] for row in rows for kind in KINDS if row.get(kind)]
        failed = sum("failed" in row for row in rows)
        span = f"{min(loads):.2f}–{max(loads):.2f}" if loads else "—"
        lines.append("| " + " | ".join(cells + [span + (f" ({failed} of {runs} runs failed)" if failed else "")])
                     + " |")
    return "\n".join(lines)


def goal_summary(results: dict[str, list[dict]]) -> str:
    """How many views meet the goal: 1.3x the one-chart floor cold, 1.2x warm, a filter change within 1 s."""
    table = medians(results)
    floor = table.get(CHART_FLOOR, {})
    pages = {view: row for view, row in table.items() if view not in FLOORS}
    if not pages or not all(floor.get(kind) and all(kind in row for row in pages.values())
                            for kind in ("cold", "first", "warm")):
        return ""
    worst = {kind: max(pages, key=lambda view: pages[view].get(kind, 0) / floor.get(kind, 1)) for kind in
             ("cold", "first", "warm")}
    within = {kind: sum(row.get(kind, 0) <= limit * floor[kind] for row in pages.values())
              for kind, limit in (("cold", 1.3), ("first", 1.3), ("warm", 1.2))}
    filters = [row["filter"] for row in pages.values() if "filter" in row]
    return (f"Within the goal: {within['cold']} of {len(pages)} views cold (1.3× floor), {within['first']} first visit "
            f"(1.3×), {within['warm']} warm (1.2×); filter change within 1 s: {sum(f <= 1000 for f in filters)} of "
            f"{len(filters)}. Worst: " + ", ".join(
                f"{KIND_NAMES[kind]} {view} {pages[view][kind] / floor[kind]:.2f}×" for kind, view in worst.items()) + ".")


def run(db_url: str | None = None, runs: int = 5, label: str | None = None, project_dir: Path = ROOT,
        log_dir: Path | None = None, quick: bool = False, keep: dict | None = None, only: tuple[str, ...] = ()) -> str:
    """Measure the floors and every view (or the quick ones, or `only` these) `runs` times; return the markdown
    section (heading, conditions, table). `keep`, if given, receives the raw results, the links and the server log's
    path (bench/scale_render.py)."""
    project_dir = Path(project_dir).resolve()
    council_url = db_url or f"sqlite:///{ROOT / 'bench' / 'demo-1.sqlite'}"
    db_url = public_demo(project_dir, council_url)
    log_dir = Path(log_dir or tempfile.mkdtemp(prefix="page-render-"))
    log_path = log_dir / "server.log"
    found = views(project_dir, db_url, quick, only)
    links = {view: link for view, (link, _) in found.items()}
    # An internal view is served by the internal edition on the council's own database, as a local demo (no
    # login: it sees what the mayor's office sees); the public edition would answer it with its not-found notice.
    editions = {False: (db_url, "public", {}), True: (council_url, "internal", {"local_demo": "true"})}
    targets = {**{label_: (folder, "/", False) for label_, folder in floor_dirs(project_dir, log_dir).items()},
               **{view: (project_dir, link, internal) for view, (link, internal) in found.items()}}
    results: dict[str, list[dict]] = {view: [] for view in targets}
    load_start = os.getloadavg()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for number in range(runs):
            for view, (folder, link, internal) in targets.items():
                url, audience, settings = editions[internal]
                with serve(folder, url, log_path, audience, **settings) as base:
                    row = measure_view(browser, base + link)
                results[view].append(row)
                print(f"run {number + 1} {view}: " + ", ".join(
                    f"{kind} {row[kind][0]:.0f} ms (load {row[kind][1]:.2f})" for kind in KINDS if row.get(kind))
                    + (f" FAILED {row['failed']}" if "failed" in row else ""), file=sys.stderr, flush=True)
        browser.close()
    load_end = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_dir, capture_output=True,
                            text=True).stdout.strip()
    server_log = log_path.read_text(errors="replace")
    if keep is not None:
        keep.update(results=results, links=links, log=log_path, load_start=load_start, load_end=load_end,
                    commit=commit, db_url=db_url)
    notes = [f"Server log: {server_log.count('Traceback')} tracebacks ({log_path})."]
    notes += sorted({f"`{view}`: {row['failed']}" for view, rows in results.items() for row in rows if "failed" in row})
    notes += sorted({f"`{view}`: browser error {error}" for view, rows in results.items() for row in rows
                     for error in row["errors"]})
    heading = "## Page render in Chromium against Streamlit's floors" + (f" ({label})" if label else "")
    return "\n".join([
        heading, "",
        f"Measured by `bench/page_render.py{' --quick' if quick else ''}` {dt.datetime.now():%d.%m.%Y %H:%M} on "
        f"{os.cpu_count()} cores, commit {commit}, database {db_url}; load average (1, 5, 15 min) at start "
        f"{', '.join(f'{v:.2f}' for v in load_start)}, at end {', '.join(f'{v:.2f}' for v in load_end)}. "
        f"Milliseconds, {runs} runs each, a fresh server per view and run; p95 by nearest rank (of five runs, the "
        "slowest). Cold: the process's first visitor; first visit: a new browser context on the warm server; warm: "
        f"a reload of that tab; filter change: year {YEAR} → {OTHER_YEAR} in the sidebar (— where the view has no "
        "year). × floor: the view's median over the one-chart floor's in the same run (goal: 1.3 cold, 1.2 warm; "
        "a filter change within 1 s). The load average counts the benchmark's own server and Chromium too.",
        "", markdown(results, links, runs), "", goal_summary(results), "", *notes, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, help="Runs per view (default 5; 3 with --quick).")
    parser.add_argument("--quick", action="store_true", help=f"Only {', '.join(QUICK_PAGES)}, first tabs, 3 runs.")
    parser.add_argument("--label", help="Goes into the heading, e.g. 'after'.")
    parser.add_argument("--db", help="SQLAlchemy URL; default: bench/demo-1.sqlite, built if missing.")
    parser.add_argument("--project-dir", type=Path, default=ROOT, help="The checkout whose app.py is served.")
    parser.add_argument("--write", action="store_true", help="Put the section into bench/RESULTS.md.")
    args = parser.parse_args()
    section = run(args.db, args.runs or (3 if args.quick else 5), args.label, args.project_dir, quick=args.quick)
    if args.write:
        write_section(section)
    print(section)


if __name__ == "__main__":
    main()
