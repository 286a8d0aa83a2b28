"""A deployment that breaks a rule of dashboard.deployment refuses to start with its reasons; `local_demo`
waives them on one's own machine and every page then says so in a banner."""

import pytest
from sqlalchemy.engine import make_url

from dashboard.deployment import RoleFacts, problems, role_facts, role_problems
from dashboard.settings import load_settings
from dashboard.writer.roles import INTERNAL_ROLE, PUBLIC_ROLE

READER = RoleFacts("reader", superuser=False, bypasses_rls=False, can_create=False, writable_tables=(),
                   readable_internal_tables=())


def _keys(found):
    return [problem.key for problem in found]


def test_a_clean_reader_breaks_no_rule():
    assert role_problems(READER, "public") == []


@pytest.mark.parametrize(("facts", "audience", "key"), [
    (RoleFacts("postgres", True, True, True, ("units",), ("petition_authors_internal",)), "public",
     "refused_superuser"),
    (RoleFacts("r", False, True, False, (), ()), "public", "refused_bypass_rls"),
    (RoleFacts("r", False, False, True, (), ()), "internal", "refused_can_create"),
    (RoleFacts("r", False, False, False, ("votes",), ()), "internal", "refused_can_write"),
    (RoleFacts("r", False, False, False, (), ("petition_authors_internal",)), "public", "refused_reads_internal"),
], ids=["superuser", "bypassrls", "create", "write", "public-reads-personal-data"])
def test_each_unsafe_role_is_one_reason(facts, audience, key):
    assert _keys(role_problems(facts, audience)) == [key]


def test_the_internal_role_may_read_personal_data_in_the_internal_edition():
    internal = RoleFacts("vidkryto_internal", False, False, False, (), ("petition_authors_internal",))
    assert role_problems(internal, "internal") == []


def test_internal_edition_without_login_is_refused(demo_sqlite_url, monkeypatch):
    monkeypatch.setenv("VIDKRYTO_DATABASE_URL", demo_sqlite_url)
    monkeypatch.setenv("VIDKRYTO_AUDIENCE", "internal")
    assert _keys(problems(load_settings(), login_configured=False)) == ["refused_internal_without_login"]
    assert problems(load_settings(), login_configured=True) == []


def test_refused_app_shows_its_reasons_and_no_page(run_page):
    app = run_page("pages/votes.py", "internal", local_demo=False)
    assert not app.exception
    assert "[auth]" in app.error[0].value and "VIDKRYTO_LOCAL_DEMO" in app.error[0].value
    assert not app.title and not app.dataframe


def test_local_demo_runs_with_a_banner_on_every_page(run_page):
    app = run_page("pages/votes.py", "internal", local_demo=True)
    assert not app.exception and app.title
    assert "local_demo" in app.warning[0].value


def test_public_edition_on_sqlite_has_no_banner(run_page):
    app = run_page("pages/votes.py", "public")
    assert not app.exception and not any("local_demo" in w.value for w in app.warning)


@pytest.fixture(scope="module")
def postgres_roles(demo_postgres_url):
    from dashboard.db import write_engine
    from dashboard.writer.roles import roles_sql

    url = make_url(demo_postgres_url)
    with write_engine(demo_postgres_url).begin() as connection:
        connection.exec_driver_sql(roles_sql(url.database))
    return {role: url.set(username=role).render_as_string(hide_password=False) for role in (PUBLIC_ROLE, INTERNAL_ROLE)}


def test_the_owner_of_the_database_is_refused(demo_postgres_url, run_page):
    assert _keys(role_problems(role_facts(demo_postgres_url, 5000), "public")) == ["refused_superuser"]
    app = run_page("pages/overview.py", "public", database_url=demo_postgres_url)
    assert not app.exception and "postgres" in app.error[0].value and not app.title


def test_the_roles_made_by_roles_sql_break_no_rule_in_their_edition(postgres_roles):
    assert role_problems(role_facts(postgres_roles[PUBLIC_ROLE], 5000), "public") == []
    assert role_problems(role_facts(postgres_roles[INTERNAL_ROLE], 5000), "internal") == []
    assert _keys(role_problems(role_facts(postgres_roles[INTERNAL_ROLE], 5000), "public")) == [
        "refused_reads_internal"]


def test_the_public_role_is_refused_on_the_councils_database(postgres_roles, run_page):
    """The public role sees no hidden row there (row-level security), yet the planner would count them for it."""
    app = run_page("pages/overview.py", "public", database_url=postgres_roles[PUBLIC_ROLE])
    assert not app.exception and not app.title
    shown = app.error[0].value.replace("\\", "")  # Markdown-escaped
    assert "petition_authors_internal" in shown and "vidkryto publish" in shown


def test_the_public_role_runs_the_pages_of_the_public_database(demo_postgres_url, run_page):
    from dashboard.db import write_engine
    from dashboard.writer.public_database import publish
    from dashboard.writer.roles import roles_sql
    from tests.support import postgres_database

    url = make_url(postgres_database("vidkryto_public_db"))
    publish(write_engine(demo_postgres_url), url.render_as_string(hide_password=False))
    with write_engine(url.render_as_string(hide_password=False)).begin() as connection:
        connection.exec_driver_sql(roles_sql(url.database, public_database=True))
    public = url.set(username=PUBLIC_ROLE).render_as_string(hide_password=False)
    assert role_problems(role_facts(public, 5000), "public") == []
    app = run_page("pages/overview.py", "public", database_url=public)
    assert not app.exception and not app.error and app.title
