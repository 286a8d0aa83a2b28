"""Deputies: attendance, participation, rebellions and loyalty per deputy, and one deputy's profile.

The ranking and the profile read the summaries kept by `dashboard.writer.vote_summaries` (published votes
only, registration votes left out), so their cost does not grow with the number of choices. One read
touches `vote_choices` and is bounded: one deputy's rebellions (LIMIT). Summaries are monthly: a period
counts the whole months it touches. `nv` is the «не голосував» switch: whether it counts as rebellion.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Integer, and_, case, func, or_, select, true, type_coerce
from sqlalchemy.engine import Engine

from dashboard.alphabet import alphabetical
from dashboard.filters import Filters
from dashboard.metrics.common import share_expr
from dashboard.metrics.deputies import agreement_share
from dashboard.schema import (
    deputies,
    deputy_line_month_stats,
    deputy_month_stats,
    deputy_pair_month_stats,
    faction_memberships,
    factions,
    plenary_sessions,
    vote_choices,
    vote_faction_tallies,
    votes,
)
from queries.common import by_name, fetch, in_months, in_period, visible
from queries.datasets import Dataset
from queries.shapes import Field

NO_FACTION_COLOR = "#9e9e9e"


def int_sum(column):
    return type_coerce(func.coalesce(func.sum(column), 0), Integer)


def faction_list(engine: Engine) -> pl.DataFrame:
    """Every faction: id, name, short name, colour; by name."""
    return fetch(engine, select(factions.c.id, factions.c.name, factions.c.short_name, factions.c.color)
                 .order_by(by_name(factions.c.name)))


def deputy_directory(engine: Engine) -> pl.DataFrame:
    """Every deputy: id and full name, alphabetically (the choices of the comparison select)."""
    return fetch(engine, select(deputies.c.id.label("deputy_id"), deputies.c.full_name.label("deputy"))
                 .order_by(by_name(deputies.c.full_name)))


def current_factions(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Each deputy's faction in the last month of the period with votes (empty when without one)."""
    stats = deputy_month_stats
    rows = fetch(engine, select(stats.c.deputy_id, stats.c.faction_id, func.max(stats.c.month).label("month"))
                 .where(in_months(stats.c.month, filters)).group_by(stats.c.deputy_id, stats.c.faction_id))
    latest = rows.sort(["deputy_id", "month", "faction_id"], nulls_last=False).group_by("deputy_id").last()
    names = faction_list(engine).rename({"id": "faction_id", "name": "faction", "short_name": "faction_short"})
    return (latest.drop("month").join(names, on="faction_id", how="left")
            .with_columns(pl.col("color").fill_null(NO_FACTION_COLOR)))


def deputy_attendance(engine: Engine, filters: Filters, deputy: int | None = None,
                      faction: int | None = None) -> pl.DataFrame:
    """Per deputy over the period: faction, held, present, voted, attendance, participation, rebellions, loyalty.

    Attendance = present / held, participation = voted / held. Rebellions count for / against /
    abstain against the own faction's line; `rebellions_not_voting` the «не голосував» on votes with a line.
    Loyalty = 1 − rebellions / votes with a line where the deputy voted (`loyalty`), or counting
    «не голосував» as rebellion over every present vote with a line (`loyalty_with_not_voting`).
    Deputies who belonged to no faction in the period have no rebellions or loyalty. `deputy` narrows the
    rows to one deputy, `faction` to the members of a faction at the period's end.
    """
    stats = deputy_month_stats
    in_faction = stats.c.faction_id.is_not(None)
    stmt = (
        select(
            stats.c.deputy_id,
            deputies.c.full_name.label("deputy"),
            int_sum(stats.c.held).label("held"),
            int_sum(stats.c.present).label("present"),
            int_sum(stats.c.voted).label("voted"),
            int_sum(stats.c.not_voting).label("not_voting"),
            int_sum(case((in_faction, stats.c.held), else_=0)).label("held_in_faction"),
            int_sum(stats.c.with_line).label("with_line"),
            int_sum(stats.c.rebellions).label("rebellions"),
            int_sum(stats.c.rebellions_not_voting).label("rebellions_not_voting"),
        )
        .join(deputies, deputies.c.id == stats.c.deputy_id)
        .where(in_months(stats.c.month, filters), true() if deputy is None else stats.c.deputy_id == deputy)
        .group_by(stats.c.deputy_id, deputies.c.full_name)
    )
    totals = fetch(engine, stmt)
    in_a_faction = pl.col("held_in_faction") > 0
    frame = (
        totals.join(current_factions(engine, filters), on="deputy_id", how="left")
        .with_columns(
            (pl.col("with_line") - pl.col("rebellions_not_voting")).alias("voted_with_line"),
            (pl.col("rebellions") + pl.col("rebellions_not_voting")).alias("rebellions_with_not_voting"),
        )
        .with_columns(
            share_expr("present", "held").alias("attendance"),
            share_expr("voted", "held").alias("participation"),
            (1 - share_expr("rebellions", "voted_with_line")).alias("loyalty"),
            (1 - share_expr("rebellions_with_not_voting", "with_line")).alias("loyalty_with_not_voting"),
        )
        .with_columns(
            *(pl.when(in_a_faction).then(pl.col(name)).otherwise(None).alias(name)
              for name in ("rebellions", "rebellions_not_voting", "rebellions_with_not_voting", "loyalty",
                           "loyalty_with_not_voting"))
        )
    )
    if faction is not None:
        frame = frame.filter(pl.col("faction_id") == faction)
    return frame.select(
        "deputy_id", "deputy", "faction_id", "faction", "faction_short", "color", "held", "present", "voted",
        "not_voting", "attendance", "participation", "with_line", "rebellions", "rebellions_not_voting",
        "rebellions_with_not_voting", "loyalty", "loyalty_with_not_voting",
    ).sort(alphabetical("deputy"))


def deputy_info(engine: Engine, deputy: int) -> pl.DataFrame:
    """One deputy's name, gender, mandate and whether the mayor; empty when the id is unknown."""
    return fetch(engine, select(deputies.c.id.label("deputy_id"), deputies.c.full_name.label("deputy"),
                                deputies.c.gender, deputies.c.is_mayor, deputies.c.mandate_from, deputies.c.mandate_to)
                 .where(deputies.c.id == deputy))


def deputy_factions(engine: Engine, deputy: int) -> pl.DataFrame:
    """The deputy's faction memberships over the convocation (empty dates: open-ended)."""
    return fetch(engine, select(factions.c.name.label("faction"), factions.c.color, faction_memberships.c.from_on,
                                faction_memberships.c.to_on)
                 .join(factions, factions.c.id == faction_memberships.c.faction_id)
                 .where(faction_memberships.c.deputy_id == deputy)
                 .order_by(faction_memberships.c.from_on.is_not(None), faction_memberships.c.from_on))


def deputy_months(engine: Engine, filters: Filters, deputy: int, with_: int | None = None) -> pl.DataFrame:
    """Attendance and participation per month of the period: the deputy's, and the compared one's (`with`)."""
    stats = deputy_month_stats
    chosen = [deputy] if with_ is None or with_ == deputy else [deputy, with_]
    frame = fetch(engine, select(stats.c.deputy_id, deputies.c.full_name.label("deputy"), stats.c.month,
                                 int_sum(stats.c.held).label("held"), int_sum(stats.c.present).label("present"),
                                 int_sum(stats.c.voted).label("voted"))
                  .join(deputies, deputies.c.id == stats.c.deputy_id)
                  .where(stats.c.deputy_id.in_(chosen), in_months(stats.c.month, filters))
                  .group_by(stats.c.deputy_id, deputies.c.full_name, stats.c.month)
                  .order_by(stats.c.deputy_id != deputy, stats.c.month))
    return frame.with_columns(share_expr("present", "held").alias("attendance"),
                              share_expr("voted", "held").alias("participation"))


def deputy_colleagues(engine: Engine, filters: Filters, deputy: int) -> pl.DataFrame:
    """Agreement of the deputy with every colleague over the period: both voted, same, share; faction and colour."""
    pairs = deputy_pair_month_stats
    colleague = case((pairs.c.deputy_a == deputy, pairs.c.deputy_b), else_=pairs.c.deputy_a)
    frame = fetch(engine, select(colleague.label("deputy_id"), int_sum(pairs.c.both_voted).label("both_voted"),
                                 int_sum(pairs.c.same).label("same"))
                  .where(or_(pairs.c.deputy_a == deputy, pairs.c.deputy_b == deputy),
                         in_months(pairs.c.month, filters))
                  .group_by(colleague))
    return (with_share(frame).join(deputy_directory(engine), on="deputy_id", how="left")
            .join(current_factions(engine, filters).select("deputy_id", "faction", "color"), on="deputy_id", how="left")
            .with_columns(pl.col("color").fill_null(NO_FACTION_COLOR))
            .select("deputy_id", "deputy", "faction", "color", "both_voted", "same", "share")
            .sort(["share", "both_voted"], descending=True, nulls_last=True))


def with_share(pairs: pl.DataFrame) -> pl.DataFrame:
    """Add the share of agreement (empty where the two never both voted) to counts of both_voted and same."""
    share = agreement_share(pairs["same"].to_numpy(), pairs["both_voted"].to_numpy())
    return pairs.with_columns(pl.Series("share", share, dtype=pl.Float64).fill_nan(None))


def _membership_at_vote():
    held_on = plenary_sessions.c.held_on
    return and_(faction_memberships.c.deputy_id == vote_choices.c.deputy_id,
                or_(faction_memberships.c.from_on.is_(None), faction_memberships.c.from_on <= held_on),
                or_(faction_memberships.c.to_on.is_(None), faction_memberships.c.to_on >= held_on))


def _differs_from_line(count_not_voting: bool):
    """A present choice that breaks the line; «не голосував» only when it is counted as rebellion."""
    choice, line = vote_choices.c.choice, vote_faction_tallies.c.line
    voted_otherwise = and_(choice.in_(("for", "against", "abstain")), choice != line)
    return or_(voted_otherwise, choice == "not_voting") if count_not_voting else voted_otherwise


def deputy_rebellions(engine: Engine, filters: Filters, deputy: int, nv: bool = True,
                      limit: int = 100) -> pl.DataFrame:
    """The latest votes of the period where the deputy broke the own faction's line (at most `limit`)."""
    stmt = (
        select(votes.c.id.label("vote_id"), votes.c.voted_at, votes.c.title, vote_choices.c.choice,
               factions.c.name.label("faction"), vote_faction_tallies.c.line)
        .select_from(
            vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id)
            .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
            .join(faction_memberships, _membership_at_vote())
            .join(factions, factions.c.id == faction_memberships.c.faction_id)
            .join(vote_faction_tallies, and_(vote_faction_tallies.c.vote_id == votes.c.id,
                                             vote_faction_tallies.c.faction_id == faction_memberships.c.faction_id))
        )
        .where(vote_choices.c.deputy_id == deputy, in_period(votes.c.voted_at, filters), visible(votes, filters),
               votes.c.kind != "registration", vote_faction_tallies.c.line.is_not(None),
               _differs_from_line(nv))
        .order_by(votes.c.voted_at.desc(), votes.c.id.desc())
        .limit(limit)
    )
    return fetch(engine, stmt)


def deputy_faction_lines(engine: Engine, filters: Filters, deputy: int, nv: bool = True) -> pl.DataFrame:
    """How often the deputy's choice equals each faction's line, over votes where both were there.

    Base: votes where the deputy was present and the faction had a line; «не голосував» is in the base
    (as a differing choice) only when it is counted as rebellion. Read from the monthly summary.
    """
    stats = deputy_line_month_stats.c
    base = stats.voted + stats.not_voting if nv else stats.voted
    stmt = (
        select(stats.faction_id, int_sum(base).label("votes"), int_sum(stats.same).label("same"))
        .where(stats.deputy_id == deputy, in_months(stats.month, filters))
        .group_by(stats.faction_id)
    )
    frame = fetch(engine, stmt).filter(pl.col("votes") > 0)
    names = faction_list(engine).rename({"id": "faction_id", "name": "faction"})
    return (frame.join(names, on="faction_id", how="left")
            .with_columns(share_expr("same", "votes").alias("share"))
            .select("faction_id", "faction", "color", "votes", "same", "share")
            .sort("share", descending=True, nulls_last=True))


NO_FACTION = {"missing": "deputies_no_faction"}
ATTENDANCE = (Field("held", "deputies_held"), Field("present", "deputies_present"), Field("voted", "col_voted"),
              Field("attendance", "deputies_attendance", "share"),
              Field("participation", "deputies_participation", "share"))

DATASETS = (
    Dataset("deputy_attendance", deputy_attendance, "deputies", "Per deputy: faction, votes held, present, voted, "
            "attendance, participation, rebellions with and without «не голосував», loyalty (from the monthly "
            "summaries of published votes); `faction` narrows to one faction.", params=("faction",),
            link=("deputy", "deputy_id"),
            columns=(Field("deputy", "deputies_deputy"), Field("faction", "deputies_faction", **NO_FACTION),
                     Field("faction_short", "col_short_name"), *ATTENDANCE,
                     Field("not_voting", "votes_not_voting"), Field("with_line", "col_with_line_votes"),
                     Field("rebellions", "col_rebellions"), Field("rebellions_not_voting", "col_rebellions_not_voting"),
                     Field("rebellions_with_not_voting", "col_rebellions_with_not_voting"),
                     Field("loyalty", "col_loyalty", "share"),
                     Field("loyalty_with_not_voting", "col_loyalty_with_not_voting", "share"),
                     Field("deputy_id", "deputies_profile", "link", target="deputy", link_text="deputies_open_profile",
                           width="small"))),
    Dataset("deputy_attendance_by_month", deputy_months, "deputy", "One deputy's (and the compared one's) held, "
            "present, voted, attendance and participation per month.", params=("deputy", "with"), open_data=False,
            columns=(Field("deputy", "deputies_deputy"), Field("month", "col_month", "month"), *ATTENDANCE)),
    Dataset("deputy_colleagues", deputy_colleagues, "deputy", "One deputy's agreement with every colleague: "
            "votes both cast, same choice, share, the colleague's faction.", params=("deputy",),
            link=("deputy", "deputy_id"), open_data=False,
            columns=(Field("deputy", "deputies_deputy"), Field("faction", "deputies_faction", **NO_FACTION),
                     Field("both_voted", "deputy_both_voted"), Field("same", "deputy_same"),
                     Field("share", "deputy_agreement", "share"),
                     Field("deputy_id", "deputies_profile", "link", target="deputy", link_text="deputies_open_profile"))),
    Dataset("deputy_faction_lines", deputy_faction_lines, "deputy", "How often one deputy's choice equals each "
            "faction's line: votes, same, share.", params=("deputy", "nv"), open_data=False,
            columns=(Field("faction", "deputies_faction"), Field("votes", "col_both_lines"),
                     Field("same", "col_same_line"), Field("share", "col_share_same_line", "share"))),
    Dataset("deputy_rebellions", deputy_rebellions, "deputy", "The latest 100 votes where one deputy broke the "
            "own faction's line: the choice, the faction and its line.", params=("deputy", "nv"),
            link=("vote", "vote_id"), open_data=False,
            columns=(Field("voted_at", "deputy_time", "datetime"), Field("title", "deputy_vote", width="large"),
                     Field("choice", "deputy_choice", labels="deputy_rebellion_choice_"),
                     Field("faction", "deputies_faction"), Field("line", "deputy_line", labels="vote_line_"),
                     Field("vote_id", "deputy_open_vote", "link", target="vote", link_text="votes_open_text"))),
)
