"""Consultation queries on both backends: known answers over the hand-written register (tests/data/consultations/
register.csv, answers in its README), and on the demo council the overview's card against the page's year table."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.schema import units
from queries import consultations as q
from queries.overview import kpi_values
from tests.support import PROJECT_ROOT, empty_database
from tests.test_import_consultations import UNITS

REGISTER = PROJECT_ROOT / "tests/data/consultations/register.csv"
YEAR = Filters.for_year(2017)
INTERNAL = Filters.for_year(2017, audience="internal")
TWO_YEARS = Filters(dt.date(2016, 1, 1), dt.date(2018, 12, 31))


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def fixture_engine(request, tmp_path_factory):
    """The hand-written register, imported into a database with three units, read through the read-only engine."""
    from dashboard.writer.importers import run_import

    writer = empty_database(request.param, request.node.name, tmp_path_factory.mktemp("cq"), "vidkryto_consult_q",
                            {units: UNITS})
    run_import(writer, "consultations", REGISTER, None, None)
    writer.dispose()
    return read_engine(writer.url.render_as_string(hide_password=False))


def test_the_summary_of_a_year_as_of_its_last_day(fixture_engine):
    row = q.summary(fixture_engine, YEAR).row(0, named=True)
    assert (row["consultations"], row["online_poll"], row["responses"]) == (6, 4, 1_988)
    assert (row["published"], row["awaiting"], row["ongoing"]) == (3, 2, 1)
    assert row["share_published"] == pytest.approx(3 / 5) and row["median_results_days"] == 14
    internal = q.summary(fixture_engine, INTERNAL).row(0, named=True)  # and the unpublished draft
    assert (internal["consultations"], internal["online_poll"], internal["awaiting"]) == (7, 5, 3)
    assert internal["share_published"] == pytest.approx(3 / 6)


def test_per_year_where_each_stands_on_the_periods_last_day(fixture_engine):
    years = q.by_year(fixture_engine, TWO_YEARS)
    assert years.select("year", "consultations", "online_poll", "published", "awaiting", "ongoing").rows() == [
        (2016, 3, 1, 2, 0, 1), (2017, 6, 4, 4, 2, 0)]  # as of 31.12.2018 the budget's results are out
    assert years["share_published"].to_list() == pytest.approx([1, 4 / 6])
    assert years["median_results_days"].to_list() == [20, 17.5]  # parking's results predate its end: no days


def test_per_unit_with_no_unit_last(fixture_engine):
    per_unit = q.by_unit(fixture_engine, YEAR)
    assert per_unit.select("unit", "consultations", "published", "awaiting", "ongoing").rows() == [
        ("ECON", 2, 1, 1, 0), ("HOUSING", 2, 1, 1, 0), ("EXEC", 1, 1, 0, 0), (None, 1, 0, 0, 1)]
    assert per_unit["share_published"].to_list()[:3] == pytest.approx([0.5, 0.5, 1]) and per_unit["share_published"][3] is None
    assert per_unit["median_results_days"].to_list() == [10, 30, 14, None]
    head = q.by_unit(fixture_engine, Filters.for_year(2017, audience="internal", own_units=("EXEC",)))
    assert head.row(0, named=True) == {  # own unit first, with its unpublished draft
        "unit": "EXEC", "consultations": 2, "online_poll": 2, "responses": 462, "published": 1, "awaiting": 1,
        "ongoing": 0, "share_published": 0.5, "median_results_days": 14}


def test_days_to_the_results_or_awaiting_them_longest_first(fixture_engine):
    times = q.results_times(fixture_engine, YEAR)
    assert times.select("title", "status", "days").rows() == [
        ("Перейменування вулиці Садової", "awaiting", 184), ("Схема руху громадського транспорту", "published", 30),
        ("Обговорення Стратегії розвитку міста", "published", 14), ("Громадський бюджет: вибір проєктів", "awaiting", 11),
        ("Опитування щодо мережі шкіл", "published", 10)]
    assert set(times["as_of"]) == {dt.date(2017, 12, 31)}
    later = q.results_times(fixture_engine, TWO_YEARS, status="awaiting")
    assert later.select("unit", "days").rows() == [("HOUSING", 549), (None, 334)]


def test_the_list_and_the_status_filter(fixture_engine):
    listed = q.consultation_list(fixture_engine, YEAR)
    assert listed.height == 6 and "is_public" not in listed.columns
    assert listed["started_on"].to_list() == sorted(listed["started_on"].to_list(), reverse=True)
    budget = listed.filter(pl.col("title").str.starts_with("Громадський бюджет")).row(0, named=True)
    assert (budget["status"], budget["results_published_on"], budget["results_days"], budget["waiting_days"]) == (
        "awaiting", dt.date(2018, 1, 10), 21, 11)  # out only after the year: awaited 11 days on its last day
    rules = listed.filter(pl.col("unit").is_null()).row(0, named=True)
    assert (rules["status"], rules["waiting_days"], rules["responses"], rules["online_poll"]) == ("ongoing", None, 96, True)
    awaiting = q.consultation_list(fixture_engine, YEAR, status="awaiting")
    assert awaiting["title"].to_list() == ["Громадський бюджет: вибір проєктів", "Перейменування вулиці Садової"]
    assert q.summary(fixture_engine, YEAR, status="published").row(0, named=True)["share_published"] == 1
    internal = q.consultation_list(fixture_engine, INTERNAL)
    draft = internal.filter(~pl.col("is_public")).row(0, named=True)
    assert (draft["title"], draft["waiting_days"]) == ("Програма інформатизації (чернетка)", 204)


def test_the_unit_filter_and_today(fixture_engine):
    housing = q.by_year(fixture_engine, Filters(dt.date(2016, 1, 1), dt.date(2018, 12, 31), units=("HOUSING",)))
    assert housing.select("year", "consultations", "online_poll").rows() == [(2016, 1, 1), (2017, 2, 1)]
    until_later = Filters(dt.date(2016, 1, 1), dt.date(2100, 12, 31))
    assert q.as_of(until_later) == dt.date.today()  # a period reaching past today is read as of today
    waited = q.results_times(fixture_engine, until_later)
    assert waited.filter(pl.col("title") == "Перейменування вулиці Садової")["days"][0] == (
        dt.date.today() - dt.date(2017, 6, 30)).days


def test_a_year_without_consultations(fixture_engine):
    empty = Filters.for_year(2015)
    row = q.summary(fixture_engine, empty).row(0, named=True)
    assert (row["consultations"], row["share_published"], row["median_results_days"]) == (0, None, None)
    assert q.by_year(fixture_engine, empty).is_empty() and q.consultation_list(fixture_engine, empty).is_empty()


@pytest.mark.parametrize("units", [(), ("HOUSING",)], ids=["council", "one-unit"])
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_overview_card_is_the_pages_year_table(demo_engine, units, audience):
    """The card «Консультації з онлайн-опитуванням» gives the page's own `online_poll` per year, 2017 the report's 3."""
    filters = Filters(dt.date(2015, 1, 1), dt.date(2020, 12, 31), units, audience)
    cards = kpi_values(demo_engine, filters).filter(pl.col("kpi") == "consultations_online")
    page = q.by_year(demo_engine, filters)
    online = dict(page.select("year", "online_poll").iter_rows())
    assert set(online) <= set(cards["year"])  # a year the unit has none of is the card's honest 0
    assert dict(cards.select("year", "value").iter_rows()) == {year: online.get(year, 0) for year in cards["year"]}
    if not units and audience == "public":
        assert page.filter(pl.col("year") == 2017)["online_poll"][0] == 3
