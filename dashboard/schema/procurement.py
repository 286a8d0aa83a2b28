"""ProZorro procurement (contact points internal) and public consultations."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from dashboard.schema.base import batch_ref, metadata, public_flag, unit_ref

# --- Procurement: one procedure per OCDS contracting process, and the parts the indicators need ---------------
# A procedure without lots is one lot of key "" (the procedure itself), so every indicator is counted per lot.

procurements = Table(
    "procurements", metadata,
    Column("id", Integer, primary_key=True),
    Column("ocid", String(80), nullable=False, unique=True),
    Column("tender_id", String(40), doc="ProZorro's UA-YYYY-MM-DD-NNNNNN-x: the procedure's page on prozorro.gov.ua"),
    Column("title", Text),
    Column("buyer_id", String(60), doc="The buyer's OCDS party id (UA-EDR-<ЄДРПОУ> in ProZorro)"),
    Column("buyer_edrpou", String(10), index=True),
    Column("buyer_name", Text),
    unit_ref(),
    Column("method", String(20), doc="procurementMethod: open / selective / limited / direct"),
    Column("method_type", String(60), doc="procurementMethodType: belowThreshold, aboveThresholdUA, reporting…"),
    Column("status", String(30), nullable=False),
    Column("expected_value", Float),
    Column("currency", String(3)),
    Column("published_on", Date, nullable=False),
    Column("released_at", DateTime, doc="The merged release's date (UTC): a procedure seen again is updated from a later one"),
    public_flag(),
    batch_ref(),
    # Covering: the overview's procedures per year (0005) and the scorecard's competitive value (0006) read the index
    # alone.
    Index("ix_procurements_day_covering", "published_on", "unit_id", "is_public", "method", "expected_value"),
)


def _procurement_ref():
    return Column("procurement_id", Integer, ForeignKey("procurements.id", ondelete="CASCADE"), nullable=False,
                  index=True)


def _lot_key():
    return Column("lot_key", String(80), nullable=False, default="", doc="The lot's OCDS id; \"\": the whole procedure")


procurement_lots = Table(
    "procurement_lots", metadata,
    Column("id", Integer, primary_key=True),
    _procurement_ref(),
    _lot_key(),
    Column("title", Text),
    Column("status", String(30), nullable=False),
    Column("expected_value", Float),
    Column("bidders", Integer, nullable=False, server_default="0",
           doc="Kept by the writer (writer/procurement_summaries.py): distinct bidders of its counted bids"),
    Column("awarded_value", Float, doc="Kept by the writer: its active awards' value; NULL when it has none"),
    UniqueConstraint("procurement_id", "lot_key"),
)

procurement_items = Table(
    "procurement_items", metadata,
    Column("id", Integer, primary_key=True),
    _procurement_ref(),
    _lot_key(),
    Column("cpv", String(20), index=True, doc="ДК 021 (CPV) code, e.g. 45450000-6"),
    Column("description", Text),
    Column("quantity", Float),
)

procurement_bids = Table(
    "procurement_bids", metadata,
    Column("id", Integer, primary_key=True),
    _procurement_ref(),
    _lot_key(),
    Column("bid_key", String(80), nullable=False),
    Column("bidder_id", String(60), doc="The bidder's OCDS party id (UA-EDR-…); empty when unknown"),
    Column("bidder_name", Text),
    Column("status", String(30)),
    Column("value", Float),
)

procurement_awards = Table(
    "procurement_awards", metadata,
    Column("id", Integer, primary_key=True),
    _procurement_ref(),
    _lot_key(),
    Column("award_key", String(80), nullable=False),
    Column("status", String(30), nullable=False),
    Column("value", Float),
    Column("supplier_id", String(60)),
    Column("supplier_name", Text),
    Column("awarded_on", Date),
)

procurement_contracts = Table(
    "procurement_contracts", metadata,
    Column("id", Integer, primary_key=True),
    _procurement_ref(),
    Column("contract_key", String(80), nullable=False),
    Column("award_key", String(80)),
    Column("status", String(30), nullable=False),
    Column("value", Float),
    Column("signed_on", Date),
)

procurement_contacts_internal = Table(
    "procurement_contacts_internal", metadata,
    Column("id", Integer, primary_key=True),
    _procurement_ref(),
    Column("party_id", String(60)),
    Column("roles", Text, doc="The party's OCDS roles, comma-separated"),
    Column("name", Text),
    Column("email", Text),
    Column("phone", Text),
)

# --- Consultations ---------------------------------------------------------------------------------------------

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
