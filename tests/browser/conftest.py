"""Browser tests: the app served by Streamlit on a free port over the demo's public SQLite file, driven by Debian's Chromium.

`app_server` (session scope) starts `streamlit run app.py` once (harness.serve) and returns its base URL;
`page` is a fresh Chromium tab. The wait helpers know when Streamlit has finished a run, so tests never
sleep blindly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from dashboard.navigation import BY_NAME

from .harness import CHROMIUM, CHROMIUM_ARGS, serve, wait_drawn

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def app_server(demo_public_sqlite_url, tmp_path_factory) -> str:
    """The dashboard (public audience) on the demo council's public database, one server for the whole session."""
    with serve(PROJECT_ROOT, demo_public_sqlite_url, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def internal_app_server(demo_sqlite_url, tmp_path_factory) -> str:
    """The internal edition on the demo council as a local demo (no login: it sees everything), for the pages
    only the internal edition has."""
    with serve(PROJECT_ROOT, demo_sqlite_url, tmp_path_factory.mktemp("streamlit") / "internal.log", "internal",
               local_demo="true") as url:
        yield url


@pytest.fixture
def server_of(request):
    """`server_of(page)`: the base URL of the edition that has the page (internal pages: the internal edition's)."""
    return lambda name: request.getfixturevalue("internal_app_server" if BY_NAME[name].internal else "app_server")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (make chromium)"
        if os.environ.get("VIDKRYTO_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="uk-UA")
    tab = context.new_page()
    tab.set_default_timeout(RUN_TIMEOUT_MS)
    yield tab
    context.close()


def wait_for_run(page: Page) -> None:
    """Until Streamlit has finished the script run and the page is fully drawn (harness.DRAWN)."""
    wait_drawn(page, RUN_TIMEOUT_MS)


def wait_for_text(page: Page, text: str) -> None:
    """Until the text is visible on the page."""
    page.get_by_text(text, exact=False).first.wait_for(state="visible")
