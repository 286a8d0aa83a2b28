"""Voting metrics against answers worked out by hand."""

import pytest

from dashboard.metrics.votes import (
    agreement_index,
    faction_line,
    is_rebellion,
    majority_margin,
    majority_needed,
    rice,
)


def test_known_faction_206_2_2():
    """206 for, 2 against, 2 abstain (3 not voting and 35 absent do not enter either index).

    Rice = 204 / 208 = 0.98077; Agreement Index = (206 − ½·4) / 210 = 204 / 210 = 0.97143.
    """
    assert round(rice(206, 2), 4) == 0.9808
    assert round(agreement_index(206, 2, 2), 4) == 0.9714
    assert faction_line(206, 2, 2) == "for"


@pytest.mark.parametrize(("y", "n", "a", "rice_value", "agreement"), [
    (10, 0, 0, 1.0, 1.0),         # united
    (5, 5, 0, 0.0, 0.25),         # split in two: (5 − 2.5) / 10
    (4, 4, 4, 0.0, 0.0),          # split in three
    (0, 0, 6, None, 1.0),         # all abstain: no for/against for Rice, united for the Agreement Index
    (0, 0, 0, None, None),        # nobody present voted
])
def test_indices_at_the_edges(y, n, a, rice_value, agreement):
    assert rice(y, n) == rice_value
    assert agreement_index(y, n, a) == agreement


@pytest.mark.parametrize(("counts", "line"), [
    ((3, 1, 0), "for"), ((1, 3, 1), "against"), ((0, 1, 2), "abstain"),
    ((2, 2, 0), None), ((1, 1, 1), None), ((0, 2, 2), None), ((0, 0, 0), None),
])
def test_line_is_the_plurality_and_ties_give_none(counts, line):
    assert faction_line(*counts) == line


@pytest.mark.parametrize("count_not_voting", [True, False])
def test_absent_is_never_a_rebellion(count_not_voting):
    for line in ("for", "against", "abstain", None):
        assert not is_rebellion("absent", line, count_not_voting)


def test_rebellion_rules():
    assert is_rebellion("against", "for", count_not_voting=False)
    assert is_rebellion("abstain", "for", count_not_voting=False)
    assert not is_rebellion("for", "for", count_not_voting=True)
    assert not is_rebellion("against", None, count_not_voting=True)  # a tie leaves no line to break
    assert is_rebellion("not_voting", "for", count_not_voting=True)
    assert not is_rebellion("not_voting", "for", count_not_voting=False)
    assert not is_rebellion("not_voting", None, count_not_voting=True)


def test_majority_of_the_whole_composition_of_37():
    """36 deputies and the mayor: a decision needs 19 «за» whoever is in the hall."""
    assert majority_needed(37) == 19
    assert majority_margin(19, 37) == 0
    assert majority_margin(18, 37) == -1
    assert majority_margin(25, 37) == 6
    assert majority_needed(36) == 19 and majority_needed(121) == 61

