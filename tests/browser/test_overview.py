"""A reader opens the overview for 2017 in Chromium and finds the KPI values the queries give."""

import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.i18n import format_number
from queries.overview import kpi_values

from .conftest import wait_for_run, wait_for_text

pytestmark = pytest.mark.browser


def test_overview_shows_the_years_kpis(app_server, page, demo_sqlite_url):
    values = kpi_values(read_engine(demo_sqlite_url), Filters.for_year(2017))
    press = values.filter(values["kpi"] == "press_conferences")["value"][0]
    decisions = values.filter(values["kpi"] == "decisions")["value"][0]

    page.goto(f"{app_server}/?year=2017")
    wait_for_run(page)
    wait_for_text(page, "Прес-конференції")
    card = page.locator("[data-testid='stMetric']").filter(has_text="Прес-конференції").first
    assert card.locator("[data-testid='stMetricValue']").inner_text().startswith(format_number(press))
    decisions_card = page.locator("[data-testid='stMetric']").filter(has_text="Рішення").first
    assert decisions_card.locator("[data-testid='stMetricValue']").inner_text().replace("\xa0", " ").startswith(
        format_number(decisions).replace("\xa0", " "))
