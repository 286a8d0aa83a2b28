"""A reader opens the deputies' ranking, clicks a deputy and lands on the profile with the right attendance."""

import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.i18n import format_percent
from queries import deputies as q

from .conftest import wait_for_run, wait_for_text

pytestmark = pytest.mark.browser
DEPUTY = "Тимошенко Володимир Петрович"


def test_ranking_opens_a_profile(app_server, page, demo_sqlite_url):
    ranking = q.deputy_attendance(read_engine(demo_sqlite_url), Filters.for_year(2016))
    attendance = ranking.filter(ranking["deputy"] == DEPUTY)["attendance"][0]

    page.goto(f"{app_server}/deputies?year=2016")
    wait_for_run(page)
    wait_for_text(page, "Профілі депутатів за фракціями")
    page.get_by_role("link", name=DEPUTY).click()

    page.wait_for_url("**/deputy?*deputy=*")
    page.locator("[data-testid='stMain'] h1", has_text=DEPUTY).wait_for()
    wait_for_run(page)
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Відвідуваність").first
    value = metric.locator("[data-testid='stMetricValue']").inner_text()
    assert value.replace("\xa0", " ") == format_percent(attendance).replace("\xa0", " ")
    assert "year=2016" in page.url
