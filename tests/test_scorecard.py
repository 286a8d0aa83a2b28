"""The openness scorecard: decisions on time counted by hand on a small register (on time, late, never published,
dated before adoption), roll calls on a hand-made day of votes (one without a list, one unpublished, one whose list a
corrected file removes) through import and publish, the Python rule against its SQL twin and the writer's roll-call
flag against the choices on the demo, and each share equal to the one its own page shows, on both backends. The
council's own files: tests/test_council_walkthrough.py."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import exists, select, update

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.metrics.petitions import working_days_joined
from dashboard.metrics.scorecard import INDICATORS, decision_on_time, decision_on_time_sql
from dashboard.schema import decisions, vote_choices, votes
from dashboard.writer.importers import run_import
from dashboard.writer.importers.petitions import calendar_last, extend_calendar
from dashboard.writer.public_database import publish
from queries import consultations, petitions, procurement
from queries.scorecard import lowering, scorecard
from tests.support import empty_database, postgres_database

YEAR = Filters.for_year(2026)
REGISTER = [  # (number, adopted_on, published_on): the rule's answer
    ("1", dt.date(2026, 3, 19), dt.date(2026, 3, 23)),   # Thu -> Mon: 2 working days, on time
    ("2", dt.date(2026, 3, 19), dt.date(2026, 3, 30)),   # 7 working days: late
    ("3", dt.date(2026, 3, 19), None),                   # never published
    ("4", dt.date(2026, 2, 12), dt.date(2026, 2, 11)),   # published before adoption: a data error, not on time
    ("5", dt.date(2025, 12, 30), dt.date(2026, 1, 9)),   # another year (the year before)
]


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def engine(request, tmp_path_factory):
    rows = [{"number": number, "title": f"Рішення {number}", "adopted_on": adopted, "published_on": published}
            for number, adopted, published in REGISTER]
    writer = empty_database(request.param, request.node.name, tmp_path_factory.mktemp("sc"), "vidkryto_scorecard",
                            {decisions: rows})
    with writer.begin() as connection:
        extend_calendar(connection, dt.date(2025, 1, 1), calendar_last(dt.date(2026, 12, 31)))
    writer.dispose()
    return read_engine(writer.url.render_as_string(hide_password=False))


def test_decisions_on_time_counted_by_hand(engine):
    card = {row["indicator"]: row for row in scorecard(engine, YEAR).iter_rows(named=True)}
    assert list(card) == list(INDICATORS)
    decided = card["decisions_on_time"]
    assert (decided["numerator"], decided["denominator"], decided["share"]) == (1, 4, 0.25)
    assert decided["previous_share"] == 0  # 30.12.2025 -> 09.01.2026: eight working days, late
    assert card["roll_calls"]["share"] is None  # nothing to count is no share, never 0 %
    rows = lowering(engine, YEAR).filter(indicator="decisions_on_time")
    assert sorted(zip(rows["what"].str.slice(0, 1), rows["why"])) == [
        ("2", "published_late"), ("3", "not_published"), ("4", "published_late")]


def test_the_rule_and_its_sql_twin_agree_on_the_demo(demo_engine):
    joined, days = working_days_joined(decisions, decisions.c.adopted_on, decisions.c.published_on)
    on_time = decision_on_time_sql(decisions.c.adopted_on, decisions.c.published_on, days).label("on_time")
    with demo_engine.connect() as connection:
        found = connection.execute(select(decisions.c.adopted_on, decisions.c.published_on, on_time)
                                   .select_from(joined)).all()
    assert len(found) > 1000
    assert [bool(row.on_time) for row in found] == [decision_on_time(row.adopted_on, row.published_on) for row in found]


def _vote_file(folder, number: int, choices: list[str]):
    """One e-voting file of 19.03.2026 whose list holds a deputy per choice («За», «Проти», «.........» for absent)."""
    counts = {word: sum(choice.startswith(word) for choice in choices) for word in ("За", "Проти", "Утрим", "Не гол")}
    (folder / f"260319_{number}.json").write_text(json.dumps({
        "SName": "Пленарне засідання 5 сесія 9 скликання", "GLTime": f"19.03.2026 10:{number:02d}:00",
        "PD_NPP": str(number), "GL_Text": f"Про питання {number}", "RESULT": " РІШЕННЯ ПРИЙНЯТЕ ",
        "DPList": [{"DPName": f"Депутат{chr(1040 + slot)} А. Б.", "DPGolos": choice} for slot, choice in enumerate(choices)],
        "YESCnt": counts["За"], "NOCnt": counts["Проти"], "UTRCnt": counts["Утрим"], "NGCnt": counts["Не гол"],
        "TotalCnt": sum(counts.values())}, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("backend", ("sqlite", "postgresql"))
def test_roll_calls_counted_by_hand_through_import_and_publish(backend, request, tmp_path):
    """Vote 1 loses its list to a corrected file, vote 2 never had one, vote 3 is unpublished with its list, vote 4 is
    published with its list: the public counts 1 of 3 (votes 1 and 2 lower it), the council 1 of 4 (and vote 3)."""
    writer = empty_database(backend, request.node.name, tmp_path, "vidkryto_roll_calls")
    folder = tmp_path / "2026-03-19"
    folder.mkdir()
    for number, choices in ((1, ["За", "Проти"]), (2, []), (3, ["За", "........."]), (4, ["За", "За"])):
        _vote_file(folder, number, choices)
    run_import(writer, "votes", folder, None, None)
    with writer.begin() as connection:  # an editor holds vote 3 back
        connection.execute(update(votes).where(votes.c.source_key == "evoting:260319_3").values(is_public=False))
    _vote_file(folder, 1, [])
    assert run_import(writer, "votes", folder, None, None).rows_written == 1
    target = (f"sqlite:///{tmp_path / 'public.sqlite'}" if backend == "sqlite"
              else postgres_database(f"vidkryto_roll_calls_public_{request.node.name[-12:-1]}"))
    publish(writer, target)

    recorded = exists().where(vote_choices.c.vote_id == votes.c.id)
    with writer.connect() as connection:
        flags = connection.execute(select(votes.c.source_key, votes.c.choices_recorded, recorded)
                                   .order_by(votes.c.source_key)).all()
    assert [(key[-1], bool(flag), bool(raw)) for key, flag, raw in flags] == [
        ("1", False, False), ("2", False, False), ("3", True, True), ("4", True, True)]
    writer.dispose()
    for url, audience, answer, lowered in ((writer.url, "internal", (1, 4), ["1", "2", "3"]),
                                           (writer.url, "public", (1, 3), ["1", "2"]),
                                           (target, "public", (1, 3), ["1", "2"])):
        engine = read_engine(url if isinstance(url, str) else url.render_as_string(hide_password=False))
        year = Filters.for_year(2026, audience=audience)
        card = scorecard(engine, year).filter(indicator="roll_calls").row(0, named=True)
        assert (card["numerator"], card["denominator"]) == answer, (url, audience)
        rows = lowering(engine, year).filter(indicator="roll_calls")
        assert sorted(rows["what"].str.slice(-1)) == lowered, (url, audience)
        assert set(rows["why"]) == {"roll_call_missing"}


def test_the_roll_call_flag_is_the_choices_on_the_demo(demo_engine):
    """The writer's flag against the rule it stands for (a choice recorded) on every vote of the demo."""
    recorded = exists().where(vote_choices.c.vote_id == votes.c.id)
    with demo_engine.connect() as connection:
        found = connection.execute(select(votes.c.choices_recorded, recorded)).all()
    assert len(found) > 1000
    assert [bool(flag) for flag, _ in found] == [bool(raw) for _, raw in found]


@pytest.mark.parametrize("filters", (Filters.for_year(2017), Filters.for_year(2018, units=("EDU",)),
                                     Filters.for_year(2019, audience="internal")))
def test_each_share_is_the_one_its_page_shows(demo_engine, filters):
    card = {row["indicator"]: row["share"] for row in scorecard(demo_engine, filters).iter_rows(named=True)}
    assert card["petitions_on_time"] == pytest.approx(petitions.petitions_summary(demo_engine, filters)["share_on_time"][0])
    assert card["consultation_results"] == pytest.approx(consultations.summary(demo_engine, filters)["share_published"][0])
    assert card["open_procurement"] == pytest.approx(
        procurement.indicators(demo_engine, filters)["competitive_value_share"][0])
    assert all(0 <= share <= 1 for share in card.values() if share is not None)


@pytest.mark.parametrize("limit", (1, 5, 200))
def test_the_lowering_rows_a_page_lists_are_the_first_of_them_all(demo_engine, limit):
    """With a limit each part is cut in the database; the rows are still the first of the whole list, ties of a day
    in byte order as the frame sorts them."""
    every = lowering(demo_engine, Filters.for_year(2017))
    assert every.height > 200
    assert lowering(demo_engine, Filters.for_year(2017), limit=limit).equals(every.head(limit))


@pytest.mark.parametrize("backend", ("sqlite", "postgresql"))
def test_sessions_have_nothing_to_count_until_streams_are_imported(backend, request, tmp_path):
    """A council that loaded its votes but not its live streams is not told that its sessions went unstreamed."""
    writer = empty_database(backend, request.node.name, tmp_path, "vidkryto_sessions_streamed")
    folder = tmp_path / "2026-03-19"
    folder.mkdir()
    _vote_file(folder, 1, ["За", "За"])
    run_import(writer, "votes", folder, None, None)
    engine = read_engine(writer.url.render_as_string(hide_password=False))

    def sessions() -> tuple[tuple, list]:
        card = scorecard(engine, YEAR).filter(indicator="sessions_streamed").row(0, named=True)
        return (card["numerator"], card["denominator"], card["share"]), lowering(engine, YEAR).filter(
            indicator="sessions_streamed")["why"].to_list()

    assert sessions() == ((0, 0, None), [])
    streams = tmp_path / "streams.csv"
    streams.write_text("started_at,kind,title,platform,url,views\n"
                       "2026-02-10 11:00,press_conference,Прес-конференція,YouTube,https://v.example/1,10\n")
    run_import(writer, "streams", streams, None, None)
    assert sessions() == ((0, 1, 0.0), ["not_streamed"])  # streams loaded: the session's day had none
    streams.write_text(streams.read_text() + "2026-03-19 10:00,plenary,Сесія,YouTube,https://v.example/2,40\n")
    run_import(writer, "streams", streams, None, None)
    assert sessions() == ((1, 1, 1.0), [])
