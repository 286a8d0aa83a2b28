"""Who votes with whom: agreement shares, a bloc-revealing order of deputies, and the map of positions.

Pure numpy, no database: the queries fetch counts or choices, these functions turn them into the
figures the agreement page draws. Definitions follow docs/metrics.md ("Votes"):

- agreement of two deputies = votes where both chose the same / votes both cast (for, against, abstain);
- the map = principal components of the deputy × vote matrix with lopsided votes left out.

Coding of choices for the map: for = +1, against = −1, abstain and «не голосував» = −0.5 (in a council
both work against adoption, which needs a majority of the whole composition, yet they are milder than a
vote against), absent = missing, replaced by the vote's mean among present deputies (so it pulls no one
anywhere). A vote is lopsided when the smaller side of «за» / not «за» among present deputies is under
2.5 % of them: such votes separate no one and only add noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHOICE_CODES = {"for": 1.0, "against": -1.0, "abstain": -0.5, "not_voting": -0.5}
LOPSIDED_MINORITY = 0.025


def agreement_share(same, both_voted):
    """Same choice / votes both cast; NaN where the two never both voted. Works on scalars and arrays."""
    same, both_voted = np.asarray(same, dtype=float), np.asarray(both_voted, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(both_voted > 0, same / np.where(both_voted > 0, both_voted, 1), np.nan)
    return float(share) if share.ndim == 0 else share


def minority_share(n_for, n_present):
    """The smaller of «за» and not «за», as a share of present deputies (NaN when nobody was present)."""
    n_for, n_present = np.asarray(n_for, dtype=float), np.asarray(n_present, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n_present > 0, np.minimum(n_for, n_present - n_for) / np.where(n_present > 0, n_present, 1),
                        np.nan)


def contested(matrix: np.ndarray) -> np.ndarray:
    """Columns (votes) of a coded deputy × vote matrix that are not lopsided."""
    present = ~np.isnan(matrix)
    n_for = np.sum(matrix == CHOICE_CODES["for"], axis=0)
    return minority_share(n_for, present.sum(axis=0)) >= LOPSIDED_MINORITY


def seriation(similarity: np.ndarray) -> np.ndarray:
    """An order of rows that puts similar ones next to each other, so blocs show as squares.

    Spectral seriation without scipy: the leading principal axis of the similarity rows (missing
    cells take the row's mean). Ties keep the input order, so the result is deterministic.
    """
    n = similarity.shape[0]
    if n < 3:
        return np.arange(n)
    filled = np.array(similarity, dtype=float)
    known = ~np.isnan(filled)
    row_means = np.where(known, filled, 0.0).sum(axis=1) / np.maximum(known.sum(axis=1), 1)
    filled = np.where(np.isnan(filled), row_means[:, None], filled)
    centered = filled - filled.mean(axis=0)
    _, _, vt = np.linalg.svd(centered, full_matrices=False)
    axis = centered @ vt[0]
    return np.argsort(axis, kind="stable")


@dataclass(frozen=True)
class Positions:
    """The map: two coordinates per kept deputy and the share of variance each axis explains."""

    rows: np.ndarray          # indices into the input's deputies that the map places
    x: np.ndarray
    y: np.ndarray
    explained: tuple[float, float]
    votes_used: int


def principal_positions(matrix: np.ndarray) -> Positions:
    """PCA of a coded deputy × vote matrix (NaN = absent): lopsided votes dropped, absences imputed.

    Deputies present on none of the contested votes are left out. The first axis is turned so that
    deputies who vote «за» more often lie to the right; the second so that its largest score is positive.
    """
    matrix = np.asarray(matrix, dtype=float)
    matrix = matrix[:, contested(matrix)]
    rows = np.flatnonzero((~np.isnan(matrix)).any(axis=1))
    matrix = matrix[rows]
    if matrix.shape[0] < 2 or matrix.shape[1] < 1:
        empty = np.zeros(len(rows))
        return Positions(rows, empty, empty, (0.0, 0.0), matrix.shape[1])
    means = np.nanmean(matrix, axis=0)
    centered = np.where(np.isnan(matrix), 0.0, matrix - means)
    # The deputies' scores from the small deputy × deputy Gram matrix: the same as an SVD of the
    # centred matrix, and far cheaper when votes outnumber deputies.
    variance, vectors = np.linalg.eigh(centered @ centered.T)
    variance, vectors = np.clip(variance[::-1], 0.0, None), vectors[:, ::-1]
    scores = vectors[:, :2] * np.sqrt(variance[:2])
    explained = variance / variance.sum() if variance.sum() > 0 else np.zeros_like(variance)
    propensity = np.nanmean(matrix, axis=1)
    if np.dot(scores[:, 0] - scores[:, 0].mean(), propensity - propensity.mean()) < 0:
        scores[:, 0] = -scores[:, 0]
    if scores[np.argmax(np.abs(scores[:, 1])), 1] < 0:
        scores[:, 1] = -scores[:, 1]
    return Positions(rows, scores[:, 0], scores[:, 1], (float(explained[0]), float(explained[1])), matrix.shape[1])


# --- What the deputies' pages rank and list ----------------------------------------------------------

ENOUGH_SHARE_OF_LARGEST = 5
"""Pairs that rarely voted together say little: a list of agreement keeps only pairs with at least a fifth of
the largest count of votes both cast."""


def enough_together(both_voted_max: int | None) -> int:
    """The least number of votes both cast for a pair to be listed (a fifth of the largest, at least 1)."""
    return max(1, int(both_voted_max or 0) // ENOUGH_SHARE_OF_LARGEST)


def counted_columns(count_not_voting: bool) -> dict[str, str]:
    """Which columns hold rebellions and loyalty under the «не голосував» switch: shown name -> dataset column."""
    suffix = "_with_not_voting" if count_not_voting else ""
    return {"rebellions": f"rebellions{suffix}", "loyalty": f"loyalty{suffix}"}


def farthest_from_centre(x, y, groups, named: int):
    """A mask of the `named` points farthest from their group's centre (ties included): on a crowded map only
    those who stand apart from their faction are labelled."""
    x, y, groups = np.asarray(x, dtype=float), np.asarray(y, dtype=float), np.asarray(groups, dtype=object)
    distance = np.zeros(len(x))
    for group in set(groups.tolist()):
        members = groups == group
        distance[members] = np.hypot(x[members] - x[members].mean(), y[members] - y[members].mean())
    if not len(x):
        return np.zeros(0, dtype=bool)
    return distance >= np.sort(distance)[::-1][min(named, len(x)) - 1]
