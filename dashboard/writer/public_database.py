"""`vidkryto publish`: the public database, written anew from the council's database.

The public edition reads only this database, so no bug and no side channel (the planner's row counts, table
statistics, an import's file name) can reach a hidden row: there is none in it. It holds every table but the
`_internal` ones, each with the rows the schema's one rule lets through (`dashboard.schema.published`); import
batches without their file names, and import problems without the file name in their location; the writer's
summaries recomputed over the rows it holds. It has no migration history: each publish writes it whole.

A SQLite target is written beside itself and moved into place in one step, so a replica reading it sees the
old file or the new one, never half of one. A PostgreSQL target is replaced in one transaction. Rows move within
the backend where both ends share one (SQLite: INSERT … SELECT into the attached draft; PostgreSQL: a binary COPY
streamed from one database into the other), else through Python in chunks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import MetaData, Select, Table, func, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine, make_url

from dashboard.db import write_engine
from dashboard.schema import import_batches, import_problems, internal, metadata, public_tables, published
from dashboard.writer.procurement_summaries import refresh_lot_figures
from dashboard.writer.roles import INTERNAL_ROLE, PUBLIC_ROLE
from dashboard.writer.vote_summaries import SUMMARY_TABLES, refresh_vote_summaries

CHUNK = 10_000
RECOMPUTED = {table.name for table in SUMMARY_TABLES}
SCRUBBED = (import_batches, import_problems)
"""Tables whose rows change on the way (no file names): they go through Python, the rest within the backend."""
DRAFT = "draft"
"""The name the draft public file is attached under to the council's SQLite connection."""


class PublishRefused(RuntimeError):
    """The target is not a public database (say, the council's own): nothing was written."""


def _council_tables(engine: Engine) -> list[str]:
    """The tables only a council's database has: the internal ones and the migration history."""
    return sorted(name for name in inspect(engine).get_table_names() if internal(name) or name == "alembic_version")


def is_public_database(engine: Engine) -> bool:
    """Whether the database is one `publish` wrote: tables, but none of a council's own."""
    return bool(inspect(engine).get_table_names()) and not _council_tables(engine)


def refuse_council_database(target: Engine) -> None:
    """A target holding an internal table or a migration history is a council's database: never overwrite it."""
    if council := _council_tables(target):
        raise PublishRefused(f"{target.url.render_as_string()} holds {', '.join(council)}: a council's database, "
                             "not a public one; nothing written")


def _public_rows(table: Table) -> Select:
    query = select(table)
    return query if (condition := published(table.name)) is None else query.where(condition)


def _rows(source: Connection, table: Table):
    """The table's public rows, in chunks, as the public database stores them (no file names)."""
    for chunk in source.execution_options(yield_per=CHUNK).execute(
            _public_rows(table).order_by(*table.primary_key)).partitions():
        rows = [dict(row._mapping) for row in chunk]
        for row in rows:
            if table is import_batches:
                row["file_name"] = ""
            elif table is import_problems:
                row["location"] = _without_file(row["location"])
        yield rows


def _without_file(location: str) -> str:
    """«votes-hidden.csv: line 12» -> «line 12»: the place in the file, not the file's name."""
    return location.rsplit(": ", 1)[1] if ": " in location else ""


def _through_python(source: Connection, target: Connection, table: Table, into: Table | None = None) -> int:
    """Any backend to any: the rows in chunks through Python (and the only way for the rows changed on the way)."""
    written = 0
    for rows in _rows(source, table):
        target.execute((into if into is not None else table).insert(), rows)
        written += len(rows)
    return written


def _within_sqlite(council: Connection, table: Table) -> int:
    """SQLite to SQLite: INSERT … SELECT into the draft attached to the council's connection."""
    if table in SCRUBBED:
        return _through_python(council, council, table, table.to_metadata(MetaData(), schema=DRAFT))
    into = table.to_metadata(MetaData(), schema=DRAFT)
    return council.execute(insert(into).from_select(list(table.c.keys()), _public_rows(table))).rowcount


def _within_postgresql(source: Connection, target: Connection, table: Table) -> int:
    """PostgreSQL to PostgreSQL: one binary COPY out of the council's database streamed into the public one."""
    if table in SCRUBBED:
        return _through_python(source, target, table)
    query = str(_public_rows(table).compile(dialect=source.dialect, compile_kwargs={"literal_binds": True}))
    columns = ", ".join(f'"{name}"' for name in table.c.keys())
    reading = source.connection.driver_connection.cursor()
    writing = target.connection.driver_connection.cursor()
    with reading.copy(f"COPY ({query}) TO STDOUT (FORMAT BINARY)") as out, \
            writing.copy(f'COPY "{table.name}" ({columns}) FROM STDIN (FORMAT BINARY)') as into:
        for data in out:
            into.write(data)
    return writing.rowcount


def _fill(copy: Callable[[Table], int]) -> dict[str, int]:
    """Every public table but the summaries, each by `copy`, parents first; rows per table."""
    return {table.name: copy(table) for table in public_tables() if table.name not in RECOMPUTED}


def _recompute(target: Connection) -> dict[str, int]:
    """The writer's summaries over the rows the public database holds (each vote's `choices_recorded`, copied with it,
    checked too); rows per summary table."""
    refresh_vote_summaries(target)
    refresh_lot_figures(target)
    return {table.name: target.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SUMMARY_TABLES}


def publish(source: Engine, target_url: str) -> dict[str, int]:
    """Write the public database at `target_url` from the council's database; returns rows per table."""
    if make_url(target_url).get_backend_name() == "sqlite":
        return _publish_sqlite(source, target_url)
    target = write_engine(target_url)
    refuse_council_database(target)
    with source.connect() as reading, target.begin() as writing:
        existing = MetaData()
        existing.reflect(writing)
        existing.drop_all(writing)
        metadata.create_all(writing, tables=public_tables())
        same = source.dialect.name == "postgresql"
        counts = _fill(lambda table: _within_postgresql(reading, writing, table) if same
                       else _through_python(reading, writing, table))
        counts |= _recompute(writing)
        roles = writing.execute(text("SELECT rolname FROM pg_roles WHERE rolname IN (:a, :b)"),
                                {"a": INTERNAL_ROLE, "b": PUBLIC_ROLE}).scalars().all()
        for role in roles:  # the tables are new: grant again what `vidkryto roles` granted
            writing.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    with target.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM (ANALYZE)")  # the visibility map lets the covering indexes answer alone
    return counts


def _publish_sqlite(source: Engine, target_url: str) -> dict[str, int]:
    path = Path(make_url(target_url).database or "")
    if path.exists():
        refuse_council_database(write_engine(target_url))
    draft = path.with_name(f".{path.name}.{os.getpid()}.draft")
    draft.unlink(missing_ok=True)
    engine = write_engine(f"sqlite:///{draft}")
    try:
        metadata.create_all(engine, tables=public_tables())
        if source.dialect.name == "sqlite":
            with source.connect() as council:
                council.exec_driver_sql(f"ATTACH DATABASE ? AS {DRAFT}", (str(draft),))
                council.commit()
                counts = _fill(lambda table: _within_sqlite(council, table))
                council.commit()
                council.exec_driver_sql(f"DETACH DATABASE {DRAFT}")
                council.commit()
        else:
            with source.connect() as reading, engine.begin() as writing:
                counts = _fill(lambda table: _through_python(reading, writing, table))
        with engine.begin() as writing:
            counts |= _recompute(writing)
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
        engine.dispose()
        os.replace(draft, path)
    finally:
        engine.dispose()
        draft.unlink(missing_ok=True)
    return counts
