"""PostgreSQL roles for the dashboard: an internal reader and a public reader that cannot see internal data.

Neither role may write, create or skip row-level security (`dashboard.deployment` refuses to start as one
that can). The public role gets SELECT on every table but the `_internal` ones, and row-level security
limits it to published rows by the schema's one rule (`dashboard.schema.published`), so a table added later is
covered when `roles` runs again. That is the internal edition's second wall, never the public's only one: the
planner's row counts leak through it to anyone who may run SQL, so the public edition reads the public database
that `vidkryto publish` writes.
"""

from sqlalchemy import literal, select
from sqlalchemy.dialects import postgresql

from dashboard.schema import INTERNAL_TABLES, metadata, public_tables, published

INTERNAL_ROLE = "vidkryto_internal"
PUBLIC_ROLE = "vidkryto_public"


def public_policies() -> dict[str, str]:
    """Table -> the condition under which the public role sees a row (`dashboard.schema.published`), as SQL."""
    policies = {}
    for table in public_tables():
        if (condition := published(table.name)) is not None:
            # Compiled inside a query of the table, so the subqueries correlate to it; the top WHERE comes first.
            query = select(literal(1)).select_from(table).where(condition)
            sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
            policies[table.name] = sql.split("\nWHERE ", 1)[1]
    return policies


def roles_sql(database: str, statement_timeout_ms: int = 5000, public_database: bool = False) -> str:
    """The SQL that creates (or refreshes) both read-only roles; safe to run more than once.

    A public database (`vidkryto publish`) has neither an internal table nor a hidden row: both roles read it
    whole, and it needs no policy."""
    readable = [name for name in metadata.tables if name not in INTERNAL_TABLES]
    lines = []
    for role in (INTERNAL_ROLE, PUBLIC_ROLE):
        lines += [
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} LOGIN; END IF; END $$;",
            f"ALTER ROLE {role} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;",
            f'GRANT CONNECT ON DATABASE "{database}" TO {role};',
            f'REVOKE CREATE, TEMPORARY ON DATABASE "{database}" FROM {role};',
            f"GRANT USAGE ON SCHEMA public TO {role};",
            f"REVOKE CREATE ON SCHEMA public FROM {role};",
            f"ALTER ROLE {role} SET default_transaction_read_only = on;",
            f"ALTER ROLE {role} SET statement_timeout = {int(statement_timeout_ms)};",
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {role};",
        ]
    lines.append(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {INTERNAL_ROLE};")
    lines += [f"GRANT SELECT ON {name} TO {PUBLIC_ROLE};" for name in readable]
    if public_database:
        return "\n".join(lines) + "\n"
    lines += [f"REVOKE ALL ON {name} FROM {PUBLIC_ROLE};" for name in INTERNAL_TABLES]
    for name, condition in public_policies().items():
        lines += [
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;",
            f"DROP POLICY IF EXISTS public_rows ON {name};",
            f"CREATE POLICY public_rows ON {name} FOR SELECT TO {PUBLIC_ROLE} USING ({condition});",
            f"DROP POLICY IF EXISTS internal_rows ON {name};",
            f"CREATE POLICY internal_rows ON {name} FOR SELECT TO {INTERNAL_ROLE} USING (true);",
        ]
    return "\n".join(lines) + "\n"
