"""Reference data: import batches and what they flagged, structural units (and their earlier names), KPI targets."""

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from dashboard.schema.base import batch_ref, metadata, unit_ref

import_batches = Table(
    "import_batches", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(40), nullable=False),
    Column("format", String(40), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("rows_read", Integer, nullable=False, default=0),
    Column("rows_written", Integer, nullable=False, default=0),
    Column("rows_skipped", Integer, nullable=False, default=0),
    Column("imported_at", DateTime, nullable=False),
)

import_problems = Table(
    "import_problems", metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("location", Text, nullable=False, doc="file name, with line or JSON path"),
    Column("reason", Text, nullable=False),
)

units = Table(
    "units", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name_uk", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("parent_id", Integer, ForeignKey("units.id")),
    Column("edrpou", String(10), unique=True),
)

unit_history = Table(
    "unit_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name_uk", Text, nullable=False, doc="the name and parent the unit had until replaced_at"),
    Column("name_en", Text, nullable=False),
    Column("parent_id", Integer, ForeignKey("units.id")),
    Column("replaced_at", DateTime, nullable=False),
    batch_ref(),
)

kpi_targets = Table(
    "kpi_targets", metadata,
    Column("id", Integer, primary_key=True),
    Column("kpi", String(60), nullable=False),
    Column("year", Integer, nullable=False),
    unit_ref(),
    Column("target", Float, nullable=False),
    batch_ref(),
    UniqueConstraint("kpi", "year", "unit_id", name="uq_kpi_targets_kpi_year_unit"),
)
