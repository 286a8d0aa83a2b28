"""A direct link opened first after a restart still runs inside app.py: its menu, language switch and login gate."""

import pytest

from .conftest import PROJECT_ROOT, wait_for_run
from .harness import serve

pytestmark = pytest.mark.browser


def test_a_direct_link_first_after_start_gets_the_app_shell(demo_public_sqlite_url, tmp_path, page):
    with serve(PROJECT_ROOT, demo_public_sqlite_url, tmp_path / "server.log") as url:
        page.goto(f"{url}/factions?year=2017")
        wait_for_run(page)
        navigation = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']")
        navigation.get_by_text("Методологія").wait_for()
        assert navigation.get_by_text("data quality").count() == 0
        # the menu carries the filters: the chosen year travels to the next page
        link = navigation.filter(has_text="Методологія").locator("a").first
        assert "year=2017" in (link.get_attribute("href") or "")
        page.get_by_text("Мова").first.wait_for()
