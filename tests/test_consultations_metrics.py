"""Consultation formulas: a consultation's identity, where it stands on a day, days to its results or awaiting them,
the published share; each SQL twin against its Python formula on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Date, literal, select

from dashboard.db import write_engine
from dashboard.metrics.consultations import (
    consultation_identity,
    published_share,
    published_share_sql,
    results_days,
    results_days_sql,
    status,
    status_sql,
    waiting_days,
    waiting_days_sql,
)
from tests.support import postgres_database

D = dt.date
DAY = D(2026, 3, 10)


def test_a_consultation_is_its_url_else_its_start_and_title():
    assert consultation_identity("https://www.Vyshneve.example/c/1/", DAY, "X") == "url:vyshneve.example/c/1"
    assert consultation_identity("http://vyshneve.example/c/1", D(2020, 1, 1), "Y") == "url:vyshneve.example/c/1"
    assert consultation_identity(None, DAY, "  Обговорення   «Стратегії» ") == "item:2026-03-10|обговорення стратегії"
    assert consultation_identity("", DAY, "A") != consultation_identity("", DAY + dt.timedelta(days=1), "A")


def test_where_a_consultation_stands_on_a_day():
    ended, published = D(2026, 3, 2), D(2026, 3, 16)
    assert status(ended, published, D(2026, 4, 1)) == "published"
    assert status(ended, published, D(2026, 3, 16)) == "published"  # on the day they came out
    assert status(ended, published, D(2026, 3, 15)) == "awaiting"   # ended, results not out yet
    assert status(ended, None, D(2026, 3, 2)) == "awaiting"         # owed from its last day
    assert status(ended, None, D(2026, 3, 1)) == "ongoing"
    assert status(None, None, D(2030, 1, 1)) == "ongoing"           # no end date: still running
    assert status(None, published, D(2026, 4, 1)) == "published"


def test_days_to_the_results_and_awaiting_them():
    ended = D(2026, 3, 2)
    assert results_days(ended, D(2026, 3, 16)) == 14
    assert results_days(ended, ended) == 0
    assert results_days(None, D(2026, 3, 16)) is None and results_days(ended, None) is None
    assert results_days(ended, D(2026, 2, 20)) is None  # results dated before the end: unknown, never negative
    assert waiting_days(ended, None, D(2026, 4, 1)) == 30
    assert waiting_days(ended, D(2026, 3, 16), D(2026, 4, 1)) is None  # published
    assert waiting_days(ended, D(2026, 3, 16), D(2026, 3, 10)) == 8     # published only later
    assert waiting_days(None, None, D(2026, 4, 1)) is None              # no end: ongoing
    assert waiting_days(D(2026, 5, 1), None, D(2026, 4, 1)) is None     # still running


def test_the_published_share_counts_the_results_owed():
    assert published_share(2, 1) == pytest.approx(2 / 3)
    assert published_share(0, 3) == 0
    assert published_share(0, 0) is None


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def engine(request, tmp_path_factory):
    """An empty database on each backend: the twins are plain expressions over literals."""
    url = (f"sqlite:///{tmp_path_factory.mktemp('consult') / 'formulas.sqlite'}" if request.param == "sqlite"
           else postgres_database("vidkryto_consultation_formulas"))
    engine = write_engine(url)
    yield engine
    engine.dispose()


CASES = [  # (ended, results published, the day)
    (D(2017, 3, 2), D(2017, 3, 16), D(2017, 12, 31)), (D(2017, 3, 2), D(2017, 3, 16), D(2017, 3, 10)),
    (D(2017, 3, 2), None, D(2017, 12, 31)), (D(2017, 3, 2), None, D(2017, 3, 2)), (D(2017, 3, 2), None, D(2017, 2, 1)),
    (None, None, D(2017, 12, 31)), (None, D(2017, 5, 1), D(2017, 12, 31)), (D(2017, 3, 2), D(2017, 2, 20), D(2018, 1, 1)),
    (D(2016, 12, 20), D(2017, 1, 9), D(2016, 12, 31)), (D(2020, 2, 1), D(2020, 3, 2), D(2020, 12, 31)),
]


@pytest.mark.parametrize("ended, published, day", CASES)
def test_sql_twins_agree_with_python(engine, ended, published, day):
    end, out = literal(ended, Date()), literal(published, Date())
    dialect = engine.dialect.name
    stmt = select(status_sql(end, out, day).label("status"), results_days_sql(end, out, dialect).label("days"),
                  waiting_days_sql(end, out, day, dialect).label("waiting"))
    with engine.connect() as connection:
        row = connection.execute(stmt).one()
    assert (row.status, row.days, row.waiting) == (status(ended, published, day), results_days(ended, published),
                                                   waiting_days(ended, published, day))


@pytest.mark.parametrize("published, awaiting", [(2, 1), (0, 3), (0, 0), (5, 0)])
def test_the_share_in_sql_agrees_with_python(engine, published, awaiting):
    with engine.connect() as connection:
        found = connection.execute(select(published_share_sql(literal(published), literal(awaiting)))).scalar_one()
    assert found == pytest.approx(published_share(published, awaiting))
