"""Shared fixtures: the demo council on SQLite and PostgreSQL, read-only engines, and an AppTest runner.

Like Datasette's test suite: one fixture database built once per session, one test module per feature.
PostgreSQL tests skip with a visible reason when no server answers, unless VIDKRYTO_REQUIRE_POSTGRES=1
(CI), where they fail instead.
"""

from __future__ import annotations

from functools import cache

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.db import read_engine, write_engine
from dashboard.schema import metadata
from dashboard.writer import demo, public_database
from tests.support import BACKENDS, DEMO_SEED, drop_created_databases, postgres_database, run_app


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases():
    yield
    read_engine.cache_clear()
    drop_created_databases()


def build_demo(url: str) -> str:
    engine = write_engine(url)
    metadata.create_all(engine)
    demo.build(engine, scale=1, seed=DEMO_SEED)
    engine.dispose()
    return url


@pytest.fixture(scope="session", autouse=True)
def _scan_components_once():
    """Each AppTest scans every installed package for Streamlit components (0.35 of its 0.4 s); the packages do
    not change during a test session, so the first scan serves every page run."""
    from streamlit.components.v2 import manifest_scanner

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", cache(manifest_scanner.scan_component_manifests))
        yield


@pytest.fixture(scope="session")
def demo_sqlite_url(tmp_path_factory) -> str:
    """The demo council in a SQLite file, built once per test session."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    return build_demo(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def demo_public_sqlite_url(demo_sqlite_url, tmp_path_factory) -> str:
    """The demo's public database (`vidkryto publish`), which the public edition reads."""
    url = f"sqlite:///{tmp_path_factory.mktemp('public') / 'public.sqlite'}"
    public_database.publish(write_engine(demo_sqlite_url), url)
    return url


@pytest.fixture(scope="session")
def demo_postgres_url() -> str:
    """The demo council in a PostgreSQL database of its own, built once per test session."""
    return build_demo(postgres_database("vidkryto_demo"))


@pytest.fixture(params=BACKENDS)
def demo_url(request) -> str:
    """The demo council's URL on each backend: query tests run twice."""
    return request.getfixturevalue({"sqlite": "demo_sqlite_url", "postgresql": "demo_postgres_url"}[request.param])


@pytest.fixture
def demo_engine(demo_url):
    """The dashboard's read-only engine over the demo council, on each backend."""
    return read_engine(demo_url)


@pytest.fixture
def run_page(demo_sqlite_url, demo_public_sqlite_url, monkeypatch):
    """Run `app.py` on one page under AppTest: `run_page("pages/x.py", audience, **query_params)`.

    The public edition reads the demo's public database, the internal one the demo council's. The tests have no
    login configured, so the internal edition runs as a local demo (`local_demo`), as on a developer's machine;
    `database_url` and `local_demo` override that.
    """

    def run(page: str, audience: str = "public", database_url: str | None = None, local_demo: bool | None = None,
            **query_params) -> AppTest:
        database_url = database_url or (demo_public_sqlite_url if audience == "public" else demo_sqlite_url)
        monkeypatch.setenv("VIDKRYTO_DATABASE_URL", database_url)
        monkeypatch.setenv("VIDKRYTO_AUDIENCE", audience)
        monkeypatch.setenv("VIDKRYTO_LOCAL_DEMO", str(audience == "internal" if local_demo is None else local_demo))
        return run_app(page, query_params)

    return run
