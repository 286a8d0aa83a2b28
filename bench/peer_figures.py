"""The figures `bench/peers.py` compares, as data: per figure our dataset, the columns compared, the raw tables each
way reads, and the plain SQL that PostgreSQL and DuckDB run over those tables; the period and vocabularies they share.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard.metrics.overview import KPIS

YEAR = 2017
FROM, TO = f"DATE '{YEAR}-01-01'", f"DATE '{YEAR}-12-31'"
LEAD = f"DATE '{dt.date(YEAR, 1, 1) - dt.timedelta(days=6)}'"  # the 7-day mean's six days before the period
VOTED = ("for", "against", "abstain")
NOT_BIDS = ("invited", "withdrawn")
COMPETITIVE = ("open", "selective")
DECIDED = ("complete", "unsuccessful", "cancelled")
CUMULATIVE = [kpi.key for kpi in KPIS if kpi.cumulative]
KPI_ORDER = {kpi.key: i for i, kpi in enumerate(KPIS)}
DIGITS = 6
TIMEOUT_MS = 600_000

# --- The plain SQL of each figure: PostgreSQL and DuckDB run the same text over the same raw tables. -------------

PUBLIC_VOTES = f"""vote_choices c JOIN votes v ON v.id = c.vote_id JOIN plenary_sessions s ON s.id = v.session_id
  WHERE v.is_public AND v.kind <> 'registration' AND s.held_on BETWEEN {FROM} AND {TO}"""

SQL = {
    "attendance": f"""
SELECT c.deputy_id, count(*) AS held, count(*) FILTER (WHERE c.choice <> 'absent') AS present,
       count(*) FILTER (WHERE c.choice IN ('for', 'against', 'abstain')) AS voted
FROM {PUBLIC_VOTES} AND c.deputy_id IS NOT NULL
GROUP BY c.deputy_id""",
    "cohesion": f"""
WITH t AS (
  SELECT v.id AS vote_id, m.faction_id, count(*) AS members,
         count(*) FILTER (WHERE c.choice = 'for') AS y, count(*) FILTER (WHERE c.choice = 'against') AS n,
         count(*) FILTER (WHERE c.choice = 'abstain') AS a
  FROM vote_choices c JOIN votes v ON v.id = c.vote_id JOIN plenary_sessions s ON s.id = v.session_id
  JOIN faction_memberships m ON m.deputy_id = c.deputy_id AND (m.from_on IS NULL OR m.from_on <= s.held_on)
                            AND (m.to_on IS NULL OR m.to_on >= s.held_on)
  WHERE v.is_public AND v.kind <> 'registration' AND s.held_on BETWEEN {FROM} AND {TO}
  GROUP BY v.id, m.faction_id)
SELECT faction_id, max(members) AS members, count(*) FILTER (WHERE members >= 5) AS votes,
       avg(CASE WHEN members >= 5 AND y + n > 0 THEN CAST(abs(y - n) AS DOUBLE PRECISION) / (y + n) END) AS rice,
       avg(CASE WHEN members >= 5 AND y + n + a > 0
                THEN CAST(3 * greatest(y, n, a) - (y + n + a) AS DOUBLE PRECISION) / (2 * (y + n + a)) END)
         AS agreement_index,
       CAST(count(*) FILTER (WHERE members >= 5 AND ((y > n AND y > a) OR (n > y AND n > a) OR (a > y AND a > n)))
            AS DOUBLE PRECISION) / nullif(count(*) FILTER (WHERE members >= 5), 0) AS with_line
FROM t GROUP BY faction_id""",
    "agreement": f"""
WITH c AS (SELECT c.vote_id, c.deputy_id, c.choice FROM {PUBLIC_VOTES}
           AND c.deputy_id IS NOT NULL AND c.choice IN ('for', 'against', 'abstain'))
SELECT a.deputy_id AS deputy_a, b.deputy_id AS deputy_b, count(*) AS both_voted,
       count(*) FILTER (WHERE a.choice = b.choice) AS same
FROM c a JOIN c b ON b.vote_id = a.vote_id AND a.deputy_id < b.deputy_id
GROUP BY a.deputy_id, b.deputy_id""",
    "kpis": """
SELECT 'press_conferences' AS kpi, CAST(extract(year FROM held_on) AS INTEGER) AS year, 0 AS era,
       CAST(count(*) FILTER (WHERE kind = 'press_conference') AS DOUBLE PRECISION) AS amount
  FROM public_events WHERE is_public GROUP BY 2
UNION ALL SELECT 'guest_in_studio', CAST(extract(year FROM held_on) AS INTEGER), 0,
       CAST(count(*) FILTER (WHERE kind = 'guest_in_studio') AS DOUBLE PRECISION) FROM public_events WHERE is_public GROUP BY 2
UNION ALL SELECT 'foreign_journalists', CAST(extract(year FROM held_on) AS INTEGER), 0,
       CAST(count(*) FILTER (WHERE kind = 'foreign_journalists') AS DOUBLE PRECISION) FROM public_events WHERE is_public GROUP BY 2
UNION ALL SELECT 'outlets_covering', CAST(extract(year FROM published_on) AS INTEGER), 0,
       CAST(count(DISTINCT outlet_id) AS DOUBLE PRECISION) FROM media_mentions WHERE is_public GROUP BY 2
UNION ALL SELECT 'website_daily_visitors', CAST(extract(year FROM day) AS INTEGER), 0,
       CAST(avg(visitors) AS DOUBLE PRECISION) FROM site_traffic_daily GROUP BY 2
UNION ALL SELECT 'live_streams', CAST(extract(year FROM started_at) AS INTEGER), 0,
       CAST(count(*) AS DOUBLE PRECISION) FROM broadcasts WHERE is_public GROUP BY 2
UNION ALL SELECT 'live_stream_views', CAST(extract(year FROM started_at) AS INTEGER), 0,
       CAST(coalesce(sum(views), 0) AS DOUBLE PRECISION) FROM broadcasts WHERE is_public GROUP BY 2
UNION ALL SELECT 'procurements', CAST(extract(year FROM published_on) AS INTEGER), 0,
       CAST(count(*) AS DOUBLE PRECISION) FROM procurements WHERE is_public GROUP BY 2
UNION ALL SELECT 'petitions_submitted', CAST(extract(year FROM submitted_on) AS INTEGER), 0,
       CAST(count(*) AS DOUBLE PRECISION) FROM petitions WHERE is_public GROUP BY 2
UNION ALL SELECT 'petitions_considered', CAST(extract(year FROM coalesce(responded_on, submitted_on)) AS INTEGER), 0,
       CAST(count(*) FILTER (WHERE threshold_reached_on IS NOT NULL AND responded_on IS NOT NULL) AS DOUBLE PRECISION)
  FROM petitions WHERE is_public GROUP BY 2
UNION ALL SELECT 'plenary_sessions', CAST(extract(year FROM s.held_on) AS INTEGER), k.number,
       CAST(count(DISTINCT v.session_id) AS DOUBLE PRECISION)
  FROM votes v JOIN plenary_sessions s ON s.id = v.session_id JOIN convocations k ON k.id = s.convocation_id
  WHERE v.is_public GROUP BY 2, 3
UNION ALL SELECT 'decisions', CAST(extract(year FROM d.adopted_on) AS INTEGER), k.number,
       CAST(count(*) AS DOUBLE PRECISION)
  FROM decisions d JOIN convocations k ON k.id = d.convocation_id WHERE d.is_public GROUP BY 2, 3
UNION ALL SELECT 'consultations_online', CAST(extract(year FROM started_on) AS INTEGER), 0,
       CAST(count(*) FILTER (WHERE online_poll) AS DOUBLE PRECISION) FROM consultations WHERE is_public GROUP BY 2""",
    "media": f"""
SELECT m.outlet_id, count(*) AS mentions, CAST(count(*) AS DOUBLE PRECISION) / sum(count(*)) OVER () AS share,
       min(m.published_on) AS first_on, max(m.published_on) AS last_on
FROM media_mentions m JOIN outlets o ON o.id = m.outlet_id
WHERE m.is_public AND m.published_on BETWEEN {FROM} AND {TO}
GROUP BY m.outlet_id""",
    "website": f"""
SELECT * FROM (
  SELECT day, visitors, visits, pageviews,
         CAST(avg(visitors) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS DOUBLE PRECISION)
           AS visitors_7d
  FROM site_traffic_daily WHERE day BETWEEN {LEAD} AND {TO}) daily
WHERE day >= {FROM}""",
    "petitions": f"""
WITH p AS (
  SELECT threshold_reached_on IS NOT NULL AND (closes_on IS NULL OR threshold_reached_on <= closes_on) AS reached,
         responded_on IS NOT NULL AS answered, coalesce(outcome = 'supported', false) AS supported
  FROM petitions WHERE is_public AND submitted_on BETWEEN {FROM} AND {TO})
SELECT 'submitted' AS step, count(*) AS petitions FROM p
UNION ALL SELECT 'reached', count(*) FILTER (WHERE reached) FROM p
UNION ALL SELECT 'answered', count(*) FILTER (WHERE reached AND answered) FROM p
UNION ALL SELECT 'supported', count(*) FILTER (WHERE reached AND answered AND supported) FROM p""",
    "procurement": f"""
WITH p AS (SELECT id, method, expected_value FROM procurements
           WHERE is_public AND published_on BETWEEN {FROM} AND {TO}),
b AS (SELECT procurement_id, lot_key, count(DISTINCT coalesce(bidder_id, bid_key)) AS bidders FROM procurement_bids
      WHERE coalesce(status, '') NOT IN ('invited', 'withdrawn') GROUP BY procurement_id, lot_key),
w AS (SELECT procurement_id, lot_key, sum(value) AS awarded FROM procurement_awards WHERE status = 'active'
      GROUP BY procurement_id, lot_key),
l AS (SELECT p.method IN ('open', 'selective') AS competitive, l.status, coalesce(b.bidders, 0) AS bidders,
             l.expected_value AS expected, w.awarded
      FROM procurement_lots l JOIN p ON p.id = l.procurement_id
      LEFT JOIN b ON b.procurement_id = l.procurement_id AND b.lot_key = l.lot_key
      LEFT JOIN w ON w.procurement_id = l.procurement_id AND w.lot_key = l.lot_key),
lt AS (SELECT coalesce(sum(awarded), 0) AS awarded_value,
  sum(bidders) FILTER (WHERE competitive AND status IN ('complete', 'unsuccessful')) AS bid_on_bidders,
  count(*) FILTER (WHERE competitive AND status IN ('complete', 'unsuccessful')) AS bid_on,
  count(*) FILTER (WHERE competitive AND status = 'complete' AND bidders = 1) AS single,
  count(*) FILTER (WHERE competitive AND status = 'complete') AS complete,
  count(*) FILTER (WHERE competitive AND status = 'cancelled') AS cancelled,
  count(*) FILTER (WHERE competitive AND status = 'unsuccessful') AS unsuccessful,
  count(*) FILTER (WHERE competitive AND status IN ('complete', 'unsuccessful', 'cancelled')) AS decided,
  sum(awarded) FILTER (WHERE competitive AND awarded IS NOT NULL) AS awarded_part,
  sum(coalesce(expected, 0)) FILTER (WHERE competitive AND awarded IS NOT NULL) AS expected_part
  FROM l),
pt AS (SELECT count(*) AS procedures, coalesce(sum(expected_value), 0) AS expected_value,
  coalesce(sum(expected_value) FILTER (WHERE method IN ('open', 'selective')), 0) AS competitive_value FROM p)
SELECT pt.procedures, pt.expected_value, lt.awarded_value,
  CASE WHEN pt.expected_value > 0 THEN pt.competitive_value / pt.expected_value END AS competitive_value_share,
  CASE WHEN lt.bid_on > 0 THEN CAST(lt.bid_on_bidders AS DOUBLE PRECISION) / lt.bid_on END AS average_bidders,
  CASE WHEN lt.complete > 0 THEN CAST(lt.single AS DOUBLE PRECISION) / lt.complete END AS single_bidder_share,
  CASE WHEN lt.decided > 0 THEN CAST(lt.cancelled AS DOUBLE PRECISION) / lt.decided END AS cancelled_share,
  CASE WHEN lt.decided > 0 THEN CAST(lt.unsuccessful AS DOUBLE PRECISION) / lt.decided END AS unsuccessful_share,
  CASE WHEN lt.expected_part > 0 THEN lt.awarded_part / lt.expected_part END AS awarded_to_expected
FROM pt, lt""",
}


# --- The figures: our dataset, the columns compared, the raw tables each way reads. -------------------------------

@dataclass(frozen=True)
class Figure:
    key: str
    page: str
    dataset: str
    label: str
    columns: tuple[str, ...]          # compared, in this order; the first ones sort the rows
    tables: dict[str, tuple[str, ...]]  # raw table -> the columns Polars reads (the tutorial way reads every one)


VOTE_TABLES = {"vote_choices": ("vote_id", "deputy_id", "choice"), "votes": ("id", "session_id", "is_public", "kind"),
               "plenary_sessions": ("id", "held_on")}
FIGURES = (
    Figure("attendance", "deputies", "deputy_attendance", "attendance per deputy",
           ("deputy_id", "held", "present", "voted"), VOTE_TABLES),
    Figure("cohesion", "factions", "faction_cohesion", "faction cohesion",
           ("faction_id", "members", "votes", "rice", "agreement_index", "with_line"),
           {**VOTE_TABLES, "faction_memberships": ("deputy_id", "faction_id", "from_on", "to_on")}),
    Figure("agreement", "agreement", "agreement_matrix", "pairwise agreement",
           ("deputy_a", "deputy_b", "both_voted", "same"), VOTE_TABLES),
    Figure("kpis", "overview", "kpi", "overview KPIs",
           ("kpi", "value"),
           {"public_events": ("held_on", "kind", "is_public"),
            "media_mentions": ("published_on", "outlet_id", "is_public"),
            "site_traffic_daily": ("day", "visitors"),
            "broadcasts": ("started_at", "views", "is_public"),
            "procurements": ("published_on", "is_public"),
            "petitions": ("submitted_on", "responded_on", "threshold_reached_on", "is_public"),
            "votes": ("session_id", "is_public"), "plenary_sessions": ("id", "held_on", "convocation_id"),
            "convocations": ("id", "number"), "decisions": ("adopted_on", "convocation_id", "is_public"),
            "consultations": ("started_on", "online_poll", "is_public")}),
    Figure("media", "media", "media_outlets", "mentions per outlet",
           ("outlet_id", "mentions", "share", "first_on", "last_on"),
           {"media_mentions": ("outlet_id", "published_on", "is_public"), "outlets": ("id",)}),
    Figure("website", "website", "website_daily", "daily visitors",
           ("day", "visitors", "visits", "pageviews", "visitors_7d"),
           {"site_traffic_daily": ("day", "visitors", "visits", "pageviews")}),
    Figure("petitions", "petitions", "petitions_funnel", "petition funnel", ("step", "petitions"),
           {"petitions": ("submitted_on", "threshold_reached_on", "closes_on", "responded_on", "outcome",
                          "is_public")}),
    Figure("procurement", "procurement", "procurement_indicators", "procurement indicators",
           ("procedures", "expected_value", "awarded_value", "competitive_value_share", "average_bidders",
            "single_bidder_share", "cancelled_share", "unsuccessful_share", "awarded_to_expected"),
           {"procurements": ("id", "method", "expected_value", "published_on", "is_public"),
            "procurement_lots": ("procurement_id", "lot_key", "status", "expected_value"),
            "procurement_bids": ("procurement_id", "lot_key", "bidder_id", "bid_key", "status"),
            "procurement_awards": ("procurement_id", "lot_key", "status", "value")}),
)
BY_KEY = {figure.key: figure for figure in FIGURES}
RAW_TABLES = sorted({table for figure in FIGURES for table in figure.tables})


def finish_kpis(rows: pl.DataFrame) -> pl.DataFrame:
    """(kpi, year, era, amount) rows to the year's values, as `queries.overview.kpi_values` sums them up."""
    rows = rows.select(pl.col("kpi").cast(pl.String), pl.col("year").cast(pl.Int32), pl.col("era").cast(pl.Int32),
                       pl.col("amount").cast(pl.Float64))
    yearly = rows.filter(~pl.col("kpi").is_in(CUMULATIVE)).select("year", "kpi", value=pl.col("amount"))
    running = (rows.filter(pl.col("kpi").is_in(CUMULATIVE)).sort("kpi", "era", "year")
               .with_columns(pl.col("amount").cum_sum().over("kpi", "era"))
               .group_by("kpi", "year").agg(value=pl.col("amount").sort_by("era").last())
               .select("year", "kpi", "value"))
    return (pl.concat([yearly, running]).filter(pl.col("year") == YEAR)
            .with_columns(pl.col("value").round(1)).select("kpi", "value"))


def funnel_frame(counts: dict[str, int]) -> pl.DataFrame:
    return pl.DataFrame({"step": list(counts), "petitions": list(counts.values())})
