"""Public consultations from the council's own file: a consultation is its identity (the URL, else the start day
and title), as `import consultations` writes it. Rows already there (the demo's) get theirs from their columns.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from dashboard.metrics.consultations import consultation_identity

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations") as batch_op:
        batch_op.add_column(sa.Column("identity", sa.Text(), nullable=True))
    table = sa.table("consultations", sa.column("id", sa.Integer()), sa.column("identity", sa.Text()),
                     sa.column("url", sa.Text()), sa.column("started_on", sa.Date()), sa.column("title", sa.Text()))
    connection = op.get_bind()
    seen: dict[str, int] = {}
    for row in connection.execute(sa.select(table.c.id, table.c.url, table.c.started_on, table.c.title)
                                  .order_by(table.c.id)).all():
        identity = consultation_identity(row.url, row.started_on, row.title)
        if identity in seen:  # two rows of one identity before there was one: both kept, the later told apart
            identity = f"{identity}#{row.id}"
        seen[identity] = row.id
        connection.execute(sa.update(table).where(table.c.id == row.id).values(identity=identity))
    with op.batch_alter_table("consultations") as batch_op:
        batch_op.alter_column("identity", existing_type=sa.Text(), nullable=False)
        batch_op.create_unique_constraint("consultations_identity_key", ["identity"])


def downgrade() -> None:
    with op.batch_alter_table("consultations") as batch_op:
        batch_op.drop_constraint("consultations_identity_key", type_="unique")
        batch_op.drop_column("identity")
