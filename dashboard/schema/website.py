"""Website traffic and live streams."""

from sqlalchemy import (
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
)

from dashboard.schema.base import batch_ref, metadata, public_flag, unit_ref

# --- Website and live streams ------------------------------------------------------------------
# Vocabularies and the path rules: dashboard.metrics.website; the import rules: docs/website.md.
# Pages, channels and devices have a daily table (Matomo's days, the demo) and a monthly summary that the
# writer keeps: for every month, the sum of the daily rows of its days, or, for a month that came only as a
# whole-month export (Plausible's ZIP gives period totals), that export's figures. Pages read the months.

broadcasts = Table(
    "broadcasts", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", Text, nullable=False, unique=True, doc="metrics.website.broadcast_identity: the URL, else start and title"),
    Column("started_at", DateTime, nullable=False, index=True),
    Column("kind", String(30), nullable=False, doc="plenary / executive_committee / press_conference / other"),
    Column("title", Text),
    Column("platform", String(30)),
    Column("url", Text),
    Column("views", Integer, nullable=False, default=0),
    Column("live_views", Integer, doc="of `views`, those while it was live (the rest came on demand); empty: not split"),
    unit_ref(),
    public_flag(),
    batch_ref(),
)

site_traffic_daily = Table(
    "site_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("visitors", Integer, nullable=False, doc="unique visitors of that day; never summed across days"),
    Column("visits", Integer, doc="empty: the export did not count visits (older Plausible exports give visitors only)"),
    Column("pageviews", Integer, nullable=False),
    Column("bounce_rate", Float, doc="a share, 0..1"),
    Column("avg_visit_seconds", Float),
    batch_ref(),
)

site_pages = Table(
    "site_pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False, unique=True, doc="the full path, from the site root, without query or fragment"),
    Column("title", Text),
    Column("unit_id", Integer, ForeignKey("units.id"), index=True,
           doc="from the path rules (metrics.website.unit_for_path), re-applied when they change"),
)

# The path rules last imported (`import page_units`); while there are none, vocabularies/page_units.csv.
site_page_rules = Table(
    "site_page_rules", metadata,
    Column("prefix", Text, primary_key=True, doc="a path prefix, matched on whole segments"),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    batch_ref(),
)

page_traffic_daily = Table(
    "page_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("page_id", Integer, ForeignKey("site_pages.id"), primary_key=True),
    Column("pageviews", Integer, nullable=False),
    batch_ref(),
)

page_traffic_monthly = Table(
    "page_traffic_monthly", metadata,
    Column("month", Date, primary_key=True, doc="its first day"),
    Column("page_id", Integer, ForeignKey("site_pages.id"), primary_key=True),
    Column("pageviews", Integer, nullable=False),
    batch_ref(),
    Index("ix_page_traffic_monthly_page", "page_id"),
)

channel_traffic_daily = Table(
    "channel_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("channel", String(40), primary_key=True, doc="a key of vocabularies/traffic_channels.csv"),
    Column("visits", Integer, nullable=False),
    batch_ref(),
)

channel_traffic_monthly = Table(
    "channel_traffic_monthly", metadata,
    Column("month", Date, primary_key=True, doc="its first day"),
    Column("channel", String(40), primary_key=True),
    Column("visits", Integer, nullable=False),
    batch_ref(),
)

device_traffic_daily = Table(
    "device_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("device", String(20), primary_key=True, doc="a key of vocabularies/traffic_devices.csv"),
    Column("visits", Integer, nullable=False),
    batch_ref(),
)

device_traffic_monthly = Table(
    "device_traffic_monthly", metadata,
    Column("month", Date, primary_key=True, doc="its first day"),
    Column("device", String(20), primary_key=True),
    Column("visits", Integer, nullable=False),
    batch_ref(),
)

TRAFFIC_SUMMARIES = {"pages": (page_traffic_daily, page_traffic_monthly, "page_id", "pageviews"),
                     "channels": (channel_traffic_daily, channel_traffic_monthly, "channel", "visits"),
                     "devices": (device_traffic_daily, device_traffic_monthly, "device", "visits")}
"""Each monthly summary with its daily table, key column and additive measure."""
