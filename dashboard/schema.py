"""The single definition of the database: every table the importers fill and the pages read.

Facts that belong to a structural unit carry `unit_id`; rows that may be internal carry `is_public`;
rows brought by a file carry `batch_id` so every figure traces back to its import. Tables whose name
ends in `_internal` hold personal data: the public role cannot read them (see `dashboard.roles`).
Tables under "Vote summaries" are maintained by the writer after each import so that voting pages
read small sums instead of scanning millions of choices.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)

metadata = MetaData()


def _unit():
    return Column("unit_id", Integer, ForeignKey("units.id"), index=True)


def _public():
    return Column("is_public", Boolean, nullable=False, server_default=true(), default=True)


def _batch():
    return Column("batch_id", Integer, ForeignKey("import_batches.id"), index=True)


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
    _batch(),
)

kpi_targets = Table(
    "kpi_targets", metadata,
    Column("id", Integer, primary_key=True),
    Column("kpi", String(60), nullable=False),
    Column("year", Integer, nullable=False),
    _unit(),
    Column("target", Float, nullable=False),
    _batch(),
    UniqueConstraint("kpi", "year", "unit_id", name="uq_kpi_targets_kpi_year_unit"),
)

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
    _unit(),
    Column("topic", String(60), doc="a key of vocabularies/media_topics.csv, else the source's own word"),
    Column("tone", String(10), doc="positive / neutral / negative (vocabularies/media_tones.csv); empty: not rated"),
    _public(),
    _batch(),
    Index("ix_media_mentions_published_on", "published_on"),
    Index("ix_media_mentions_outlet_day", "outlet_id", "published_on"),  # an outlet's latest item
)

public_events = Table(
    "public_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("identity", Text, nullable=False, unique=True, doc="metrics.media.event_identity: kind, day and title"),
    Column("kind", String(30), nullable=False, doc="press_conference / guest_in_studio / foreign_journalists / briefing"),
    Column("held_on", Date, nullable=False, index=True),
    Column("title", Text),
    _unit(),
    _public(),
    _batch(),
)

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
    _unit(),
    _public(),
    _batch(),
)

site_traffic_daily = Table(
    "site_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("visitors", Integer, nullable=False, doc="unique visitors of that day; never summed across days"),
    Column("visits", Integer, doc="empty: the export did not count visits (older Plausible exports give visitors only)"),
    Column("pageviews", Integer, nullable=False),
    Column("bounce_rate", Float, doc="a share, 0..1"),
    Column("avg_visit_seconds", Float),
    _batch(),
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
    _batch(),
)

page_traffic_daily = Table(
    "page_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("page_id", Integer, ForeignKey("site_pages.id"), primary_key=True),
    Column("pageviews", Integer, nullable=False),
    _batch(),
)

page_traffic_monthly = Table(
    "page_traffic_monthly", metadata,
    Column("month", Date, primary_key=True, doc="its first day"),
    Column("page_id", Integer, ForeignKey("site_pages.id"), primary_key=True),
    Column("pageviews", Integer, nullable=False),
    _batch(),
    Index("ix_page_traffic_monthly_page", "page_id"),
)

channel_traffic_daily = Table(
    "channel_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("channel", String(40), primary_key=True, doc="a key of vocabularies/traffic_channels.csv"),
    Column("visits", Integer, nullable=False),
    _batch(),
)

channel_traffic_monthly = Table(
    "channel_traffic_monthly", metadata,
    Column("month", Date, primary_key=True, doc="its first day"),
    Column("channel", String(40), primary_key=True),
    Column("visits", Integer, nullable=False),
    _batch(),
)

device_traffic_daily = Table(
    "device_traffic_daily", metadata,
    Column("day", Date, primary_key=True),
    Column("device", String(20), primary_key=True, doc="a key of vocabularies/traffic_devices.csv"),
    Column("visits", Integer, nullable=False),
    _batch(),
)

device_traffic_monthly = Table(
    "device_traffic_monthly", metadata,
    Column("month", Date, primary_key=True, doc="its first day"),
    Column("device", String(20), primary_key=True),
    Column("visits", Integer, nullable=False),
    _batch(),
)

TRAFFIC_SUMMARIES = {"pages": (page_traffic_daily, page_traffic_monthly, "page_id", "pageviews"),
                     "channels": (channel_traffic_daily, channel_traffic_monthly, "channel", "visits"),
                     "devices": (device_traffic_daily, device_traffic_monthly, "device", "visits")}
"""Each monthly summary with its daily table, key column and additive measure."""

# --- Petitions ---------------------------------------------------------------------------------
# Vocabularies and the law's clock: dashboard.metrics.petitions; the rules: docs/petitions.md.

petitions = Table(
    "petitions", metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(40), nullable=False, unique=True, doc="the service's number (e-dem: its id or link)"),
    Column("title", Text, nullable=False),
    Column("category", String(80)),
    _unit(),
    Column("submitted_on", Date, nullable=False, index=True),
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
    _public(),
    _batch(),
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

# --- Council, deputies and votes ---------------------------------------------------------------

convocations = Table(
    "convocations", metadata,
    Column("id", Integer, primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("composition", Integer, nullable=False, doc="seats including the mayor: the base of art. 59's majority"),
)

factions = Table(
    "factions", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("short_name", String(40)),
    Column("color", String(7), doc="chart colour, #rrggbb"),
    UniqueConstraint("convocation_id", "name", name="uq_factions_convocation_name"),
)

deputies = Table(
    "deputies", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"), nullable=False),
    Column("full_name", Text, nullable=False),
    Column("name_key", Text, nullable=False, doc="normalised surname and initials that match every spelling; "
           "a namesake's ends in ' #2'"),
    Column("gender", String(1), doc="f / m, for the printed forms of choices"),
    Column("is_mayor", Boolean, nullable=False, default=False),
    Column("mandate_from", Date),
    Column("mandate_to", Date),
    Column("voter_id", Text, doc="the source's identity of the deputy (Resolution 835 voterId); empty: known by name"),
    UniqueConstraint("convocation_id", "name_key", name="uq_deputies_convocation_name_key"),
    UniqueConstraint("convocation_id", "voter_id", name="uq_deputies_convocation_voter_id"),
)

faction_memberships = Table(
    "faction_memberships", metadata,
    Column("id", Integer, primary_key=True),
    Column("deputy_id", Integer, ForeignKey("deputies.id"), nullable=False, index=True),
    Column("faction_id", Integer, ForeignKey("factions.id"), nullable=False, index=True),
    Column("from_on", Date, doc="empty: since the start of the convocation"),
    Column("to_on", Date, doc="empty: until now"),
    _batch(),
)

plenary_sessions = Table(
    "plenary_sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"), nullable=False),
    Column("held_on", Date, nullable=False, index=True),
    Column("name", Text, nullable=False),
    UniqueConstraint("convocation_id", "held_on", "name", name="uq_plenary_sessions_day_name"),
)

votes = Table(
    "votes", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("plenary_sessions.id"), nullable=False, index=True),
    Column("source_key", Text, nullable=False, unique=True, doc="stable key from the source, e.g. evoting:211216_1"),
    Column("voted_at", DateTime, nullable=False, index=True),
    Column("agenda_item", String(40)),
    Column("title", Text, nullable=False),
    Column("kind", String(20), nullable=False, doc="decision / amendment / procedural / registration"),
    Column("adopted", Boolean, nullable=False, doc="the source's own result"),
    _unit(),
    Column("n_for", Integer, nullable=False),
    Column("n_against", Integer, nullable=False),
    Column("n_abstain", Integer, nullable=False),
    Column("n_not_voting", Integer, nullable=False),
    Column("n_present", Integer, nullable=False, doc="the source's total: present deputies only"),
    Column("n_absent", Integer, doc="the source's count of absent deputies, when it gives one"),
    Column("tally_mismatch", Boolean, nullable=False, default=False, doc="source counts differ from its list"),
    Column("untitled", Boolean, nullable=False, default=False, server_default=false(),
           doc="the source gives no title: a placeholder stands in"),
    Column("date_disagrees", Boolean, nullable=False, default=False, server_default=false(),
           doc="the vote's time and its file name give different days"),
    _public(),
    _batch(),
)

vote_choices = Table(
    "vote_choices", metadata,
    Column("vote_id", Integer, ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True),
    Column("slot", Integer, primary_key=True, doc="position in the source list; unnamed slots keep theirs"),
    Column("deputy_id", Integer, ForeignKey("deputies.id"), doc="empty for an unnamed slot"),
    Column("choice", String(12), nullable=False, doc="for / against / abstain / not_voting / absent"),
    Index("ux_vote_choices_deputy_vote", "deputy_id", "vote_id", unique=True),  # one choice per deputy and vote
)

decisions = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("convocation_id", Integer, ForeignKey("convocations.id"),
           doc="the convocation in force on adopted_on, or the register's column; empty: none known"),
    Column("vote_id", Integer, ForeignKey("votes.id", ondelete="SET NULL"),
           doc="the roll-call vote that adopted it (importers.reference.link_decisions)"),
    Column("number", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("adopted_on", Date, nullable=False, index=True),
    Column("published_on", Date),
    Column("url", Text, doc="the decision's text on the council's site"),
    _unit(),
    _public(),
    _batch(),
    UniqueConstraint("convocation_id", "number", name="uq_decisions_convocation_number"),
)

# --- Vote summaries (kept by dashboard.writer after every import) -------------------------------

vote_faction_tallies = Table(
    "vote_faction_tallies", metadata,
    Column("vote_id", Integer, ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True),
    Column("faction_id", Integer, ForeignKey("factions.id"), primary_key=True),
    Column("n_for", Integer, nullable=False),
    Column("n_against", Integer, nullable=False),
    Column("n_abstain", Integer, nullable=False),
    Column("n_not_voting", Integer, nullable=False),
    Column("n_absent", Integer, nullable=False),
    Column("line", String(12), doc="plurality of for / against / abstain among present members; empty on a tie"),
    Column("cohesion", Float, doc="Agreement Index where it is ranked (five members or more, not a registration)"),
    Index("ix_vote_faction_tallies_cohesion", "cohesion"),
)

deputy_month_stats = Table(
    "deputy_month_stats", metadata,
    Column("deputy_id", Integer, ForeignKey("deputies.id"), nullable=False),
    Column("month", Date, nullable=False, doc="first day of the month"),
    Column("faction_id", Integer, ForeignKey("factions.id"), doc="faction at the time of those votes; empty: none"),
    Column("held", Integer, nullable=False, doc="votes held while a member, registration excluded"),
    Column("present", Integer, nullable=False),
    Column("voted", Integer, nullable=False, doc="for + against + abstain"),
    Column("not_voting", Integer, nullable=False),
    Column("with_line", Integer, nullable=False, doc="present on a vote where the own faction had a line"),
    Column("rebellions", Integer, nullable=False, doc="for / against / abstain differing from the line"),
    Column("rebellions_not_voting", Integer, nullable=False, doc="«не голосував» on a vote with a line"),
    Index("ux_deputy_month_stats", "deputy_id", "month", "faction_id", unique=True),
    Index("ix_deputy_month_stats_month", "month"),
)

deputy_pair_month_stats = Table(
    "deputy_pair_month_stats", metadata,
    Column("month", Date, primary_key=True),
    Column("deputy_a", Integer, ForeignKey("deputies.id"), primary_key=True),
    Column("deputy_b", Integer, ForeignKey("deputies.id"), primary_key=True, doc="deputy_a < deputy_b"),
    Column("both_voted", Integer, nullable=False, doc="votes where both chose for / against / abstain"),
    Column("same", Integer, nullable=False),
)

faction_month_stats = Table(
    "faction_month_stats", metadata,
    Column("month", Date, primary_key=True, doc="first day of the month"),
    Column("faction_id", Integer, ForeignKey("factions.id"), primary_key=True),
    Column("members", Integer, nullable=False, doc="most members on one vote, registration excluded"),
    Column("votes", Integer, nullable=False,
           doc="votes counted for cohesion: more than four members on the vote, registration excluded"),
    Column("rice_sum", Float, nullable=False, doc="sum of Rice over counted votes where it is defined"),
    Column("rice_n", Integer, nullable=False, doc="counted votes where Rice is defined (someone for or against)"),
    Column("agreement_sum", Float, nullable=False, doc="sum of the Agreement Index over counted votes"),
    Column("agreement_n", Integer, nullable=False, doc="counted votes where the Agreement Index is defined"),
    Column("with_line", Integer, nullable=False, doc="counted votes where the faction had a line"),
)

faction_pair_month_stats = Table(
    "faction_pair_month_stats", metadata,
    Column("month", Date, primary_key=True, doc="first day of the month"),
    Column("faction_a", Integer, ForeignKey("factions.id"), primary_key=True),
    Column("faction_b", Integer, ForeignKey("factions.id"), primary_key=True, doc="faction_a < faction_b"),
    Column("both_lines", Integer, nullable=False, doc="votes where both had a line, registration excluded"),
    Column("same", Integer, nullable=False, doc="of those, votes where the lines were equal"),
    Column("both_for", Integer, nullable=False, doc="of those, votes where both lines were «за»"),
)

deputy_line_month_stats = Table(
    "deputy_line_month_stats", metadata,
    Column("deputy_id", Integer, ForeignKey("deputies.id"), primary_key=True),
    Column("month", Date, primary_key=True, doc="first day of the month"),
    Column("faction_id", Integer, ForeignKey("factions.id"), primary_key=True, doc="any faction, not only the own"),
    Column("voted", Integer, nullable=False, doc="the deputy chose for / against / abstain and the faction had a line"),
    Column("same", Integer, nullable=False, doc="of those, the deputy's choice was the faction's line"),
    Column("not_voting", Integer, nullable=False, doc="the deputy chose «не голосував» and the faction had a line"),
)

# --- Procurement and consultations -------------------------------------------------------------

tenders = Table(
    "tenders", metadata,
    Column("id", Integer, primary_key=True),
    Column("ocid", String(80), nullable=False, unique=True),
    Column("title", Text),
    Column("buyer_edrpou", String(10), index=True),
    Column("buyer_name", Text),
    _unit(),
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
    _public(),
    _batch(),
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
    _unit(),
    Column("started_on", Date, nullable=False, index=True),
    Column("ended_on", Date),
    Column("online_poll", Boolean, nullable=False, default=False),
    Column("responses", Integer),
    Column("results_published_on", Date),
    Column("url", Text),
    _public(),
    _batch(),
)

INTERNAL_TABLES = tuple(name for name in metadata.tables if name.endswith("_internal"))
PUBLIC_FILTERED_TABLES = tuple(name for name, table in metadata.tables.items() if "is_public" in table.c)
