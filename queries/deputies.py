"""Deputies: attendance, rebellions, profiles, who agrees with whom, and the map of positions.

Ranking, profiles and the agreement matrix read the summaries kept by
`dashboard.writer.vote_summaries` (published votes only, registration votes left out), so their cost
does not grow with the number of choices. Three reads touch `vote_choices` and are bounded: one
deputy's rebellions (LIMIT), one deputy against every faction's line (one deputy's choices in the
period), and the map (at most MAP_MAX_VOTES contested votes of the period, spread evenly).
Summaries are monthly: a period counts the whole months it touches.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from sqlalchemy import Integer, String, and_, case, cast, func, or_, select, true, type_coerce
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.positions import CHOICE_CODES, LOPSIDED_MINORITY, agreement_share, principal_positions, seriation
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
from queries.common import fetch, in_months, in_period, visible
from queries.datasets import Dataset

MAP_MAX_VOTES = 2000
NO_FACTION_COLOR = "#9e9e9e"


def _int_sum(column):
    return type_coerce(func.coalesce(func.sum(column), 0), Integer)


def _ratio(numerator: str, denominator: str) -> pl.Expr:
    return pl.when(pl.col(denominator) > 0).then(pl.col(numerator) / pl.col(denominator)).otherwise(None)


def short_label(full_name: str) -> str:
    """`Прізвище І. П.` from a full name, for chart axes where 37 full names do not fit."""
    surname, *given = full_name.split()
    return " ".join([surname, *(f"{name[0]}." for name in given if name)])


def faction_list(engine: Engine) -> pl.DataFrame:
    """Every faction: id, name, short name, colour; by name."""
    return fetch(engine, select(factions.c.id, factions.c.name, factions.c.short_name, factions.c.color)
                 .order_by(factions.c.name))


def deputy_directory(engine: Engine) -> pl.DataFrame:
    """Every deputy: id and full name, alphabetically (the choices of the comparison select)."""
    return fetch(engine, select(deputies.c.id.label("deputy_id"), deputies.c.full_name.label("deputy"))
                 .order_by(deputies.c.full_name))


def current_factions(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Each deputy's faction in the last month of the period with votes (empty when without one)."""
    stats = deputy_month_stats
    rows = fetch(engine, select(stats.c.deputy_id, stats.c.faction_id, func.max(stats.c.month).label("month"))
                 .where(in_months(stats.c.month, filters)).group_by(stats.c.deputy_id, stats.c.faction_id))
    latest = rows.sort(["deputy_id", "month", "faction_id"], nulls_last=False).group_by("deputy_id").last()
    names = faction_list(engine).rename({"id": "faction_id", "name": "faction", "short_name": "faction_short"})
    return (latest.drop("month").join(names, on="faction_id", how="left")
            .with_columns(pl.col("color").fill_null(NO_FACTION_COLOR)))


def deputy_attendance(engine: Engine, filters: Filters, deputy_id: int | None = None) -> pl.DataFrame:
    """Per deputy over the period: faction, held, present, voted, attendance, participation, rebellions, loyalty.

    Attendance = present / held, participation = voted / held. Rebellions count for / against /
    abstain against the own faction's line; `rebellions_not_voting` the «не голосував» on votes with a line.
    Loyalty = 1 − rebellions / votes with a line where the deputy voted (`loyalty`), or counting
    «не голосував» as rebellion over every present vote with a line (`loyalty_with_not_voting`).
    Deputies who belonged to no faction in the period have no rebellions or loyalty.
    """
    stats = deputy_month_stats
    in_faction = stats.c.faction_id.is_not(None)
    stmt = (
        select(
            stats.c.deputy_id,
            deputies.c.full_name.label("deputy"),
            _int_sum(stats.c.held).label("held"),
            _int_sum(stats.c.present).label("present"),
            _int_sum(stats.c.voted).label("voted"),
            _int_sum(stats.c.not_voting).label("not_voting"),
            _int_sum(case((in_faction, stats.c.held), else_=0)).label("held_in_faction"),
            _int_sum(stats.c.with_line).label("with_line"),
            _int_sum(stats.c.rebellions).label("rebellions"),
            _int_sum(stats.c.rebellions_not_voting).label("rebellions_not_voting"),
        )
        .join(deputies, deputies.c.id == stats.c.deputy_id)
        .where(in_months(stats.c.month, filters), true() if deputy_id is None else stats.c.deputy_id == deputy_id)
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
            _ratio("present", "held").alias("attendance"),
            _ratio("voted", "held").alias("participation"),
            (1 - _ratio("rebellions", "voted_with_line")).alias("loyalty"),
            (1 - _ratio("rebellions_with_not_voting", "with_line")).alias("loyalty_with_not_voting"),
        )
        .with_columns(
            *(pl.when(in_a_faction).then(pl.col(name)).otherwise(None).alias(name)
              for name in ("rebellions", "rebellions_not_voting", "rebellions_with_not_voting", "loyalty",
                           "loyalty_with_not_voting"))
        )
    )
    return frame.select(
        "deputy_id", "deputy", "faction_id", "faction", "faction_short", "color", "held", "present", "voted",
        "not_voting", "attendance", "participation", "with_line", "rebellions", "rebellions_not_voting",
        "rebellions_with_not_voting", "loyalty", "loyalty_with_not_voting",
    ).sort("deputy")


def deputy_info(engine: Engine, deputy_id: int) -> pl.DataFrame:
    """One deputy's name, gender, mandate and whether the mayor; empty when the id is unknown."""
    return fetch(engine, select(deputies.c.id.label("deputy_id"), deputies.c.full_name.label("deputy"),
                                deputies.c.gender, deputies.c.is_mayor, deputies.c.mandate_from, deputies.c.mandate_to)
                 .where(deputies.c.id == deputy_id))


def deputy_factions(engine: Engine, deputy_id: int) -> pl.DataFrame:
    """The deputy's faction memberships over the convocation (empty dates: open-ended)."""
    return fetch(engine, select(factions.c.name.label("faction"), factions.c.color, faction_memberships.c.from_on,
                                faction_memberships.c.to_on)
                 .join(factions, factions.c.id == faction_memberships.c.faction_id)
                 .where(faction_memberships.c.deputy_id == deputy_id)
                 .order_by(faction_memberships.c.from_on.is_not(None), faction_memberships.c.from_on))


def deputy_months(engine: Engine, filters: Filters, deputy_id: int) -> pl.DataFrame:
    """The deputy's attendance and participation per month of the period."""
    stats = deputy_month_stats
    frame = fetch(engine, select(stats.c.month, _int_sum(stats.c.held).label("held"),
                                 _int_sum(stats.c.present).label("present"), _int_sum(stats.c.voted).label("voted"))
                  .where(stats.c.deputy_id == deputy_id, in_months(stats.c.month, filters))
                  .group_by(stats.c.month).order_by(stats.c.month))
    return frame.with_columns(_ratio("present", "held").alias("attendance"),
                              _ratio("voted", "held").alias("participation"))


def deputy_colleagues(engine: Engine, filters: Filters, deputy_id: int) -> pl.DataFrame:
    """Agreement of the deputy with every colleague over the period: both voted, same, share; faction and colour."""
    pairs = deputy_pair_month_stats
    colleague = case((pairs.c.deputy_a == deputy_id, pairs.c.deputy_b), else_=pairs.c.deputy_a)
    frame = fetch(engine, select(colleague.label("deputy_id"), _int_sum(pairs.c.both_voted).label("both_voted"),
                                 _int_sum(pairs.c.same).label("same"))
                  .where(or_(pairs.c.deputy_a == deputy_id, pairs.c.deputy_b == deputy_id),
                         in_months(pairs.c.month, filters))
                  .group_by(colleague))
    return (_with_share(frame).join(deputy_directory(engine), on="deputy_id", how="left")
            .join(current_factions(engine, filters).select("deputy_id", "faction", "color"), on="deputy_id", how="left")
            .with_columns(pl.col("color").fill_null(NO_FACTION_COLOR))
            .select("deputy_id", "deputy", "faction", "color", "both_voted", "same", "share")
            .sort(["share", "both_voted"], descending=True, nulls_last=True))


def _with_share(pairs: pl.DataFrame) -> pl.DataFrame:
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


def deputy_rebellions(engine: Engine, filters: Filters, deputy_id: int, count_not_voting: bool,
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
        .where(vote_choices.c.deputy_id == deputy_id, in_period(votes.c.voted_at, filters), visible(votes, filters),
               votes.c.kind != "registration", vote_faction_tallies.c.line.is_not(None),
               _differs_from_line(count_not_voting))
        .order_by(votes.c.voted_at.desc(), votes.c.id.desc())
        .limit(limit)
    )
    return fetch(engine, stmt)


def deputy_faction_lines(engine: Engine, filters: Filters, deputy_id: int, count_not_voting: bool) -> pl.DataFrame:
    """How often the deputy's choice equals each faction's line, over votes where both were there.

    Base: votes where the deputy was present and the faction had a line; «не голосував» is in the base
    (as a differing choice) only when it is counted as rebellion. Read from the monthly summary.
    """
    stats = deputy_line_month_stats.c
    base = stats.voted + stats.not_voting if count_not_voting else stats.voted
    stmt = (
        select(stats.faction_id, _int_sum(base).label("votes"), _int_sum(stats.same).label("same"))
        .where(stats.deputy_id == deputy_id, in_months(stats.month, filters))
        .group_by(stats.faction_id)
    )
    frame = fetch(engine, stmt).filter(pl.col("votes") > 0)
    names = faction_list(engine).rename({"id": "faction_id", "name": "faction"})
    return (frame.join(names, on="faction_id", how="left")
            .with_columns(_ratio("same", "votes").alias("share"))
            .select("faction_id", "faction", "color", "votes", "same", "share")
            .sort("share", descending=True, nulls_last=True))


def agreement_matrix(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Every pair of deputies over the period: votes both cast, same choice, share of agreement."""
    pairs = deputy_pair_month_stats
    frame = fetch(engine, select(pairs.c.deputy_a, pairs.c.deputy_b, _int_sum(pairs.c.both_voted).label("both_voted"),
                                 _int_sum(pairs.c.same).label("same"))
                  .where(in_months(pairs.c.month, filters))
                  .group_by(pairs.c.deputy_a, pairs.c.deputy_b)
                  .order_by(pairs.c.deputy_a, pairs.c.deputy_b))
    names = deputy_directory(engine)
    return (_with_share(frame)
            .join(names.rename({"deputy_id": "deputy_a", "deputy": "deputy_a_name"}), on="deputy_a", how="left")
            .join(names.rename({"deputy_id": "deputy_b", "deputy": "deputy_b_name"}), on="deputy_b", how="left")
            .select("deputy_a", "deputy_a_name", "deputy_b", "deputy_b_name", "both_voted", "same", "share"))


def _unique_labels(frame: pl.DataFrame) -> pl.Series:
    """Short axis labels, with the id added where two deputies would share one."""
    labels = [short_label(name) for name in frame["deputy"]]
    repeated = {label for label in labels if labels.count(label) > 1}
    return pl.Series("label", [f"{label} ({i})" if label in repeated else label
                               for label, i in zip(labels, frame["deputy_id"])])


def agreement_heatmap(engine: Engine, filters: Filters) -> pl.DataFrame:
    """The agreement matrix as a square: one row per deputy, ordered so that blocs sit together.

    Columns: deputy_id, deputy, faction, faction_short, label (short name), then one column per deputy label holding
    the share of agreement (1 on the diagonal for a deputy who voted; empty where two never both voted).
    """
    pairs = agreement_matrix(engine, filters)
    ids = sorted(set(pairs["deputy_a"].to_list()) | set(pairs["deputy_b"].to_list()))
    if not ids:
        return pl.DataFrame(schema={"deputy_id": pl.Int64, "deputy": pl.String, "faction": pl.String,
                                    "faction_short": pl.String, "label": pl.String})
    position = {deputy: i for i, deputy in enumerate(ids)}
    square = np.full((len(ids), len(ids)), np.nan)
    np.fill_diagonal(square, 1.0)
    a = np.array([position[d] for d in pairs["deputy_a"]])
    b = np.array([position[d] for d in pairs["deputy_b"]])
    share = pairs["share"].fill_null(np.nan).to_numpy()
    square[a, b] = share
    square[b, a] = share
    order = seriation(square)
    people = (pl.DataFrame({"deputy_id": [ids[i] for i in order]})
              .join(deputy_directory(engine), on="deputy_id", how="left", maintain_order="left")
              .join(current_factions(engine, filters).select("deputy_id", "faction", "faction_short"), on="deputy_id",
                    how="left", maintain_order="left"))
    people = people.with_columns(_unique_labels(people))
    ordered = square[np.ix_(order, order)]
    cells = pl.DataFrame({label: ordered[:, j] for j, label in enumerate(people["label"])}).fill_nan(None)
    return pl.concat([people, cells], how="horizontal")


def _contested_votes(filters: Filters):
    """A subquery of the period's votes that are not lopsided by their own tallies: at most MAP_MAX_VOTES of
    them, every k-th in time when there are more, so that the map's cost does not grow with the council's."""
    least_side = LOPSIDED_MINORITY * votes.c.n_present
    numbered = (
        select(votes.c.id, func.row_number().over(order_by=(votes.c.voted_at, votes.c.id)).label("position"),
               func.count().over().label("total"))
        .where(in_period(votes.c.voted_at, filters), visible(votes, filters), votes.c.kind != "registration",
               votes.c.n_present > 0, votes.c.n_for >= least_side, votes.c.n_present - votes.c.n_for >= least_side)
        .subquery()
    )
    every = (numbered.c.total + MAP_MAX_VOTES - 1) // MAP_MAX_VOTES
    return select(numbered.c.id).where((numbered.c.position - 1) % every == 0)


def _choice_matrix(engine: Engine, filters: Filters) -> tuple[list[int], np.ndarray]:
    """The coded deputy × vote matrix of the period's contested votes (NaN: absent or not in office).

    One row per deputy, not per choice: each deputy's choices come packed in one string of
    `vote_id * 4 + choice index`, because pushing 10^5 rows through the driver costs more than the PCA.
    """
    codes = np.array(list(CHOICE_CODES.values()))
    packed = vote_choices.c.vote_id * len(codes) + case(
        {name: i for i, name in enumerate(CHOICE_CODES)}, value=vote_choices.c.choice)
    packed_list = func.aggregate_strings(cast(packed, String), ",").label("packed")
    rows = fetch(engine, select(vote_choices.c.deputy_id, packed_list)
                 .where(vote_choices.c.vote_id.in_(_contested_votes(filters)), vote_choices.c.deputy_id.is_not(None),
                        vote_choices.c.choice.in_(tuple(CHOICE_CODES)))
                 .group_by(vote_choices.c.deputy_id).order_by(vote_choices.c.deputy_id))
    values = [np.array(text.split(","), dtype=np.int64) for text in rows["packed"]]
    vote_ids = np.unique(np.concatenate(values) // len(codes)) if values else np.zeros(0, dtype=np.int64)
    matrix = np.full((rows.height, len(vote_ids)), np.nan)
    for row, packed_choices in enumerate(values):
        matrix[row, np.searchsorted(vote_ids, packed_choices // len(codes))] = codes[packed_choices % len(codes)]
    return rows["deputy_id"].to_list(), matrix


def positions_map(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Each deputy's place on the map of positions: x, y (first two principal components), faction, colour.

    Also `explained_x` / `explained_y` (share of variance of each axis), `votes_used` (contested votes
    in the map) and `present` (how many of them the deputy attended).
    """
    deputy_ids, matrix = _choice_matrix(engine, filters)
    found = principal_positions(matrix)
    placed = pl.DataFrame({
        "deputy_id": [deputy_ids[i] for i in found.rows],
        "x": found.x, "y": found.y,
        "present": (~np.isnan(matrix[found.rows])).sum(axis=1),
    }, schema={"deputy_id": pl.Int64, "x": pl.Float64, "y": pl.Float64, "present": pl.Int64})
    return (placed.join(deputy_directory(engine), on="deputy_id", how="left")
            .join(current_factions(engine, filters).select("deputy_id", "faction", "faction_short", "color"),
                  on="deputy_id", how="left")
            .with_columns(pl.col("color").fill_null(NO_FACTION_COLOR),
                          pl.lit(found.explained[0]).alias("explained_x"),
                          pl.lit(found.explained[1]).alias("explained_y"),
                          pl.lit(found.votes_used, dtype=pl.Int64).alias("votes_used"))
            .select("deputy_id", "deputy", "faction", "faction_short", "color", "x", "y", "present",
                    "explained_x", "explained_y", "votes_used")
            .sort("x"))


DATASETS = {
    "deputy_attendance": Dataset(
        "Per deputy: faction, votes held, present, voted, attendance, participation, rebellions with and without "
        "«не голосував», loyalty (from the monthly summaries of published votes).", deputy_attendance),
    "agreement_matrix": Dataset(
        "Per pair of deputies: votes both cast (for / against / abstain), same choice, share of agreement.",
        agreement_matrix),
    "positions_map": Dataset(
        "Per deputy: the map of positions (first two principal components of the deputy × vote matrix, "
        "lopsided votes left out), faction and the share of variance each axis explains.", positions_map),
}
