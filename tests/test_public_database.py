"""`vidkryto publish`: the public database holds what the public may see and nothing else.

The leak test writes a marker into every text of the rows the public may not see (unpublished rows, the internal
tables, an import's file name), publishes, and looks for the marker in the public database's every value (and,
on SQLite, its bytes), on every page and tab, and in every dataset's rows."""

from __future__ import annotations

import shutil

import pytest
from polars.testing import assert_frame_equal
from sqlalchemy import String, Text, cast, func, insert, inspect, literal, select, text, update
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from dashboard.cli import app as cli
from dashboard.db import read_engine, write_engine
from dashboard.deployment import council_data
from dashboard.filters import Filters
from dashboard.navigation import BY_NAME, PAGES
from dashboard.schema import INTERNAL_TABLES, PUBLIC_FILTERED_TABLES, import_batches, import_problems, metadata, votes
from dashboard.writer.public_database import PublishRefused, publish
from dashboard.writer.roles import PUBLIC_ROLE, roles_sql
from dashboard.writer.vote_summaries import refresh_vote_summaries
from queries.datasets import all_datasets
from tests.conftest import build_demo
from tests.support import BACKENDS, postgres_database
from tests.test_language_walk import shown_texts

MARK = "QZLEAK"
HIDDEN_PER_TABLE = 3
FILE_COLUMNS = {"file_name", "last_file", "location", "first_location"}
WALKS = [(entry.name, tab) for entry in PAGES for tab in entry.sections or (None,)]


def _texts(table):
    """The text columns a marker can go into: not a key into another table."""
    return [column for column in table.c if isinstance(column.type, (String, Text)) and not column.foreign_keys
            and (column.type.length or 99) >= 16]


def mark(engine) -> dict[str, list[int]]:
    """Hide the first rows of every table with `is_public`, mark every text of them and of every internal row, and
    record an import whose file name is marked; returns the hidden ids per table."""
    hidden = {}
    with engine.begin() as connection:
        for name in PUBLIC_FILTERED_TABLES:
            table = metadata.tables[name]
            ids = connection.execute(select(table.c.id).order_by(table.c.id).limit(HIDDEN_PER_TABLE)).scalars().all()
            values = {column.name: literal(MARK) + cast(table.c.id, String)
                      for column in _texts(table) if not column.unique}
            connection.execute(update(table).where(table.c.id.in_(ids)).values(is_public=False, **values))
            hidden[name] = ids
        for name in INTERNAL_TABLES:
            table = metadata.tables[name]
            key = next(iter(table.primary_key))
            connection.execute(update(table).values(**{column.name: literal(MARK) + cast(key, String)
                                                       for column in _texts(table)}))
        batch = connection.execute(insert(import_batches).values(
            source="votes", format="csv", file_name=f"{MARK}-unpublished-session.csv", sha256="0" * 64,
            imported_at=func.now()).returning(import_batches.c.id)).scalar_one()
        connection.execute(insert(import_problems).values(batch_id=batch, location=f"{MARK}-unpublished-session.csv: "
                                                          "line 3", reason="a tally that does not add up"))
        refresh_vote_summaries(connection)  # as an import that hides a vote does
    return hidden


@pytest.fixture(scope="module", params=BACKENDS)
def marked(request, demo_sqlite_url, tmp_path_factory):
    """(council URL, public URL, hidden ids) of a marked copy of the demo council, per backend."""
    folder = tmp_path_factory.mktemp("leak")
    if request.param == "sqlite":
        council = folder / "council.sqlite"
        shutil.copy(make_url(demo_sqlite_url).database, council)
        council_url, public_url = f"sqlite:///{council}", f"sqlite:///{folder / 'public.sqlite'}"
    else:
        council_url = build_demo(postgres_database("vidkryto_leak_council"))
        public_url = postgres_database("vidkryto_leak_public")
    hidden = mark(write_engine(council_url))
    publish(write_engine(council_url), public_url)
    if request.param == "postgresql":  # the pages read it as the public role, as a deployment does
        with write_engine(public_url).begin() as connection:
            connection.exec_driver_sql(roles_sql(make_url(public_url).database, public_database=True))
        public_url = make_url(public_url).set(username=PUBLIC_ROLE).render_as_string(hide_password=False)
    return council_url, public_url, hidden


def test_the_public_database_holds_no_marker(marked):
    _, public_url, _ = marked
    engine = read_engine(public_url)
    names = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        assert not names & set(INTERNAL_TABLES)
        for name in sorted(names):
            table = metadata.tables[name]
            values = [str(value) for row in connection.execute(select(table)) for value in row]
            assert not [value for value in values if MARK in value], name
    database = make_url(public_url).database
    if public_url.startswith("sqlite"):
        assert MARK.encode() not in open(database, "rb").read()


def test_the_public_database_holds_every_published_row_and_no_other(marked):
    council_url, public_url, hidden = marked
    with read_engine(council_url).connect() as council, read_engine(public_url).connect() as public:
        for name, ids in hidden.items():
            table = metadata.tables[name]
            shown = public.execute(select(func.count()).select_from(table)).scalar_one()
            published = council.execute(select(func.count()).where(table.c.is_public)).scalar_one()
            assert shown == published and not public.execute(select(table.c.id).where(table.c.id.in_(ids))).first()
    assert council_data(public_url, 5000) == ()
    assert {problem.key for problem in council_data(council_url, 5000)} == {
        "refused_internal_tables", "refused_unpublished_rows", "refused_file_names"}


def test_every_dataset_is_the_same_rows_and_holds_no_marker(marked):
    """What the public sees of the council's database (the queries' own filter) is the public database's rows."""
    council_url, public_url, hidden = marked
    council, public = read_engine(council_url), read_engine(public_url)
    filters = Filters.all_time(audience="public")
    for dataset in all_datasets().values():
        params = {BY_NAME[dataset.page].id_param: hidden["votes"][0]} if dataset.page == "vote" else {}
        if BY_NAME[dataset.page].hidden and not params:
            continue  # a deputy's view: the deputies are public
        rows = dataset.rows(public, filters, params, "http://x")
        assert MARK not in rows.write_csv(), dataset.name
        same = rows.columns.copy()
        for column in FILE_COLUMNS & set(same):  # the public database names no file
            assert not rows[column].str.contains(r"\.csv").any(), dataset.name
            same.remove(column)
        expected = dataset.rows(council, filters, params, "http://x").select(same)
        assert_frame_equal(rows.select(same), expected, check_exact=False, rel_tol=1e-9)  # sums in another order


@pytest.mark.parametrize(("page", "tab"), WALKS, ids=[f"{p}-{t}" if t else p for p, t in WALKS])
def test_no_page_shows_a_marker(marked, run_page, page, tab):
    _, public_url, hidden = marked
    params = {"tab": tab} if tab else {}
    if page == "vote":
        params["vote"] = str(hidden["votes"][0])  # a link to a hidden vote
    app = run_page(f"pages/{page}.py", "public", database_url=public_url, **params)
    assert not app.exception and not app.error
    assert not [shown for shown in shown_texts(app) if MARK in shown]


def test_publish_refuses_to_overwrite_a_councils_database(marked, demo_sqlite_url):
    council_url, _, _ = marked
    result = CliRunner().invoke(cli, ["publish", "--db", demo_sqlite_url, "--to", council_url])
    assert result.exit_code == 1 and "Not published" in result.output
    with pytest.raises(PublishRefused):
        publish(write_engine(demo_sqlite_url), council_url)
    assert set(INTERNAL_TABLES) <= set(inspect(write_engine(council_url)).get_table_names())


def test_the_public_edition_refuses_a_database_with_a_hidden_row(demo_public_sqlite_url, tmp_path, run_page):
    copy = tmp_path / "public.sqlite"
    shutil.copy(make_url(demo_public_sqlite_url).database, copy)
    with write_engine(f"sqlite:///{copy}").begin() as connection:
        connection.execute(update(votes).where(votes.c.id == select(func.min(votes.c.id)).scalar_subquery())
                           .values(is_public=False))
    app = run_page("pages/overview.py", "public", database_url=f"sqlite:///{copy}")
    assert not app.title and "votes" in app.error[0].value
    assert run_page("pages/overview.py", "public").title  # the published file itself starts


def test_publish_leaves_the_public_database_analysed_and_on_postgresql_vacuumed(marked):
    """The planner has statistics from the first visitor on; on PostgreSQL the covering indexes answer without the
    table only where the visibility map says its pages are all visible."""
    _, public_url, _ = marked
    with read_engine(public_url).connect() as connection:
        if public_url.startswith("sqlite"):
            assert connection.execute(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'vote_choices'")).scalar_one()
            return
        pages, visible, rows = connection.execute(text(
            "SELECT relpages, relallvisible, reltuples FROM pg_class WHERE relname = 'vote_choices'")).one()
    assert rows > 0 and pages > 0 and visible == pages


def test_publishing_again_replaces_the_public_database(demo_sqlite_url, tmp_path):
    council = tmp_path / "council.sqlite"
    shutil.copy(make_url(demo_sqlite_url).database, council)
    target = f"sqlite:///{tmp_path / 'public.sqlite'}"
    first = publish(write_engine(f"sqlite:///{council}"), target)
    with read_engine(target).connect() as connection:  # a reader holding the first file open
        assert connection.execute(text("SELECT count(*) FROM votes")).scalar_one() == first["votes"]
    with write_engine(f"sqlite:///{council}").begin() as connection:
        hiding = connection.execute(select(func.count()).where(votes.c.id <= 10, votes.c.is_public)).scalar_one()
        connection.execute(update(votes).where(votes.c.id <= 10).values(is_public=False))
    second = publish(write_engine(f"sqlite:///{council}"), target)
    assert hiding and second["votes"] == first["votes"] - hiding and second["vote_choices"] < first["vote_choices"]
    with read_engine(target).connect() as connection:  # the same reader now reads the new file
        assert connection.execute(text("SELECT count(*) FROM votes")).scalar_one() == second["votes"]


def test_an_import_publishes_again_when_public_database_url_is_set(tmp_path, monkeypatch):
    council, public = f"sqlite:///{tmp_path / 'council.sqlite'}", f"sqlite:///{tmp_path / 'public.sqlite'}"
    monkeypatch.setenv("VIDKRYTO_PUBLIC_DATABASE_URL", public)
    runner = CliRunner()
    first = runner.invoke(cli, ["import", "units", "data/samples/council/units.csv", "--db", council])
    assert first.exit_code == 0, first.output
    result = runner.invoke(cli, ["import", "events", "data/samples/council/events.csv", "--db", council])
    assert result.exit_code == 0 and "Published" in result.output
    with read_engine(council).connect() as inside, read_engine(public).connect() as outside:
        shown = outside.execute(text("SELECT count(*) FROM public_events")).scalar_one()
        assert shown == inside.execute(text("SELECT count(*) FROM public_events WHERE is_public")).scalar_one() > 0
        assert outside.execute(text("SELECT count(*) FROM import_batches WHERE file_name <> ''")).scalar_one() == 0
