"""Ours against the usual ways, in one run, on the same data and period, with a check that each gives our numbers.

For a figure of each page (issue 20) at 100x on PostgreSQL, the year 2017, public audience:
1. ours: the dataset's own query (`queries.datasets.all_datasets()`), cold (a fresh engine) and warm;
2. the tutorial way: `pandas.read_sql` of whole tables (SELECT *), joined and aggregated in pandas;
3. plain SQL: a competent hand-written GROUP BY over the raw tables (no summary tables) on PostgreSQL;
4. Polars: `pl.read_database_uri` (connectorx) of the raw tables' needed columns, aggregated in Polars;
5. DuckDB: the raw tables exported once to Parquet (time and size reported apart), the plain SQL run by DuckDB
   over the Parquet files.
Every way's result is compared with ours (sorted, floats to 9 significant digits). Timings: ours warm is the second run on
the same engine; plain SQL, Polars and DuckDB the faster of two runs; the tutorial way one run. Besides the reads,
the write side of our summaries: the writer's refresh of every summary at 100x, timed inside a transaction that is
rolled back, and the summary tables' size against the raw tables'.

`.venv/bin/python bench/peers.py [--url URL] [--only FIGURE ...]` rewrites its own section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import psycopg
from sqlalchemy import create_engine

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.db import read_engine  # noqa: E402
from dashboard.filters import Filters  # noqa: E402
from dashboard.metrics.overview import KPIS  # noqa: E402
from queries.datasets import all_datasets  # noqa: E402

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
SECTION = "## 100x: peers in one run (issue 20): ours against the tutorial way, plain SQL, Polars and DuckDB"


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


# --- 2. The tutorial way: pandas.read_sql of whole tables, aggregated in pandas. ---------------------------------

def _read_all(engine, tables) -> dict[str, pd.DataFrame]:
    return {table: pd.read_sql(f"SELECT * FROM {table}", engine) for table in tables}


def _public_votes_pd(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    sessions = t["plenary_sessions"][["id", "held_on"]].rename(columns={"id": "session_id"})
    sessions["held_on"] = pd.to_datetime(sessions["held_on"])
    votes = t["votes"].merge(sessions, on="session_id")
    votes = votes[votes["is_public"].astype(bool) & (votes["kind"] != "registration")
                  & votes["held_on"].between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
    return votes[["id", "held_on"]].rename(columns={"id": "vote_id"})


def pandas_figure(key: str, engine) -> pl.DataFrame:
    t = _read_all(engine, BY_KEY[key].tables)
    if key in ("attendance", "cohesion", "agreement"):
        choices = t["vote_choices"].merge(_public_votes_pd(t), on="vote_id")
    if key == "attendance":
        choices = choices.dropna(subset=["deputy_id"])
        choices["present"] = choices["choice"] != "absent"
        choices["voted"] = choices["choice"].isin(VOTED)
        out = choices.groupby("deputy_id").agg(held=("choice", "size"), present=("present", "sum"),
                                               voted=("voted", "sum")).reset_index()
    elif key == "cohesion":
        m = t["faction_memberships"]
        joined = choices.dropna(subset=["deputy_id"]).merge(m[["deputy_id", "faction_id", "from_on", "to_on"]],
                                                            on="deputy_id")
        held = joined["held_on"]
        from_on, to_on = pd.to_datetime(joined["from_on"]), pd.to_datetime(joined["to_on"])
        joined = joined[(from_on.isna() | (from_on <= held)) & (to_on.isna() | (to_on >= held))]
        for name, choice in (("y", "for"), ("n", "against"), ("a", "abstain")):
            joined[name] = joined["choice"] == choice
        tallies = joined.groupby(["vote_id", "faction_id"]).agg(members=("choice", "size"), y=("y", "sum"),
                                                                n=("n", "sum"), a=("a", "sum")).reset_index()
        y, n, a = tallies["y"], tallies["n"], tallies["a"]
        counted = tallies["members"] >= 5
        total = y + n + a
        tallies["counted"] = counted
        tallies["rice"] = ((y - n).abs() / (y + n)).where(counted & (y + n > 0))
        tallies["agreement"] = ((3 * np.maximum(np.maximum(y, n), a) - total) / (2 * total)).where(counted & (total > 0))
        tallies["line"] = counted & (((y > n) & (y > a)) | ((n > y) & (n > a)) | ((a > y) & (a > n)))
        out = tallies.groupby("faction_id").agg(members=("members", "max"), votes=("counted", "sum"),
                                                rice=("rice", "mean"), agreement_index=("agreement", "mean"),
                                                line=("line", "sum")).reset_index()
        out["with_line"] = (out["line"] / out["votes"]).where(out["votes"] > 0)
    elif key == "agreement":
        cast = choices.dropna(subset=["deputy_id"])
        cast = cast[cast["choice"].isin(VOTED)][["vote_id", "deputy_id", "choice"]]
        pairs = cast.merge(cast, on="vote_id", suffixes=("_a", "_b"))
        pairs = pairs[pairs["deputy_id_a"] < pairs["deputy_id_b"]]
        pairs["same"] = pairs["choice_a"] == pairs["choice_b"]
        out = (pairs.groupby(["deputy_id_a", "deputy_id_b"]).agg(both_voted=("same", "size"), same=("same", "sum"))
               .reset_index().rename(columns={"deputy_id_a": "deputy_a", "deputy_id_b": "deputy_b"}))
    elif key == "kpis":
        return finish_kpis(pl.from_pandas(_kpi_rows_pd(t)))
    elif key == "media":
        m = t["media_mentions"]
        m = m[m["is_public"].astype(bool) & m["outlet_id"].isin(t["outlets"]["id"])]
        m = m[pd.to_datetime(m["published_on"]).between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
        out = m.groupby("outlet_id").agg(mentions=("id", "size"), first_on=("published_on", "min"),
                                         last_on=("published_on", "max")).reset_index()
        out["share"] = out["mentions"] / out["mentions"].sum()
    elif key == "website":
        d = t["site_traffic_daily"]
        d["day"] = pd.to_datetime(d["day"])
        d = d[d["day"].between(pd.Timestamp(YEAR, 1, 1) - pd.Timedelta(days=6), pd.Timestamp(YEAR, 12, 31))]
        d = d.sort_values("day")
        d["visitors_7d"] = d["visitors"].rolling(7, min_periods=1).mean()
        out = d[d["day"] >= pd.Timestamp(YEAR, 1, 1)]
    elif key == "petitions":
        p = t["petitions"]
        p = p[p["is_public"].astype(bool)
              & pd.to_datetime(p["submitted_on"]).between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
        reached_on, closes_on = pd.to_datetime(p["threshold_reached_on"]), pd.to_datetime(p["closes_on"])
        reached = reached_on.notna() & (closes_on.isna() | (reached_on <= closes_on))
        answered = reached & p["responded_on"].notna()
        supported = answered & (p["outcome"] == "supported")
        return funnel_frame({"submitted": len(p), "reached": int(reached.sum()), "answered": int(answered.sum()),
                             "supported": int(supported.sum())})
    elif key == "procurement":
        return pl.from_pandas(_procurement_pd(t))
    return pl.from_pandas(out)


def _year_pd(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column).dt.year.astype("Int32")


def _kpi_rows_pd(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    def public(name: str) -> pd.DataFrame:
        frame = t[name]
        return frame[frame["is_public"].astype(bool)]

    def per_year(kpi: str, frame: pd.DataFrame, year: pd.Series, amount: Callable, era=None) -> pd.DataFrame:
        keys = [year.rename("year")] + ([] if era is None else [era.rename("era")])
        out = frame.groupby(keys, dropna=False).apply(amount, include_groups=False).rename("amount").reset_index()
        if era is None:
            out["era"] = 0
        out["kpi"] = kpi
        return out

    events = public("public_events")
    frames = [per_year(kpi, events, _year_pd(events["held_on"]), lambda g, k=kind: (g["kind"] == k).sum())
              for kpi, kind in (("press_conferences", "press_conference"), ("guest_in_studio", "guest_in_studio"),
                                ("foreign_journalists", "foreign_journalists"))]
    media = public("media_mentions")
    frames.append(per_year("outlets_covering", media, _year_pd(media["published_on"]), lambda g: g["outlet_id"].nunique()))
    daily = t["site_traffic_daily"]
    frames.append(per_year("website_daily_visitors", daily, _year_pd(daily["day"]), lambda g: g["visitors"].mean()))
    streams = public("broadcasts")
    frames.append(per_year("live_streams", streams, _year_pd(streams["started_at"]), len))
    frames.append(per_year("live_stream_views", streams, _year_pd(streams["started_at"]), lambda g: g["views"].sum()))
    procurements = public("procurements")
    frames.append(per_year("procurements", procurements, _year_pd(procurements["published_on"]), len))
    petitions = public("petitions")
    frames.append(per_year("petitions_submitted", petitions, _year_pd(petitions["submitted_on"]), len))
    frames.append(per_year("petitions_considered", petitions,
                           _year_pd(petitions["responded_on"].fillna(petitions["submitted_on"])),
                           lambda g: (g["threshold_reached_on"].notna() & g["responded_on"].notna()).sum()))
    convocations = t["convocations"][["id", "number"]].rename(columns={"id": "convocation_id", "number": "era"})
    sessions = (public("votes").merge(t["plenary_sessions"].rename(columns={"id": "session_id"}), on="session_id")
                .merge(convocations, on="convocation_id"))
    frames.append(per_year("plenary_sessions", sessions, _year_pd(sessions["held_on"]),
                           lambda g: g["session_id"].nunique(), era=sessions["era"]))
    decisions = public("decisions").merge(convocations, on="convocation_id")
    frames.append(per_year("decisions", decisions, _year_pd(decisions["adopted_on"]), len, era=decisions["era"]))
    consultations = public("consultations")
    frames.append(per_year("consultations_online", consultations, _year_pd(consultations["started_on"]),
                           lambda g: g["online_poll"].astype(bool).sum()))
    return pd.concat(frames)[["kpi", "year", "era", "amount"]].astype({"amount": "float64"})


def _share(part, whole):
    return float(part) / float(whole) if whole and whole > 0 else None


def _procurement_pd(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    p = t["procurements"]
    p = p[p["is_public"].astype(bool)
          & pd.to_datetime(p["published_on"]).between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
    bids = t["procurement_bids"].dropna(subset=["lot_key"])
    bids = bids[~bids["status"].fillna("").isin(NOT_BIDS)]
    bids = bids.assign(bidder=bids["bidder_id"].fillna(bids["bid_key"]))
    bidders = bids.groupby(["procurement_id", "lot_key"])["bidder"].nunique().rename("bidders").reset_index()
    awards = t["procurement_awards"].dropna(subset=["lot_key"])
    awards = awards[awards["status"] == "active"]
    awarded = awards.groupby(["procurement_id", "lot_key"])["value"].sum(min_count=1).rename("awarded").reset_index()
    lots = t["procurement_lots"].drop(columns=["bidders", "awarded_value"])  # the writer's, not raw
    lots = lots.merge(p[["id", "method"]].rename(columns={"id": "procurement_id"}), on="procurement_id")
    lots = lots.merge(bidders, on=["procurement_id", "lot_key"], how="left").merge(
        awarded, on=["procurement_id", "lot_key"], how="left")
    lots["bidders"] = lots["bidders"].fillna(0)
    competitive = lots[lots["method"].isin(COMPETITIVE)]
    decided = competitive[competitive["status"].isin(DECIDED)]
    bid_on = decided[decided["status"] != "cancelled"]
    complete = decided[decided["status"] == "complete"]
    with_award = competitive[competitive["awarded"].notna()]
    value = p["expected_value"].fillna(0)
    return pd.DataFrame([{
        "procedures": len(p), "expected_value": float(value.sum()), "awarded_value": float(lots["awarded"].sum()),
        "competitive_value_share": _share(value[p["method"].isin(COMPETITIVE)].sum(), value.sum()),
        "average_bidders": _share(bid_on["bidders"].sum(), len(bid_on)),
        "single_bidder_share": _share((complete["bidders"] == 1).sum(), len(complete)),
        "cancelled_share": _share((decided["status"] == "cancelled").sum(), len(decided)),
        "unsuccessful_share": _share((decided["status"] == "unsuccessful").sum(), len(decided)),
        "awarded_to_expected": _share(with_award["awarded"].sum(), with_award["expected_value"].fillna(0).sum()),
    }])


# --- 4. Polars: pl.read_database_uri (connectorx) of the raw tables' columns, aggregated in Polars. --------------

def _read_polars(uri: str, tables: dict[str, tuple[str, ...]]) -> dict[str, pl.DataFrame]:
    return {table: pl.read_database_uri(f"SELECT {', '.join(columns)} FROM {table}", uri, engine="connectorx")
            for table, columns in tables.items()}


def _in_year(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Date).is_between(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))


def _public_choices_pl(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    votes = (t["votes"].filter(pl.col("is_public"), pl.col("kind") != "registration")
             .join(t["plenary_sessions"].filter(_in_year("held_on")).rename({"id": "session_id"}), on="session_id")
             .select(pl.col("id").alias("vote_id"), "held_on"))
    return t["vote_choices"].join(votes, on="vote_id")


def polars_figure(key: str, uri: str) -> pl.DataFrame:
    t = _read_polars(uri, BY_KEY[key].tables)
    c = pl.col("choice")
    if key == "attendance":
        return (_public_choices_pl(t).filter(pl.col("deputy_id").is_not_null()).group_by("deputy_id")
                .agg(held=pl.len(), present=(c != "absent").sum(), voted=c.is_in(VOTED).sum()))
    if key == "cohesion":
        m = t["faction_memberships"]
        tallies = (_public_choices_pl(t).join(m, on="deputy_id")
                   .filter((pl.col("from_on").is_null() | (pl.col("from_on") <= pl.col("held_on")))
                           & (pl.col("to_on").is_null() | (pl.col("to_on") >= pl.col("held_on"))))
                   .group_by("vote_id", "faction_id")
                   .agg(members=pl.len().cast(pl.Int64), y=(c == "for").sum().cast(pl.Int64),
                        n=(c == "against").sum().cast(pl.Int64), a=(c == "abstain").sum().cast(pl.Int64)))
        y, n, a = pl.col("y"), pl.col("n"), pl.col("a")
        counted, total = pl.col("members") >= 5, y + n + a
        return (tallies.group_by("faction_id").agg(
            members=pl.col("members").max(), votes=counted.sum(),
            rice=pl.when(counted & (y + n > 0)).then((y - n).abs() / (y + n)).mean(),
            agreement_index=pl.when(counted & (total > 0)).then(
                (3 * pl.max_horizontal(y, n, a) - total) / (2 * total)).mean(),
            line=(counted & (((y > n) & (y > a)) | ((n > y) & (n > a)) | ((a > y) & (a > n)))).sum())
            .with_columns(with_line=pl.when(pl.col("votes") > 0).then(pl.col("line") / pl.col("votes"))))
    if key == "agreement":
        cast = (_public_choices_pl(t).filter(pl.col("deputy_id").is_not_null(), c.is_in(VOTED))
                .select("vote_id", "deputy_id", "choice"))
        return (cast.join(cast, on="vote_id", suffix="_b").filter(pl.col("deputy_id") < pl.col("deputy_id_b"))
                .group_by(deputy_a="deputy_id", deputy_b="deputy_id_b")
                .agg(both_voted=pl.len(), same=(c == pl.col("choice_b")).sum()))
    if key == "kpis":
        return finish_kpis(_kpi_rows_pl(t))
    if key == "media":
        m = (t["media_mentions"].filter(pl.col("is_public"), _in_year("published_on"))
             .join(t["outlets"].rename({"id": "outlet_id"}), on="outlet_id"))
        return (m.group_by("outlet_id").agg(mentions=pl.len(), first_on=pl.col("published_on").min(),
                                            last_on=pl.col("published_on").max())
                .with_columns(share=pl.col("mentions") / pl.col("mentions").sum()))
    if key == "website":
        lead = dt.date(YEAR, 1, 1) - dt.timedelta(days=6)
        return (t["site_traffic_daily"].filter(pl.col("day").is_between(lead, dt.date(YEAR, 12, 31))).sort("day")
                .with_columns(visitors_7d=pl.col("visitors").cast(pl.Float64).rolling_mean(7, min_samples=1))
                .filter(pl.col("day") >= dt.date(YEAR, 1, 1)))
    if key == "petitions":
        p = t["petitions"].filter(pl.col("is_public"), _in_year("submitted_on"))
        reached = pl.col("threshold_reached_on").is_not_null() & (
            pl.col("closes_on").is_null() | (pl.col("threshold_reached_on") <= pl.col("closes_on")))
        answered = reached & pl.col("responded_on").is_not_null()
        counts = p.select(submitted=pl.len(), reached=reached.sum(), answered=answered.sum(),
                          supported=(answered & (pl.col("outcome") == "supported")).fill_null(False).sum()).row(0, named=True)
        return funnel_frame(counts)
    if key == "procurement":
        return _procurement_pl(t)
    raise KeyError(key)


def _kpi_rows_pl(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    def per_year(kpi: str, frame: pl.DataFrame, day: str | pl.Expr, amount: pl.Expr, era: str | None = None):
        year = (pl.col(day) if isinstance(day, str) else day).dt.year().cast(pl.Int32).alias("year")
        keys = [year] if era is None else [year, pl.col(era).cast(pl.Int32).alias("era")]
        out = frame.group_by(keys).agg(amount=amount.cast(pl.Float64))
        return out.with_columns(kpi=pl.lit(kpi), **({"era": pl.lit(0, pl.Int32)} if era is None else {})).select(
            "kpi", "year", "era", "amount")

    public = {name: frame.filter(pl.col("is_public")) for name, frame in t.items() if "is_public" in frame.columns}
    events = public["public_events"]
    frames = [per_year(kpi, events, "held_on", (pl.col("kind") == kind).sum())
              for kpi, kind in (("press_conferences", "press_conference"), ("guest_in_studio", "guest_in_studio"),
                                ("foreign_journalists", "foreign_journalists"))]
    frames.append(per_year("outlets_covering", public["media_mentions"], "published_on", pl.col("outlet_id").n_unique()))
    frames.append(per_year("website_daily_visitors", t["site_traffic_daily"], "day", pl.col("visitors").mean()))
    frames.append(per_year("live_streams", public["broadcasts"], "started_at", pl.len()))
    frames.append(per_year("live_stream_views", public["broadcasts"], "started_at", pl.col("views").sum()))
    frames.append(per_year("procurements", public["procurements"], "published_on", pl.len()))
    petitions = public["petitions"]
    frames.append(per_year("petitions_submitted", petitions, "submitted_on", pl.len()))
    frames.append(per_year("petitions_considered", petitions, pl.coalesce("responded_on", "submitted_on"),
                           (pl.col("threshold_reached_on").is_not_null() & pl.col("responded_on").is_not_null()).sum()))
    convocations = t["convocations"].rename({"id": "convocation_id"})
    sessions = (public["votes"].join(t["plenary_sessions"].rename({"id": "session_id"}), on="session_id")
                .join(convocations, on="convocation_id"))
    frames.append(per_year("plenary_sessions", sessions, "held_on", pl.col("session_id").n_unique(), era="number"))
    decisions = public["decisions"].join(convocations, on="convocation_id")
    frames.append(per_year("decisions", decisions, "adopted_on", pl.len(), era="number"))
    frames.append(per_year("consultations_online", public["consultations"], "started_on", pl.col("online_poll").sum()))
    return pl.concat(frames)


def _procurement_pl(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    p = t["procurements"].filter(pl.col("is_public"), _in_year("published_on"))
    keys = ["procurement_id", "lot_key"]
    bidders = (t["procurement_bids"].filter(~pl.col("status").fill_null("").is_in(NOT_BIDS))
               .group_by(keys).agg(bidders=pl.coalesce("bidder_id", "bid_key").n_unique()))
    awarded = (t["procurement_awards"].filter(pl.col("status") == "active")
               .group_by(keys).agg(awarded=pl.when(pl.col("value").count() > 0).then(pl.col("value").sum())))
    lots = (t["procurement_lots"].join(p.select(pl.col("id").alias("procurement_id"), "method"), on="procurement_id")
            .join(bidders, on=keys, how="left").join(awarded, on=keys, how="left")
            .with_columns(pl.col("bidders").fill_null(0)))
    competitive = pl.col("method").is_in(COMPETITIVE)
    decided = competitive & pl.col("status").is_in(DECIDED)
    bid_on = decided & (pl.col("status") != "cancelled")
    complete = competitive & (pl.col("status") == "complete")
    with_award = competitive & pl.col("awarded").is_not_null()

    def share(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
        return pl.when(whole > 0).then(part.cast(pl.Float64) / whole)

    lot_figures = lots.select(
        awarded_value=pl.col("awarded").sum(),
        average_bidders=share(pl.col("bidders").filter(bid_on).sum(), bid_on.sum()),
        single_bidder_share=share((complete & (pl.col("bidders") == 1)).sum(), complete.sum()),
        cancelled_share=share((decided & (pl.col("status") == "cancelled")).sum(), decided.sum()),
        unsuccessful_share=share((decided & (pl.col("status") == "unsuccessful")).sum(), decided.sum()),
        awarded_to_expected=share(pl.col("awarded").filter(with_award).sum(),
                                  pl.col("expected_value").fill_null(0).filter(with_award).sum()))
    value = pl.col("expected_value").fill_null(0)
    procedure_figures = p.select(procedures=pl.len(), expected_value=value.sum(),
                                 competitive_value_share=share(value.filter(competitive).sum(), value.sum()))
    return pl.concat([procedure_figures, lot_figures], how="horizontal")


# --- 3 and 5: plain SQL on PostgreSQL, and the same SQL in DuckDB over a Parquet export. ------------------------

def plain_figure(key: str, conninfo: str) -> pl.DataFrame:
    with psycopg.connect(conninfo) as connection, connection.cursor() as cursor:
        cursor.execute(SQL[key])
        names = [column.name for column in cursor.description]
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema=names, orient="row", infer_schema_length=None)
    return finish_kpis(frame) if key == "kpis" else frame


def export_parquet(uri: str, folder: Path) -> tuple[float, int]:
    """Every raw table the figures read, whole, to Parquet: seconds and bytes."""
    import connectorx as cx
    import pyarrow.parquet as pq

    started = time.perf_counter()
    for table in RAW_TABLES:
        arrow = cx.read_sql(uri, f"SELECT * FROM {table}", return_type="arrow")
        pq.write_table(arrow, folder / f"{table}.parquet")
    seconds = time.perf_counter() - started
    return seconds, sum(path.stat().st_size for path in folder.glob("*.parquet"))


def duckdb_connection(folder: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    for table in RAW_TABLES:
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{folder / table}.parquet')")
    return connection


def duckdb_figure(key: str, connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    frame = connection.sql(SQL[key]).pl()
    return finish_kpis(frame) if key == "kpis" else frame


# --- Ours, the check, the run. ------------------------------------------------------------------------------------

def ours_figure(key: str, engine, filters: Filters) -> pl.DataFrame:
    frame = all_datasets()[BY_KEY[key].dataset].query(engine, filters)
    if key == "kpis":
        return frame.filter(pl.col("year") == YEAR)
    return frame


def normalised(key: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The compared columns, typed alike, rounded, sorted: what "the same numbers" means."""
    columns = BY_KEY[key].columns
    frame = frame.select(columns)
    out = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype.is_float() or dtype.is_decimal():
            out.append(column.cast(pl.Float64).round_sig_figs(DIGITS + 3))
        elif dtype.is_integer() or dtype == pl.Boolean:
            out.append(column.cast(pl.Int64))
        elif dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
            out.append(column.cast(pl.Date))
        else:
            out.append(column)
    frame = frame.select(out)
    if key in ("kpis", "procurement"):
        # Values that are whole counts in one way and floats in another compare as floats.
        frame = frame.with_columns(pl.col(name).cast(pl.Float64).round_sig_figs(DIGITS + 3) for name in frame.columns
                                   if frame.schema[name].is_numeric())
    return frame.sort(columns[0] if key != "agreement" else [columns[0], columns[1]], nulls_last=True)


def same(key: str, ours: pl.DataFrame, theirs: pl.DataFrame) -> bool:
    a, b = normalised(key, ours), normalised(key, theirs)
    if key == "petitions":
        a, b = a.sort("step"), b.sort("step")
    if a.height != b.height:
        return False
    try:
        b = b.cast(a.schema)
    except Exception:  # noqa: BLE001 - a type that cannot be cast is a difference
        return False
    return a.equals(b)


def timed(run: Callable[[], pl.DataFrame], repeat: int) -> tuple[float, pl.DataFrame]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def compare(url: str, keys: list[str] | None = None, repeat: int = 2, tutorial: bool = True) -> dict:
    """Every way for every figure, timed and checked against ours; the Parquet export; the machine's load."""
    filters = Filters.for_year(YEAR, audience="public")
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    folder = Path(tempfile.mkdtemp(prefix="vidkryto-peers-"))
    try:
        export_s, export_bytes = export_parquet(conninfo, folder)
        duck = duckdb_connection(folder)
        rows = []
        for figure in FIGURES:
            if keys and figure.key not in keys:
                continue
            load_before = loadavg()
            read_engine.cache_clear()
            engine = read_engine(url, TIMEOUT_MS)
            cold_s, ours = timed(lambda: ours_figure(figure.key, engine, filters), 1)
            warm_s, _ = timed(lambda: ours_figure(figure.key, engine, filters), repeat)
            engine.dispose()
            read_engine.cache_clear()
            ways = {}
            if tutorial:
                sa_engine = create_engine(conninfo.replace("postgresql://", "postgresql+psycopg://"))
                ways["tutorial"] = timed(lambda: pandas_figure(figure.key, sa_engine), 1)
                sa_engine.dispose()
            ways["plain"] = timed(lambda: plain_figure(figure.key, conninfo), repeat)
            ways["polars"] = timed(lambda: polars_figure(figure.key, conninfo), repeat)
            ways["duckdb"] = timed(lambda: duckdb_figure(figure.key, duck), repeat)
            row = {"figure": figure, "cold": cold_s, "warm": warm_s, "rows": ours.height,
                   "load": f"{load_before} → {loadavg()}"}
            for way, (seconds, frame) in ways.items():
                try:
                    verdict = same(figure.key, ours, frame)
                except Exception as error:  # noqa: BLE001 - reported, not fatal
                    verdict = False
                    print(f"{figure.key} {way}: {error!r}", file=sys.stderr)
                if not verdict:
                    print(f"--- {figure.key}: {way} differs\nours:\n{normalised(figure.key, ours)}\n"
                          f"theirs:\n{frame}", file=sys.stderr)
                row[way] = (seconds, verdict)
            print(f"{figure.key}: ours {cold_s:.3f}/{warm_s:.3f} " +
                  " ".join(f"{way} {row[way][0]:.3f} {'same' if row[way][1] else 'DIFFERENT'}" for way in ways)
                  + f" load {row['load']}", file=sys.stderr)
            rows.append(row)
        duck.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"rows": rows, "export_s": export_s, "export_bytes": export_bytes}


def write_side(url: str) -> dict:
    """The writer's refresh of every summary at this scale, inside a transaction rolled back (the tables vacuumed full
    after it); and the sizes, before it."""
    from sqlalchemy import text

    from dashboard.db import write_engine
    from dashboard.schema import TRAFFIC_SUMMARIES
    from dashboard.writer.procurement_summaries import refresh_lot_figures
    from dashboard.writer.traffic_summaries import refresh_traffic_months
    from dashboard.writer.vote_summaries import SUMMARY_TABLES, refresh_vote_summaries

    engine = write_engine(url)
    times = {}
    with engine.connect() as connection:
        def size(tables) -> int:
            return sum(connection.execute(text("SELECT pg_total_relation_size(:t)"), {"t": t}).scalar_one()
                       for t in tables)

        # Sizes first: the rolled-back refresh leaves its rows dead in the tables until a vacuum.
        vote_summaries = [table.name for table in SUMMARY_TABLES]
        traffic_daily = [daily.name for daily, _monthly, _key, _measure in TRAFFIC_SUMMARIES.values()]
        traffic_monthly = [monthly.name for _daily, monthly, _key, _measure in TRAFFIC_SUMMARIES.values()]
        sizes = {
            "votes": (size(vote_summaries), size(["vote_choices", "votes", "plenary_sessions", "faction_memberships"])),
            "traffic": (size(traffic_monthly), size(traffic_daily)),
            # bidders and awarded_value are two columns on procurement_lots: 12 bytes a lot, no table of their own.
            "procurement": (12 * connection.execute(text("SELECT count(*) FROM procurement_lots")).scalar_one(),
                            size(["procurement_lots", "procurement_bids", "procurement_awards"])),
        }
        connection.rollback()
        transaction = connection.begin()
        try:
            connection.execute(text("SET LOCAL statement_timeout = 0"))
            for name, refresh in (("votes", refresh_vote_summaries), ("traffic", refresh_traffic_months),
                                  ("procurement", refresh_lot_figures)):
                started = time.perf_counter()
                refresh(connection)
                times[name] = time.perf_counter() - started
        finally:
            transaction.rollback()
    vacuum = create_engine(url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with vacuum.connect() as connection:
        for table in (*vote_summaries, *traffic_monthly, "procurement_lots"):
            connection.execute(text(f"VACUUM FULL {table}"))  # the dead rows and their index entries
    vacuum.dispose()
    engine.dispose()
    return {"times": times, "sizes": sizes, "vote_tables": vote_summaries, "traffic_tables": traffic_monthly}


def _ratio(seconds: float, ours: float) -> str:
    ratio = seconds / ours
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def markdown(result: dict, writes: dict | None = None) -> str:
    lines = [
        SECTION, "",
        f"Written by `bench/peers.py` on {dt.date.today():%d.%m.%Y}; demo at --scale 100 on PostgreSQL, {YEAR}, public "
        "audience. Seconds; in brackets each way's time over ours warm (above 1×: slower than ours); «same»: the "
        "way's numbers equal ours (sorted, floats to 9 significant digits). Ours warm and plain SQL, Polars, DuckDB: the faster "
        "of two runs; ours cold: a fresh engine; the tutorial way: one run. Load: /proc/loadavg (1, 5, 15 min) before "
        f"and after the figure, on {os.cpu_count()} cores.",
        "",
        "| page: figure | rows | ours cold | ours warm | tutorial (read_sql + pandas) | plain GROUP BY | "
        "Polars (connectorx) | DuckDB (Parquet) | same numbers | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in result["rows"]:
        figure, warm = row["figure"], row["warm"]
        cells = []
        verdicts = []
        for way in ("tutorial", "plain", "polars", "duckdb"):
            if way not in row:
                cells.append("—")
                continue
            seconds, verdict = row[way]
            cells.append(f"{seconds:.3f} ({_ratio(seconds, warm)})")
            verdicts.append(f"{way}: {'yes' if verdict else 'NO'}")
        lines.append(f"| {figure.page}: {figure.label} | {row['rows']} | {row['cold']:.3f} | {warm:.3f} | "
                     + " | ".join(cells) + f" | {', '.join(verdicts)} | {row['load']} |")
    lines += ["", f"DuckDB's Parquet export of the {len(RAW_TABLES)} raw tables (connectorx to Arrow to Parquet, done once, "
              f"not in the times above): {result['export_s']:.1f} s, {result['export_bytes'] / 2**20:.0f} MiB."]
    if writes:
        names = {"votes": "vote summaries (`refresh_vote_summaries`: " + ", ".join(writes["vote_tables"]) + ")",
                 "traffic": "traffic months (`refresh_traffic_months`: " + ", ".join(writes["traffic_tables"]) + ")",
                 "procurement": "lot figures (`refresh_lot_figures`: bidders, awarded_value on procurement_lots)"}
        raw = {"votes": "vote_choices, votes, plenary_sessions, faction_memberships",
               "traffic": "the daily traffic tables", "procurement": "procurement_lots, bids, awards"}
        lines += ["", "Write side of our summaries at 100x: the writer's full refresh, timed inside a transaction "
                  "rolled back; sizes by pg_total_relation_size (tables and indexes).", "",
                  "| summary | full refresh, s | size, MiB | raw tables it sums | their size, MiB | share |",
                  "|---|---:|---:|---|---:|---:|"]
        for name, seconds in writes["times"].items():
            summary_bytes, raw_bytes = writes["sizes"][name]
            lines.append(f"| {names[name]} | {seconds:.1f} | {summary_bytes / 2**20:.1f} | {raw[name]} | "
                         f"{raw_bytes / 2**20:.0f} | {summary_bytes / raw_bytes:.1%} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    from bench.results import write_section
    from bench.run import postgres_url

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=postgres_url("vidkryto_bench_100"))
    parser.add_argument("--only", nargs="*", choices=[figure.key for figure in FIGURES])
    parser.add_argument("--no-tutorial", action="store_true", help="Skip the tutorial way (the slowest).")
    parser.add_argument("--no-writes", action="store_true", help="Skip the write side.")
    parser.add_argument("--dry", action="store_true", help="Print, do not write RESULTS.md.")
    args = parser.parse_args()
    result = compare(args.url, args.only, tutorial=not args.no_tutorial)
    writes = None if args.no_writes else write_side(args.url)
    section = markdown(result, writes)
    print(section)
    if not args.dry and not args.only:
        write_section(section)


if __name__ == "__main__":
    main()
