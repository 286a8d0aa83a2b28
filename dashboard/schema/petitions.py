"""E-petitions, their signature history, authors (internal) and the working-day calendar of the law's clock."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from dashboard.schema.base import batch_ref, metadata, public_flag, unit_ref

# --- Petitions ---------------------------------------------------------------------------------
# Vocabularies and the law's clock: dashboard.metrics.petitions; the rules: docs/petitions.md.

petitions = Table(
    "petitions", metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(40), nullable=False, unique=True, doc="the service's number (e-dem: its id or link)"),
    Column("title", Text, nullable=False),
    Column("category", String(80)),
    unit_ref(),
    Column("submitted_on", Date, nullable=False),
    Column("closes_on", Date, doc="last day of the signature collection"),
    Column("threshold", Integer, nullable=False, doc="signatures this petition needed: its own, as the rules were"),
    Column("signatures", Integer, nullable=False, default=0),
    Column("status", String(30), nullable=False, doc="one of metrics.petitions.STATUSES"),
    Column("threshold_reached_on", Date, doc="the source's date, else the first snapshot at the threshold"),
    Column("consideration_started_on", Date, doc="published start of consideration (art. 23-1); empty: not given"),
    Column("responded_on", Date),
    Column("outcome", String(20), doc="supported / partially / rejected / unknown (answered, none recorded)"),
    Column("url", Text, doc="the petition's page on the service"),
    Column("response_url", Text),
    public_flag(),
    batch_ref(),
    # Covering: the overview's petitions per year and the funnel read the index alone (migration 0005).
    Index("ix_petitions_day_covering", "submitted_on", "responded_on", "threshold_reached_on", "closes_on", "outcome",
          "unit_id", "is_public"),
)

petition_signature_snapshots = Table(
    "petition_signature_snapshots", metadata,
    Column("petition_id", Integer, ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True),
    Column("taken_on", Date, primary_key=True, doc="the day the count was read; a row only when it changed"),
    Column("signatures", Integer, nullable=False),
)

petition_authors_internal = Table(
    "petition_authors_internal", metadata,
    Column("petition_id", Integer, ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True),
    Column("author", Text, nullable=False),
    Column("contact", Text),
)

petition_working_days = Table(
    "petition_working_days", metadata,
    Column("day", Date, primary_key=True),
    Column("is_working", Boolean, nullable=False),
    Column("ordinal", Integer, nullable=False,
           doc="working days from metrics.petitions.CALENDAR_EPOCH up to this day, this day included"),
    Index("ix_petition_working_days_ordinal", "ordinal"),  # a term's last day: the day N working days on
)
