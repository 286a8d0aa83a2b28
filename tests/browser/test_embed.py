"""A newsroom embeds one chart: in Chromium the embed address draws that chart alone (no menu, no other chart),
with its source line and a link back, and asks no host but the dashboard's own."""

from urllib.parse import urlsplit

import pytest

from .conftest import wait_for_run, wait_for_text

pytestmark = pytest.mark.browser


def test_an_embedded_chart_is_drawn_alone(app_server, page):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{app_server}/procurement?year=2017&embed=true&chart=procurement_by_method")
    wait_for_run(page)
    wait_for_text(page, "Джерело: «Відкрито», сторінка «Закупівлі»")
    visible = [chart for chart in page.locator("[data-testid='stPlotlyChart']").all() if chart.is_visible()]
    assert len(visible) == 1
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    back = page.get_by_role("link", name="Відкрити повну сторінку")
    assert "embed" not in back.get_attribute("href") and "year=2017" in back.get_attribute("href")
    assert hosts <= {urlsplit(app_server).netloc}
