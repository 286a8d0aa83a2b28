"""Shared fixtures: the demo council on SQLite and PostgreSQL, read-only engines, and an AppTest runner.

Like Datasette's test suite: one fixture database built once per session, one test module per feature.
PostgreSQL tests skip with a visible reason when no server answers, unless VIDKRYTO_REQUIRE_POSTGRES=1
(CI), where they fail instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from dashboard.db import read_engine, write_engine
from dashboard.navigation import PAGES
from dashboard.schema import metadata
from dashboard.writer import demo

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SEED = 2017
POSTGRES_ADMIN_URL = os.environ.get("VIDKRYTO_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")


def postgres_database(name: str) -> str:
    """Create (anew) a PostgreSQL database for tests and return its URL; skip or fail when no server answers."""
    try:
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as error:  # noqa: BLE001 - any failure to reach the server means the same here
        reason = f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {str(error).splitlines()[0]}"
        if os.environ.get("VIDKRYTO_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def build_demo(url: str) -> str:
    engine = write_engine(url)
    metadata.create_all(engine)
    demo.build(engine, scale=1, seed=DEMO_SEED)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def demo_sqlite_url(tmp_path_factory) -> str:
    """The demo council in a SQLite file, built once per test session."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    return build_demo(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def demo_postgres_url() -> str:
    """The demo council in a PostgreSQL database of its own, built once per test session."""
    return build_demo(postgres_database(f"vidkryto_demo_{_worker()}"))


@pytest.fixture(params=BACKENDS)
def demo_url(request) -> str:
    """The demo council's URL on each backend: query tests run twice."""
    return request.getfixturevalue({"sqlite": "demo_sqlite_url", "postgresql": "demo_postgres_url"}[request.param])


@pytest.fixture
def demo_engine(demo_url):
    """The dashboard's read-only engine over the demo council, on each backend."""
    return read_engine(demo_url)


@pytest.fixture
def run_page(demo_sqlite_url, monkeypatch):
    """Run `app.py` on one page under AppTest: `run_page("pages/x.py", audience, **query_params)`."""

    def run(page: str, audience: str = "public", **query_params) -> AppTest:
        monkeypatch.setenv("VIDKRYTO_DATABASE_URL", demo_sqlite_url)
        monkeypatch.setenv("VIDKRYTO_AUDIENCE", audience)
        app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
        for name, value in query_params.items():
            app.query_params[name] = value
        if page != PAGES[0].path:
            app.switch_page(page)
        app.run()
        return app

    return run
