"""PostgreSQL roles for the dashboard: an internal reader and a public reader that cannot see internal data.

The public role gets SELECT on every table but the `_internal` ones, and row-level security limits it to
published rows (and to the choices and tallies of published votes), so a bug in a page cannot leak them.
"""

from dashboard.schema import INTERNAL_TABLES, PUBLIC_FILTERED_TABLES, metadata

INTERNAL_ROLE = "vidkryto_internal"
PUBLIC_ROLE = "vidkryto_public"
# Tables whose rows follow a published vote.
VOTE_CHILD_TABLES = ("vote_choices", "vote_faction_tallies")


def roles_sql(database: str, statement_timeout_ms: int = 5000) -> str:
    """The SQL that creates (or refreshes) both read-only roles; safe to run more than once."""
    readable = [name for name in metadata.tables if name not in INTERNAL_TABLES]
    lines = []
    for role in (INTERNAL_ROLE, PUBLIC_ROLE):
        lines += [
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} LOGIN; END IF; END $$;",
            f'GRANT CONNECT ON DATABASE "{database}" TO {role};',
            f"GRANT USAGE ON SCHEMA public TO {role};",
            f"ALTER ROLE {role} SET default_transaction_read_only = on;",
            f"ALTER ROLE {role} SET statement_timeout = {int(statement_timeout_ms)};",
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public FROM {role};",
        ]
    lines.append(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {INTERNAL_ROLE};")
    lines += [f"GRANT SELECT ON {name} TO {PUBLIC_ROLE};" for name in readable]
    lines += [f"REVOKE ALL ON {name} FROM {PUBLIC_ROLE};" for name in INTERNAL_TABLES]
    policies = {name: "is_public" for name in PUBLIC_FILTERED_TABLES}
    policies.update({name: "EXISTS (SELECT 1 FROM votes v WHERE v.id = vote_id AND v.is_public)"
                     for name in VOTE_CHILD_TABLES})
    for name, condition in policies.items():
        lines += [
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;",
            f"DROP POLICY IF EXISTS public_rows ON {name};",
            f"CREATE POLICY public_rows ON {name} FOR SELECT TO {PUBLIC_ROLE} USING ({condition});",
            f"DROP POLICY IF EXISTS internal_rows ON {name};",
            f"CREATE POLICY internal_rows ON {name} FOR SELECT TO {INTERNAL_ROLE} USING (true);",
        ]
    return "\n".join(lines) + "\n"
