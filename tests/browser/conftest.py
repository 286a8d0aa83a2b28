"""Browser tests: the app served by Streamlit on a free port over the demo SQLite file, driven by Debian's Chromium.

`app_server` (session scope) starts `streamlit run app.py` once and returns its base URL; `page` is a fresh
Chromium tab. The wait helpers know when Streamlit has finished a run, so tests never sleep blindly.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
START_TIMEOUT_S = 60
RUN_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve(database_url: str, log_dir: Path, audience: str = "public"):
    """`streamlit run app.py` on a free port over the database; yields the base URL, stops the server after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = log_dir / f"server-{port}.log"
    env = {**os.environ, "VIDKRYTO_DATABASE_URL": database_url, "VIDKRYTO_AUDIENCE": audience}
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Streamlit did not start on {url}:\n{log_path.read_text()}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def app_server(demo_sqlite_url, tmp_path_factory) -> str:
    """The dashboard (public audience) on the demo council, one server for the whole session."""
    with serve(demo_sqlite_url, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


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
    """Until Streamlit has drawn the page and no script run is in progress."""
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_selector("[data-testid='stMain'] h1")
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")"
        " && !document.querySelector(\"[data-testid='stSkeleton']\")")


def wait_for_text(page: Page, text: str) -> None:
    """Until the text is visible on the page."""
    page.get_by_text(text, exact=False).first.wait_for(state="visible")
