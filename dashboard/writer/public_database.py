"""`vidkryto publish`: the public database, written anew from the council's database.

The public edition reads only this database, so no bug and no side channel (the planner's row counts, table
statistics, an import's file name) can reach a hidden row: there is none in it. It holds every table but the
`_internal` ones, each with the rows the schema's one rule lets through (`dashboard.schema.published`); import
batches without their file names, and import problems without the file name in their location; the writer's
summaries recomputed over the rows it holds. It has no migration history: each publish writes it whole.

A SQLite target is written beside itself and moved into place in one step, so a replica reading it sees the
old file or the new one, never half of one. A PostgreSQL target is replaced in one transaction.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import MetaData, inspect, select, text
from sqlalchemy.engine import Connection, Engine, make_url

from dashboard.db import write_engine
from dashboard.schema import import_batches, import_problems, internal, metadata, public_tables, published
from dashboard.writer.procurement_summaries import refresh_lot_figures
from dashboard.writer.roles import INTERNAL_ROLE, PUBLIC_ROLE
from dashboard.writer.vote_summaries import SUMMARY_TABLES, refresh_vote_summaries

CHUNK = 10_000
RECOMPUTED = {table.name for table in SUMMARY_TABLES}


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


def _rows(source: Connection, table):
    """The table's public rows, in chunks, as the public database stores them."""
    query = select(table)
    if (condition := published(table.name)) is not None:
        query = query.where(condition)
    files = {}
    for chunk in source.execution_options(yield_per=CHUNK).execute(query.order_by(*table.primary_key)).partitions():
        rows = [dict(row._mapping) for row in chunk]
        if table is import_batches:
            for row in rows:
                files[row["id"]] = row["file_name"]
                row["file_name"] = ""
        if table is import_problems:
            for row in rows:
                row["location"] = _without_file(row["location"])
        yield rows


def _without_file(location: str) -> str:
    """«votes-hidden.csv: line 12» -> «line 12»: the place in the file, not the file's name."""
    return location.rsplit(": ", 1)[1] if ": " in location else ""


def copy_public(source: Connection, target: Connection) -> dict[str, int]:
    """Create the public tables in `target` and copy the public rows; returns rows per table."""
    tables = public_tables()
    metadata.create_all(target, tables=tables)
    counts = {}
    for table in tables:
        if table.name in RECOMPUTED:
            continue
        counts[table.name] = 0
        for rows in _rows(source, table):
            target.execute(table.insert(), rows)
            counts[table.name] += len(rows)
    refresh_vote_summaries(target)
    refresh_lot_figures(target)
    for table in SUMMARY_TABLES:
        counts[table.name] = target.execute(select(text("count(*)")).select_from(table)).scalar_one()
    return counts


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
        counts = copy_public(reading, writing)
        roles = writing.execute(text("SELECT rolname FROM pg_roles WHERE rolname IN (:a, :b)"),
                                {"a": INTERNAL_ROLE, "b": PUBLIC_ROLE}).scalars().all()
        for role in roles:  # the tables are new: grant again what `vidkryto roles` granted
            writing.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    return counts


def _publish_sqlite(source: Engine, target_url: str) -> dict[str, int]:
    path = Path(make_url(target_url).database or "")
    if path.exists():
        refuse_council_database(write_engine(target_url))
    draft = path.with_name(f".{path.name}.{os.getpid()}.draft")
    draft.unlink(missing_ok=True)
    engine = write_engine(f"sqlite:///{draft}")
    try:
        with source.connect() as reading, engine.begin() as writing:
            counts = copy_public(reading, writing)
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
        engine.dispose()
        os.replace(draft, path)
    finally:
        engine.dispose()
        draft.unlink(missing_ok=True)
    return counts
