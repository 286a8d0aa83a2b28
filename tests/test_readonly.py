"""The dashboard cannot write: its engine refuses INSERT, UPDATE and DELETE on both backends, SQLite's
cannot write another file (ATTACH, VACUUM INTO), PostgreSQL's session switches neither write nor outlive
the connection's turn, and running every page leaves the SQLite file byte for byte as it was."""

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from dashboard.db import DatabaseUnavailable, read_engine
from dashboard.navigation import PAGES
from dashboard.schema import units


@pytest.mark.parametrize(
    "statement",
    [
        insert(units).values(code="X", name_uk="x", name_en="x"),
        update(units).values(name_en="changed"),
        delete(units),
    ],
    ids=["insert", "update", "delete"],
)
def test_engine_refuses_writes(demo_engine, statement):
    with pytest.raises(DBAPIError):
        with demo_engine.begin() as connection:
            connection.execute(statement)


def test_missing_sqlite_file_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseUnavailable, match="not found"):
        read_engine(f"sqlite:///{tmp_path / 'absent.sqlite'}")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pages_leave_the_database_file_unchanged(demo_sqlite_url, run_page):
    path = Path(make_url(demo_sqlite_url).database)
    before = _sha(path)
    for entry in PAGES:
        for audience in ("public", "internal"):
            assert not run_page(entry.path, audience).exception, entry.path
    assert _sha(path) == before


@pytest.mark.parametrize("statement", [
    "ATTACH DATABASE '{dir}/other.sqlite' AS other",
    "VACUUM INTO '{dir}/copy.sqlite'",
    "PRAGMA query_only = OFF",
], ids=["attach", "vacuum-into", "query-only-off"])
def test_sqlite_engine_writes_no_other_file(demo_sqlite_url, tmp_path, statement):
    with pytest.raises(DBAPIError):
        with read_engine(demo_sqlite_url).connect() as connection:
            connection.exec_driver_sql(statement.format(dir=tmp_path))
    assert list(tmp_path.iterdir()) == []
    with read_engine(demo_sqlite_url).connect() as connection:
        assert connection.exec_driver_sql("PRAGMA query_only").scalar_one() == 1


SWITCHES = [
    "SET TRANSACTION READ WRITE",
    "SET default_transaction_read_only = off",
    "SELECT set_config('default_transaction_read_only', 'off', false)",
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
]


@pytest.fixture(scope="module")
def public_role_url(demo_postgres_url):
    from dashboard.db import write_engine
    from dashboard.writer.roles import PUBLIC_ROLE, roles_sql

    url = make_url(demo_postgres_url)
    with write_engine(demo_postgres_url).begin() as connection:
        connection.exec_driver_sql(roles_sql(url.database))
    return url.set(username=PUBLIC_ROLE).render_as_string(hide_password=False)


@pytest.mark.parametrize("switch", SWITCHES, ids=["transaction", "default", "set_config", "characteristics"])
def test_postgres_switches_inside_a_session_still_cannot_write(public_role_url, switch):
    with pytest.raises(DBAPIError, match="permission denied|read-only"):
        with read_engine(public_role_url).connect() as connection:
            connection.exec_driver_sql(switch)
            connection.execute(update(units).values(name_en="changed"))


def test_postgres_settings_a_session_changed_do_not_reach_the_next(public_role_url):
    engine = read_engine(public_role_url, 4321)
    with engine.connect() as connection:
        first = connection.connection.dbapi_connection
        for switch in [*SWITCHES[1:], "SET statement_timeout = 0", "SET jit = on"]:
            connection.exec_driver_sql(switch)
        connection.commit()
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar_one() == "0"
    with engine.connect() as connection:
        assert connection.connection.dbapi_connection is first, "the pool hands back the same connection"
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar_one() == "4321ms"
        assert connection.exec_driver_sql("SHOW default_transaction_read_only").scalar_one() == "on"
        assert connection.exec_driver_sql("SHOW transaction_read_only").scalar_one() == "on"
        assert connection.exec_driver_sql("SHOW jit").scalar_one() == "off"
