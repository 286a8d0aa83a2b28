"""Which rows of a table the public may see: one rule, derived from the schema, for the public database that
`vidkryto publish` writes and for the row-level security policies of the council's database.

- a table with `is_public` shows its published rows;
- a table with a foreign key to a table under the rule shows a row only when the row it points to is shown
  (an empty key points nowhere and hides nothing), down any chain (petition -> signature snapshots,
  procedure -> lot -> bids);
- a table with neither holds nothing unpublished (units, deputies, the calendar) and is shown whole;
- a table whose name ends in `_internal` holds personal data and is never shown.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import ColumnElement, Table, and_, exists, or_, select, true

from dashboard.schema.base import metadata


def internal(name: str) -> bool:
    """Whether the table holds personal data, which the public never reads."""
    return name.endswith("_internal")


@cache
def published(name: str) -> ColumnElement | None:
    """The condition under which a row of the table is public; None when every row is."""
    table: Table = metadata.tables[name]
    conditions = [table.c.is_public == true()] if "is_public" in table.c else []
    for key in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        parent = key.column.table
        if parent is table or (parent_shown := published(parent.name)) is None:
            continue
        shown = exists(select(1).where(key.column == key.parent, parent_shown).correlate_except(parent))
        conditions.append(or_(key.parent.is_(None), shown) if key.parent.nullable else shown)
    return and_(*conditions) if conditions else None


def public_tables() -> list[Table]:
    """Every table the public may read, parents before children."""
    return [table for table in metadata.sorted_tables if not internal(table.name)]
