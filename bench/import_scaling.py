"""Import time per row as a file grows (issue 20): every importer at 1,000, 10,000 and 200,000 generated rows, on
SQLite and PostgreSQL, into an empty database holding the council's units. A flat time per row is the goal: one
that grows with the file is a quadratic step (the petitions' duplicate check was one: 20,000 rows took 40 s).

A row is a CSV line; for votes a deputy's choice (an e-voting folder of 121 seats, bench/import_speed.py), for
traffic a page-day (a Matomo page export, 277 pages a day, bench/import_speed.py) and for procurement an OCDS
release (JSON Lines, three a procedure, bench/import_procurement.py), each rounded up to a whole vote, day or
procedure. Targets are left out: a targets file holds one row per card, year and unit, a few hundred at most.
Run as `.venv/bin/python bench/import_scaling.py [--sizes 1000,10000] [--sources votes,traffic]`; it writes its
section of bench/RESULTS.md with the machine's load (`uptime`) before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.import_procurement import generate as generate_releases  # noqa: E402
from bench.import_speed import (  # noqa: E402
    TRAFFIC_FOLDERS,
    TRAFFIC_PAGES_PER_FOLDER,
    fresh_database,
    generate_folder,
    generate_traffic,
    machine_load,
)
from bench.results import write_section  # noqa: E402
from dashboard.db import write_engine  # noqa: E402
from dashboard.schema import metadata  # noqa: E402
from dashboard.writer.importers import run_import  # noqa: E402

COUNCIL = ROOT / "data" / "samples" / "council"
SIZES = (1_000, 10_000, 200_000)
FIRST = dt.date(2000, 1, 1)


SEATS = 120
"""A factions file names the council's deputies, each in as many dated memberships as the file is long."""
LETTERS = "абвгдежзиклмнопрстуфхцчшщюя"


def _day(i: int) -> str:
    return (FIRST + dt.timedelta(days=i % 9000)).isoformat()


def _deputy(i: int) -> str:
    return f"Депутат{LETTERS[i // len(LETTERS)]}{LETTERS[i % len(LETTERS)]} Іван Петрович"


ROWS: dict[str, tuple[str, Callable[[int], str]]] = {
    "units": ("code,name_uk,name_en,parent,edrpou\n01,Рада,Council,,\n", lambda i: f"U{i},Підрозділ {i},Unit {i},01,"),
    "decisions": ("number,title,adopted_on,published_on,unit,url\n",
                  lambda i: f"D{i},Про рішення {i},{_day(i)},{_day(i)},01,https://r.example/{i}"),
    "petitions": ("number,title,category,unit,submitted_on,closes_on,threshold,signatures,status,author\n",
                  lambda i: f"P{i},Петиція {i},Транспорт,01,{_day(i)},,250,{i % 400},Збір підписів,Автор {i}"),
    "media": ("date,outlet,outlet kind,scope,title,url,unit,topic,tone\n",
              lambda i: f"{_day(i)},Видання {i % 50},online,local,Новина {i},https://n.example/{i},01,budget,neutral"),
    "events": ("date,kind,title,unit\n", lambda i: f"{_day(i)},briefing,Брифінг {i},01"),
    "streams": ("started_at,kind,title,platform,url,views\n",
                lambda i: f"{_day(i)} 10:00,plenary,Сесія {i},YouTube,https://v.example/{i},{i % 900}"),
    "consultations": ("title,unit,started_on,ended_on,online_poll,responses,results_published_on,url\n",
                      lambda i: f"Обговорення {i},01,{_day(i)},,так,{i % 900},,https://c.example/{i}"),
    "factions": ("deputy,voterId,faction,from,to,convocation\n",
                 lambda i: f"{_deputy(i % SEATS)},v{i % SEATS},Фракція {i % 8},{_day(i // SEATS * 2)},"
                           f"{_day(i // SEATS * 2 + 1)},9"),
    "page_units": ("prefix,unit\n", lambda i: f"/section-{i},01"),
}
"""Source -> (the CSV's head, with rows it needs first; its row number i)."""
PAGES_A_DAY = 1 + len(TRAFFIC_FOLDERS) * (1 + TRAFFIC_PAGES_PER_FOLDER)


def _votes(path: Path, rows: int) -> int:
    path.mkdir()
    return generate_folder(path, choices=rows)


def _traffic(path: Path, rows: int) -> int:
    return generate_traffic(path, days=-(-rows // PAGES_A_DAY))


def _procurement(path: Path, rows: int) -> int:
    return generate_releases(path, at_least=-(-rows // 3))[1]


GENERATED: dict[str, tuple[str, Callable[[Path, int], int]]] = {
    "votes": ("", _votes), "traffic": (".json", _traffic), "procurement": (".jsonl", _procurement)}
"""Source -> (the file's suffix, a writer of about that many rows returning how many it wrote)."""
SOURCES = (*ROWS, *GENERATED)


def generated(folder: Path, source: str, rows: int) -> tuple[Path, int]:
    """The file of `source` with about `rows` rows, and how many it holds."""
    if source in GENERATED:
        suffix, write = GENERATED[source]
        path = folder / f"{source}-{rows}{suffix}"
        return path, write(path, rows)
    head, row = ROWS[source]
    path = folder / f"{source}-{rows}.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        out.writelines(row(i) + "\n" for i in range(rows))
    return path, rows


def timed(backend: str, source: str, path: Path) -> float:
    """Seconds to import the file into a new database holding the council's units (units: an empty one)."""
    engine = write_engine(fresh_database(backend, path.parent))
    metadata.create_all(engine)
    if source != "units":
        run_import(engine, "units", COUNCIL / "units.csv", None, None)
    started = time.perf_counter()
    run_import(engine, source, path, None, None)
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def per_row(backend: str, source: str, folder: Path, rows: int) -> float:
    path, written = generated(folder, source, rows)
    return timed(backend, source, path) / written * 1e6


def main(sizes: tuple[int, ...] = SIZES, sources: tuple[str, ...] = SOURCES) -> str:
    """The markdown table: µs per row for every source, size and backend."""
    lines = [f"load before: {machine_load()}", "", "| source | backend | " + " | ".join(f"{n:,} rows" for n in sizes)
             + " | last / first |", "|---|---|" + "---:|" * (len(sizes) + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for source in sources:
            for backend in ("sqlite", "postgresql"):
                times = [per_row(backend, source, Path(tempfile.mkdtemp(dir=folder)), n) for n in sizes]
                lines.append(f"| {source} | {backend} | " + " | ".join(f"{us:,.0f} µs" for us in times)
                             + f" | {times[-1] / times[0]:.2f} |")
                print(lines[-1], flush=True)
    lines += ["", f"load after: {machine_load()}"]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--sources", default=",".join(SOURCES))
    arguments = parser.parse_args()
    table = main(tuple(int(n) for n in arguments.sizes.split(",")), tuple(arguments.sources.split(",")))
    write_section(f"## Import scaling: time per row as a file grows (issue 20, `bench/import_scaling.py`, "
                  f"{dt.date.today():%d.%m.%Y})\n\n{table}\n")
