"""Helpers the tests share beyond fixtures: paths, the demo's seed, fresh PostgreSQL databases."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from dashboard.navigation import PAGES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SEED = 2017
POSTGRES_ADMIN_URL = os.environ.get("VIDKRYTO_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")

_created_databases: list[str] = []


def _admin():
    return create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


def postgres_database(name: str) -> str:
    """Create (anew) a PostgreSQL database for this test session and return its URL.

    The name gets the process id, so test sessions running side by side never drop each other's
    databases; they are dropped when the session ends. Skips (or fails, in CI) when no server answers.
    """
    name = f"{name}_{os.getpid()}"
    try:
        admin = _admin()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as error:  # noqa: BLE001 - any failure to reach the server means the same here
        reason = f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {str(error).splitlines()[0]}"
        if os.environ.get("VIDKRYTO_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    _created_databases.append(name)
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def empty_database(backend: str, test_name: str, directory: Path, prefix: str, rows: dict | None = None):
    """The writer's engine over a new database with the schema and `rows` ({table: [row, ...]}): a SQLite
    file in `directory`, or a PostgreSQL database named after the test."""
    from dashboard.db import write_engine
    from dashboard.schema import metadata

    if backend == "sqlite":
        url = f"sqlite:///{directory / f'{prefix}.sqlite'}"
    else:
        url = postgres_database(f"{prefix}_{re.sub(r'[^a-z0-9]+', '_', test_name.lower())[:30]}")
    engine = write_engine(url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        for table, table_rows in (rows or {}).items():
            connection.execute(table.insert(), list(table_rows))
    return engine


def written(directory: Path, name: str, body: str) -> Path:
    """A small file of the test's own, in UTF-8: the importer tests' hand-written variations of a sample."""
    path = directory / name
    path.write_text(body, encoding="utf-8")
    return path


def row_counts(engine) -> dict[str, int]:
    """Rows of every table of the schema: a refused file must leave every count as it was."""
    from sqlalchemy import func, select

    from dashboard.schema import metadata

    with engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in metadata.tables.items()}


def drop_created_databases() -> None:
    """Drop the databases this test session created (called once, at its end)."""
    if not _created_databases:
        return
    admin = _admin()
    with admin.connect() as connection:
        for name in set(_created_databases):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    _created_databases.clear()


def run_app(page: str, query_params: dict, timeout: float = 60) -> AppTest:
    """Run app.py on one page under AppTest, as a link with these parameters would open it; with every part of the
    page open (`ui.part`) unless the link says `open` itself, so a test sees every element the page can draw."""
    parts = next((entry.parts for entry in PAGES if entry.path == page), ())
    if parts and "open" not in query_params:
        query_params = {**query_params, "open": ",".join(parts)}
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=timeout)
    for name, value in query_params.items():
        app.query_params[name] = value
    if page != PAGES[0].path:  # the landing page runs without switching
        app.switch_page(page)
    return app.run()
