"""PostgreSQL roles: the public role reads published rows only and no internal table; neither role writes.

The walk reads the database's own catalogue, not dashboard.schema, so a table added by hand or by a later
issue without a policy fails it too.
"""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from dashboard.db import read_engine, write_engine
from dashboard.schema import petition_authors_internal, petition_signature_snapshots, petitions, vote_choices, votes
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


CATALOGUE = text("""
SELECT c.relname, c.relrowsecurity,
       has_table_privilege(:role, c.oid, 'SELECT') AS granted,
       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
               AND (p.polroles = '{0}' OR (SELECT oid FROM pg_roles WHERE rolname = :role) = ANY (p.polroles))) AS policy,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'is_public') AS has_is_public
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
ORDER BY c.relname
""")
FOREIGN_KEYS = text("""
SELECT child.relname, a.attname, parent.relname, pa.attname
FROM pg_constraint k
JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
WHERE k.contype = 'f'
""")


def _walk(demo_postgres_url):
    with write_engine(demo_postgres_url).connect() as connection:
        tables = {row.relname: row for row in connection.execute(CATALOGUE, {"role": PUBLIC_ROLE})}
        keys = connection.execute(FOREIGN_KEYS).all()
    return tables, keys


def test_every_table_the_public_role_reads_has_a_policy_where_it_needs_one(role_urls, demo_postgres_url):
    tables, keys = _walk(demo_postgres_url)
    assert "petition_signature_snapshots" in tables and len(tables) > 25
    filtered = {name for name, row in tables.items() if row.relrowsecurity and row.policy}
    for name, row in tables.items():
        if name.endswith("_internal"):
            assert not row.granted, f"{name} holds personal data but the public role reads it"
        elif row.granted and row.has_is_public:
            assert name in filtered, f"{name} has is_public but no row-level policy for the public role"
    for child, _column, parent, _parent_column in keys:
        if tables[child].granted and parent in filtered:
            assert child in filtered, f"{child} points to {parent}, whose unpublished rows it would reveal"


def test_the_public_role_sees_no_unpublished_row_nor_anything_that_points_to_one(role_urls, demo_postgres_url):
    tables, keys = _walk(demo_postgres_url)
    owner, public = write_engine(demo_postgres_url), read_engine(role_urls[PUBLIC_ROLE])
    hidden_by_owner = 0
    with owner.connect() as as_owner, public.connect() as as_public:
        for name, row in tables.items():
            if row.granted and row.has_is_public:
                assert as_public.execute(text(f"SELECT count(*) FROM {name} WHERE NOT is_public")).scalar_one() == 0
        for child, column, parent, parent_column in keys:
            if not tables[child].granted or not tables[parent].has_is_public:
                continue
            unpublished_parent = text(f"SELECT count(*) FROM {child} c JOIN {parent} p ON p.{parent_column} = "
                                      f"c.{column} WHERE NOT p.is_public")
            hidden_by_owner += as_owner.execute(unpublished_parent).scalar_one()
            points_to_invisible = text(f"SELECT count(*) FROM {child} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
                                       f"(SELECT 1 FROM {parent} p WHERE p.{parent_column} = c.{column})")
            assert as_public.execute(points_to_invisible).scalar_one() == 0, f"{child}.{column} -> {parent}"
    assert hidden_by_owner > 0, "the demo has rows under unpublished parents, so the walk can fail"


def test_public_role_sees_signature_snapshots_of_published_petitions_only(role_urls, demo_postgres_url):
    snapshots = select(func.count()).select_from(petition_signature_snapshots)
    published = snapshots.join_from(petition_signature_snapshots, petitions).where(petitions.c.is_public)
    assert _count(role_urls[PUBLIC_ROLE], snapshots) == _count(demo_postgres_url, published)
    assert _count(role_urls[PUBLIC_ROLE], snapshots) < _count(role_urls[INTERNAL_ROLE], snapshots)
