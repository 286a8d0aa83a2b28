"""PostgreSQL roles: the public role reads published rows only and no internal table; neither role writes."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from dashboard.db import read_engine, write_engine
from dashboard.schema import petition_authors_internal, petitions, vote_choices, votes
from dashboard.writer.roles import INTERNAL_ROLE, PUBLIC_ROLE, roles_sql


@pytest.fixture(scope="module")
def role_urls(demo_postgres_url):
    url = make_url(demo_postgres_url)
    with write_engine(demo_postgres_url).begin() as connection:
        connection.exec_driver_sql(roles_sql(url.database))
    return {role: url.set(username=role).render_as_string(hide_password=False) for role in (PUBLIC_ROLE, INTERNAL_ROLE)}


def _count(url, stmt):
    with read_engine(url).connect() as connection:
        return connection.execute(stmt).scalar_one()


def test_public_role_sees_published_rows_only(role_urls, demo_postgres_url):
    total = _count(demo_postgres_url, select(func.count()).select_from(petitions))
    published = _count(demo_postgres_url, select(func.count()).select_from(petitions).where(petitions.c.is_public))
    assert published < total, "the demo has unpublished petitions"
    assert _count(role_urls[PUBLIC_ROLE], select(func.count()).select_from(petitions)) == published
    assert _count(role_urls[INTERNAL_ROLE], select(func.count()).select_from(petitions)) == total


def test_public_role_cannot_read_personal_data(role_urls):
    with pytest.raises(DBAPIError, match="permission denied"):
        _count(role_urls[PUBLIC_ROLE], select(func.count()).select_from(petition_authors_internal))
    assert _count(role_urls[INTERNAL_ROLE], select(func.count()).select_from(petition_authors_internal)) > 0


def test_public_role_sees_choices_of_published_votes_only(role_urls, demo_postgres_url):
    published = select(func.count()).select_from(vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id)).where(votes.c.is_public)
    assert _count(role_urls[PUBLIC_ROLE], select(func.count()).select_from(vote_choices)) == _count(demo_postgres_url, published)


@pytest.mark.parametrize("role", [PUBLIC_ROLE, INTERNAL_ROLE])
def test_roles_cannot_write_even_outside_the_dashboard_engine(role_urls, role):
    from sqlalchemy import create_engine

    engine = create_engine(role_urls[role])
    with pytest.raises(DBAPIError):
        with engine.begin() as connection:
            connection.execute(text("UPDATE units SET name_en = 'x'"))
    engine.dispose()


def test_roles_sql_runs_twice(demo_postgres_url, role_urls):
    with write_engine(demo_postgres_url).begin() as connection:
        connection.exec_driver_sql(roles_sql(make_url(demo_postgres_url).database))
