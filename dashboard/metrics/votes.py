"""Voting metrics: vocabularies, faction cohesion, the faction line, rebellions, art. 59's majority and margin.

The definitions are docs/metrics.md's ("Votes"); the methodology page prints them. The same formulas
stand below as SQL expressions, for the summaries and queries that compute them inside the database;
tests check the two against each other.
Y, N, A are a faction's counts of «за», «проти», «утримався» on one vote.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Float, and_, case, cast, func
from sqlalchemy.sql import ColumnElement

KINDS = ("decision", "amendment", "procedural", "registration")
CHOICES = ("for", "against", "abstain", "not_voting", "absent")
LINE_CHOICES = ("for", "against", "abstain")
GENDERED_CHOICES = ("abstain", "not_voting", "absent")
"""Choices printed in the feminine for a woman: утрималась, не голосувала, відсутня."""
ORDERS = ("newest", "closest", "closest_for_against", "turnout")
"""Orders of a vote list: newest; closest (smallest |margin|); closest_for_against (|за − проти|); fewest present."""
MIN_COHESION_MEMBERS = 5
"""Cohesion is ranked only for factions of more than four members on the vote, as the city versions of
Rada4you count rebellions: with two or three members an index of 1 or 0 says nothing about discipline."""


def rice(y: int, n: int) -> float | None:
    """Rice index |Y − N| / (Y + N); None when nobody voted for or against."""
    if y + n == 0:
        return None
    return abs(y - n) / (y + n)


def agreement_index(y: int, n: int, a: int) -> float | None:
    """Hix, Noury & Roland (2005): (max − ½(total − max)) / total over for, against, abstain; None if no one voted.

    1 when the faction votes as one, 0 when it splits evenly in three.
    """
    total = y + n + a
    if total == 0:
        return None
    top = max(y, n, a)
    return (top - (total - top) / 2) / total


def faction_line(y: int, n: int, a: int) -> str | None:
    """The plurality of for / against / abstain among present members; None on a tie for first place
    (and when no one voted)."""
    counts = dict(zip(LINE_CHOICES, (y, n, a)))
    top = max(counts.values())
    leaders = [choice for choice, count in counts.items() if count == top]
    return leaders[0] if top > 0 and len(leaders) == 1 else None


def is_rebellion(choice: str, line: str | None, count_not_voting: bool) -> bool:
    """A present member's choice that differs from the line. Absent members never rebel; «не голосував»
    rebels only when the setting says it works as a quiet «проти»; no line, no rebellion."""
    if line is None or choice == "absent":
        return False
    if choice == "not_voting":
        return count_not_voting
    return choice != line


def choice_key(choice: str, gender: str | None) -> str:
    """The message key of a choice as printed: the feminine form (утрималась, не голосувала) for a woman."""
    feminine = gender == "f" and choice in GENDERED_CHOICES
    return f"choice_{choice}{'_f' if feminine else ''}"


def printed_choice(choice: pl.Expr, gender: pl.Expr) -> pl.Expr:
    """`choice_key` over a frame's columns, without its `choice_` prefix (`abstain_f`): a list's choices as printed."""
    return pl.when((gender == "f") & choice.is_in(GENDERED_CHOICES)).then(choice + "_f").otherwise(choice)


def majority_needed(composition: int) -> int:
    """Votes a council decision needs: a majority of the whole composition, the mayor included (art. 59)."""
    return composition // 2 + 1


def majority_margin(n_for: int, composition: int) -> int:
    """«За» above (positive) or below (negative) the majority of the whole composition; 0: exactly enough."""
    return n_for - majority_needed(composition)


# The same formulas as SQL expressions, for the summaries the writer keeps and the queries that read them.

def majority_needed_sql(composition) -> ColumnElement:
    """The SQL twin of `majority_needed`."""
    return composition // 2 + 1


def rice_sql(y, n) -> ColumnElement:
    """|Y − N| / (Y + N); NULL when nobody voted for or against."""
    return case((y + n > 0, cast(func.abs(y - n), Float) / cast(y + n, Float)), else_=None)


def agreement_sql(y, n, a) -> ColumnElement:
    """Hix–Noury–Roland (max − ½(total − max)) / total = (3·max − total) / (2·total); NULL when no one voted."""
    top = case((and_(y >= n, y >= a), y), (n >= a, n), else_=a)
    total = y + n + a
    return case((total > 0, cast(3 * top - total, Float) / cast(2 * total, Float)), else_=None)
