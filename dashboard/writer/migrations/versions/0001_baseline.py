"""The schema as the first release with migrations found it: every table that `init-db` created before.

A council's database made by that release has no `alembic_version` table; `init-db` stamps it with this
revision and upgrades it from here (dashboard.writer.migrate). The tables are in `migrations/baseline/`, one
module per domain, created in an order that puts every table after those it refers to.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from dashboard.writer.migrations.baseline import council, media, petitions, procurement, reference, website

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    for domain in (reference, media, website, petitions, council, procurement):
        domain.create()


def downgrade() -> None:
    """Drop every table (before the baseline there was none)."""
    tables = sa.MetaData()
    tables.reflect(op.get_bind())
    tables.drop_all(op.get_bind(), tables=[table for table in tables.sorted_tables if table.name != "alembic_version"])
