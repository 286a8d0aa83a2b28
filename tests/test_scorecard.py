"""The openness scorecard: decisions on time counted by hand on a small register (on time, late, never published,
dated before adoption), the Python rule against its SQL twin on the demo, and each share equal to the one its own
page shows, on both backends. The council's own files: tests/test_council_walkthrough.py."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.metrics.petitions import working_days_joined
from dashboard.metrics.scorecard import INDICATORS, decision_on_time, decision_on_time_sql
from dashboard.schema import decisions
from dashboard.writer.importers.petitions import calendar_last, extend_calendar
from queries import consultations, petitions, procurement
from queries.scorecard import lowering, scorecard
from tests.support import empty_database

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
