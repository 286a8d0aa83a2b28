"""A part below the first screen in the browser: closed on a first visit (its chart not drawn), opened by a click,
which the link keeps, so a reload or a shared link shows it open."""

import pytest

from .conftest import wait_for_run

pytestmark = pytest.mark.browser


def test_a_click_opens_a_part_and_the_link_keeps_it(app_server, page):
    page.goto(f"{app_server}/votes?year=2017")
    wait_for_run(page)
    charts = page.locator("[data-testid='stPlotlyChart']")
    assert charts.count() == 1 and "open=" not in page.url
    page.locator("[data-testid='stExpander'] summary", has_text="Відрив від більшості та підрозділи").click()
    page.wait_for_url("**open=margins*")
    wait_for_run(page)
    assert charts.count() == 3
    page.reload()
    wait_for_run(page)
    assert charts.count() == 3 and "open=margins" in page.url
