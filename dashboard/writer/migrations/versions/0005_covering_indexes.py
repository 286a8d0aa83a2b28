"""Covering date indexes: each replaces a source's date index with one that also holds the columns the overview's KPIs,
the mentions per outlet and the petition funnel read (with `visible` and `in_units`' is_public and unit_id), so
PostgreSQL answers them by an index-only scan and SQLite from the index, instead of fetching every wide row (titles,
URLs) of the period. Each new index starts with the old one's column, so whatever used the old one can use it.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COVERING = {  # table: (the date index replaced, its column), (the covering index, its columns)
    "media_mentions": (("ix_media_mentions_published_on", ["published_on"]),
                       ("ix_media_mentions_day_covering", ["published_on", "outlet_id", "unit_id", "is_public"])),
    "decisions": (("ix_decisions_adopted_on", ["adopted_on"]),
                  ("ix_decisions_day_covering", ["adopted_on", "convocation_id", "unit_id", "is_public"])),
    "petitions": (("ix_petitions_submitted_on", ["submitted_on"]),
                  ("ix_petitions_day_covering", ["submitted_on", "responded_on", "threshold_reached_on", "closes_on",
                                                 "outcome", "unit_id", "is_public"])),
    "procurements": (("ix_procurements_published_on", ["published_on"]),
                     ("ix_procurements_day_covering", ["published_on", "unit_id", "is_public"])),
}


def _replace(table: str, old: str, new: str, columns: list[str]) -> None:
    op.create_index(new, table, columns)
    op.drop_index(old, table_name=table)
    op.execute(f"ANALYZE {table}")  # SQLite keeps its statistics per index: the new one starts with none


def upgrade() -> None:
    for table, ((old, _), (new, columns)) in COVERING.items():
        _replace(table, old, new, columns)


def downgrade() -> None:
    for table, ((old, columns), (new, _)) in COVERING.items():
        _replace(table, new, old, columns)
