"""Import speed of roll-call votes: the three real Kyiv days and a generated year of a large council (2024,
121 seats, 36 plenary days, about 8,300 votes and a million choices) as an e-voting folder; and of media
monitoring: a generated 100,000-row CSV (`media_main()`, alone with `bench/import_speed.py media`); and of website
traffic: a generated Matomo page export of about 100,000 page-days (`traffic_main()`, `bench/import_speed.py
traffic`).

Run as `.venv/bin/python bench/import_speed.py`; `main()` returns the markdown table (the lead's bench
runner calls it). Each case imports into an empty database through `run_import`, as the command line
does: hashing, parsing, writing and the refresh of the vote summaries of the months touched; the
summaries' share is shown apart, and the machine's load (`uptime`) is written before and after, since
the machine is shared. PostgreSQL rows are left out, with a line saying why, when no server
answers at VIDKRYTO_TEST_POSTGRES (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import vocabularies  # noqa: E402
from dashboard.db import write_engine  # noqa: E402
from dashboard.schema import media_mentions, metadata, outlets, site_pages, units, vote_choices, votes  # noqa: E402
from dashboard.writer.importers import run_import  # noqa: E402
from dashboard.writer.importers import votes as votes_importer  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "kyiv-council-votes"
POSTGRES_ADMIN_URL = os.environ.get("VIDKRYTO_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
TARGET_CHOICES = 1_000_000
# Printed choices with the export's padding and its spellings of absent, weighted like the real sample.
PRINTED = (("За       ", 62), (".........", 20), ("...", 3), ("0", 1), ("", 1), ("Не голосував", 10),
           ("Утримався", 2), ("Проти    ", 1))


def generate_folder(folder: Path, seed: int = 835, choices: int = TARGET_CHOICES) -> int:
    """Write e-voting files (YYMMDD_N.json) holding at least `choices` choices; return how many they hold.

    Deputies are the 121 slots of the real 2021 list, each printed in one of its spellings; votes fall on
    three plenary days a month through 2024, about two hundred a day, like a busy council.
    """
    rng = random.Random(seed)
    template = json.loads((SAMPLE / "2021-12-16" / "211216_1.json").read_text(encoding="utf-8"))
    names = [slot["DPName"] for slot in template["DPList"]]
    spellings = [(name, " ".join(name.replace(". ", ".").split())) for name in names]
    words, weights = zip(*PRINTED)
    n_votes = -(-choices // len(names))
    days = [dt.date(2024, month, day) for month in range(1, 13) for day in (9, 16, 23)]
    per_day = -(-n_votes // len(days))
    for number in range(n_votes):
        day = days[number // per_day]
        choices = rng.choices(words, weights, k=len(names))
        counted = {word.strip(): choices.count(word) for word in ("За       ", "Проти    ", "Утримався", "Не голосував")}
        record = {
            **{key: template[key] for key in ("DocTime", "OrgName", "GLType", "PD_Fullname", "GL_ResultType")},
            "SName": "Пленарне засідання  3 сесія  9 скликання",
            "GLTime": f"{day:%d.%m.%Y} {10 + number % 8:02d}:{number % 60:02d}:00",
            "PD_NPP": str(number % per_day + 1),
            "GL_Text": f"За основу питання порядку денного про тестове рішення № {number + 1}",
            "DPList": [{"DPName": rng.choice(pair), "DPGolos": choice} for pair, choice in zip(spellings, choices)],
            "YESCnt": counted["За"], "NOCnt": counted["Проти"], "UTRCnt": counted["Утримався"],
            "NGCnt": counted["Не голосував"], "TotalCnt": sum(counted.values()),
            "RESULT": " РІШЕННЯ ПРИЙНЯТЕ " if counted["За"] > 60 else " РІШЕННЯ НЕ ПРИЙНЯТЕ ",
        }
        (folder / f"{day:%y%m%d}_{number % per_day + 1}.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return n_votes * len(names)


def fresh_database(backend: str, folder: Path) -> str:
    if backend == "sqlite":
        path = folder / f"bench-{time.monotonic_ns()}.sqlite"
        return f"sqlite:///{path}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    with admin.connect() as connection:
        connection.execute(text('DROP DATABASE IF EXISTS "vidkryto_bench_import" WITH (FORCE)'))
        connection.execute(text('CREATE DATABASE "vidkryto_bench_import"'))
    admin.dispose()
    return make_url(POSTGRES_ADMIN_URL).set(database="vidkryto_bench_import").render_as_string(hide_password=False)


def timed_import(url: str, paths: list[Path]) -> tuple[float, float, int, int]:
    """Seconds in all, seconds in the summaries' refresh, votes and choices in the database afterwards."""
    engine = write_engine(url)
    metadata.create_all(engine)
    refresh = votes_importer.refresh_vote_summaries
    spent = [0.0]

    def timed_refresh(*args, **kwargs):
        start = time.perf_counter()
        refresh(*args, **kwargs)
        spent[0] += time.perf_counter() - start

    votes_importer.refresh_vote_summaries = timed_refresh
    try:
        start = time.perf_counter()
        for path in paths:
            run_import(engine, "votes", path, None, None)
        total = time.perf_counter() - start
    finally:
        votes_importer.refresh_vote_summaries = refresh
    with engine.connect() as connection:
        n_votes = connection.execute(select(func.count()).select_from(votes)).scalar()
        n_choices = connection.execute(select(func.count()).select_from(vote_choices)).scalar()
    engine.dispose()
    return total, spent[0], n_votes, n_choices


def machine_load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def main() -> str:
    notes = [f"load before: `{machine_load()}`"]
    lines = ["| data | backend | votes | choices | seconds | of which summaries | votes/s | choices/s |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        generated = tmp_path / "generated"
        generated.mkdir()
        generate_folder(generated)
        cases = [("real sample (3 days)", [SAMPLE / "2021-02-11", SAMPLE / "2021-12-16", SAMPLE / "2023-11-09"]),
                 ("generated year 2024, 121 seats", [generated])]
        for backend in ("sqlite", "postgresql"):
            try:
                url = fresh_database(backend, tmp_path)
            except Exception as error:  # noqa: BLE001 - any failure to reach the server means the same here
                notes.append(f"{backend} left out: {str(error).splitlines()[0]}")
                continue
            for label, paths in cases:
                url = fresh_database(backend, tmp_path)
                total, summaries, n_votes, n_choices = timed_import(url, paths)
                lines.append(f"| {label} | {backend} | {n_votes:,} | {n_choices:,} | {total:.1f} | {summaries:.1f} "
                             f"| {n_votes / total:,.0f} | {n_choices / total:,.0f} |")
    notes.append(f"load after: `{machine_load()}`")
    return "\n".join(lines + [""] + [f"- {note}" for note in notes]).strip() + "\n"


# --- Media monitoring ----------------------------------------------------------------------------

MEDIA_ROWS = 100_000
MEDIA_UNITS = ("EXEC", "HOUSING", "EDU", "HEALTH", "TRANSPORT", "CULTURE")
MEDIA_KINDS = (("tv", "ТБ"), ("print", "print"), ("radio", "Радіо"), ("online", "online"), ("agency", "agency"))
MEDIA_SCOPES = ("local", "Регіональні", "national", "international")
MEDIA_TOPICS = ("budget", "Дороги", "education", "health", "transport", "Благоустрій", "ЖКГ", "")


def generate_media(path: Path, rows: int = MEDIA_ROWS, seed: int = 9) -> None:
    """A monitoring service's year (2024) as one CSV: 120 outlets, each printed in three spellings (case,
    spaces, quotes); 85% of stories with a URL, one in fifty listed twice; topics partly outside the
    vocabulary, some units, topics and tones empty."""
    rng = random.Random(seed)
    outlets_made = [(f"Видання {n}", *MEDIA_KINDS[n % len(MEDIA_KINDS)], MEDIA_SCOPES[n % len(MEDIA_SCOPES)])
                    for n in range(120)]
    lines = ["date,outlet,outlet kind,scope,title,url,unit,topic,tone"]
    for number in range(rows):
        if number and number % 50 == 0:
            lines.append(lines[-1])
            continue
        name, _kind, printed, scope = rng.choice(outlets_made)
        name = rng.choice((name, f"«{name}»", f"  {name.upper()} "))
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(366))
        url = f"https://media{number % 97}.example/story/{number}" if rng.random() < 0.85 else ""
        unit = rng.choice((*MEDIA_UNITS, ""))
        tone = rng.choice(("positive", "neutral", "neutral", "negative", ""))
        lines.append(f'{day.isoformat()},"{name}",{printed},{scope},"Новина № {number} про місто",{url},{unit},'
                     f"{rng.choice(MEDIA_TOPICS)},{tone}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def import_twice(source: str, path: Path, unit_codes, counted, tmp_path: Path, notes: list[str]):
    """Per backend that answers: `path` into an empty database with these units, timed, then a copy of it under
    another name (another hash: every row read and compared, none written), timed; yields the backend, both
    times in seconds and the rows of the `counted` tables. A backend that does not answer gets a note."""
    copy = tmp_path / f"{path.stem}-copy{path.suffix}"
    copy.write_bytes(path.read_bytes() + b"\n")
    for backend in ("sqlite", "postgresql"):
        try:
            url = fresh_database(backend, tmp_path)
        except Exception as error:  # noqa: BLE001 - any failure to reach the server means the same here
            notes.append(f"{backend} left out: {str(error).splitlines()[0]}")
            continue
        engine = write_engine(url)
        metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(units.insert(), [{"code": code, "name_uk": code, "name_en": code} for code in unit_codes])
        start = time.perf_counter()
        run_import(engine, source, path, None, None)
        total = time.perf_counter() - start
        start = time.perf_counter()
        again = run_import(engine, source, copy, None, None)
        repeat = time.perf_counter() - start
        assert again.rows_written == 0
        with engine.connect() as connection:
            rows = [connection.execute(select(func.count()).select_from(table)).scalar() for table in counted]
        engine.dispose()
        yield backend, total, repeat, rows


def media_main() -> str:
    """The 100,000-row file into an empty database on each backend (units created first), then again under
    another name (every row compared, none written)."""
    notes = [f"load before: `{machine_load()}`"]
    lines = ["| data | backend | rows in the file | mentions | outlets | seconds | rows/s | again, another name: seconds |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        path = tmp_path / "monitoring-2024.csv"
        generate_media(path)
        rows = path.read_text(encoding="utf-8").count("\n") - 1
        for backend, total, repeat, (n_mentions, n_outlets) in import_twice(
                "media", path, MEDIA_UNITS, (media_mentions, outlets), tmp_path, notes):
            lines.append(f"| generated monitoring year 2024 | {backend} | {rows:,} | {n_mentions:,} | {n_outlets:,} "
                         f"| {total:.1f} | {rows / total:,.0f} | {repeat:.1f} |")
    notes.append(f"load after: `{machine_load()}`")
    return "\n".join(lines + [""] + [f"- {note}" for note in notes]).strip() + "\n"


# --- Website traffic ----------------------------------------------------------------------------

TRAFFIC_FOLDERS = ("council", "news", "units/edu", "units/health", "petitions", "open-data")
TRAFFIC_PAGES_PER_FOLDER = 45  # 6 folders x (45 pages + the folder's own) + the home page: 277 pages


def generate_traffic(path: Path, seed: int = 10, days: int = 366) -> int:
    """A Matomo Actions.getPageUrls export (expanded=1, period=day) from 2024: 277 pages in nested folders on
    each of `days` days (the year 2024: about 101,000 page-days); returns their number."""
    rng = random.Random(seed)
    data, leaves = {}, 0
    for number in range(days):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=number)
        rows = [{"label": "/index", "nb_visits": 300, "nb_hits": rng.randint(300, 900)}]
        for folder in TRAFFIC_FOLDERS:
            pages = [{"label": "/index", "nb_visits": 5, "nb_hits": rng.randint(1, 60)}]
            pages += [{"label": f"/page-{n}", "nb_visits": 3, "nb_hits": rng.randint(1, 40)}
                      for n in range(TRAFFIC_PAGES_PER_FOLDER)]
            node = {"label": folder.rsplit("/", 1)[-1], "nb_hits": sum(p["nb_hits"] for p in pages), "idsubdatatable": 1,
                    "subtable": pages}
            for parent in reversed(folder.split("/")[:-1]):
                node = {"label": parent, "nb_hits": node["nb_hits"], "idsubdatatable": 2, "subtable": [node]}
            rows.append(node)
            leaves += len(pages)
        data[day.isoformat()] = rows
        leaves += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    return leaves


def traffic_main() -> str:
    """The generated page export into an empty database on each backend (units created first), then again
    under another name (every day read, compared, none written)."""
    notes = [f"load before: `{machine_load()}`"]
    lines = ["| data | backend | page-days | pages | seconds | page-days/s | again, another name: seconds |",
             "|---|---|---:|---:|---:|---:|---:|"]
    codes = sorted({row["unit"] for row in vocabularies.rows("page_units")})
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        path = tmp_path / "pages-2024.json"
        page_days = generate_traffic(path)
        for backend, total, repeat, (n_pages,) in import_twice("traffic", path, codes, (site_pages,), tmp_path, notes):
            lines.append(f"| generated Matomo pages 2024 | {backend} | {page_days:,} | {n_pages:,} | {total:.1f} "
                         f"| {page_days / total:,.0f} | {repeat:.1f} |")
    notes.append(f"load after: `{machine_load()}`")
    return "\n".join(lines + [""] + [f"- {note}" for note in notes]).strip() + "\n"


SECTIONS = {"media": media_main, "traffic": traffic_main}

if __name__ == "__main__":
    if sys.argv[1:] and sys.argv[1] in SECTIONS:
        print(SECTIONS[sys.argv[1]]())
    else:
        print(main() + "\n" + media_main() + "\n" + traffic_main())
