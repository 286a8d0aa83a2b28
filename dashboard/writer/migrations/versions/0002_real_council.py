"""A real council's own files: a unit's earlier names, decisions from the register, untitled media rows.

- `unit_history`: the name and parent a unit had before `import units` renamed or moved it.
- `decisions.url`, and `decisions.convocation_id` may be empty (a register imported before any vote).
- `media_mentions.title` may be empty: the monitoring gave a URL without a title (flagged at import).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name_uk", sa.Text(), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"]),
        sa.ForeignKeyConstraint(["parent_id"], ["units.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unit_history") as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_history_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_unit_history_unit_id"), ["unit_id"], unique=False)
    with op.batch_alter_table("decisions") as batch_op:
        batch_op.add_column(sa.Column("url", sa.Text(), nullable=True))
        batch_op.alter_column("convocation_id", existing_type=sa.INTEGER(), nullable=True)
    with op.batch_alter_table("media_mentions") as batch_op:
        batch_op.alter_column("title", existing_type=sa.TEXT(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("media_mentions") as batch_op:
        batch_op.alter_column("title", existing_type=sa.TEXT(), nullable=False)
    with op.batch_alter_table("decisions") as batch_op:
        batch_op.alter_column("convocation_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("url")
    with op.batch_alter_table("unit_history") as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_history_unit_id"))
        batch_op.drop_index(batch_op.f("ix_unit_history_batch_id"))
    op.drop_table("unit_history")
