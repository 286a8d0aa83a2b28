"""Upgrades keep a council's data: a database at the baseline revision, with a row in every table, upgraded to
the newest revision, still holds every row; the newest revision is `dashboard.schema`; `init-db` creates,
stamps and upgrades as `dashboard.writer.migrate` says. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, MetaData, String, func, inspect, select, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.db import write_engine
from dashboard.schema import metadata
from dashboard.writer.migrate import BASELINE, MIGRATIONS, SchemaRefused, create_or_upgrade, current, head
from tests.support import BACKENDS, postgres_database


@pytest.fixture(params=BACKENDS)
def empty_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'council.sqlite'}"
    return postgres_database(f"migrate_{request.node.name[-12:].strip('[]').replace('-', '_')}")


def _value(column, table_name: str):
    """A plausible value of the column's type; foreign keys point at the referenced table's row 1."""
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        return None if target == table_name else 1
    kind = column.type
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Float):
        return 1.5
    if isinstance(kind, DateTime):
        return dt.datetime(2017, 3, 1, 10, 30)
    if isinstance(kind, Date):
        return dt.date(2017, 3, 1)
    length = getattr(kind, "length", None) if isinstance(kind, String) else None
    return f"{table_name}.{column.name}"[: length or 200]


def _fill_every_table(engine) -> dict[str, dict]:
    """A row in every table of the database as it stands (reflected), parents first; returns what was written."""
    old = MetaData()
    old.reflect(engine)
    written = {}
    with engine.begin() as connection:
        for table in old.sorted_tables:
            if table.name == "alembic_version":
                continue
            row = {column.name: _value(column, table.name) for column in table.columns}
            connection.execute(table.insert().values(row))
            written[table.name] = row
    return written


def _tender_moved(row: dict) -> list[tuple[str, dict]]:
    """Revision 0004: a tender becomes a procedure of one lot, with its item, bids, award."""
    kept = ("id", "ocid", "title", "buyer_edrpou", "buyer_name", "unit_id", "method", "method_type", "status",
            "expected_value", "currency", "published_on", "is_public", "batch_id")
    return [("procurements", {name: row[name] for name in kept}),
            ("procurement_lots", {"procurement_id": row["id"], "lot_key": "", "status": row["status"],
                                  "expected_value": row["expected_value"], "bidders": row["bidders"],
                                  "awarded_value": row["awarded_value"]}),
            ("procurement_items", {"procurement_id": row["id"], "cpv": row["cpv"]}),
            ("procurement_bids", {"procurement_id": row["id"], "bid_key": "migrated-1"}),
            ("procurement_awards", {"procurement_id": row["id"], "value": row["awarded_value"],
                                    "awarded_on": row["awarded_on"], "status": "active"})]


MOVED = {
    "tenders": _tender_moved,
    "tender_contacts_internal": lambda row: [("procurement_contacts_internal", {
        "procurement_id": row["tender_id"], "name": row["name"], "email": row["email"], "phone": row["phone"]})],
}
"""Tables a revision replaced: where each old row is now."""


def _schema_differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_server_default": True})
        return compare_metadata(context, metadata)


def test_an_empty_database_is_created_at_the_newest_revision(empty_url):
    engine = write_engine(empty_url)
    assert create_or_upgrade(engine) == f"created at revision {head()}"
    assert current(engine) == head()
    assert _schema_differences(engine) == []
    assert create_or_upgrade(engine) == f"already at revision {head()}"


def test_the_revisions_build_the_schema_that_dashboard_schema_declares(empty_url):
    engine = write_engine(empty_url)
    create_or_upgrade(engine, BASELINE)
    create_or_upgrade(engine)
    assert _schema_differences(engine) == []


@pytest.mark.parametrize("stamped", [True, False], ids=["stamped", "made-before-migrations"])
def test_an_upgrade_keeps_every_row(empty_url, stamped):
    engine = write_engine(empty_url)
    create_or_upgrade(engine, BASELINE)
    if not stamped:  # the release before migrations made its tables with create_all and kept no revision
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE alembic_version"))
    written = _fill_every_table(engine)
    assert len(written) >= 30

    done = create_or_upgrade(engine)

    assert done == f"upgraded from revision {BASELINE} to {head()}"
    assert _schema_differences(engine) == []
    with engine.connect() as connection:
        expected = [moved for name, row in written.items() for moved in MOVED.get(name, lambda row: [(name, row)])(row)]
        for name, row in expected:
            table = metadata.tables[name]
            found = connection.execute(select(*(table.c[column] for column in row))).mappings().all()
            assert [dict(found_row) for found_row in found] == [row], name


def test_init_db_creates_then_says_it_is_current(empty_url):
    runner = CliRunner()
    first = runner.invoke(app, ["init-db", "--db", empty_url])
    again = runner.invoke(app, ["init-db", "--db", empty_url])
    assert first.exit_code == 0, first.output
    assert f"created at revision {head()}" in first.output
    assert f"already at revision {head()}" in again.output


def _indexes(engine, table: str) -> dict[str, list[str]]:
    return {index["name"]: index["column_names"] for index in inspect(engine).get_indexes(table)}


def test_revision_0005_makes_the_date_indexes_covering_and_back(empty_url):
    """0005 swaps each source's date index for a covering one and keeps every row; its downgrade swaps them back."""
    covering = ScriptDirectory(str(MIGRATIONS)).get_revision("0005").module.COVERING
    engine = write_engine(empty_url)
    create_or_upgrade(engine, "0004")
    written = _fill_every_table(engine)

    assert create_or_upgrade(engine, "0005") == "upgraded from revision 0004 to 0005"

    for table, ((old, _), (new, columns)) in covering.items():
        found = _indexes(engine, table)
        assert found.get(new) == columns and old not in found, table
    with engine.connect() as connection:
        for name in written:
            assert connection.execute(select(func.count()).select_from(metadata.tables[name])).scalar_one() == 1, name
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    for table, ((old, columns), (new, _)) in covering.items():
        found = _indexes(engine, table)
        assert found.get(old) == columns and new not in found, table


def test_revision_0006_keeps_each_votes_roll_call_flag_and_the_covering_indexes_and_back(empty_url):
    """0006 sets `choices_recorded` from the choices a database holds (vote 1 has one, vote 2 none), swaps the date
    indexes of votes, decisions and procedures for covering ones and keeps every row; its downgrade undoes both."""
    covering = ScriptDirectory(str(MIGRATIONS)).get_revision("0006").module.COVERING
    engine = write_engine(empty_url)
    create_or_upgrade(engine, "0005")
    written = _fill_every_table(engine)
    before = MetaData()
    before.reflect(engine)
    with engine.begin() as connection:
        connection.execute(before.tables["votes"].insert().values({**written["votes"], "id": 2, "source_key": "2"}))

    assert create_or_upgrade(engine, "0006") == "upgraded from revision 0005 to 0006"

    votes = metadata.tables["votes"]
    with engine.connect() as connection:
        assert connection.execute(select(votes.c.id, votes.c.choices_recorded).order_by(votes.c.id)).all() == [
            (1, True), (2, False)]
        for name in written:
            assert connection.execute(select(func.count()).select_from(metadata.tables[name])).scalar_one() == (
                2 if name == "votes" else 1), name
    for table, ((old, _), (new, columns)) in covering.items():
        found = _indexes(engine, table)
        assert found.get(new) == columns and (old == new or old not in found), table
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    assert "choices_recorded" not in {column["name"] for column in inspect(engine).get_columns("votes")}
    for table, ((old, columns), (new, _)) in covering.items():
        found = _indexes(engine, table)
        assert found.get(old) == columns and (old == new or new not in found), table


def test_a_public_database_is_refused_in_a_sentence_and_left_as_it_was(demo_public_sqlite_url, tmp_path):
    """`publish` rebuilds a public database whole; init-db, demo and import refuse to upgrade one (it has no
    migration history, and 0002 stopped on a table already there, leaving a revision stamp behind)."""
    public = tmp_path / "public.sqlite"
    public.write_bytes(Path(make_url(demo_public_sqlite_url).database).read_bytes())
    url = f"sqlite:///{public}"
    before = public.read_bytes()
    with pytest.raises(SchemaRefused):
        create_or_upgrade(write_engine(url))
    result = CliRunner().invoke(app, ["init-db", "--db", url])
    assert result.exit_code == 1
    assert "public database" in result.output and "publish again" in result.output
    assert "Traceback" not in result.output
    assert public.read_bytes() == before
