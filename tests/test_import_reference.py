"""Units, KPI targets and the decisions register over the hand-written files in tests/data/reference (answers in its
README), on SQLite and PostgreSQL: the units file is the whole list (renames and moves keep the id and leave
history, a unit facts point to is never removed), targets upserted by KPI, year and unit (an empty unit too),
decisions linked to the votes that adopted them, and bad files refused at their line with nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.schema import decisions, kpi_targets, media_mentions, metadata, unit_history, units
from dashboard.writer.importers import ImportFailed, run_import
from dashboard.writer.importers.reference import matches
from tests.support import empty_database, row_counts, written

DATA = Path(__file__).parent / "data" / "reference"
CSV835 = Path(__file__).parent / "data" / "csv835"


@pytest.fixture(params=("sqlite", "postgresql"))
def engine(request, tmp_path):
    """An empty database with the schema, on each backend."""
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_ref")
    yield engine
    engine.dispose()


def load(engine, source, path):
    return run_import(engine, source, path, None, None)


def unit_rows(engine) -> dict[str, tuple]:
    """code -> (id, name_uk, name_en, parent code, edrpou)."""
    with engine.connect() as connection:
        rows = connection.execute(select(units)).all()
    code_of = {row.id: row.code for row in rows}
    return {row.code: (row.id, row.name_uk, row.name_en, code_of.get(row.parent_id), row.edrpou) for row in rows}


def refused(engine, source, path) -> ImportFailed:
    before = row_counts(engine)
    with pytest.raises(ImportFailed) as failure:
        load(engine, source, path)
    assert row_counts(engine) == before
    return failure.value


# --- Units --------------------------------------------------------------------------------------

def test_units_with_parents_an_english_fallback_and_edrpou_as_text(engine):
    summary = load(engine, "units", DATA / "units.csv")
    found = unit_rows(engine)
    assert {code: row[1:] for code, row in found.items()} == {
        "01": ("Піщанська сільська рада", "Pishchanka Village Council", None, "01234567"),
        "02": ("Виконавчий комітет", "Виконавчий комітет", "01", "00123456"),
        "02.1": ("ЦНАП", "Administrative Services Centre", "02", None),
        "03": ("Відділ освіти", "Education Department", "01", None)}
    assert summary.rows_written == 4 and "4 units created" in summary.notes
    assert load(engine, "units", DATA / "units.csv").unchanged


def test_a_renamed_or_moved_unit_keeps_its_id_and_its_history(engine, tmp_path):
    load(engine, "units", DATA / "units.csv")
    before = unit_rows(engine)
    summary = load(engine, "units", DATA / "units-uk.csv")  # Ukrainian headers, semicolons
    after = unit_rows(engine)
    assert {code: row[0] for code, row in after.items()} == {code: row[0] for code, row in before.items()}
    assert after["02"][2] == "Executive Committee" and after["02.1"][1:4] == (
        "Центр надання адміністративних послуг", "Administrative Services Centre", "03")
    with engine.connect() as connection:
        history = {row.unit_id: (row.name_uk, row.name_en, row.parent_id)
                   for row in connection.execute(select(unit_history))}
    assert history == {before["02"][0]: ("Виконавчий комітет", "Виконавчий комітет", before["01"][0]),
                       before["02.1"][0]: ("ЦНАП", "Administrative Services Centre", before["02"][0])}
    assert summary.rows_written == 2
    assert any(note.startswith("unit 02.1: «ЦНАП» under 02 -> «Центр надання адміністративних послуг» under 03")
               for note in summary.notes)
    copy = written(tmp_path, "same-units.csv", (DATA / "units-uk.csv").read_text(encoding="utf-8"))
    assert load(engine, "units", copy).rows_written == 0


def test_a_unit_missing_from_the_file_is_removed_unless_facts_point_to_it(engine, tmp_path):
    load(engine, "units", DATA / "units.csv")
    without_03 = written(tmp_path, "units.csv", "code,name_uk\n01,Рада\n02,Виконком\n02.1,ЦНАП\n")
    summary = load(engine, "units", without_03)
    assert set(unit_rows(engine)) == {"01", "02", "02.1"}
    assert "1 units not in the file and with nothing pointing to them: removed (03)" in summary.notes
    load(engine, "targets", written(tmp_path, "targets.csv", "kpi,year,unit,target\ndecisions,2019,02.1,5\n"))
    without_021 = written(tmp_path, "units.csv", "code,name_uk\n01,Рада\n02,Виконком\n")
    error = refused(engine, "units", without_021)
    assert error.location == "units.csv" and "1 units are not in the file, but rows point to them: 02.1 (ЦНАП): " \
                                            "1 rows (kpi_targets 1)" in error.reason
    parent_left_out = written(tmp_path, "units.csv", "code,name_uk,parent\n02,Виконком,01\n02.1,ЦНАП,02\n")
    error = refused(engine, "units", parent_left_out)
    assert "01 (Рада): 1 rows (units under it 1)" in error.reason


@pytest.mark.parametrize(("body", "location", "reason"), [
    ("code,name_uk,parent\nA,Альфа,B\nB,Бета,A\n", "line 2, parent", "a cycle: A -> B -> A"),
    ("code,name_uk,parent\nA,Альфа,A\n", "line 2, parent", "a cycle: A -> A"),
    ("code,name_uk,parent\nA,Альфа,NOWHERE\n", "line 2, parent", "unknown parent 'NOWHERE'"),
    ("code,name_uk\nA,Альфа\na,Ще альфа\n", "line 3, code", "'a' is also the code of line 2"),
    ("code,name_uk,edrpou\nA,Альфа,1234567\n", "line 2, edrpou", "an ЄДРПОУ code is 8 digits: '1234567'"),
    ("code,name_uk,edrpou\nA,Альфа,12345678\nB,Бета,12345678\n", "line 3, edrpou", "12345678 is also the ЄДРПОУ of line 2"),
    ("code,name_uk\n" + "К" * 41 + ",Довгий\n", "line 2, code", "a code of more than 40 characters"),
    ("code,name_uk\nA,\n", "line 2", "empty name_uk"),
    ("name,parent\nРада,\n", "line 1", "missing column(s): code, name_uk"),
    ("code,name_uk\n", "", "no units in the file"),
])
def test_a_bad_units_file_stops_at_its_line(engine, tmp_path, body, location, reason):
    load(engine, "units", DATA / "units.csv")
    error = refused(engine, "units", written(tmp_path, "bad.csv", body))
    assert error.location == (f"bad.csv: {location}" if location else "bad.csv") and reason in error.reason, str(error)


def test_facts_keep_their_unit_through_a_rename(engine, tmp_path):
    load(engine, "units", DATA / "units.csv")
    media = written(tmp_path, "m.csv", "date,outlet,outlet kind,scope,title,url,unit\n"
                                       "2019-05-30,Новини,online,local,Про ЦНАП,https://n.example/1,ЦНАП\n")
    load(engine, "media", media)
    load(engine, "units", DATA / "units-uk.csv")
    with engine.connect() as connection:
        unit = connection.execute(select(units.c.code).join_from(
            media_mentions, units, units.c.id == media_mentions.c.unit_id)).scalar_one()
    assert unit == "02.1"


# --- KPI targets --------------------------------------------------------------------------------

def targets(engine) -> dict[tuple, float]:
    stmt = select(kpi_targets.c.kpi, kpi_targets.c.year, units.c.code, kpi_targets.c.target).join_from(
        kpi_targets, units, units.c.id == kpi_targets.c.unit_id, isouter=True)
    with engine.connect() as connection:
        return {(kpi, year, unit): target for kpi, year, unit, target in connection.execute(stmt)}


def test_targets_by_key_or_title_upserted_with_an_empty_unit_too(engine, tmp_path):
    load(engine, "units", DATA / "units.csv")
    summary = load(engine, "targets", DATA / "targets.csv")
    assert targets(engine) == {("press_conferences", 2019, None): 12, ("press_conferences", 2019, "02"): 4,
                               ("petitions_submitted", 2019, None): 30.5}
    assert summary.rows_written == 3
    other = written(tmp_path, "more.csv", "kpi,year,unit,target\npress_conferences,2019,,15\n")
    assert load(engine, "targets", other).rows_written == 1
    assert targets(engine)[("press_conferences", 2019, None)] == 15 and len(targets(engine)) == 3  # one row, not two
    load(engine, "targets", written(tmp_path, "again.csv", "kpi,year,unit,target\npress_conferences,2019,,12.0\n"))
    assert targets(engine)[("press_conferences", 2019, None)] == 12 and len(targets(engine)) == 3


@pytest.mark.parametrize(("body", "location", "reason"), [
    ("kpi,year,unit,target\nhappiness,2019,,1\n", "line 2, kpi", "unknown KPI 'happiness'; one of press_conferences, "),
    ("kpi,year,unit,target\ndecisions,19,,1\n", "line 2, year", "not a year from 1991 to "),
    ("kpi,year,unit,target\ndecisions,2019,,-1\n", "line 2, target", "not a number of 0 or more: '-1'"),
    ("kpi,year,unit,target\ndecisions,2019,,inf\n", "line 2, target", "not a number of 0 or more"),
    ("kpi,year,unit,target\ndecisions,2019,NOWHERE,1\n", "line 2, unit", "unknown unit 'NOWHERE'"),
    ("kpi,year,unit,target\ndecisions,2019,,1\nРішення скликання,2019,,2\n", "line 3",
     "the same KPI, year and unit as line 2"),
])
def test_a_bad_targets_file_stops_at_its_line(engine, tmp_path, body, location, reason):
    error = refused(engine, "targets", written(tmp_path, "bad.csv", body))
    assert error.location == f"bad.csv: {location}" and reason in error.reason, str(error)


# --- Decisions ----------------------------------------------------------------------------------

def decision_rows(engine) -> dict[str, dict]:
    with engine.connect() as connection:
        return {row.number: row._asdict() for row in connection.execute(select(decisions))}


def test_decisions_link_to_the_votes_that_adopted_them_whichever_comes_first(engine):
    load(engine, "units", DATA / "units.csv")
    summary = load(engine, "decisions", DATA / "decisions.csv")
    found = decision_rows(engine)
    assert {n: (d["convocation_id"], d["vote_id"]) for n, d in found.items()} == {
        "757/2": (None, None), "759": (None, None), "758": (None, None)}  # no votes, no convocation yet
    assert found["759"]["adopted_on"] == dt.date(2019, 5, 30) and found["757/2"]["published_on"] == dt.date(2019, 6, 3)
    assert "decisions linked to their roll-call vote: 0 now; 3 without one" in summary.notes
    summary = load(engine, "votes", CSV835)
    assert "2 decisions of the register linked to their roll-call vote" in summary.notes
    with engine.connect() as connection:
        vote_of = dict(connection.execute(select(decisions.c.number, decisions.c.vote_id)).all())
        source = {row.id: row.source_key for row in connection.execute(select(metadata.tables["votes"]))}
    assert {number: source.get(vote) for number, vote in vote_of.items()} == {
        "757/2": "csv835:2019-05-30-2", "759": "csv835:2019-05-30-4", "758": None}
    convocation = decision_rows(engine)["759"]["convocation_id"]
    assert convocation is not None  # the vote's convocation
    again = load(engine, "decisions", DATA.parent / "reference" / "decisions.csv")
    assert again.unchanged


def test_decisions_take_the_convocation_in_force_and_a_new_version_updates(engine, tmp_path):
    load(engine, "units", DATA / "units.csv")
    load(engine, "votes", CSV835)
    path = written(tmp_path, "register.csv", (DATA / "decisions.csv").read_text(encoding="utf-8"))
    load(engine, "decisions", path)
    found = decision_rows(engine)
    assert found["759"]["convocation_id"] is not None and found["759"]["vote_id"] is not None
    path.write_text("number,title,adopted_on,published_on,unit,url,convocation\n"
                    "759,Про оренду землі,2019-05-30,2019-06-10,,,8 скликання\n", encoding="utf-8")
    summary = load(engine, "decisions", path)
    found = decision_rows(engine)
    assert set(found) == {"759"} and found["759"]["published_on"] == dt.date(2019, 6, 10)
    assert summary.rows_written == 3  # one updated, two removed (no longer in the register)


@pytest.mark.parametrize(("body", "location", "reason"), [
    ("1,Про бюджет,2019-05-30,2019-05-29,,", "line 3, published_on", "2019-05-29 is before adopted_on 2019-05-30"),
    ("1,Про бюджет,2917-05-30,,,", "line 3, adopted_on", "2917-05-30 is outside the years an import accepts"),
    ("1,Про бюджет,,,,", "line 3", "empty adopted_on"),
    ("2,Про інше,2019-05-30,,,", "line 3", "the same decision (convocation and number) as line 2"),
    ("3,Про бюджет,2019-05-30,,,,9", "line 3, convocation", "convocation 9 is not in the database"),
    ("4" * 41 + ",Про бюджет,2019-05-30,,,", "line 3, number", "a number of more than 40 characters"),
])
def test_a_bad_register_stops_at_its_line(engine, tmp_path, body, location, reason):
    header = "number,title,adopted_on,published_on,unit,url" + (",convocation" if body.count(",") == 6 else "")
    good = "2,Про рішення,2019-05-30,,,," if body.count(",") == 6 else "2,Про рішення,2019-05-30,,,"
    error = refused(engine, "decisions", written(tmp_path, "bad.csv", f"{header}\n{good}\n{body}\n"))
    assert error.location == f"bad.csv: {location}" and reason in error.reason, str(error)


def test_a_vote_matches_a_decision_by_its_number_as_a_word_or_its_title():
    assert matches("123", "Про бюджет", "Про рішення № 123 в цілому")
    assert matches("24-1", "Про бюджет", "Рішення 24-1/VIII")
    assert not matches("12", "Про бюджет", "Про рішення № 123")
    assert matches("5", "Про  Бюджет ", "про бюджет")
    assert not matches("5", "Про бюджет", "Про бюджет на 2020 рік")
