"""Import time per row as a file grows (issue 20): every CSV importer at 1,000, 10,000 and 200,000 generated rows,
on SQLite and PostgreSQL, into an empty database holding the council's units. A flat time per row is the goal: one
that grows with the file is a quadratic step (the petitions' duplicate check was one: 20,000 rows took 40 s).

Votes, website traffic and procurement have their own generated years in bench/import_speed.py and
bench/import_procurement.py. Run as `.venv/bin/python bench/import_scaling.py [--sizes 1000,10000]`; it writes
its section of bench/RESULTS.md with the machine's load (`uptime`) before and after.
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

from bench.import_speed import fresh_database, machine_load  # noqa: E402
from bench.results import write_section  # noqa: E402
from dashboard.db import write_engine  # noqa: E402
from dashboard.schema import metadata  # noqa: E402
from dashboard.writer.importers import run_import  # noqa: E402

COUNCIL = ROOT / "data" / "samples" / "council"
SIZES = (1_000, 10_000, 200_000)
FIRST = dt.date(2000, 1, 1)


def _day(i: int) -> str:
    return (FIRST + dt.timedelta(days=i % 9000)).isoformat()


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
    "page_units": ("prefix,unit\n", lambda i: f"/section-{i},01"),
}
"""Source -> (the CSV's head, with rows it needs first; its row number i)."""


def generated(folder: Path, source: str, rows: int) -> Path:
    head, row = ROWS[source]
    path = folder / f"{source}-{rows}.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        out.writelines(row(i) + "\n" for i in range(rows))
    return path


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


def main(sizes: tuple[int, ...] = SIZES) -> str:
    """The markdown table: µs per row for every source, size and backend."""
    lines = [f"load before: {machine_load()}", "", "| source | backend | " + " | ".join(f"{n:,} rows" for n in sizes)
             + " | last / first |", "|---|---|" + "---:|" * (len(sizes) + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for source in ROWS:
            for backend in ("sqlite", "postgresql"):
                per_row = [timed(backend, source, generated(folder, source, n)) / n * 1e6 for n in sizes]
                lines.append(f"| {source} | {backend} | " + " | ".join(f"{us:,.0f} µs" for us in per_row)
                             + f" | {per_row[-1] / per_row[0]:.2f} |")
                print(lines[-1], flush=True)
    lines += ["", f"load after: {machine_load()}"]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    sizes = tuple(int(n) for n in parser.parse_args().sizes.split(","))
    table = main(sizes)
    write_section(f"## Import scaling: time per row as a file grows (issue 20, `bench/import_scaling.py`, "
                  f"{dt.date.today():%d.%m.%Y})\n\n{table}\n")
