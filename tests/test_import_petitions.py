"""Petition imports over the hand-written files in tests/data/petitions (answers in its README), on SQLite and
PostgreSQL: statuses mapped to one vocabulary, each petition's own threshold, authors only in the internal
table, snapshots only when a count changed, re-imports that change nothing, corrected files that replace their
earlier version, and bad files refused at their line with nothing written."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import event, func, select

import dashboard.writer.importers as importers
from dashboard import vocabularies
from dashboard.schema import (
    import_batches,
    petition_authors_internal,
    petition_signature_snapshots,
    petition_working_days,
    petitions,
    units,
)
from dashboard.writer.importers import ImportFailed, run_import
from dashboard.writer.importers.common import CHUNK
from tests.support import empty_database

DATA = Path(__file__).parent / "data" / "petitions"
CSV = DATA / "petitions.csv"
EDEM = DATA / "edem.json"
UNITS = ({"code": "HOUSING", "name_uk": "ЖКГ", "name_en": "Housing"},
         {"code": "TRANSPORT", "name_uk": "Транспорт", "name_en": "Transport"})
WRITTEN = (petitions, petition_signature_snapshots, petition_authors_internal, import_batches, petition_working_days)


@pytest.fixture(params=("sqlite", "postgresql"))
def engine(request, tmp_path):
    """An empty database with the schema and two units, on each backend."""
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_pet", {units: UNITS})
    yield engine
    engine.dispose()


def on_day(monkeypatch, day: dt.date) -> None:
    """Imports run as if on `day` (the day their snapshots are taken)."""

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.combine(day, dt.time(9, 0))

    monkeypatch.setattr(importers, "dt", SimpleNamespace(datetime=Clock))


def load(engine, path, fmt=None):
    return run_import(engine, "petitions", path, fmt, None)


def rows(engine, table, *order):
    with engine.connect() as connection:
        return [row._asdict() for row in connection.execute(select(table).order_by(*order))]


def counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in WRITTEN}


def by_number(engine) -> dict[str, dict]:
    return {row["number"]: row for row in rows(engine, petitions, petitions.c.number)}


def test_csv_statuses_thresholds_outcomes_and_dates(engine, monkeypatch):
    on_day(monkeypatch, dt.date(2018, 1, 10))
    summary = load(engine, CSV)
    assert summary.rows_read == 8
    got = by_number(engine)
    assert {n: p["status"] for n, p in got.items()} == {
        "P-1": "answered", "P-2": "answered", "P-3": "answered", "P-4": "under_consideration", "P-5": "collecting",
        "P-6": "not_reached", "P-7": "withdrawn", "P-8": "moderation_rejected"}
    assert {n: p["outcome"] for n, p in got.items() if p["outcome"]} == {"P-1": "supported", "P-2": "partially",
                                                                         "P-3": "unknown"}
    assert got["P-2"]["threshold"] == 300 and got["P-1"]["threshold"] == 250
    assert got["P-2"]["consideration_started_on"] == dt.date(2017, 5, 5)
    assert got["P-1"]["consideration_started_on"] is None
    assert [n for n, p in got.items() if not p["is_public"]] == ["P-8"]
    assert got["P-6"]["unit_id"] is None and got["P-1"]["unit_id"] is not None
    calendar = rows(engine, petition_working_days, petition_working_days.c.day)
    assert calendar[0]["day"] <= dt.date(2017, 2, 1) and calendar[-1]["day"] >= dt.date(2019, 12, 31)


def test_authors_go_to_the_internal_table_only(engine):
    load(engine, CSV)
    authors = {row["author"] for row in rows(engine, petition_authors_internal, petition_authors_internal.c.petition_id)}
    assert authors == {"Тестенко Авторина", "Петрук Підписант", "Ковальчук Заявниця", "Прихована Авторка"}
    for row in rows(engine, petitions, petitions.c.id):
        assert not {"Тестенко Авторина", "avtorka@example.com"} & {str(value) for value in row.values()}


def test_edem_json(engine, monkeypatch):
    on_day(monkeypatch, dt.date(2019, 3, 5))
    load(engine, EDEM)
    got = by_number(engine)
    assert set(got) == {"1501", "1502", "1503"}  # ids, and the link's last part where there is no id
    assert got["1501"]["status"] == "under_consideration" and got["1501"]["threshold"] == 500
    assert got["1501"]["submitted_on"] == dt.date(2019, 2, 1) and got["1501"]["category"] == "Містобудування"
    assert got["1501"]["url"] == "https://e-dem.ua/0000000000/petition/view/1501"
    # no threshold date in the source: the first snapshot at the threshold gives it, no later than closing
    assert got["1501"]["threshold_reached_on"] == dt.date(2019, 3, 5)
    assert got["1502"]["status"] == "not_reached" and got["1502"]["submitted_on"] == dt.date(2019, 1, 1)
    assert got["1503"]["status"] == "collecting" and got["1503"]["threshold_reached_on"] is None


def test_reimport_changes_nothing_and_snapshots_only_when_the_count_changed(engine, monkeypatch, tmp_path):
    on_day(monkeypatch, dt.date(2017, 12, 1))
    load(engine, CSV)
    before = counts(engine), rows(engine, petitions, petitions.c.id)
    assert load(engine, CSV).unchanged
    same = tmp_path / "copy-of-petitions.csv"  # the same rows under another name: nothing but its batch
    same.write_bytes(CSV.read_bytes())
    on_day(monkeypatch, dt.date(2017, 12, 8))
    assert load(engine, same).rows_written == 0
    after = counts(engine)
    assert rows(engine, petitions, petitions.c.id) == before[1]
    assert {k: v for k, v in after.items() if k != "import_batches"} == \
        {k: v for k, v in before[0].items() if k != "import_batches"}

    grown = tmp_path / "petitions.csv"  # a week later the open petition has more signatures
    grown.write_text(CSV.read_text().replace(",250,120,", ",250,180,"))
    on_day(monkeypatch, dt.date(2017, 12, 15))
    assert load(engine, grown).rows_written == 2  # the petition's row and its new snapshot
    snapshots = [(r["taken_on"], r["signatures"]) for r in rows(engine, petition_signature_snapshots,
                                                               petition_signature_snapshots.c.taken_on)
                 if r["petition_id"] == by_number(engine)["P-5"]["id"]]
    assert snapshots == [(dt.date(2017, 12, 1), 120), (dt.date(2017, 12, 15), 180)]
    assert counts(engine)["petition_signature_snapshots"] == before[0]["petition_signature_snapshots"] + 1


def test_a_corrected_file_replaces_its_earlier_version(engine, monkeypatch, tmp_path):
    on_day(monkeypatch, dt.date(2017, 12, 1))
    first = tmp_path / "petitions.csv"
    first.write_text(CSV.read_text())
    load(engine, first)
    lines = CSV.read_text().splitlines(keepends=True)
    first.write_text("".join(line.replace("P-5,", "P-5,").replace(",250,120,", ",250,150,")
                             for line in lines if not line.startswith("P-7,")))
    load(engine, first)  # same name, same day: P-7 is gone, P-5's count of that day corrected
    got = by_number(engine)
    assert "P-7" not in got and got["P-5"]["signatures"] == 150
    p5 = [r for r in rows(engine, petition_signature_snapshots, petition_signature_snapshots.c.taken_on)
          if r["petition_id"] == got["P-5"]["id"]]
    assert [(r["taken_on"], r["signatures"]) for r in p5] == [(dt.date(2017, 12, 1), 150)]
    assert counts(engine)["petitions"] == 7 and counts(engine)["petition_authors_internal"] == 5


def replace_cell(number: str, column: str, value: str) -> str:
    lines = CSV.read_text().splitlines()
    header = lines[0].split(",")
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if cells[0] == number:
            cells[header.index(column)] = value
        out.append(",".join(cells))
    return "\n".join(out) + "\n"


BAD_CSV = {
    "unknown status": (replace_cell("P-4", "status", "в архіві назавжди"), 5, "unknown status"),
    "outcome without answer": (replace_cell("P-4", "outcome", "supported"), 5, "not answered"),
    "unknown outcome": (replace_cell("P-2", "outcome", "можливо"), 3, "unknown outcome"),
    "bad date": (replace_cell("P-3", "submitted_on", "31.02.2017"), 4, "not a date"),
    "closes before submitted": (replace_cell("P-6", "closes_on", "2017-01-01"), 7, "before submitted_on"),
    "negative signatures": (replace_cell("P-5", "signatures", "-5"), 6, "not a whole number"),
    "zero threshold": (replace_cell("P-5", "threshold", "0"), 6, "threshold of 0"),
    "unknown unit": (replace_cell("P-6", "unit", "NOWHERE"), 7, "unknown unit"),
    "empty title": (replace_cell("P-7", "title", ""), 8, "empty title"),
    "long category": (replace_cell("P-7", "category", "К" * 81), 8, "81 characters, more than the 80 that petitions.category holds"),
    "repeated number": (replace_cell("P-7", "number", "P-1"), 8, "more than once (first at line 2)"),
    "missing column": (CSV.read_text().replace("threshold,signatures", "limit,signatures", 1), 1, "missing column"),
}


@pytest.mark.parametrize("case", BAD_CSV)
def test_a_bad_csv_names_its_line_and_writes_nothing(engine, tmp_path, case):
    text, line, reason = BAD_CSV[case]
    bad = tmp_path / "bad.csv"
    bad.write_text(text)
    before = counts(engine)
    with pytest.raises(ImportFailed) as failure:
        load(engine, bad)
    assert f"bad.csv: line {line}" in failure.value.location and reason in failure.value.reason, str(failure.value)
    assert counts(engine) == before


BAD_JSON = {
    "not a list": ({"projects": {"id": 1}}, "projects", "not a list"),
    "unknown status": ({"projects": [{"id": 1, "title": "x", "count_signs": 1, "required_signs": 250,
                                      "time_start": "2019-01-01", "status": "загублена"}]},
                       "projects[0].status", "unknown status"),
    "bad count": ({"projects": [{"id": 1, "title": "x", "count_signs": "багато", "required_signs": 250,
                                 "time_start": "2019-01-01", "status": "active"}]},
                  "projects[0].count_signs", "not a whole number"),
}


@pytest.mark.parametrize("case", BAD_JSON)
def test_a_bad_json_names_its_path_and_writes_nothing(engine, tmp_path, case):
    data, path, reason = BAD_JSON[case]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False))
    before = counts(engine)
    with pytest.raises(ImportFailed) as failure:
        load(engine, bad)
    assert failure.value.location == f"bad.json: {path}" and reason in failure.value.reason, str(failure.value)
    assert counts(engine) == before


def test_broken_json_names_its_line(engine, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"projects": [\n {"id": 1,\n "title": "x" "status": "active"}]}')
    with pytest.raises(ImportFailed) as failure:
        load(engine, bad)
    assert failure.value.location.startswith("broken.json: line 3")


STATUS_HEADER = "number,title,submitted_on,closes_on,threshold,signatures,status,responded_on\n"
DOCS_WORDS = {"Збирає підписи": "collecting", "Не набрала підписів": "not_reached", "Набрала підписи": "reached",
              "На розгляді": "under_consideration", "З відповіддю": "answered", "Відкликана автором": "withdrawn",
              "Відхилена на модерації": "moderation_rejected"}
"""docs/petitions.md's table, every Ukrainian word of it."""
OTHER_WORDS = {"UNDER CONSIDERATION": "under_consideration", "not-reached": "not_reached",
               "Moderation_Rejected": "moderation_rejected", "Collecting signatures": "collecting",
               "Did not reach the threshold": "not_reached", "active": "collecting"}


def status_file(tmp_path, words) -> Path:
    lines = [f"S-{i},Петиція {i},2017-01-0{1 + i % 9},2017-03-01,250,10,{word},"
             + ("2017-03-05" if words[word] == "answered" else "") for i, word in enumerate(words)]
    path = tmp_path / "statuses.csv"
    path.write_text(STATUS_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("words", [DOCS_WORDS, OTHER_WORDS], ids=["docs table", "codes and english"])
def test_statuses_in_the_projects_own_words(engine, tmp_path, words):
    load(engine, status_file(tmp_path, words))
    got = {p["title"]: p["status"] for p in by_number(engine).values()}
    assert sorted(got.values()) == sorted(words.values())
    assert {f"S-{i}": words[word] for i, word in enumerate(words)} == {n: p["status"] for n, p in by_number(engine).items()}


def test_an_unknown_status_asks_for_the_vocabulary_file_not_python(engine, tmp_path):
    with pytest.raises(ImportFailed) as failure:
        load(engine, status_file(tmp_path, {"в архіві назавжди": None}))
    assert failure.value.location == "statuses.csv: line 2, status"
    assert "add the word to petition_statuses.csv (word, status) in the vocabulary folder (setting vocabulary_dir)" \
        in failure.value.reason and ".py" not in failure.value.reason


@pytest.fixture
def own_vocabularies(tmp_path, monkeypatch):
    """A council's vocabulary folder (setting vocabulary_dir), read afresh."""
    folder = tmp_path / "vocabularies"
    folder.mkdir()
    monkeypatch.setenv("VIDKRYTO_VOCABULARY_DIR", str(folder))
    vocabularies.reload()
    yield folder
    monkeypatch.delenv("VIDKRYTO_VOCABULARY_DIR")
    vocabularies.reload()


def test_a_councils_own_status_words_replace_the_shipped_file(engine, tmp_path, own_vocabularies):
    (own_vocabularies / "petition_statuses.csv").write_text("word,status\nв архіві назавжди,not_reached\n",
                                                           encoding="utf-8")
    load(engine, status_file(tmp_path, {"в архіві назавжди": "not_reached", "Збирає підписи": "collecting"}))
    assert {p["status"] for p in by_number(engine).values()} == {"not_reached", "collecting"}
    with pytest.raises(ImportFailed, match="unknown status 'active'"):  # a shipped word, replaced by the council's file
        load(engine, status_file(tmp_path, {"active": "collecting"}))
    (own_vocabularies / "petition_outcomes.csv").write_text("word,outcome\nчудово,excellent\n", encoding="utf-8")
    vocabularies.reload()  # files are found once per process
    with pytest.raises(ImportFailed) as failure:
        load(engine, status_file(tmp_path, {"З відповіддю": "answered"}))
    assert failure.value.location == f"{own_vocabularies / 'petition_outcomes.csv'}: line 2"


BACKFILL = (STATUS_HEADER.strip() + ",threshold_reached_on\n"
            "B-1,Відповіли давно,2016-02-01,2016-04-01,250,310,З відповіддю,2016-04-20,\n"
            "B-2,Зібрала вчасно,2017-11-01,2018-01-01,250,300,Набрала підписи,,\n")


def test_a_count_read_after_closing_is_final_and_never_a_threshold_date(engine, tmp_path, monkeypatch):
    path = tmp_path / "backfill.csv"
    path.write_text(BACKFILL, encoding="utf-8")
    on_day(monkeypatch, dt.date(2017, 12, 1))
    load(engine, path)
    got = by_number(engine)
    assert got["B-1"]["threshold_reached_on"] is None  # read in 2017, closed in 2016: when it crossed is unknown
    assert got["B-2"]["threshold_reached_on"] == dt.date(2017, 12, 1)  # read while it collected
    snapshots = {(r["petition_id"], r["taken_on"], r["signatures"])
                 for r in rows(engine, petition_signature_snapshots, petition_signature_snapshots.c.taken_on)}
    assert snapshots == {(got["B-1"]["id"], dt.date(2016, 4, 1), 310), (got["B-2"]["id"], dt.date(2017, 12, 1), 300)}
    on_day(monkeypatch, dt.date(2018, 3, 1))  # after B-2 closed: its count is final, its threshold date is kept
    path.write_text(BACKFILL.replace(",300,", ",320,"), encoding="utf-8")
    load(engine, path)
    got = by_number(engine)
    assert got["B-2"]["threshold_reached_on"] == dt.date(2017, 12, 1)
    assert [(r["taken_on"], r["signatures"]) for r in rows(engine, petition_signature_snapshots,
                                                          petition_signature_snapshots.c.taken_on)
            if r["petition_id"] == got["B-2"]["id"]] == [(dt.date(2017, 12, 1), 300), (dt.date(2018, 1, 1), 320)]


NEGATIVE = {
    "answer before the threshold": ("threshold_reached_on", "2017-04-01", "responded_on", "before threshold_reached_on"),
    "threshold before submission": ("threshold_reached_on", "2016-12-01", "threshold_reached_on", "before submitted_on"),
    "start before the threshold": ("consideration_started_on", "2017-02-01", "consideration_started_on",
                                   "before threshold_reached_on"),
    "answer before the start": ("consideration_started_on", "2017-03-25", "responded_on",
                                "before consideration_started_on"),
    "a date in year 9999": ("responded_on", "9999-12-31", "responded_on", "outside the years an import accepts"),
}


@pytest.mark.parametrize("case", NEGATIVE)
def test_dates_that_would_give_a_negative_interval_stop_the_file(engine, tmp_path, case):
    column, value, named, reason = NEGATIVE[case]
    bad = tmp_path / "bad.csv"
    bad.write_text(replace_cell("P-1", column, value))
    before = counts(engine)
    with pytest.raises(ImportFailed) as failure:
        load(engine, bad)
    assert failure.value.location == f"bad.csv: line 2, {named}" and reason in failure.value.reason, str(failure.value)
    assert counts(engine) == before


MANY = CHUNK + 500
"""More petitions than one chunk of the writer's selects, so the last chunk's rows are written with the first's."""


def many_csv(path: Path, signatures: dict[int, int] | None = None, unit: dict[int, str] | None = None,
             count: int = MANY) -> Path:
    lines = [f"M-{i},Петиція {i},2017-03-01,2017-12-31,250,{(signatures or {}).get(i, i % 200)},collecting,"
             f"{(unit or {}).get(i, 'HOUSING')},Автор {i % 7}" for i in range(count)]
    path.write_text("number,title,submitted_on,closes_on,threshold,signatures,status,unit,author\n"
                    + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshots_by_number(engine) -> dict[str, list[tuple[dt.date, int]]]:
    numbers = {p["id"]: n for n, p in by_number(engine).items()}
    found: dict[str, list] = {}
    for row in rows(engine, petition_signature_snapshots, petition_signature_snapshots.c.taken_on):
        found.setdefault(numbers[row["petition_id"]], []).append((row["taken_on"], row["signatures"]))
    return found


def test_a_file_of_many_chunks_gives_each_petition_its_own_snapshots_and_author(engine, tmp_path, monkeypatch):
    on_day(monkeypatch, dt.date(2017, 6, 1))
    path = many_csv(tmp_path / "many.csv")
    assert load(engine, path).rows_written == 2 * MANY  # each petition and its first snapshot
    edited = {i: i % 200 + 300 for i in range(0, MANY, 100)}  # in every chunk, past the threshold
    on_day(monkeypatch, dt.date(2017, 6, 8))
    assert load(engine, many_csv(path, edited)).rows_written == 2 * len(edited)
    got, snapshots = by_number(engine), snapshots_by_number(engine)
    assert {n: [count for _, count in s] for n, s in snapshots.items()} == {
        f"M-{i}": [i % 200] + ([edited[i]] if i in edited else []) for i in range(MANY)}
    assert {n for n, p in got.items() if p["threshold_reached_on"] == dt.date(2017, 6, 8)} == {f"M-{i}" for i in edited}
    authors = {row["petition_id"]: row["author"]
               for row in rows(engine, petition_authors_internal, petition_authors_internal.c.petition_id)}
    assert {n: authors[p["id"]] for n, p in got.items()} == {f"M-{i}": f"Автор {i % 7}" for i in range(MANY)}


def test_a_bad_row_in_the_last_chunk_writes_nothing(engine, tmp_path, monkeypatch):
    on_day(monkeypatch, dt.date(2017, 6, 1))
    path = many_csv(tmp_path / "many.csv")
    load(engine, path)
    before = counts(engine), rows(engine, petitions, petitions.c.id), snapshots_by_number(engine)
    on_day(monkeypatch, dt.date(2017, 6, 8))
    with pytest.raises(ImportFailed) as failure:  # the first chunk's counts changed, the last chunk's unit unknown
        load(engine, many_csv(path, {i: 300 for i in range(CHUNK)}, unit={MANY - 2: "NOWHERE"}))
    assert failure.value.location == f"many.csv: line {MANY}, unit"
    assert (counts(engine), rows(engine, petitions, petitions.c.id), snapshots_by_number(engine)) == before


SQLITE_STOCK_LIMIT = 32_766
"""The most values SQLite binds in one statement as built by its authors (Debian's build allows 250,000)."""


def test_a_correction_that_drops_more_petitions_than_one_statement_binds(engine, tmp_path, monkeypatch):
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", lambda connection, _: connection.setlimit(
            sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, SQLITE_STOCK_LIMIT))
        engine.dispose()
    dropped = SQLITE_STOCK_LIMIT + 1 if engine.dialect.name == "sqlite" else 65_535 + 1  # PostgreSQL's own limit
    on_day(monkeypatch, dt.date(2017, 6, 1))
    path = many_csv(tmp_path / "many.csv", count=dropped + 3)
    load(engine, path)
    load(engine, many_csv(path, count=3))
    assert sorted(by_number(engine)) == ["M-0", "M-1", "M-2"]
    got = counts(engine)
    assert [got["petitions"], got["petition_signature_snapshots"], got["petition_authors_internal"]] == [3, 3, 3]
