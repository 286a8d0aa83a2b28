"""ProZorro procurement (contact points internal) and public consultations."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from dashboard.schema.base import batch_ref, metadata, public_flag, unit_ref

# --- Procurement and consultations -------------------------------------------------------------

tenders = Table(
    "tenders", metadata,
    Column("id", Integer, primary_key=True),
    Column("ocid", String(80), nullable=False, unique=True),
    Column("title", Text),
    Column("buyer_edrpou", String(10), index=True),
    Column("buyer_name", Text),
    unit_ref(),
    Column("method", String(20), doc="open / selective / limited / direct"),
    Column("method_type", String(60)),
    Column("status", String(30), nullable=False),
    Column("expected_value", Float),
    Column("awarded_value", Float),
    Column("currency", String(3), default="UAH"),
    Column("bidders", Integer),
    Column("published_on", Date, nullable=False, index=True),
    Column("awarded_on", Date),
    Column("cpv", String(20)),
    public_flag(),
    batch_ref(),
)

tender_contacts_internal = Table(
    "tender_contacts_internal", metadata,
    Column("id", Integer, primary_key=True),
    Column("tender_id", Integer, ForeignKey("tenders.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", Text),
    Column("email", Text),
    Column("phone", Text),
)

consultations = Table(
    "consultations", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", Text, nullable=False, unique=True,
           doc="metrics.consultations.consultation_identity: the URL, else the start day and title"),
    Column("title", Text, nullable=False),
    unit_ref(),
    Column("started_on", Date, nullable=False, index=True),
    Column("ended_on", Date),
    Column("online_poll", Boolean, nullable=False, default=False),
    Column("responses", Integer),
    Column("results_published_on", Date),
    Column("url", Text),
    public_flag(),
    batch_ref(),
)
