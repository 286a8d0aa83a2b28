"""Vote summaries: faction tallies and lines per vote, per-deputy and per-faction monthly counts, pairwise
agreement of deputies and of factions, and whether each vote's roll call is recorded.

Pages at 100 times the city's scale cannot scan ten million choices per request (docs/data-model.md,
«Summaries»), so the writer keeps these sums after every import that touches votes, and the demo
after it builds. Only published votes are summarised; registration votes are left out of attendance
and agreement, as the metric definitions say. `votes.choices_recorded` is kept for every vote, published or not.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

import numpy as np
from sqlalchemy import and_, case, delete, exists, func, insert, literal, or_, select, true, update
from sqlalchemy.engine import Connection

from dashboard.db import month_start
from dashboard.metrics.votes import MIN_COHESION_MEMBERS, agreement_sql, rice_sql
from dashboard.schema import (
    deputy_line_month_stats,
    deputy_month_stats,
    deputy_pair_month_stats,
    faction_memberships,
    faction_month_stats,
    faction_pair_month_stats,
    plenary_sessions,
    vote_choices,
    vote_faction_tallies,
    votes,
)

VOTED = ("for", "against", "abstain")
MONTHLY_TABLES = (deputy_month_stats, deputy_pair_month_stats, deputy_line_month_stats, faction_month_stats,
                  faction_pair_month_stats)
SUMMARY_TABLES = (vote_faction_tallies, *MONTHLY_TABLES)


def bulk_insert(connection: Connection, table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert plain tuples: COPY on PostgreSQL, one driver executemany on SQLite.

    Choices and pair counts are most of what an import writes (a million rows in a big file); building
    SQLAlchemy parameter dicts for each would cost more than the database's own work.
    """
    names = ", ".join(columns)
    cursor = connection.connection.driver_connection.cursor()
    if connection.dialect.name == "postgresql":
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
    cursor.close()


def _months_clause(column, months: Iterable[dt.date] | None):
    if months is None:
        return true()
    spans = [column.between(m.replace(day=1), m.replace(day=calendar.monthrange(m.year, m.month)[1])) for m in months]
    return or_(*spans) if spans else literal(False)


def _membership_on(day_column):
    """Join condition: the deputy's faction membership in force on that day."""
    return and_(
        faction_memberships.c.deputy_id == vote_choices.c.deputy_id,
        or_(faction_memberships.c.from_on.is_(None), faction_memberships.c.from_on <= day_column),
        or_(faction_memberships.c.to_on.is_(None), faction_memberships.c.to_on >= day_column),
    )


def _choices_with_sessions():
    """Every choice beside its vote and the vote's session (whose day places it in a month)."""
    return (vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id)
            .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id))


def _count(condition):
    return func.sum(case((condition, 1), else_=0))


def _refresh_tallies(connection: Connection, in_months) -> None:
    choice = vote_choices.c.choice
    per_faction = (
        select(
            votes.c.id.label("vote_id"),
            votes.c.kind,
            faction_memberships.c.faction_id,
            *(_count(choice == name).label(f"n_{name}") for name in ("for", "against", "abstain", "not_voting", "absent")),
        )
        .select_from(_choices_with_sessions()
                     .join(faction_memberships, _membership_on(plenary_sessions.c.held_on)))
        .where(votes.c.is_public == true(), in_months)
        .group_by(votes.c.id, votes.c.kind, faction_memberships.c.faction_id)
        .subquery()
    )
    c = per_faction.c
    y, n, a = c.n_for, c.n_against, c.n_abstain
    line = case(
        (and_(y > n, y > a), "for"),
        (and_(n > y, n > a), "against"),
        (and_(a > y, a > n), "abstain"),
        else_=None,
    )
    ranked = and_(y + n + a + c.n_not_voting + c.n_absent >= MIN_COHESION_MEMBERS, c.kind != "registration")
    cohesion = case((ranked, agreement_sql(y, n, a)), else_=None)
    counts = ["vote_id", "faction_id", "n_for", "n_against", "n_abstain", "n_not_voting", "n_absent"]
    connection.execute(insert(vote_faction_tallies).from_select(
        [*counts, "line", "cohesion"], select(*(c[name] for name in counts), line, cohesion)))


def _refresh_deputy_months(connection: Connection, in_months, month) -> None:
    choice, line = vote_choices.c.choice, vote_faction_tallies.c.line
    present = choice != "absent"
    voted = choice.in_(VOTED)
    has_line = line.is_not(None)
    stats = (
        select(
            vote_choices.c.deputy_id,
            month.label("month"),
            faction_memberships.c.faction_id,
            func.count().label("held"),
            _count(present).label("present"),
            _count(voted).label("voted"),
            _count(choice == "not_voting").label("not_voting"),
            _count(and_(present, has_line)).label("with_line"),
            _count(and_(voted, has_line, choice != line)).label("rebellions"),
            _count(and_(choice == "not_voting", has_line)).label("rebellions_not_voting"),
        )
        .select_from(
            _choices_with_sessions()
            .outerjoin(faction_memberships, _membership_on(plenary_sessions.c.held_on))
            .outerjoin(vote_faction_tallies, and_(vote_faction_tallies.c.vote_id == votes.c.id,
                                                  vote_faction_tallies.c.faction_id == faction_memberships.c.faction_id))
        )
        .where(votes.c.is_public == true(), votes.c.kind != "registration", vote_choices.c.deputy_id.is_not(None), in_months)
        .group_by(vote_choices.c.deputy_id, month, faction_memberships.c.faction_id)
    )
    connection.execute(insert(deputy_month_stats).from_select([c.name for c in stats.selected_columns], stats))


def _positions_in_months(tallies, in_months):
    """Faction tallies (the table or an alias) of votes with a position in the months, registration left out:
    the join and its conditions."""
    source = (tallies.join(votes, votes.c.id == tallies.c.vote_id)
              .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id))
    return source, (votes.c.kind != "registration", in_months)


def _refresh_faction_months(connection: Connection, in_months, month) -> None:
    """Per faction and month: the sums the factions page averages. Cohesion counts only votes where the
    faction had at least MIN_COHESION_MEMBERS members; Rice and the Agreement Index are summed with their
    counts, since either is undefined on some votes."""
    t = vote_faction_tallies.c
    members = t.n_for + t.n_against + t.n_abstain + t.n_not_voting + t.n_absent
    counted = members >= MIN_COHESION_MEMBERS
    rice = case((counted, rice_sql(t.n_for, t.n_against)), else_=None)
    agreement = case((counted, agreement_sql(t.n_for, t.n_against, t.n_abstain)), else_=None)
    source, where = _positions_in_months(vote_faction_tallies, in_months)
    stats = (
        select(
            month.label("month"),
            t.faction_id,
            func.max(members).label("members"),
            _count(counted).label("votes"),
            func.coalesce(func.sum(rice), 0.0).label("rice_sum"),
            func.count(rice).label("rice_n"),
            func.coalesce(func.sum(agreement), 0.0).label("agreement_sum"),
            func.count(agreement).label("agreement_n"),
            _count(and_(counted, t.line.is_not(None))).label("with_line"),
        )
        .select_from(source)
        .where(*where)
        .group_by(month, t.faction_id)
    )
    connection.execute(insert(faction_month_stats).from_select([c.name for c in stats.selected_columns], stats))


def _refresh_faction_pairs(connection: Connection, in_months, month) -> None:
    """Per pair of factions and month: votes where both had a line, with the same line, with both «за»."""
    a, b = vote_faction_tallies.alias("a"), vote_faction_tallies.alias("b")
    source, where = _positions_in_months(a, in_months)
    stats = (
        select(
            month.label("month"),
            a.c.faction_id.label("faction_a"),
            b.c.faction_id.label("faction_b"),
            func.count().label("both_lines"),
            _count(a.c.line == b.c.line).label("same"),
            _count(and_(a.c.line == "for", b.c.line == "for")).label("both_for"),
        )
        .select_from(source.join(b, and_(b.c.vote_id == a.c.vote_id, a.c.faction_id < b.c.faction_id)))
        .where(*where, a.c.line.is_not(None), b.c.line.is_not(None))
        .group_by(month, a.c.faction_id, b.c.faction_id)
    )
    connection.execute(insert(faction_pair_month_stats).from_select([c.name for c in stats.selected_columns], stats))


def pair_counts(vote_index: np.ndarray, deputy_index: np.ndarray, choice_code: np.ndarray,
                n_votes: int, n_deputies: int) -> tuple[np.ndarray, np.ndarray]:
    """Deputy × deputy counts of votes both cast (for / against / abstain) and of the same choice.

    Inputs are parallel arrays of cast choices: vote and deputy positions and a choice code 0..2.
    """
    same = np.zeros((n_deputies, n_deputies), dtype=np.int64)
    cast_any = np.zeros((n_deputies, n_votes), dtype=np.float64)
    for code in range(len(VOTED)):
        chose = np.zeros((n_deputies, n_votes), dtype=np.float64)
        mask = choice_code == code
        chose[deputy_index[mask], vote_index[mask]] = 1.0
        same += (chose @ chose.T).astype(np.int64)
        cast_any += chose
    both = (cast_any @ cast_any.T).astype(np.int64)
    return both, same


def _refresh_pairs(connection: Connection, in_months, month) -> None:
    """Pairwise agreement month by month, so memory stays bounded by one month's cast choices."""
    month_values = connection.execute(
        select(month.label("month")).where(in_months).distinct().order_by(month)).scalars().all()
    codes = {name: i for i, name in enumerate(VOTED)}
    for month_value in month_values:
        first = month_value if isinstance(month_value, dt.date) else dt.date.fromisoformat(month_value)
        rows = connection.execute(
            select(vote_choices.c.vote_id, vote_choices.c.deputy_id, vote_choices.c.choice)
            .select_from(_choices_with_sessions())
            .where(votes.c.is_public == true(), votes.c.kind != "registration", vote_choices.c.deputy_id.is_not(None),
                   vote_choices.c.choice.in_(VOTED), _months_clause(plenary_sessions.c.held_on, [first]))
        ).all()
        if not rows:
            continue
        vote_col, deputy_col, choice_col = zip(*rows)
        vote_ids, vote_index = np.unique(np.array(vote_col, dtype=np.int64), return_inverse=True)
        deputy_ids, deputy_index = np.unique(np.array(deputy_col, dtype=np.int64), return_inverse=True)
        choice_code = np.array([codes[choice] for choice in choice_col], dtype=np.int64)
        both, same = pair_counts(vote_index, deputy_index, choice_code, len(vote_ids), len(deputy_ids))
        a_idx, b_idx = np.triu_indices(len(deputy_ids), k=1)
        keep = both[a_idx, b_idx] > 0
        a_kept, b_kept = a_idx[keep], b_idx[keep]
        records = list(zip([first] * len(a_kept), deputy_ids[a_kept].tolist(), deputy_ids[b_kept].tolist(),
                           both[a_kept, b_kept].tolist(), same[a_kept, b_kept].tolist()))
        if records:
            bulk_insert(connection, deputy_pair_month_stats, ("month", "deputy_a", "deputy_b", "both_voted", "same"),
                        records)


def _refresh_deputy_lines(connection: Connection, in_months, month) -> None:
    """Each deputy's choices against every faction's line, by month: the profile's "compare with any faction"."""
    choice, line = vote_choices.c.choice, vote_faction_tallies.c.line
    voted = choice.in_(VOTED)
    stats = (
        select(
            vote_choices.c.deputy_id,
            month.label("month"),
            vote_faction_tallies.c.faction_id,
            _count(voted).label("voted"),
            _count(and_(voted, choice == line)).label("same"),
            _count(choice == "not_voting").label("not_voting"),
        )
        .select_from(
            _choices_with_sessions()
            .join(vote_faction_tallies, vote_faction_tallies.c.vote_id == votes.c.id)
        )
        .where(votes.c.is_public == true(), votes.c.kind != "registration", vote_choices.c.deputy_id.is_not(None),
               line.is_not(None), choice.in_((*VOTED, "not_voting")), in_months)
        .group_by(vote_choices.c.deputy_id, month, vote_faction_tallies.c.faction_id)
    )
    connection.execute(insert(deputy_line_month_stats).from_select([c.name for c in stats.selected_columns], stats))


def _refresh_recorded(connection: Connection, in_months) -> None:
    """`votes.choices_recorded` of the months' votes: the scorecard counts roll calls from it, not from a probe of
    the choices per vote. Only a flag that changed is written (a corrected file that empties a vote's list)."""
    recorded = exists().where(vote_choices.c.vote_id == votes.c.id)
    connection.execute(update(votes).values(choices_recorded=recorded)
                       .where(votes.c.session_id.in_(select(plenary_sessions.c.id).where(in_months)),
                              votes.c.choices_recorded != recorded))


def refresh_vote_summaries(connection: Connection, months: Iterable[dt.date] | None = None) -> None:
    """Recompute every summary for the given months (first days), or for all votes when months is None."""
    months = None if months is None else sorted({m.replace(day=1) for m in months})
    dialect = connection.dialect.name
    held_on = plenary_sessions.c.held_on
    in_months = _months_clause(held_on, months)
    month = month_start(held_on, dialect)

    affected_votes = select(votes.c.id).join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id).where(in_months)
    connection.execute(delete(vote_faction_tallies).where(vote_faction_tallies.c.vote_id.in_(affected_votes)))
    for monthly in MONTHLY_TABLES:
        connection.execute(delete(monthly).where(_months_clause(monthly.c.month, months)))

    _refresh_recorded(connection, in_months)
    _refresh_tallies(connection, in_months)
    _refresh_deputy_months(connection, in_months, month)
    _refresh_pairs(connection, in_months, month)
    _refresh_deputy_lines(connection, in_months, month)
    _refresh_faction_months(connection, in_months, month)
    _refresh_faction_pairs(connection, in_months, month)
