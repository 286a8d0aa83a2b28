"""The single definition of the database: every table the importers fill and the pages read, one module per domain
(import every table from here).

Facts that belong to a structural unit carry `unit_id`; rows that may be internal carry `is_public`;
rows brought by a file carry `batch_id` so every figure traces back to its import. Tables whose name
ends in `_internal` hold personal data: the public never reads them. Which rows are public is one rule
(`published`), behind both the public database (`dashboard.writer.public_database`) and the roles (`dashboard.writer.roles`).
The vote summaries (`council`) and the monthly traffic tables (`website`) are kept by the writer after each
import, so that pages read small sums instead of scanning millions of rows. A change here comes with a migration (CONTRIBUTING.md).
"""

from dashboard.schema.base import metadata
from dashboard.schema.council import (
    convocations,
    decisions,
    deputies,
    deputy_line_month_stats,
    deputy_month_stats,
    deputy_pair_month_stats,
    faction_memberships,
    faction_month_stats,
    faction_pair_month_stats,
    factions,
    plenary_sessions,
    vote_choices,
    vote_faction_tallies,
    votes,
)
from dashboard.schema.media import (
    media_mentions,
    outlets,
    public_events,
)
from dashboard.schema.petitions import (
    petition_authors_internal,
    petition_signature_snapshots,
    petition_working_days,
    petitions,
)
from dashboard.schema.procurement import (
    consultations,
    procurement_awards,
    procurement_bids,
    procurement_contacts_internal,
    procurement_contracts,
    procurement_items,
    procurement_lots,
    procurements,
)
from dashboard.schema.published import internal, public_tables, published
from dashboard.schema.reference import (
    import_batches,
    import_problems,
    kpi_targets,
    unit_history,
    units,
)
from dashboard.schema.website import (
    TRAFFIC_SUMMARIES,
    broadcasts,
    channel_traffic_daily,
    channel_traffic_monthly,
    device_traffic_daily,
    device_traffic_monthly,
    page_traffic_daily,
    page_traffic_monthly,
    site_page_rules,
    site_pages,
    site_traffic_daily,
)

INTERNAL_TABLES = tuple(name for name in metadata.tables if internal(name))
PUBLIC_FILTERED_TABLES = tuple(name for name, table in metadata.tables.items() if "is_public" in table.c)

__all__ = (
    "metadata", "import_batches", "import_problems", "units", "unit_history", "kpi_targets", "outlets",
    "media_mentions", "public_events", "broadcasts", "site_traffic_daily", "site_pages", "site_page_rules",
    "page_traffic_daily", "page_traffic_monthly", "channel_traffic_daily", "channel_traffic_monthly",
    "device_traffic_daily", "device_traffic_monthly", "TRAFFIC_SUMMARIES", "petitions",
    "petition_signature_snapshots", "petition_authors_internal", "petition_working_days", "convocations",
    "factions", "deputies", "faction_memberships", "plenary_sessions", "votes", "vote_choices", "decisions",
    "vote_faction_tallies", "deputy_month_stats", "deputy_pair_month_stats", "faction_month_stats",
    "faction_pair_month_stats", "deputy_line_month_stats", "procurements", "procurement_lots", "procurement_items",
    "procurement_bids", "procurement_awards", "procurement_contracts", "procurement_contacts_internal", "consultations",
    "INTERNAL_TABLES", "PUBLIC_FILTERED_TABLES", "published", "public_tables",
)
