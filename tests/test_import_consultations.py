"""Consultation imports over the hand-written files in tests/data/consultations (answers in its README), on SQLite
and PostgreSQL: a consultation is its URL, else its start and title; Ukrainian column names; re-imports that change
nothing; a corrected file that replaces its earlier version; bad files refused at their line with every table's
row count unchanged."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.schema import consultations, units
from dashboard.writer.importers import ImportFailed, run_import
from tests.support import empty_database, row_counts, written

DATA = Path(__file__).parent / "data" / "consultations"
UNITS = ({"code": "EXEC", "name_uk": "Виконавчий комітет", "name_en": "Executive committee"},
         {"code": "HOUSING", "name_uk": "Житлово-комунальне господарство", "name_en": "Housing and utilities"},
         {"code": "ECON", "name_uk": "Економіка", "name_en": "Economy"})
HEADER = "title,unit,started_on,ended_on,online_poll,responses,results_published_on,url\n"
STRATEGY = "url:vyshneve.example.gov.ua/consultations/strategy"
RENAMING = "item:2026-03-10|перейменування вулиці садової"


@pytest.fixture(params=("sqlite", "postgresql"))
def engine(request, tmp_path):
    """An empty database with the schema and three units, on each backend."""
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_consultations", {units: UNITS})
    yield engine
    engine.dispose()


def stored(engine) -> dict[str, dict]:
    stmt = select(consultations, units.c.code).join_from(consultations, units, units.c.id == consultations.c.unit_id,
                                                         isouter=True)
    with engine.connect() as connection:
        return {row.identity: dict(row._mapping) for row in connection.execute(stmt)}


def test_the_file_imports_with_its_known_answers(engine):
    summary = run_import(engine, "consultations", DATA / "consultations.csv", None, None)
    found = stored(engine)
    assert summary.rows_read == 4 and summary.rows_written == 4
    assert set(found) == {STRATEGY, RENAMING, "url:vyshneve.example.gov.ua/consultations/schools",
                          "item:2026-05-04|проєкт правил благоустрою (чернетка)"}
    strategy = found[STRATEGY]
    assert (strategy["code"], strategy["started_on"], strategy["ended_on"], strategy["online_poll"],
            strategy["responses"], strategy["results_published_on"], strategy["is_public"]) == (
        "EXEC", dt.date(2026, 2, 2), dt.date(2026, 3, 2), True, 412, dt.date(2026, 3, 16), True)
    renaming = found[RENAMING]
    assert (renaming["code"], renaming["started_on"], renaming["online_poll"], renaming["responses"],
            renaming["results_published_on"], renaming["url"]) == ("HOUSING", dt.date(2026, 3, 10), False, None, None, None)
    schools = found["url:vyshneve.example.gov.ua/consultations/schools"]
    assert (schools["code"], schools["online_poll"], schools["responses"]) == (None, True, 1250)
    draft = found["item:2026-05-04|проєкт правил благоустрою (чернетка)"]
    assert (draft["ended_on"], draft["is_public"]) == (None, False)


def test_ukrainian_column_names_and_a_semicolon(engine):
    run_import(engine, "consultations", DATA / "консультації.csv", None, None)
    (row,) = stored(engine).values()
    assert (row["title"], row["code"], row["started_on"], row["ended_on"], row["online_poll"], row["responses"],
            row["results_published_on"]) == ("Громадський бюджет: вибір проєктів", "ECON", dt.date(2026, 6, 1),
                                             dt.date(2026, 6, 30), True, 980, dt.date(2026, 7, 15))


def test_the_same_file_twice_changes_nothing(engine, tmp_path):
    run_import(engine, "consultations", DATA / "consultations.csv", None, None)
    before = stored(engine)
    assert run_import(engine, "consultations", DATA / "consultations.csv", None, None).unchanged
    copy = tmp_path / "copy.csv"
    shutil.copy(DATA / "consultations.csv", copy)
    summary = run_import(engine, "consultations", copy, None, None)
    assert summary.rows_written == 0 and stored(engine) == before


def test_a_corrected_file_replaces_its_earlier_version(engine, tmp_path):
    first = (DATA / "consultations.csv").read_text(encoding="utf-8")
    path = written(tmp_path, "consultations.csv", first)
    run_import(engine, "consultations", path, None, None)
    lines = first.splitlines(keepends=True)
    corrected = lines[0] + lines[1].replace(",2026-03-16,", ",2026-03-20,") + lines[3]
    written(tmp_path, "consultations.csv", corrected)
    summary = run_import(engine, "consultations", path, None, None)
    found = stored(engine)
    assert set(found) == {STRATEGY, "url:vyshneve.example.gov.ua/consultations/schools"}
    assert found[STRATEGY]["results_published_on"] == dt.date(2026, 3, 20)
    assert summary.rows_written == 3  # one updated, two removed
    other = written(tmp_path, "other.csv", HEADER + "Інша консультація,,2026-01-10,2026-01-20,no,,,\n")
    run_import(engine, "consultations", other, None, None)
    assert len(stored(engine)) == 3  # another file's rows are not an earlier version


@pytest.mark.parametrize(("line", "where", "reason"), [
    ("Без дати,,,2026-01-20,no,,,", "line 2", "empty started_on"),
    (",,2026-01-10,2026-01-20,no,,,", "line 2", "empty title"),
    ("Назад,,2026-01-10,2026-01-09,no,,,", "line 2, ended_on", "2026-01-09 is before started_on 2026-01-10"),
    ("Рано,,2026-01-10,2026-01-20,no,,2026-01-05,", "line 2, results_published_on", "is before started_on"),
    ("Опитування,,2026-01-10,2026-01-20,maybe,,,", "line 2, online_poll", "not yes / no"),
    ("Мінус,,2026-01-10,2026-01-20,yes,-3,,", "line 2, responses", "not a whole number of 0 or more"),
    ("Дріб,,2026-01-10,2026-01-20,yes,12.5,,", "line 2, responses", "not a whole number of 0 or more"),
    ("Майбутнє,,2926-01-10,,no,,,", "line 2, started_on", "outside the years an import accepts"),
    ("Не дата,,вчора,,no,,,", "line 2, started_on", "not a date"),
    ("Чужий,NOPE,2026-01-10,,no,,,", "line 2, unit", "unknown unit 'NOPE'"),
])
def test_a_bad_line_stops_the_file_and_writes_nothing(engine, tmp_path, line, where, reason):
    run_import(engine, "consultations", DATA / "consultations.csv", None, None)
    before = row_counts(engine)
    good = "Добра,,2026-01-02,2026-01-03,yes,5,2026-01-04,\n"
    path = written(tmp_path, "bad.csv", HEADER + line + "\n" + good)
    with pytest.raises(ImportFailed) as error:
        run_import(engine, "consultations", path, None, None)
    assert error.value.location.endswith(where) and reason in error.value.reason
    assert row_counts(engine) == before


def test_the_same_consultation_twice_stops_the_file(engine, tmp_path):
    path = written(tmp_path, "twice.csv", HEADER + "Одна,,2026-01-10,,no,,,https://x.example/a\n"
                   + "Друга,,2026-02-10,,no,,,http://www.x.example/a/\n")
    before = row_counts(engine)
    with pytest.raises(ImportFailed) as error:
        run_import(engine, "consultations", path, None, None)
    assert error.value.location == "twice.csv: line 3" and "the same consultation as line 2" in error.value.reason
    assert row_counts(engine) == before
