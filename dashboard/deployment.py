"""What a deployment must be before it serves anyone: each failed rule stops the app at start with its reason.

- The internal edition shows unpublished rows and personal data, so it needs a login (`[auth]` in
  secrets.toml).
- On PostgreSQL the dashboard's role must not be a superuser, skip row-level security, create objects or
  hold any write privilege: a read-only transaction is only a session default, and a role that may write
  can switch it off from inside a session.
- The public edition's role must not read the `_internal` tables (those hold personal data).
- The public edition reads a public database (`vidkryto publish`): one with an internal table, an unpublished
  row or an import's file name is the council's own, and a side channel could find what it hides.
The `local_demo` setting waives these rules on one's own machine; every page then carries a banner.
SQLite is opened read-only by `dashboard.db` and has no roles, so only the first rule applies to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import exists, false, inspect, literal, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from dashboard.db import DatabaseUnavailable, read_engine
from dashboard.schema import INTERNAL_TABLES, PUBLIC_FILTERED_TABLES, import_batches, metadata
from dashboard.settings import Settings


@dataclass(frozen=True)
class Problem:
    """One broken rule: a message key of locales/common.toml and its parameters."""

    key: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RoleFacts:
    name: str
    superuser: bool
    bypasses_rls: bool
    can_create: bool
    writable_tables: tuple[str, ...]
    readable_internal_tables: tuple[str, ...]


ROLE_FACTS_SQL = text("""
SELECT r.rolname, r.rolsuper, r.rolbypassrls,
       has_database_privilege(current_database(), 'CREATE') OR has_schema_privilege(current_schema(), 'CREATE'),
       ARRAY(SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
               AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') ORDER BY c.relname),
       ARRAY(SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relname = ANY(:internal)
               AND has_table_privilege(c.oid, 'SELECT') ORDER BY c.relname)
FROM pg_roles r WHERE r.rolname = current_user
""")


@lru_cache(maxsize=8)
def role_facts(database_url: str, statement_timeout_ms: int) -> RoleFacts:
    """What the dashboard's PostgreSQL role may do (cached: roles change with a restart, not per visit)."""
    try:
        with read_engine(database_url, statement_timeout_ms).connect() as connection:
            row = connection.execute(ROLE_FACTS_SQL, {"internal": list(INTERNAL_TABLES)}).one()
    except DBAPIError as error:
        raise DatabaseUnavailable(str(error).splitlines()[0]) from error
    name, superuser, bypasses, create, writable, internal = row
    return RoleFacts(name, superuser, bypasses, create, tuple(writable), tuple(internal))


def role_problems(facts: RoleFacts, audience: str) -> list[Problem]:
    """The rules of the module docstring for one PostgreSQL role."""
    role = ("role", facts.name)
    if facts.superuser:  # may do everything below, and more: one reason is enough
        return [Problem("refused_superuser", (role,))]
    problems = []
    if facts.bypasses_rls:
        problems.append(Problem("refused_bypass_rls", (role,)))
    if facts.can_create:
        problems.append(Problem("refused_can_create", (role,)))
    if facts.writable_tables:
        problems.append(Problem("refused_can_write", (role, ("tables", ", ".join(facts.writable_tables[:5])))))
    if audience == "public" and facts.readable_internal_tables:
        problems.append(Problem("refused_reads_internal",
                                (role, ("tables", ", ".join(facts.readable_internal_tables)))))
    return problems


@lru_cache(maxsize=8)
def council_data(database_url: str, statement_timeout_ms: int) -> tuple[Problem, ...]:
    """What makes this database the council's own rather than a public one (cached: it changes with a publish,
    and the check reads whole tables)."""
    try:
        with read_engine(database_url, statement_timeout_ms).connect() as connection:
            names = set(inspect(connection).get_table_names())
            internal = sorted(name for name in names if name in INTERNAL_TABLES)
            hidden = [name for name in PUBLIC_FILTERED_TABLES if name in names and connection.execute(
                select(literal(1)).where(exists().where(metadata.tables[name].c.is_public == false()))).first()]
            files = "import_batches" in names and connection.execute(
                select(literal(1)).where(exists().where(import_batches.c.file_name != ""))).first()
    except DBAPIError as error:
        raise DatabaseUnavailable(str(error).splitlines()[0]) from error
    found = [Problem("refused_internal_tables", (("tables", ", ".join(internal)),))] if internal else []
    found += [Problem("refused_unpublished_rows", (("tables", ", ".join(hidden)),))] if hidden else []
    found += [Problem("refused_file_names")] if files else []
    return tuple(found)


def problems(settings: Settings, login_configured: bool) -> list[Problem]:
    """Every rule this deployment breaks; raises DatabaseUnavailable when PostgreSQL does not answer."""
    found = []
    if settings.audience == "internal" and not login_configured:
        found.append(Problem("refused_internal_without_login"))
    if make_url(settings.database_url).get_backend_name() == "postgresql":
        found += role_problems(role_facts(settings.database_url, settings.statement_timeout_ms), settings.audience)
    if settings.audience == "public":
        found += council_data(settings.database_url, settings.statement_timeout_ms)
    return found
