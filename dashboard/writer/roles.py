"""PostgreSQL roles for the dashboard: an internal reader and a public reader that cannot see internal data.

Neither role may write, create or skip row-level security (`dashboard.deployment` refuses to start as one
that can). The public role gets SELECT on every table but the `_internal` ones, and row-level security
limits it to published rows. The policies are derived from the schema, so a table added later is covered
when `roles` runs again:
- a table with `is_public` shows its published rows;
- a table with a foreign key to a table under a policy shows a row only when the row it points to is
  visible (an empty key points nowhere and hides nothing); the parent's own policy applies inside that
  subquery, so the rule holds down any chain (petition -> signature snapshots, vote -> choices).
A table with neither holds nothing unpublished (units, deputies, sums over published votes) and is read whole.
"""

from sqlalchemy import Table

from dashboard.schema import INTERNAL_TABLES, metadata

INTERNAL_ROLE = "vidkryto_internal"
PUBLIC_ROLE = "vidkryto_public"


def _row_visible(table: Table, filtered: dict[str, str]) -> str | None:
    """The condition for one table's rows, given the conditions of the tables it may point to."""
    conditions = ["is_public"] if "is_public" in table.c else []
    for key in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        parent, column = key.column.table.name, key.parent.name
        if parent not in filtered or parent == table.name:
            continue
        points_to_visible = (f"EXISTS (SELECT 1 FROM {parent} AS parent "
                             f"WHERE parent.{key.column.name} = {table.name}.{column})")
        conditions.append(f"({table.name}.{column} IS NULL OR {points_to_visible})" if key.parent.nullable
                          else points_to_visible)
    return " AND ".join(conditions) or None


def public_policies() -> dict[str, str]:
    """Table -> the condition under which the public role sees a row, for every table that needs one."""
    filtered: dict[str, str] = {}
    for table in metadata.sorted_tables:
        if table.name not in INTERNAL_TABLES and (condition := _row_visible(table, filtered)):
            filtered[table.name] = condition
    return filtered


def roles_sql(database: str, statement_timeout_ms: int = 5000) -> str:
    """The SQL that creates (or refreshes) both read-only roles; safe to run more than once."""
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
