"""Agreement shares, the bloc-revealing order and the map of positions, on matrices worked out by hand."""

import math

import numpy as np
import pytest

from dashboard.metrics.deputies import CHOICE_CODES, agreement_share, contested, principal_positions, seriation

F, A, X, N = CHOICE_CODES["for"], CHOICE_CODES["against"], CHOICE_CODES["abstain"], np.nan  # N: absent


def test_agreement_share_by_hand():
    # Two deputies both cast 8 votes and chose the same on 6 of them.
    assert agreement_share(6, 8) == 0.75
    assert math.isnan(agreement_share(0, 0))
    shares = agreement_share(np.array([3, 0, 5]), np.array([4, 0, 5]))
    assert shares[0] == 0.75 and math.isnan(shares[1]) and shares[2] == 1.0


def test_lopsided_votes_are_dropped():
    # 41 deputies: vote 0 is unanimous, vote 1 has a single dissenter (1/41 = 2.4 % < 2.5 %),
    # vote 2 has two (4.9 %), vote 3 splits; absences do not count among those present.
    matrix = np.full((41, 4), F)
    matrix[0, 1] = A
    matrix[:2, 2] = A
    matrix[:20, 3] = X
    matrix[30:, 0] = N
    assert contested(matrix).tolist() == [False, False, True, True]
    assert principal_positions(matrix).votes_used == 2


def two_blocs(rng: np.random.Generator, size: int = 10, n_votes: int = 60) -> np.ndarray:
    """Two blocs that vote opposite ways on every vote, with 10 % noise, some absences and lopsided votes."""
    line = rng.choice([F, A], size=n_votes)
    matrix = np.vstack([np.tile(line, (size, 1)), np.tile(-line, (size, 1))])
    noise = rng.random(matrix.shape)
    matrix[noise < 0.1] = X
    matrix[noise > 0.95] = N
    return np.hstack([matrix, np.full((2 * size, 20), F)])  # 20 unanimous votes


def test_pca_separates_two_blocs():
    positions = principal_positions(two_blocs(np.random.default_rng(7)))
    assert positions.votes_used == 60
    assert positions.rows.tolist() == list(range(20))
    first, second = positions.x[:10], positions.x[10:]
    assert first.max() < second.min() or second.max() < first.min()
    gap = abs(first.mean() - second.mean())
    assert gap > 5 * max(first.std(), second.std())
    assert positions.explained[0] > 0.5 > positions.explained[1]


def test_pca_turns_the_first_axis_towards_for():
    matrix = two_blocs(np.random.default_rng(3))
    matrix[:10, :60] = F  # the first bloc votes «за» on everything contested
    positions = principal_positions(matrix)
    assert positions.x[:10].mean() > positions.x[10:].mean()


def test_pca_leaves_out_deputies_never_present():
    matrix = two_blocs(np.random.default_rng(5))
    matrix[4] = N
    positions = principal_positions(matrix)
    assert 4 not in positions.rows.tolist() and len(positions.rows) == 19


@pytest.mark.parametrize("shape", [(0, 0), (1, 5), (5, 0)])
def test_pca_of_too_little_is_empty(shape):
    positions = principal_positions(np.full(shape, F))
    assert positions.explained == (0.0, 0.0) and np.all(positions.x == 0)


def test_seriation_puts_blocs_together():
    # Deputies 0, 2, 4 agree with each other (0.9) and so do 1, 3, 5; across blocs 0.3.
    bloc = np.array([0, 1, 0, 1, 0, 1])
    similarity = np.where(bloc[:, None] == bloc[None, :], 0.9, 0.3)
    similarity[0, 3] = similarity[3, 0] = np.nan  # a pair that never both voted
    order = seriation(similarity)
    assert sorted(order.tolist()) == list(range(6))
    assert {int(b) for b in bloc[order[:3]]} in ({0}, {1})
