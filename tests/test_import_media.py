"""Media and event imports over the hand-written files in tests/data/media (answers in its README), on SQLite and
PostgreSQL: outlets matched by case, spaces, quotes and aliases, a story known by its URL, re-imports that change
nothing, corrected files that replace their earlier version, topics outside the vocabulary kept and listed, and
bad files refused at their line with every table's row count unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.schema import import_problems, media_mentions, outlets, public_events, units
from dashboard.writer.importers import ImportFailed, run_import
from tests.support import empty_database, row_counts, written

DATA = Path(__file__).parent / "data" / "media"
UNITS = ({"code": "EXEC", "name_uk": "Виконавчий комітет", "name_en": "Executive committee"},
         {"code": "HOUSING", "name_uk": "Житлово-комунальне господарство", "name_en": "Housing and utilities"},
         {"code": "ECON", "name_uk": "Економіка", "name_en": "Economy"},
         {"code": "COUNCIL", "name_uk": "Апарат ради", "name_en": "Council office"})
HEADER = "date,outlet,outlet kind,scope,title,url,unit,topic,tone\n"


@pytest.fixture(params=("sqlite", "postgresql"))
def engine(request, tmp_path):
    """An empty database with the schema and four units, on each backend."""
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_media", {units: UNITS})
    yield engine
    engine.dispose()


def mentions(engine) -> dict[str, dict]:
    stmt = (select(media_mentions, outlets.c.name.label("outlet"), outlets.c.kind, outlets.c.scope)
            .join_from(media_mentions, outlets, outlets.c.id == media_mentions.c.outlet_id))
    with engine.connect() as connection:
        return {row.identity: dict(row._mapping) for row in connection.execute(stmt)}


def test_outlets_match_by_case_spaces_quotes_and_aliases(engine):
    summary = run_import(engine, "media", DATA / "mentions.csv", None, None)
    found = mentions(engine)
    assert len(found) == 6 and summary.rows_read == 7 and summary.rows_written == 6
    with engine.connect() as connection:
        kept = sorted(connection.execute(select(outlets.c.name, outlets.c.kind, outlets.c.scope)).all())
    assert kept == [("Голос України", "print", "national"), ("Новини міста", "online", "local"),
                    ("ТРК «С-плюс»", "tv", "local"), ("Укрінформ", "agency", "national")]
    by_outlet = {}
    for mention in found.values():
        by_outlet[mention["outlet"]] = by_outlet.get(mention["outlet"], 0) + 1
    assert by_outlet == {"ТРК «С-плюс»": 2, "Новини міста": 2, "Укрінформ": 1, "Голос України": 1}


def test_a_story_is_its_url_and_the_later_line_wins(engine):
    summary = run_import(engine, "media", DATA / "mentions.csv", None, None)
    grant = mentions(engine)["url:ukrinform.example/g"]
    assert grant["title"] == "Місто отримало грант (оновлено)"
    assert summary.skipped == [("mentions.csv: line 6", "the same story as line 7: one mention")]
    no_url = [m for m in mentions(engine).values() if m["url"] is None and m["outlet"] == "Новини міста"]
    assert [m["identity"] for m in no_url] == ["item:новини міста|2017-03-03|черговий брифінг мера"]
    assert no_url[0]["unit_id"] is None and no_url[0]["topic"] is None and no_url[0]["tone"] is None


def test_a_story_listed_by_two_monitoring_files_is_one_mention(engine):
    run_import(engine, "media", DATA / "mentions.csv", None, None)
    run_import(engine, "media", DATA / "other-monitoring.csv", None, None)
    found = mentions(engine)
    assert len(found) == 7
    assert found["url:news.example/roads"]["url"] == "https://news.example/roads"


def test_vocabulary_words_and_topics_outside_it(engine):
    summary = run_import(engine, "media", DATA / "mentions.csv", None, None)
    found = mentions(engine)
    assert found["url:news.example/roads"]["topic"] == "roads"  # «Дороги», the label, is the key
    assert found["url:ukrinform.example/g"]["topic"] == "Благоустрій"
    assert "topic 'Благоустрій' is not in the vocabulary (2 rows): kept as written" in summary.notes
    tones = [m["tone"] for m in found.values()]
    assert (tones.count("positive"), tones.count("neutral"), tones.count("negative")) == (2, 2, 1)


def test_importing_again_changes_nothing(engine, tmp_path):
    run_import(engine, "media", DATA / "mentions.csv", None, None)
    before, rows = row_counts(engine), mentions(engine)
    assert run_import(engine, "media", DATA / "mentions.csv", None, None).unchanged
    copy = shutil.copy(DATA / "mentions.csv", tmp_path / "copy.csv")
    again = run_import(engine, "media", Path(copy), None, None)
    assert again.rows_written == 0 and mentions(engine) == rows
    assert {k: v for k, v in row_counts(engine).items() if k != "import_batches"} == \
           {k: v for k, v in before.items() if k != "import_batches"}


def test_a_corrected_file_replaces_its_earlier_version(engine, tmp_path):
    original = (DATA / "mentions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = written(tmp_path, "march.csv", "".join(original))
    run_import(engine, "media", path, None, None)
    corrected = [line.replace("Про що говорили депутати", "Про що говорили депутати на сесії") for line in original
                 if "Черговий брифінг" not in line]
    path.write_text("".join(corrected), encoding="utf-8")
    summary = run_import(engine, "media", path, None, None)
    found = mentions(engine)
    assert len(found) == 5 and not any("брифінг" in identity for identity in found)
    assert "item:голос україни|2017-03-10|про що говорили депутати на сесії" in found
    assert "item:голос україни|2017-03-10|про що говорили депутати" not in found
    assert any("no longer in it: removed" in note for note in summary.notes)


@pytest.mark.parametrize(("line", "reason"), [
    ("2017-03-01,Нове ТБ,blog,local,Заголовок,,,,", "line 3, outlet_kind: unknown outlet kind 'blog'"),
    ("2017-03-01,Нове ТБ,tv,galactic,Заголовок,,,,", "line 3, scope: unknown scope 'galactic'"),
    ("31/03/2017,Нове ТБ,tv,local,Заголовок,,,,", "line 3, date: not a date"),
    ("2017-02-30,Нове ТБ,tv,local,Заголовок,,,,", "line 3, date: not a date"),
    ("2017-03-01,,tv,local,Заголовок,,,,", "line 3: empty outlet"),
    ("2017-03-01,Нове ТБ,tv,local,,,,,", "line 3: empty title and url: a mention needs one of them"),
    ("2017-03-01,Нове ТБ,tv,local,Заголовок,,NOWHERE,,", "line 3, unit: unknown unit 'NOWHERE'"),
    ("2017-03-01,Нове ТБ,tv,local,Заголовок,,,,furious", "line 3, tone: unknown tone 'furious'"),
    ("2017-03-01,Новини міста,tv,local,Заголовок,,,,", "line 3: outlet 'Новини міста' is tv / local here but "
                                                        "online / local at line 2"),
    ("2017-03-01,Нове ТБ,tv,local", "line 3: 4 fields, the header has 9"),
])
def test_a_bad_line_stops_the_file_and_writes_nothing(engine, tmp_path, line, reason):
    run_import(engine, "media", DATA / "other-monitoring.csv", None, None)
    before = row_counts(engine)
    good = "2017-03-01,Новини міста,online,local,Добрий рядок,https://news.example/good,,,\n"
    path = written(tmp_path, "bad.csv", HEADER + good + line + "\n")
    with pytest.raises(ImportFailed) as refused:
        run_import(engine, "media", path, None, None)
    assert str(refused.value).startswith(f"bad.csv: {reason}")
    assert row_counts(engine) == before


def test_a_file_without_a_column_stops_at_line_one(engine, tmp_path):
    path = written(tmp_path, "short.csv", "date,outlet,title\n2017-03-01,Нове ТБ,Заголовок\n")
    with pytest.raises(ImportFailed, match=r"short.csv: line 1: missing column\(s\): outlet_kind, scope"):
        run_import(engine, "media", path, None, None)


def test_events_of_every_kind_by_key_or_label(engine, tmp_path):
    summary = run_import(engine, "events", DATA / "events.csv", None, None)
    with engine.connect() as connection:
        kinds = sorted(connection.execute(select(public_events.c.kind, public_events.c.title)).all())
    assert kinds == [("briefing", "Брифінг: дороги"), ("foreign_journalists", None),
                     ("guest_in_studio", "Мер відповідає"), ("press_conference", "Прес-конференція: бюджет")]
    assert summary.rows_written == 4
    copy = Path(shutil.copy(DATA / "events.csv", tmp_path / "again.csv"))
    assert run_import(engine, "events", copy, None, None).rows_written == 0
    bad = written(tmp_path, "bad-events.csv", "date,kind,title,unit\n2017-03-01,concert,Концерт,\n")
    before = row_counts(engine)
    with pytest.raises(ImportFailed, match="bad-events.csv: line 2, kind: unknown kind 'concert'"):
        run_import(engine, "events", bad, None, None)
    assert row_counts(engine) == before


def test_a_mention_with_a_url_but_no_title_imports_untitled_and_flagged(engine, tmp_path):
    body = (HEADER + "2017-03-01,Нове ТБ,tv,local,,https://tv.example/1,,,\n"
            "2017-03-02,Нове ТБ,tv,local,Заголовок,https://tv.example/2,,,\n")
    summary = run_import(engine, "media", written(tmp_path, "untitled.csv", body), None, None)
    assert summary.problems == [("untitled.csv: line 2", "no title")]
    assert "flagged untitled.csv: line 2: no title" in summary.render()
    assert mentions(engine)["url:tv.example/1"]["title"] is None
    with engine.connect() as connection:
        kept = connection.execute(select(import_problems.c.location, import_problems.c.reason)).all()
    assert [tuple(row) for row in kept] == [("untitled.csv: line 2", "no title")]  # the data-quality page's rows


@pytest.mark.parametrize(("date", "reason"), [
    ("2917-03-01", "2917-03-01 is outside the years an import accepts, 1991 to "),
    ("9999-12-31", "9999-12-31 is outside the years an import accepts"),
    ("0001-01-01", "0001-01-01 is outside the years an import accepts"),
    ("01.03.17 10:00", "=2017-03-01"),
    ("2017-03-01T23:30:00Z", "=2017-03-02"),  # UTC, in Kyiv already the next day
])
def test_dates_outside_the_window_stop_the_file(engine, tmp_path, date, reason):
    path = written(tmp_path, "dated.csv", HEADER + f"{date},Нове ТБ,tv,local,Заголовок,https://tv.example/1,,,\n")
    if reason.startswith("="):
        run_import(engine, "media", path, None, None)
        assert mentions(engine)["url:tv.example/1"]["published_on"].isoformat() == reason[1:]
        return
    before = row_counts(engine)
    with pytest.raises(ImportFailed) as refused:
        run_import(engine, "media", path, None, None)
    assert str(refused.value).startswith(f"dated.csv: line 2, date: {reason}")
    assert "(settings import_first_year, import_last_year)" in str(refused.value)
    assert row_counts(engine) == before
