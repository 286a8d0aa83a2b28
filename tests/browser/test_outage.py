"""The database stops while the app runs: a scratch PostgreSQL cluster of the test's own, stopped and started
again under a page open in Chromium.

During the outage a download says so in the page's language, the next page run shows the database message
(no traceback), and once the cluster is back the page draws itself again without a reload. The fast checks
under AppTest need no cluster: a database on a closed port, a SQLite file taken away after the page drew.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from sqlalchemy import create_engine, text

from dashboard.i18n import t
from tests.conftest import build_demo

from .conftest import PROJECT_ROOT, wait_for_run, wait_for_text
from .harness import free_port, serve

RECOVERY_TIMEOUT_MS = 45_000
"""The page's own retry asks every 5 s; a page run and drawing under load take the rest."""


class Cluster(NamedTuple):
    version: str
    name: str
    port: int

    def ctl(self, action: str) -> None:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "-m", "fast", self.version, self.name, action],
                       check=True, capture_output=True, timeout=60)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture
def scratch_cluster():
    """A PostgreSQL cluster on a free port, trust authentication, dropped after the test (Debian's
    postgresql-common: needs root or the postgres user)."""
    versions = sorted(os.listdir("/etc/postgresql"), key=float) if Path("/etc/postgresql").is_dir() else []
    if not versions or not shutil.which("pg_createcluster") or os.geteuid() != 0:
        reason = "a scratch cluster needs Debian's pg_createcluster run as root"
        if os.environ.get("VIDKRYTO_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    cluster = Cluster(versions[-1], f"vidkryto_outage_{os.getpid()}", free_port())
    subprocess.run(["pg_createcluster", cluster.version, cluster.name, "-p", str(cluster.port), "--",
                    "--auth=trust"], check=True, capture_output=True, timeout=120)
    try:
        cluster.ctl("start")
        admin = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/postgres",
                              isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE vidkryto"))
        admin.dispose()
        yield cluster
    finally:
        subprocess.run(["pg_dropcluster", "--stop", cluster.version, cluster.name], capture_output=True, timeout=60)


@pytest.mark.browser
def test_an_outage_is_said_and_the_page_recovers_by_itself(scratch_cluster, tmp_path, page):
    database = build_demo(scratch_cluster.url("vidkryto"))
    # The internal edition as a local demo: it reads the council's database as the superuser that built it.
    with serve(PROJECT_ROOT, database, tmp_path / "server.log", "internal", local_demo="true") as url:
        page.goto(f"{url}/votes?year=2017")
        wait_for_run(page)
        page.evaluate("window.vidkrytoNotReloaded = true")
        popover = page.get_by_test_id("stPopover").last.locator("button")
        popover.scroll_into_view_if_needed()
        popover.click()
        buttons = page.locator("[data-testid='stDownloadButton'] button:visible")
        buttons.first.wait_for(state="visible")

        scratch_cluster.ctl("stop")
        buttons.first.click()
        wait_for_text(page, t("download_db_unavailable", "uk"))
        page.keyboard.press("Escape")

        # The next page run (another page from the menu: its queries are not cached) meets the outage.
        menu = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']")
        menu.filter(has_text=t("page_petitions", "uk")).locator("a").first.click()
        wait_for_text(page, t("db_unavailable", "uk"))
        assert page.get_by_test_id("stException").count() == 0

        scratch_cluster.ctl("start")
        page.get_by_text(t("db_unavailable", "uk")).first.wait_for(state="detached", timeout=RECOVERY_TIMEOUT_MS)
        wait_for_run(page)
        assert page.locator("[data-testid='stMain'] h1").first.inner_text() == t("page_petitions", "uk")
        assert page.evaluate("window.vidkrytoNotReloaded === true"), "the page was reloaded"
        assert page.get_by_test_id("stException").count() == 0

        # A download asked for now is made.
        popover = page.get_by_test_id("stPopover").last.locator("button")
        popover.scroll_into_view_if_needed()
        popover.click()
        with page.expect_download() as download:
            page.locator("[data-testid='stDownloadButton'] button:visible").first.click()
        assert Path(download.value.path()).stat().st_size > 0
        assert page.get_by_text(t("download_db_unavailable", "uk")).count() == 0


def test_a_database_that_does_not_answer_is_a_message_with_its_retry(run_page):
    app = run_page("pages/petitions.py", "internal", database_url="postgresql://postgres@127.0.0.1:1/vidkryto")
    assert not app.exception
    assert [error.value for error in app.error] == [t("db_unavailable", "uk")]
    assert [button.label for button in app.button] == [t("retry", "uk")]
    app.button[0].click().run()
    assert not app.exception and [error.value for error in app.error] == [t("db_unavailable", "uk")]


@pytest.mark.parametrize("page_path", ["pages/votes.py", "pages/report.py"])  # a dataset's files, the report's
def test_a_download_clicked_while_the_database_is_away_says_so(run_page, demo_public_sqlite_url, tmp_path, page_path):
    copy = tmp_path / "public.sqlite"
    shutil.copyfile(demo_public_sqlite_url.removeprefix("sqlite:///"), copy)
    app = run_page(page_path, database_url=f"sqlite:///{copy}", year="2017")
    assert not app.exception and app.download_button
    copy.unlink()
    app.download_button[0].click().run()
    assert not app.exception
    assert t("download_db_unavailable", "uk") in [error.value for error in app.error]
