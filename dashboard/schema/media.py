"""Media monitoring and public events."""

from sqlalchemy import (
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

# --- Media and public events -------------------------------------------------------------------
# Vocabularies, name keys and identities: dashboard.metrics.media; the import rules: docs/importing.md.

outlets = Table(
    "outlets", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, doc="as first imported"),
    Column("name_key", Text, nullable=False, unique=True, doc="metrics.media.name_key of the name (aliases resolved)"),
    Column("kind", String(20), nullable=False, doc="tv / print / radio / online / agency"),
    Column("scope", String(20), nullable=False, doc="local / regional / national / international"),
)

media_mentions = Table(
    "media_mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", Text, nullable=False, unique=True,
           doc="metrics.media.mention_identity: the URL, else outlet, day and title"),
    Column("outlet_id", Integer, ForeignKey("outlets.id"), nullable=False),
    Column("published_on", Date, nullable=False),
    Column("title", Text, doc="empty: the monitoring file gave a URL without a title (flagged at import)"),
    Column("url", Text),
    unit_ref(),
    Column("topic", String(60), doc="a key of vocabularies/media_topics.csv, else the source's own word"),
    Column("tone", String(10), doc="positive / neutral / negative (vocabularies/media_tones.csv); empty: not rated"),
    public_flag(),
    batch_ref(),
    # Covering: the period's mentions per outlet read the index alone (migration 0005).
    Index("ix_media_mentions_day_covering", "published_on", "outlet_id", "unit_id", "is_public"),
    Index("ix_media_mentions_outlet_day", "outlet_id", "published_on"),  # an outlet's latest item; a mention in a year
)

public_events = Table(
    "public_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", Text, nullable=False, unique=True, doc="metrics.media.event_identity: kind, day and title"),
    Column("kind", String(30), nullable=False, doc="press_conference / guest_in_studio / foreign_journalists / briefing"),
    Column("held_on", Date, nullable=False, index=True),
    Column("title", Text),
    unit_ref(),
    public_flag(),
    batch_ref(),
)
