"""The scorecard at 100 times a city: each vote says whether its roll call is recorded (`votes.choices_recorded`,
kept by `vote_summaries`), and the date indexes of votes, decisions and procedures hold what the scorecard's counts
read, so PostgreSQL answers them by an index-only scan and SQLite from the index. Before, the roll-call count probed
the ten million choices once per vote of the year, and the other two fetched every row of the year.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COVERING = {  # table: (the index replaced, its columns), (the covering index, its columns)
    "votes": (("ix_votes_voted_at", ["voted_at"]),
              ("ix_votes_day_covering", ["voted_at", "unit_id", "is_public", "choices_recorded"])),
    "decisions": (("ix_decisions_day_covering", ["adopted_on", "convocation_id", "unit_id", "is_public"]),
                  ("ix_decisions_day_covering", ["adopted_on", "convocation_id", "unit_id", "is_public",
                                                 "published_on"])),
    "procurements": (("ix_procurements_day_covering", ["published_on", "unit_id", "is_public"]),
                     ("ix_procurements_day_covering", ["published_on", "unit_id", "is_public", "method",
                                                       "expected_value"])),
}


NO_COPY = "never"
"""SQLite's copy of a table drops the old one, which deletes a vote's choices through their ON DELETE CASCADE (and
unlinks its decisions): the column is added and dropped in place."""


def _replace(table: str, old: str, new: str, columns: list[str]) -> None:
    op.drop_index(old, table_name=table)  # first: decisions and procedures keep the index's name
    op.create_index(new, table, columns)
    op.execute(f"ANALYZE {table}")  # SQLite keeps its statistics per index: the new one starts with none


def upgrade() -> None:
    with op.batch_alter_table("votes", recreate=NO_COPY) as batch_op:
        batch_op.add_column(sa.Column("choices_recorded", sa.Boolean(), server_default=sa.false(), nullable=False))
    votes = sa.table("votes", sa.column("id", sa.Integer()), sa.column("choices_recorded", sa.Boolean()))
    choices = sa.table("vote_choices", sa.column("vote_id", sa.Integer()))
    op.execute(sa.update(votes).where(sa.exists().where(choices.c.vote_id == votes.c.id))
               .values(choices_recorded=sa.true()))
    for table, ((old, _), (new, columns)) in COVERING.items():
        _replace(table, old, new, columns)


def downgrade() -> None:
    for table, ((old, columns), (new, _)) in COVERING.items():
        _replace(table, new, old, columns)
    with op.batch_alter_table("votes", recreate=NO_COPY) as batch_op:
        batch_op.drop_column("choices_recorded")
