"""The period filter's years: from the first to the last fact within the plausible window, on both backends."""

import datetime as dt

import pytest

from dashboard.db import read_engine
from dashboard.filters import year_window
from dashboard.schema import site_traffic_daily
from dashboard.settings import load_settings
from queries.periods import data_years
from tests.support import BACKENDS, empty_database


def test_demo_years_run_from_first_to_last_fact(demo_engine):
    assert data_years(demo_engine) == [2015, 2016, 2017, 2018, 2019, 2020]
    assert data_years(demo_engine, (2016, 2018)) == [2016, 2017, 2018]


@pytest.mark.parametrize("backend", BACKENDS)
def test_facts_outside_the_window_add_no_year(backend, request, tmp_path):
    """A day dated 9999-12-31 or 1900 (as an old import may have left it) is no year of the filter; an empty
    database has none."""
    engine = empty_database(backend, request.node.name, tmp_path, "vidkryto_periods")
    url = engine.url.render_as_string(hide_password=False)
    assert data_years(read_engine(url)) == []
    with engine.begin() as connection:
        connection.execute(site_traffic_daily.insert(), [
            {"day": day, "visitors": 1, "pageviews": 1}
            for day in (dt.date(1900, 1, 1), dt.date(2017, 3, 1), dt.date(2018, 5, 2), dt.date(9999, 12, 31))])
    assert data_years(read_engine(url)) == [2017, 2018]
    assert data_years(read_engine(url), (2018, 2030)) == [2018]
    engine.dispose()


def test_the_window_runs_from_1991_to_the_next_year_unless_set(monkeypatch):
    assert year_window(load_settings()) == (1991, dt.date.today().year + 1)
    monkeypatch.setenv("VIDKRYTO_IMPORT_LAST_YEAR", "2020")
    assert year_window(load_settings()) == (1991, 2020)
