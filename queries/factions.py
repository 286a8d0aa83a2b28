"""Factions: how united each faction votes, per period, month and vote, and how often two factions agree.

Views over a period read the monthly summaries `faction_month_stats` and `faction_pair_month_stats` (whole
months, all units), per-vote views `vote_faction_tallies`: all kept by the writer for published votes, so
no read touches the millions of choices. Rice and the Agreement Index come from the SQL twins of
`dashboard.metrics.votes`. Registration votes carry no position: they are left out of cohesion and of the
same-way shares.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from dashboard.alphabet import alphabetical
from dashboard.filters import Filters
from dashboard.metrics.common import share_expr
from dashboard.metrics.votes import agreement_sql, rice_sql
from dashboard.schema import faction_month_stats, faction_pair_month_stats, factions, vote_faction_tallies, votes
from queries.common import by_name, fetch, in_months
from queries.datasets import Dataset
from queries.shapes import Field
from queries.votes import COHESION, TALLIES, VOTE, chosen_votes


def faction_tallies(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per vote × faction: counts, the line, Rice and the Agreement Index (registration votes included)."""
    t = vote_faction_tallies.c
    stmt = (
        select(
            votes.c.id.label("vote_id"), votes.c.voted_at, votes.c.title, votes.c.kind,
            factions.c.id.label("faction_id"), factions.c.name.label("faction"),
            t.n_for, t.n_against, t.n_abstain, t.n_not_voting, t.n_absent, t.line,
            rice_sql(t.n_for, t.n_against).label("rice"),
            agreement_sql(t.n_for, t.n_against, t.n_abstain).label("agreement_index"),
        )
        .select_from(vote_faction_tallies.join(votes, votes.c.id == t.vote_id)
                     .join(factions, factions.c.id == t.faction_id))
        .where(*chosen_votes(filters))
        .order_by(votes.c.voted_at, votes.c.id, by_name(factions.c.name))
    )
    return fetch(engine, stmt)


def faction_month_sums(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per month × faction, from the monthly summary: the most members it had on a vote, votes counted for
    cohesion (five members or more), the sums and counts of Rice and the Agreement Index over them, and the
    counted votes where it had a line. Both cohesion views are shaped from this."""
    s = faction_month_stats.c
    stmt = (
        select(
            s.month, factions.c.id.label("faction_id"), factions.c.name.label("faction"), factions.c.short_name,
            factions.c.color, s.members, s.votes, s.rice_sum, s.rice_n, s.agreement_sum, s.agreement_n, s.with_line,
        )
        .select_from(faction_month_stats.join(factions, factions.c.id == s.faction_id))
        .where(in_months(s.month, filters))
        .order_by(s.month, by_name(factions.c.name))
    )
    return fetch(engine, stmt)


def _means() -> list[pl.Expr]:
    return [share_expr(f"{name}_sum", f"{name}_n").alias(name) for name in ("rice", "agreement")]


def cohesion_overall(sums: pl.DataFrame) -> pl.DataFrame:
    """Per faction over the period: most members, votes counted, mean Rice and Agreement Index, share of
    counted votes with a line; factions never big enough show with empty means. Most united first."""
    return (
        sums.group_by("faction_id", "faction", "short_name", "color", maintain_order=True)
        .agg(pl.col("members").max(), pl.col("votes").sum(), pl.col("with_line").sum(),
             *(pl.col(c).sum() for c in ("rice_sum", "rice_n", "agreement_sum", "agreement_n")))
        .with_columns(*_means(), with_line=share_expr("with_line", "votes"))
        .select("faction_id", "faction", "short_name", "color", "members", "votes", "rice",
                pl.col("agreement").alias("agreement_index"), "with_line")
        .sort("agreement_index", alphabetical("faction"), descending=[True, False], nulls_last=True)
    )


def cohesion_by_month(sums: pl.DataFrame) -> pl.DataFrame:
    """Per month and faction with counted votes: votes, mean Rice and Agreement Index."""
    return (
        sums.filter(pl.col("votes") > 0)
        .with_columns(*_means(), faction=pl.col("short_name").fill_null(pl.col("faction")))
        .select("month", "faction_id", "faction", "color", "votes", "rice", pl.col("agreement").alias("agreement_index"))
    )


def faction_cohesion(engine: Engine, filters: Filters) -> pl.DataFrame:
    return cohesion_overall(faction_month_sums(engine, filters))


def faction_cohesion_by_month(engine: Engine, filters: Filters) -> pl.DataFrame:
    return cohesion_by_month(faction_month_sums(engine, filters))


def faction_same_way(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Faction × faction (both orders) over the period, from the monthly pair summary: votes where both had a
    line, where the lines were equal, the share, and votes where both lines were «за» (the city versions of
    Rada4you show that one)."""
    p = faction_pair_month_stats.c
    a, b = factions.alias("a"), factions.alias("b")
    stmt = (
        select(
            p.faction_a.label("faction_a_id"), func.coalesce(a.c.short_name, a.c.name).label("faction_a"),
            p.faction_b.label("faction_b_id"), func.coalesce(b.c.short_name, b.c.name).label("faction_b"),
            func.sum(p.both_lines).label("both_lines"), func.sum(p.same).label("same"),
            func.sum(p.both_for).label("both_for"),
        )
        .select_from(faction_pair_month_stats.join(a, a.c.id == p.faction_a).join(b, b.c.id == p.faction_b))
        .where(in_months(p.month, filters))
        .group_by(p.faction_a, a.c.short_name, a.c.name, p.faction_b, b.c.short_name, b.c.name)
    )
    pairs = fetch(engine, stmt)
    swapped = pairs.rename({"faction_a_id": "faction_b_id", "faction_a": "faction_b",
                            "faction_b_id": "faction_a_id", "faction_b": "faction_a"})
    return (
        pl.concat([pairs, swapped.select(pairs.columns)])
        .with_columns(share_same=share_expr("same", "both_lines"))
        .select("faction_a_id", "faction_a", "faction_b_id", "faction_b", "both_lines", "same", "share_same",
                "both_for")
        .sort(alphabetical("faction_a"), alphabetical("faction_b"))
    )


def least_united(engine: Engine, filters: Filters, limit: int = 15) -> pl.DataFrame:
    """The votes where a faction of five or more split most (lowest Agreement Index), registration left out.

    Reads the summary's indexed `cohesion` (the Agreement Index where it is ranked), so the database walks
    the lowest values first instead of scoring every tally of the period.
    """
    t = vote_faction_tallies.c
    stmt = (
        select(
            votes.c.id.label("vote_id"), votes.c.voted_at, votes.c.title,
            func.coalesce(factions.c.short_name, factions.c.name).label("faction"),
            t.n_for, t.n_against, t.n_abstain, t.n_not_voting, t.n_absent,
            rice_sql(t.n_for, t.n_against).label("rice"), t.cohesion.label("agreement_index"),
        )
        .select_from(vote_faction_tallies.join(votes, votes.c.id == t.vote_id)
                     .join(factions, factions.c.id == t.faction_id))
        .where(*chosen_votes(filters), t.cohesion.is_not(None))
        .order_by(t.cohesion, votes.c.voted_at.desc(), by_name(factions.c.name))
        .limit(limit)
    )
    return fetch(engine, stmt)


DATASETS = (
    Dataset("faction_cohesion", faction_cohesion, "factions", "Per faction over the period: most members, votes "
            "counted (five members or more), mean Rice and Agreement Index, share of counted votes with a line.",
            columns=(Field("faction", "vote_faction"), Field("short_name", "col_short_name"),
                     Field("members", "col_members_most"), Field("votes", "factions_votes_counted_column"),
                     *COHESION, Field("with_line", "col_with_line", "share"))),
    Dataset("faction_cohesion_monthly", faction_cohesion_by_month, "factions", "Per month × faction (five "
            "members or more on the vote): votes, mean Rice and mean Agreement Index; registration votes left "
            "out, whole months, all units.",
            columns=(Field("month", "col_month", "month"), Field("faction", "vote_faction"),
                     Field("votes", "factions_votes_counted_column"), *COHESION)),
    Dataset("faction_same_way", faction_same_way, "factions", "Faction × faction: votes where both had a line, "
            "how many lines were equal, the share, and votes where both lines were «за» (whole months, all units).",
            columns=(Field("faction_a", "col_faction_a"), Field("faction_b", "col_faction_b"),
                     Field("both_lines", "col_both_lines"), Field("same", "col_same_line"),
                     Field("share_same", "col_share_same_line", "share"), Field("both_for", "col_both_for"))),
    Dataset("faction_least_united", least_united, "factions", "The 15 votes where a faction of five or more "
            "split most (lowest Agreement Index), registration votes left out.", link=("vote", "vote_id"),
            columns=(*VOTE, Field("faction", "vote_faction"), *TALLIES, *COHESION)),
    Dataset("faction_tallies", faction_tallies, "factions", "Per vote × faction: for, against, abstain, not "
            "voting, absent, the faction line, Rice and the Agreement Index (published votes).",
            columns=(*VOTE, Field("kind", "votes_kind", labels="votes_kind_"), Field("faction", "vote_faction"),
                     *TALLIES, Field("line", "vote_line", labels="vote_line_", missing="vote_no_line"), *COHESION)),
)
