"""Votes: the votes overview (months, margins, units, the list) and one vote (its tallies by faction, its list).

Everything aggregates in the database over `votes`; only one vote's own choices are read from
`vote_choices`. The majority of the whole composition, Rice and the Agreement Index are computed in SQL
with the twins in `dashboard.metrics.votes` (the tests check one against the other). Datasets name unit
codes, never unit names: labels are the page's business.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import and_, case, distinct, func, or_, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from dashboard.db import month_start
from dashboard.filters import Filters
from dashboard.metrics.common import share_sql
from dashboard.metrics.votes import CHOICES, agreement_sql, majority_needed_sql, printed_choice, rice_sql
from dashboard.schema import (
    convocations,
    deputies,
    faction_memberships,
    factions,
    plenary_sessions,
    units,
    vote_choices,
    votes,
)
from queries.common import by_name, count_where, fetch, in_period, in_units, visible
from queries.datasets import Dataset
from queries.shapes import Field


def needed_sql():
    """Art. 59: a majority of the whole composition, the mayor included."""
    return majority_needed_sql(convocations.c.composition)


# --- Which votes -----------------------------------------------------------------------------------

def _title_matches(q: str) -> ColumnElement:
    """Case-insensitive search by title. SQLite folds only Latin letters, so the usual Cyrillic spellings
    (as typed, lower case, capitalised, upper case) are tried as well."""
    q = q.strip()
    if not q:
        return true()
    spellings = {q, q.lower(), q.capitalize(), q.upper()}
    return or_(*(votes.c.title.ilike(f"%{text}%", escape="\\") for text in map(_escape_like, sorted(spellings))))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def chosen_votes(filters: Filters, q: str = "", kind: str | None = None) -> list[ColumnElement]:
    """The votes a page shows: visible to its audience, in the period and units, matching search and kind."""
    return [
        visible(votes, filters),
        in_period(votes.c.voted_at, filters),
        in_units(votes.c.unit_id, filters),
        _title_matches(q),
        votes.c.kind == kind if kind else true(),
    ]


def _votes_with_council():
    return (votes.join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
            .join(convocations, convocations.c.id == plenary_sessions.c.convocation_id))


# --- Votes overview --------------------------------------------------------------------------------

def votes_summary(engine: Engine, filters: Filters, q: str = "", kind: str | None = None) -> pl.DataFrame:
    """One row: sessions, votes, adopted, adopted with fewer «за» than the majority, flagged tallies."""
    margin = votes.c.n_for - needed_sql()
    stmt = (
        select(
            func.count(distinct(votes.c.session_id)).label("sessions"),
            func.count().label("votes"),
            count_where(votes.c.adopted == true()).label("adopted"),
            share_sql(count_where(votes.c.adopted == true()), func.count()).label("share_adopted"),
            count_where(and_(votes.c.adopted == true(), margin < 0)).label("adopted_below_majority"),
            count_where(votes.c.tally_mismatch == true()).label("tally_mismatches"),
        )
        .select_from(_votes_with_council())
        .where(*chosen_votes(filters, q, kind))
    )
    return fetch(engine, stmt)


def votes_by_month(engine: Engine, filters: Filters, q: str = "", kind: str | None = None) -> pl.DataFrame:
    """Per month: plenary sessions with votes, votes, adopted and not adopted."""
    month = month_start(votes.c.voted_at, engine.dialect.name).label("month")
    adopted = count_where(votes.c.adopted == true())
    stmt = (
        select(
            month,
            func.count(distinct(votes.c.session_id)).label("sessions"),
            func.count().label("votes"),
            adopted.label("adopted"),
            (func.count() - adopted).label("not_adopted"),
        )
        .where(*chosen_votes(filters, q, kind))
        .group_by(month)
        .order_by(month)
    )
    return fetch(engine, stmt)


def margin_distribution(engine: Engine, filters: Filters, q: str = "", kind: str | None = None) -> pl.DataFrame:
    """Votes by their margin against the majority of the whole composition (n_for − needed), split by result."""
    margin = (votes.c.n_for - needed_sql()).label("margin")
    stmt = (
        select(margin, votes.c.adopted, func.count().label("votes"))
        .select_from(_votes_with_council())
        .where(*chosen_votes(filters, q, kind))
        .group_by(margin, votes.c.adopted)
        .order_by(margin, votes.c.adopted)
    )
    return fetch(engine, stmt)


def votes_by_unit(engine: Engine, filters: Filters, q: str = "", kind: str | None = None) -> pl.DataFrame:
    """Per unit that prepared the question (its code; empty: none named): votes, adopted, not adopted, share
    adopted."""
    name = units.c.code.label("unit")
    adopted = count_where(votes.c.adopted == true())
    stmt = (
        select(name, func.count().label("votes"), adopted.label("adopted"),
               (func.count() - adopted).label("not_adopted"), share_sql(adopted, func.count()).label("share_adopted"))
        .select_from(votes.outerjoin(units, units.c.id == votes.c.unit_id))
        .where(*chosen_votes(filters, q, kind))
        .group_by(name)
        .order_by(func.count().desc(), name)
    )
    return fetch(engine, stmt)


def vote_list(engine: Engine, filters: Filters, q: str = "", kind: str | None = None, order: str = "newest",
              limit: int | None = None) -> pl.DataFrame:
    """Votes with their result, the source's counts and the margins, in the chosen order.

    Orders: newest; closest (smallest |margin| against the majority of the whole composition);
    closest_for_against (smallest |за − проти|); turnout (fewest present first).
    """
    needed = needed_sql()
    margin = votes.c.n_for - needed
    for_against = votes.c.n_for - votes.c.n_against
    sort = {
        "newest": (votes.c.voted_at.desc(),),
        "closest": (func.abs(margin), votes.c.voted_at.desc()),
        "closest_for_against": (func.abs(for_against), votes.c.voted_at.desc()),
        "turnout": (votes.c.n_present, votes.c.voted_at.desc()),
    }[order]
    stmt = (
        select(
            votes.c.id.label("vote_id"), votes.c.voted_at, plenary_sessions.c.name.label("session"),
            votes.c.agenda_item, votes.c.title, votes.c.kind, units.c.code.label("unit"), votes.c.adopted,
            votes.c.n_for, votes.c.n_against, votes.c.n_abstain, votes.c.n_not_voting, votes.c.n_present,
            convocations.c.composition, needed.label("needed"), margin.label("margin"),
            for_against.label("for_against"), share_sql(votes.c.n_present, convocations.c.composition).label("turnout"),
            votes.c.tally_mismatch,
        )
        .select_from(_votes_with_council().outerjoin(units, units.c.id == votes.c.unit_id))
        .where(*chosen_votes(filters, q, kind))
        .order_by(*sort, votes.c.id)
        .limit(limit)
    )
    return fetch(engine, stmt)


# --- One vote --------------------------------------------------------------------------------------

def vote_detail(engine: Engine, filters: Filters, vote: int) -> pl.DataFrame:
    """The vote (one row, or none when it does not exist or this audience may not see it).

    Only the audience applies: a link to a vote opens it whatever the period filter says.
    """
    needed = needed_sql()
    stmt = (
        select(
            votes.c.id.label("vote_id"), votes.c.voted_at, plenary_sessions.c.name.label("session"),
            convocations.c.number.label("convocation"), votes.c.agenda_item, votes.c.title, votes.c.kind,
            units.c.name_uk.label("unit_uk"), units.c.name_en.label("unit_en"), votes.c.adopted,
            votes.c.n_for, votes.c.n_against, votes.c.n_abstain, votes.c.n_not_voting, votes.c.n_present,
            convocations.c.composition, needed.label("needed"), (votes.c.n_for - needed).label("margin"),
            votes.c.tally_mismatch, votes.c.is_public,
        )
        .select_from(_votes_with_council().outerjoin(units, units.c.id == votes.c.unit_id))
        .where(votes.c.id == vote, visible(votes, filters))
    )
    return fetch(engine, stmt)


def _membership_on_vote_day():
    return and_(
        faction_memberships.c.deputy_id == vote_choices.c.deputy_id,
        or_(faction_memberships.c.from_on.is_(None), faction_memberships.c.from_on <= plenary_sessions.c.held_on),
        or_(faction_memberships.c.to_on.is_(None), faction_memberships.c.to_on >= plenary_sessions.c.held_on),
    )


def _one_vote_choices():
    """One vote's choices with the deputy and the faction the deputy belonged to on the day."""
    return (vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id)
            .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
            .outerjoin(deputies, deputies.c.id == vote_choices.c.deputy_id)
            .outerjoin(faction_memberships, _membership_on_vote_day())
            .outerjoin(factions, factions.c.id == faction_memberships.c.faction_id))


def vote_breakdown(engine: Engine, filters: Filters, vote: int) -> pl.DataFrame:
    """One vote's tallies by faction, recounted from its list (deputies outside factions and unnamed slots
    form a row with an empty faction), with the line, Rice and the Agreement Index of each faction.

    Read from the vote's own choices, not from the summary: it is one vote, and the summary holds only
    published votes and only faction members.
    """
    counts = {name: count_where(vote_choices.c.choice == name) for name in CHOICES}
    y, n, a = counts["for"], counts["against"], counts["abstain"]
    line = case((and_(y > n, y > a), "for"), (and_(n > y, n > a), "against"), (and_(a > y, a > n), "abstain"),
                else_=None)
    stmt = (
        select(
            factions.c.id.label("faction_id"),
            func.coalesce(factions.c.short_name, factions.c.name).label("faction"),
            factions.c.color,
            *(count.label(f"n_{name}") for name, count in counts.items()),
            func.count().label("members"),
            case((factions.c.id.is_(None), None), else_=line).label("line"),
            rice_sql(y, n).label("rice"),
            agreement_sql(y, n, a).label("agreement_index"),
        )
        .select_from(_one_vote_choices())
        .where(vote_choices.c.vote_id == vote, visible(votes, filters))
        .group_by(factions.c.id, factions.c.short_name, factions.c.name, factions.c.color)
        .order_by(factions.c.id.is_(None), func.count().desc(), by_name(factions.c.name))
    )
    return fetch(engine, stmt)


def vote_choice_list(engine: Engine, filters: Filters, vote: int) -> pl.DataFrame:
    """Every slot of one vote: the deputy (empty for an unnamed slot), gender, faction on the day, choice."""
    stmt = (
        select(
            vote_choices.c.slot, vote_choices.c.deputy_id, deputies.c.full_name, deputies.c.gender,
            func.coalesce(factions.c.short_name, factions.c.name).label("faction"), vote_choices.c.choice,
        )
        .select_from(_one_vote_choices())
        .where(vote_choices.c.vote_id == vote, visible(votes, filters))
        .order_by(factions.c.name.is_(None), by_name(factions.c.name), deputies.c.full_name.is_(None), by_name(deputies.c.full_name),
                  vote_choices.c.slot)
    )
    return fetch(engine, stmt)




# --- The reader's columns --------------------------------------------------------------------------

VOTE = (Field("vote_id", "votes_open", "link", target="vote", link_text="votes_open_text", width="small"),
        Field("voted_at", "votes_time", "datetime"), Field("title", "votes_title", width="large"))
"""A vote as its tables begin: a link to its page, its time and its question (every dataset of votes)."""
TALLIES = tuple(Field(f"n_{choice}", f"vote_tally_{choice}") for choice in CHOICES)
RESULT = Field("result", "votes_result", value=pl.when(pl.col("adopted")).then(pl.lit("adopted"))
               .otherwise(pl.lit("rejected")), labels="votes_")
COHESION = (Field("rice", "factions_rice", "index"), Field("agreement_index", "factions_agreement", "index"))
MONTHLY = (Field("month", "col_month", "month"), Field("sessions", "votes_sessions"), Field("votes", "votes_votes"),
           Field("adopted", "votes_adopted"), Field("not_adopted", "votes_rejected"))

DATASETS = (
    Dataset("votes_by_month", votes_by_month, "votes", "Per month: plenary sessions with votes, votes, adopted "
            "and not adopted.", params=("q", "kind"), columns=MONTHLY),
    Dataset("votes_margin_distribution", margin_distribution, "votes", "Votes by their margin against the "
            "majority of the whole composition (за − needed), split by result.", params=("q", "kind"),
            columns=(Field("margin", "votes_margin"), RESULT, Field("votes", "votes_votes"))),
    Dataset("votes_by_unit", votes_by_unit, "votes", "Per unit that prepared the question (unit code; empty: "
            "none named): votes, adopted, not adopted, share adopted.", params=("q", "kind"),
            columns=(Field("unit", "votes_unit", "unit"), Field("votes", "votes_votes"),
                     Field("adopted", "votes_adopted"), Field("not_adopted", "votes_rejected"),
                     Field("share_adopted", "votes_share_adopted", "share"))),
    Dataset("votes", vote_list, "votes", "Per vote: time, session, title, kind, unit, the source's result and "
            "counts, the majority of the whole composition, the margin against it, за − проти, turnout, tally "
            "flag; in the chosen order.", params=("q", "kind", "order"), link=("vote", "vote_id"),
            columns=(*VOTE, Field("kind", "votes_kind", labels="votes_kind_"), RESULT,
                     Field("n_for", "votes_for"), Field("n_against", "votes_against"),
                     Field("n_abstain", "votes_abstain"), Field("n_not_voting", "votes_not_voting"),
                     Field("n_present", "votes_present"),
                     Field("composition", "col_composition"), Field("needed", "votes_needed"),
                     Field("margin", "votes_margin"), Field("for_against", "votes_for_against"),
                     Field("turnout", "votes_turnout", "share"), Field("unit", "votes_unit", "unit"),
                     Field("session", "votes_session", vocabulary="sessions"), Field("agenda_item", "col_agenda_item"),
                     Field("tally_mismatch", "votes_flagged", "flag"))),
    Dataset("vote_breakdown", vote_breakdown, "vote", "One vote's tallies by faction, recounted from its list "
            "(outside factions and unnamed slots in one row), with the line, Rice and the Agreement Index.",
            params=("vote",), open_data=False,
            columns=(Field("faction", "vote_faction", missing="vote_outside_factions"),
                     Field("members", "vote_members"), *TALLIES,
                     Field("line", "vote_line", labels="vote_line_", missing="vote_no_line",
                           value=pl.when(pl.col("faction_id").is_null()).then(pl.lit("—")).otherwise(pl.col("line"))),
                     *COHESION)),
    Dataset("vote_choices", vote_choice_list, "vote", "One vote's list: slot, deputy, gender, faction on the "
            "day, choice.", params=("vote",), open_data=False,
            columns=(Field("slot", "vote_slot"),
                     Field("full_name", "vote_deputy", missing="vote_unnamed_slot", missing_with="slot"),
                     Field("faction", "vote_faction", missing="vote_outside_factions"),
                     Field("choice", "vote_choice", labels="choice_", value=printed_choice(pl.col("choice"), pl.col("gender"))))),
)
