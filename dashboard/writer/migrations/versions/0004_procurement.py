"""Procurement as OCDS holds it: a procedure (`procurements`) with its lots, items (ДК 021), bids, awards and
contracts, and its contact points (internal), in place of the flat `tenders` table. Each tender already there
becomes a procedure of one lot (key ""), with its ДК 021 code as an item, its bidders as bids of unknown
bidders, its awarded value as an active award; its contact points move with it.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _procurement_ref():
    return sa.Column("procurement_id", sa.Integer(), sa.ForeignKey("procurements.id", ondelete="CASCADE"),
                     nullable=False, index=True)


def _lot_key():
    return sa.Column("lot_key", sa.String(80), nullable=False)


def upgrade() -> None:
    op.create_table(
        "procurements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ocid", sa.String(80), nullable=False, unique=True),
        sa.Column("tender_id", sa.String(40)),
        sa.Column("title", sa.Text()),
        sa.Column("buyer_id", sa.String(60)),
        sa.Column("buyer_edrpou", sa.String(10), index=True),
        sa.Column("buyer_name", sa.Text()),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), index=True),
        sa.Column("method", sa.String(20)),
        sa.Column("method_type", sa.String(60)),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("expected_value", sa.Float()),
        sa.Column("currency", sa.String(3)),
        sa.Column("published_on", sa.Date(), nullable=False, index=True),
        sa.Column("released_at", sa.DateTime()),
        sa.Column("is_public", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("import_batches.id"), index=True),
    )
    op.create_table(
        "procurement_lots",
        sa.Column("id", sa.Integer(), primary_key=True), _procurement_ref(), _lot_key(),
        sa.Column("title", sa.Text()), sa.Column("status", sa.String(30), nullable=False),
        sa.Column("expected_value", sa.Float()),
        sa.Column("bidders", sa.Integer(), nullable=False, server_default="0"), sa.Column("awarded_value", sa.Float()),
        sa.UniqueConstraint("procurement_id", "lot_key"),
    )
    op.create_table(
        "procurement_items",
        sa.Column("id", sa.Integer(), primary_key=True), _procurement_ref(), _lot_key(),
        sa.Column("cpv", sa.String(20), index=True), sa.Column("description", sa.Text()),
        sa.Column("quantity", sa.Float()),
    )
    op.create_table(
        "procurement_bids",
        sa.Column("id", sa.Integer(), primary_key=True), _procurement_ref(), _lot_key(),
        sa.Column("bid_key", sa.String(80), nullable=False), sa.Column("bidder_id", sa.String(60)),
        sa.Column("bidder_name", sa.Text()), sa.Column("status", sa.String(30)), sa.Column("value", sa.Float()),
    )
    op.create_table(
        "procurement_awards",
        sa.Column("id", sa.Integer(), primary_key=True), _procurement_ref(), _lot_key(),
        sa.Column("award_key", sa.String(80), nullable=False), sa.Column("status", sa.String(30), nullable=False),
        sa.Column("value", sa.Float()), sa.Column("supplier_id", sa.String(60)),
        sa.Column("supplier_name", sa.Text()), sa.Column("awarded_on", sa.Date()),
    )
    op.create_table(
        "procurement_contracts",
        sa.Column("id", sa.Integer(), primary_key=True), _procurement_ref(),
        sa.Column("contract_key", sa.String(80), nullable=False), sa.Column("award_key", sa.String(80)),
        sa.Column("status", sa.String(30), nullable=False), sa.Column("value", sa.Float()),
        sa.Column("signed_on", sa.Date()),
    )
    op.create_table(
        "procurement_contacts_internal",
        sa.Column("id", sa.Integer(), primary_key=True), _procurement_ref(),
        sa.Column("party_id", sa.String(60)), sa.Column("roles", sa.Text()), sa.Column("name", sa.Text()),
        sa.Column("email", sa.Text()), sa.Column("phone", sa.Text()),
    )
    _move_tenders()
    op.drop_table("tender_contacts_internal")
    op.drop_table("tenders")


def _move_tenders() -> None:
    """Every tender becomes a procedure of one lot; its id stays, so nothing that named it loses it."""
    connection = op.get_bind()
    metadata = sa.MetaData()
    tenders = sa.Table("tenders", metadata, autoload_with=connection)
    contacts = sa.Table("tender_contacts_internal", metadata, autoload_with=connection)
    target = {name: sa.Table(name, metadata, autoload_with=connection) for name in (
        "procurements", "procurement_lots", "procurement_items", "procurement_bids", "procurement_awards",
        "procurement_contacts_internal")}
    rows = connection.execute(sa.select(tenders)).mappings().all()
    if not rows:
        return
    connection.execute(target["procurements"].insert(), [{
        "id": t["id"], "ocid": t["ocid"], "tender_id": t["ocid"][t["ocid"].find("UA-"):] if "UA-" in t["ocid"] else None,
        "title": t["title"], "buyer_id": f"UA-EDR-{t['buyer_edrpou']}" if t["buyer_edrpou"] else None,
        "buyer_edrpou": t["buyer_edrpou"], "buyer_name": t["buyer_name"], "unit_id": t["unit_id"],
        "method": t["method"], "method_type": t["method_type"], "status": t["status"],
        "expected_value": t["expected_value"], "currency": t["currency"], "published_on": t["published_on"],
        "released_at": None, "is_public": t["is_public"], "batch_id": t["batch_id"]} for t in rows])
    connection.execute(target["procurement_lots"].insert(), [{
        "procurement_id": t["id"], "lot_key": "", "title": None, "status": t["status"],
        "expected_value": t["expected_value"], "bidders": t["bidders"] or 0, "awarded_value": t["awarded_value"]}
        for t in rows])
    items = [{"procurement_id": t["id"], "lot_key": "", "cpv": t["cpv"], "description": t["title"], "quantity": None}
             for t in rows if t["cpv"]]
    bids = [{"procurement_id": t["id"], "lot_key": "", "bid_key": f"migrated-{n}", "bidder_id": None,
             "bidder_name": None, "status": "valid", "value": None}
            for t in rows for n in range(1, (t["bidders"] or 0) + 1)]
    awards = [{"procurement_id": t["id"], "lot_key": "", "award_key": "migrated", "status": "active",
               "value": t["awarded_value"], "supplier_id": None, "supplier_name": None, "awarded_on": t["awarded_on"]}
              for t in rows if t["awarded_value"] is not None]
    moved = [{"procurement_id": c["tender_id"], "party_id": None, "roles": "procuringEntity", "name": c["name"],
              "email": c["email"], "phone": c["phone"]} for c in connection.execute(sa.select(contacts)).mappings()]
    for name, values in (("procurement_items", items), ("procurement_bids", bids), ("procurement_awards", awards),
                         ("procurement_contacts_internal", moved)):
        if values:
            connection.execute(target[name].insert(), values)
    if connection.dialect.name == "postgresql":  # ids were given: the sequence goes on after them
        connection.execute(sa.text("SELECT setval(pg_get_serial_sequence('procurements', 'id'), "
                                   "(SELECT max(id) FROM procurements))"))


def downgrade() -> None:
    """Back to the flat table: the procedure's first lot's figures, its first item's code, its bidder count."""
    op.create_table(
        "tenders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ocid", sa.String(80), nullable=False, unique=True),
        sa.Column("title", sa.Text()),
        sa.Column("buyer_edrpou", sa.String(10), index=True),
        sa.Column("buyer_name", sa.Text()),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), index=True),
        sa.Column("method", sa.String(20)),
        sa.Column("method_type", sa.String(60)),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("expected_value", sa.Float()),
        sa.Column("awarded_value", sa.Float()),
        sa.Column("currency", sa.String(3)),
        sa.Column("bidders", sa.Integer()),
        sa.Column("published_on", sa.Date(), nullable=False, index=True),
        sa.Column("awarded_on", sa.Date()),
        sa.Column("cpv", sa.String(20)),
        sa.Column("is_public", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("import_batches.id"), index=True),
    )
    op.create_table(
        "tender_contacts_internal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tender_id", sa.Integer(), sa.ForeignKey("tenders.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("name", sa.Text()), sa.Column("email", sa.Text()), sa.Column("phone", sa.Text()),
    )
    op.execute("""
        INSERT INTO tenders (id, ocid, title, buyer_edrpou, buyer_name, unit_id, method, method_type, status,
                             expected_value, awarded_value, currency, bidders, published_on, awarded_on, cpv,
                             is_public, batch_id)
        SELECT p.id, p.ocid, p.title, p.buyer_edrpou, p.buyer_name, p.unit_id, p.method, p.method_type, p.status,
               p.expected_value,
               (SELECT sum(a.value) FROM procurement_awards a WHERE a.procurement_id = p.id AND a.status = 'active'),
               p.currency,
               (SELECT count(*) FROM procurement_bids b WHERE b.procurement_id = p.id),
               p.published_on,
               (SELECT min(a.awarded_on) FROM procurement_awards a WHERE a.procurement_id = p.id
                                                                     AND a.status = 'active'),
               (SELECT min(i.cpv) FROM procurement_items i WHERE i.procurement_id = p.id),
               p.is_public, p.batch_id
        FROM procurements p""")
    op.execute("""
        INSERT INTO tender_contacts_internal (tender_id, name, email, phone)
        SELECT procurement_id, name, email, phone FROM procurement_contacts_internal""")
    for name in ("procurement_contacts_internal", "procurement_contracts", "procurement_awards", "procurement_bids",
                 "procurement_items", "procurement_lots", "procurements"):
        op.drop_table(name)
