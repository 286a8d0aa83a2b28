"""Create or upgrade a council's database: the one way the schema reaches a database (Alembic).

An empty database gets every table of `dashboard.schema` at once and is stamped with the newest revision;
a database made before migrations existed (tables, no `alembic_version`) is stamped with the baseline and
upgraded; any other is upgraded to the newest revision. Each revision under `migrations/versions/` changes
the schema of the revision before it, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from dashboard.schema import metadata
from dashboard.writer.public_database import is_public_database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current(engine: Engine) -> str | None:
    """The database's revision; None when it has none (empty, or made before migrations)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class SchemaRefused(RuntimeError):
    """The database is not one to create or upgrade (a public one): nothing was written."""


def create_or_upgrade(engine: Engine, revision: str = "head") -> str:
    """Bring the database to `revision` (the newest by default); returns what was done, in a few words.

    A public database has no migration history and is not a council's of an earlier release: `publish` rebuilds it
    whole, and upgrading it would stop half-way on a table that is already there."""
    if is_public_database(engine):
        raise SchemaRefused("this is a public database, which `vidkryto publish` writes whole from the council's; "
                            "publish again instead of upgrading it")
    with engine.begin() as connection:
        tables = set(inspect(connection).get_table_names())
        config = _config(connection)
        if not tables - {"alembic_version"}:
            if revision == "head":
                metadata.create_all(connection)
                command.stamp(config, "head")
                return f"created at revision {head()}"
            command.upgrade(config, revision)
            return f"created at revision {revision}"
        before = MigrationContext.configure(connection).get_current_revision()
        if before is None:
            command.stamp(config, BASELINE)
            before = BASELINE
        command.upgrade(config, revision)
        after = MigrationContext.configure(connection).get_current_revision()
    return f"already at revision {after}" if after == before else f"upgraded from revision {before} to {after}"


def drop_everything(engine: Engine) -> None:
    """Drop every table of the schema and the revision stamp (the demo's --replace)."""
    with engine.begin() as connection:
        metadata.drop_all(connection)
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
