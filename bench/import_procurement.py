"""Import speed and peak memory of `import procurement` on a generated year of a large buyer: a JSON Lines file of
OCDS releases (about 500 MB), built from the real ProZorro sample's shapes (data/samples/prozorro-ocds), every
procedure with a distinct ocid and three releases (tender; bids and awards; contracts), the later two written
a thousand procedures after the first, so the import must gather each ocid's releases from across the file.

Run as `.venv/bin/python bench/import_procurement.py [MB ...]` (default: 50 and 500); `main()` returns the markdown
table. Each import runs in its own process, so its peak resident memory (`ru_maxrss`) is the import's alone: the
point is that it stays flat while the file grows tenfold. The machine's load (`uptime`) is written before and
after, since the machine is shared; PostgreSQL rows are left out, with a line saying why, when no server answers
at VIDKRYTO_TEST_POSTGRES.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_speed import fresh_database, machine_load  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "prozorro-ocds" / "records-10.json"
LAG = 1_000
"""Procedures between a procedure's tender release and its later ones."""


def _procedure(template: dict, number: int) -> list[dict]:
    """Three releases of one synthetic procedure: the template's tender, then its bids and awards, then its
    contracts, with ids and dates of its own."""
    day = dt.date(2024, 1, 1) + dt.timedelta(days=number % 366)
    tender_id = f"UA-{day:%Y-%m-%d}-{number:06d}-a"
    ocid = f"ocds-bench0-{tender_id}"
    release = copy.deepcopy(template)
    release["tender"].update(tenderID=tender_id, id=f"tender-{number}")
    suffix = f"-{number}"
    for award in release.get("awards", []):
        award["id"] += suffix
    for contract in release.get("contracts", []):
        contract["id"] += suffix
        contract["awardID"] = contract.get("awardID", "") + suffix
    at = lambda hours: f"{day:%Y-%m-%d}T{9 + hours:02d}:00:00+02:00"  # noqa: E731
    common = {"ocid": ocid, "buyer": release["buyer"], "parties": release["parties"], "language": "uk"}
    return [
        {**common, "id": f"{number}-1", "date": at(0), "tag": ["tender"], "tender": release["tender"]},
        {**common, "id": f"{number}-2", "date": at(3), "tag": ["award"], "bids": release.get("bids", {"details": []}),
         "awards": release.get("awards", [])},
        {**common, "id": f"{number}-3", "date": at(6), "tag": ["contract"], "contracts": release.get("contracts", [])},
    ]


def generate(path: Path, megabytes: float = 0, at_least: int = 0) -> tuple[int, int]:
    """Write about `megabytes` of releases as JSON Lines, and `at_least` procedures; return (procedures,
    releases)."""
    templates = [record["compiledRelease"] for record in json.loads(SAMPLE.read_text(encoding="utf-8"))["records"]]
    target, written, procedures, releases = megabytes * 1_000_000, 0, 0, 0
    waiting: list[list[str]] = []
    with path.open("w", encoding="utf-8") as out:
        while written < target or procedures < at_least or waiting:
            more = written < target or procedures < at_least
            if more:
                first, *later = (json.dumps(one, ensure_ascii=False) + "\n"
                                 for one in _procedure(templates[procedures % len(templates)], procedures))
                out.write(first)
                written += len(first.encode())
                waiting.append(later)
                procedures += 1
                releases += 3
            if len(waiting) > LAG or not more:
                for line in waiting.pop(0):
                    out.write(line)
                    written += len(line.encode())
    return procedures, releases


def one_import(url: str, path: str) -> None:
    """In its own process: import the file, print seconds, rows written and peak memory (MB) as JSON."""
    from sqlalchemy import func, select

    from dashboard.db import write_engine
    from dashboard.schema import metadata
    from dashboard.writer.importers import run_import
    from dashboard.writer.importers.procurement_rows import PARTS

    engine = write_engine(url)
    metadata.create_all(engine)
    start = time.perf_counter()
    summary = run_import(engine, "procurement", Path(path), None, None)
    seconds = time.perf_counter() - start
    with engine.connect() as connection:
        rows = {table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                for table in (metadata.tables["procurements"], *PARTS.values())}
    print(json.dumps({"seconds": seconds, "procedures": summary.rows_read, "rows": rows,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main(sizes: tuple[int, ...] = (50, 500)) -> str:
    notes = [f"load before: `{machine_load()}`"]
    lines = ["| file | backend | releases | procedures | rows written | seconds | releases/s | rows/s | peak memory |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for megabytes in sizes:
            path = tmp_path / f"releases-{megabytes}.jsonl"
            procedures, releases = generate(path, megabytes)
            size = path.stat().st_size / 1_000_000
            for backend in ("sqlite", "postgresql"):
                try:
                    url = fresh_database(backend, tmp_path)
                except Exception as error:  # noqa: BLE001 - any failure to reach the server means the same here
                    notes.append(f"{backend} left out: {str(error).splitlines()[0]}")
                    continue
                result = subprocess.run([sys.executable, __file__, "--one", url, str(path)], capture_output=True,
                                        text=True, check=False)
                if result.returncode:
                    raise RuntimeError(f"{backend}, {megabytes} MB: {result.stderr[-2000:]}")
                found = json.loads(result.stdout.strip().splitlines()[-1])
                rows = sum(found["rows"].values())
                lines.append(f"| {size:,.0f} MB JSON Lines | {backend} | {releases:,} | {found['procedures']:,} | "
                             f"{rows:,} | {found['seconds']:.0f} | {releases / found['seconds']:,.0f} | "
                             f"{rows / found['seconds']:,.0f} | {found['peak_mb']:,.0f} MB |")
                notes.append(f"{size:,.0f} MB on {backend}: " + ", ".join(f"{name} {count:,}"
                                                                          for name, count in found["rows"].items()))
            path.unlink()
    notes.append(f"load after: `{machine_load()}`")
    return "\n".join(lines + [""] + [f"- {note}" for note in notes]).strip() + "\n"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one_import(sys.argv[2], sys.argv[3])
    else:
        print(main(tuple(int(size) for size in sys.argv[1:]) or (50, 500)))
