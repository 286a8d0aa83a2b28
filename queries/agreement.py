"""Agreement: who votes with whom (every pair's share, ordered into blocs) and the map of positions.

Pairs read the monthly summary `deputy_pair_month_stats` (published votes, registration left out); the map
reads `vote_choices`, bounded: at most MAP_MAX_VOTES contested votes of the period, spread evenly. The
formulas (agreement share, seriation, principal components) are `dashboard.metrics.deputies`.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from sqlalchemy import String, case, cast, func, select
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.i18n import short_name
from dashboard.metrics.deputies import (
    CHOICE_CODES,
    LOPSIDED_MINORITY,
    enough_together,
    principal_positions,
    seriation,
)
from dashboard.schema import deputy_pair_month_stats, vote_choices, votes
from queries.common import fetch, in_months, in_period, visible
from queries.datasets import Dataset
from queries.deputies import NO_FACTION_COLOR, current_factions, deputy_directory, int_sum, with_share
from queries.shapes import Field

MAP_MAX_VOTES = 2000
ALIKE_LISTED = 15


def agreement_matrix(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Every pair of deputies over the period: votes both cast, same choice, share of agreement."""
    pairs = deputy_pair_month_stats
    frame = fetch(engine, select(pairs.c.deputy_a, pairs.c.deputy_b, int_sum(pairs.c.both_voted).label("both_voted"),
                                 int_sum(pairs.c.same).label("same"))
                  .where(in_months(pairs.c.month, filters))
                  .group_by(pairs.c.deputy_a, pairs.c.deputy_b)
                  .order_by(pairs.c.deputy_a, pairs.c.deputy_b))
    names = deputy_directory(engine)
    return (with_share(frame)
            .join(names.rename({"deputy_id": "deputy_a", "deputy": "deputy_a_name"}), on="deputy_a", how="left")
            .join(names.rename({"deputy_id": "deputy_b", "deputy": "deputy_b_name"}), on="deputy_b", how="left")
            .select("deputy_a", "deputy_a_name", "deputy_b", "deputy_b_name", "both_voted", "same", "share"))


def _unique_labels(frame: pl.DataFrame) -> pl.Series:
    """Short axis labels, with the id added where two deputies would share one."""
    labels = [short_name(name) for name in frame["deputy"]]
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


def most_alike(engine: Engine, filters: Filters) -> pl.DataFrame:
    """The pairs that agree most, among those who voted together often enough to say so (`enough_together`):
    both names and factions, share, votes both cast, same, whether the pair crosses factions."""
    pairs = agreement_matrix(engine, filters)
    faction = current_factions(engine, filters).select("deputy_id", "faction")
    return (pairs.filter(pl.col("both_voted") >= enough_together(pairs["both_voted"].max())).drop_nulls("share")
            .join(faction.rename({"deputy_id": "deputy_a", "faction": "faction_a"}), on="deputy_a", how="left")
            .join(faction.rename({"deputy_id": "deputy_b", "faction": "faction_b"}), on="deputy_b", how="left")
            .with_columns(cross=pl.col("faction_a").fill_null("") != pl.col("faction_b").fill_null(""))
            .sort(["share", "both_voted"], descending=True).head(ALIKE_LISTED)
            .select("deputy_a", "deputy_a_name", "faction_a", "deputy_b", "deputy_b_name", "faction_b", "share",
                    "both_voted", "same", "cross"))


PAIR = (Field("both_voted", "deputy_both_voted"), Field("same", "deputy_same"),
        Field("share", "deputy_agreement", "share"))

DATASETS = (
    Dataset("agreement_matrix", agreement_matrix, "agreement", "Per pair of deputies: votes both cast (for / "
            "against / abstain), same choice, share of agreement.",
            columns=(Field("deputy_a_name", "agreement_deputy_a"), Field("deputy_b_name", "agreement_deputy_b"),
                     *PAIR)),
    Dataset("agreement_most_alike", most_alike, "agreement", "The 15 pairs that agree most among those who voted "
            "together at least a fifth as often as the most frequent pair, with their factions.",
            columns=(Field("deputy_a_name", "agreement_deputy_a"),
                     Field("faction_a", "agreement_faction_a", missing="deputies_no_faction"),
                     Field("deputy_b_name", "agreement_deputy_b"),
                     Field("faction_b", "agreement_faction_b", missing="deputies_no_faction"),
                     Field("share", "deputy_agreement", "share"), Field("both_voted", "deputy_both_voted"),
                     Field("same", "deputy_same"), Field("cross", "agreement_cross", "flag"))),
    Dataset("positions_map", positions_map, "agreement", "Per deputy: the map of positions (first two principal "
            "components of the deputy × vote matrix, lopsided votes left out), faction and the share of variance "
            "each axis explains.", link=("deputy", "deputy_id"),
            columns=(Field("deputy", "deputies_deputy"), Field("faction", "deputies_faction",
                                                               missing="deputies_no_faction"),
                     Field("x", "col_position_x", "index"), Field("y", "col_position_y", "index"),
                     Field("present", "deputies_present"), Field("explained_x", "col_explained_x", "share"),
                     Field("explained_y", "col_explained_y", "share"), Field("votes_used", "col_votes_used"),
                     Field("deputy_id", "deputies_profile", "link", target="deputy", link_text="deputies_open_profile"))),
)
