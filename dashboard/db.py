"""Engines: the dashboard's read-only factory and the command line's writer.

The dashboard gets its engine only from `read_engine`; nothing on the reading side can open a
connection that writes:
- SQLite is opened through a `mode=ro` URI with `PRAGMA query_only` and no room for attached databases,
  so neither `ATTACH` nor `VACUUM INTO` can write another file;
- PostgreSQL connects with read-only transactions, a statement timeout and no JIT as the session defaults, and
  every connection is reset to them (`RESET ALL`) when it returns to the pool, so what one session `SET`
  never reaches the next. A role that may write could still switch read-only off inside a transaction:
  `dashboard.deployment` refuses to start as one.

Every SQLite connection registers the Ukrainian collation (`dashboard.alphabet`) that PostgreSQL has from ICU.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Date, cast, create_engine, event, func
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import StaticPool

from dashboard.alphabet import COLLATION, compare
from dashboard.settings import check_database_url


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened or answered too slowly; pages show this as a message with a retry."""


POOL_SIZE = 5
"""PostgreSQL connections a server holds at most. Twenty sessions drawing at once opened fifteen (five and ten over
the pool), each backend a few MB of its own (at 100x the backends' peak was 198 MB, 135 with the sessions drawn); two cores
answer five at a time no slower. A page run waits for a free one as long as POOL_WAIT_STATEMENTS statements may run
(30 s by default), then is told the database is unavailable and tries again (`ui.show`): twenty sessions arriving
together at 100x on a loaded machine queued longer than one statement's 5 s."""
POOL_WAIT_STATEMENTS = 6


@lru_cache(maxsize=8)
def read_engine(url: str, statement_timeout_ms: int = 5000) -> Engine:
    """One shared read-only engine per URL."""
    check_database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not path.is_file():
            raise DatabaseUnavailable(f"SQLite file not found: {path}")
        uri = f"file:{path.resolve()}?mode=ro"
        engine = create_engine("sqlite://", creator=lambda: _sqlite_read_only(uri), poolclass=StaticPool)
        event.listen(engine, "connect", lambda _dbapi, record: record.info.update(file=_identity(path)))
        event.listen(engine, "checkout", lambda _dbapi, record, _proxy: _same_file(path, record))
        return engine
    # jit off: the planner's cost of a count over a year at 100x (its working days looked up per row) passes
    # jit_above_cost, and compiling took 1.2 s of a 1.6 s query; the dashboard's queries are short, none gains from it
    options = f"-c default_transaction_read_only=on -c statement_timeout={int(statement_timeout_ms)} -c jit=off"
    engine = create_engine(
        parsed.set(drivername="postgresql+psycopg"),
        connect_args={"options": options, "connect_timeout": 5},
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=0,
        pool_timeout=POOL_WAIT_STATEMENTS * statement_timeout_ms / 1000,
        pool_reset_on_return=None,
    )
    event.listen(engine, "reset", _reset_postgresql)
    return engine


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _same_file(path: Path, record) -> None:
    """`vidkryto publish` replaces a public database's file in one step; a connection still open on the old file
    is let go, so the next query reads the new one (the page cache keeps its results until their ttl)."""
    if record.info.get("file") != _identity(path):
        raise DisconnectionError("the SQLite file was replaced")


def _sqlite_read_only(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    connection.execute("PRAGMA query_only = ON")
    connection.set_authorizer(_sqlite_authorizer)
    connection.create_collation(COLLATION, compare)
    return connection


def _sqlite_authorizer(action: int, _arg1, value, _database, _trigger) -> int:
    """No ATTACH and no PRAGMA that sets a value (such as `query_only = OFF`); reading PRAGMAs may run."""
    if action == sqlite3.SQLITE_ATTACH or (action == sqlite3.SQLITE_PRAGMA and value is not None):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _reset_postgresql(dbapi_connection, _record, reset_state) -> None:
    """Instead of the pool's plain ROLLBACK: end the transaction, then every setting back to the session
    defaults given at connect (read-only, statement timeout)."""
    dbapi_connection.rollback()
    if not reset_state.terminate_only:
        dbapi_connection.execute("RESET ALL")
        dbapi_connection.commit()


def write_engine(url: str) -> Engine:
    """The command line's engine: the only one that may write."""
    check_database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
            dbapi_connection.create_collation(COLLATION, compare)

        return engine
    return create_engine(parsed.set(drivername="postgresql+psycopg"))


def day_of(column, dialect: str):
    """The day of a date or timestamp column, in the backend's own words."""
    return func.date(column, type_=Date) if dialect == "sqlite" else cast(column, Date)


def month_start(column, dialect: str):
    """First day of the month of a date column, in the backend's own words."""
    if dialect == "sqlite":
        return func.date(column, "start of month", type_=Date)
    return cast(func.date_trunc("month", column), Date)
