"""The dashboard cannot write: its engine refuses INSERT, UPDATE and DELETE on both backends,
and running every page leaves the SQLite file byte for byte as it was."""

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
