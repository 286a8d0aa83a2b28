"""What every table of the schema shares: the one `MetaData`, and the columns that tie a row to its unit, its
audience and the import that brought it (see the package's docstring)."""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    true,
)

metadata = MetaData()


def unit_ref():
    """The structural unit a fact belongs to (empty: the whole council)."""
    return Column("unit_id", Integer, ForeignKey("units.id"), index=True)


def public_flag():
    """Whether the public audience may see the row."""
    return Column("is_public", Boolean, nullable=False, server_default=true(), default=True)


def batch_ref():
    """The import batch that brought the row."""
    return Column("batch_id", Integer, ForeignKey("import_batches.id"), index=True)
