"""Votes, read side A: the votes overview, one vote, faction cohesion and the data-quality checks.

Everything aggregates in the database. Faction figures over a period read the monthly summaries
`faction_month_stats` and `faction_pair_month_stats`, per-vote faction figures `vote_faction_tallies`
(all kept by the writer for published votes), never the millions of choices; only one vote's own choices
and the few flagged votes are read from `vote_choices`. Rice and the Agreement Index are computed in SQL with the formulas of
`dashboard.cohesion` (the tests check one against the other). Registration votes carry no position, so
they are left out of cohesion and of the factions' same-way shares.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Float, and_, case, cast, distinct, func, or_, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from dashboard.cohesion import agreement_sql, rice_sql
from dashboard.db import month_start
from dashboard.filters import Filters
from dashboard.schema import (
    convocations,
    deputies,
    faction_memberships,
    faction_month_stats,
    faction_pair_month_stats,
    factions,
    import_batches,
    import_problems,
    plenary_sessions,
    units,
    vote_choices,
    vote_faction_tallies,
    votes,
)
from queries.common import fetch, in_months, in_period, in_units, visible
from queries.datasets import Dataset

KINDS = ("decision", "amendment", "procedural", "registration")
CHOICES = ("for", "against", "abstain", "not_voting", "absent")
ORDERS = ("newest", "closest", "closest_for_against", "turnout")


# --- Formulas in SQL (the same as dashboard.cohesion) ---------------------------------------------

def needed_sql():
    """Art. 59: a majority of the whole composition, the mayor included."""
    return convocations.c.composition // 2 + 1


def _count(condition) -> ColumnElement:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _share(part, whole) -> ColumnElement:
    return case((whole > 0, cast(part, Float) / cast(whole, Float)), else_=None)


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


def _chosen_votes(filters: Filters, q: str = "", kind: str | None = None) -> list[ColumnElement]:
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


def _unit_name(lang: str):
    return units.c.name_en if lang == "en" else units.c.name_uk


# --- Votes overview --------------------------------------------------------------------------------

def votes_summary(engine: Engine, filters: Filters, q: str = "", kind: str | None = None) -> pl.DataFrame:
    """One row: sessions, votes, adopted, adopted with fewer «за» than the majority, flagged tallies."""
    margin = votes.c.n_for - needed_sql()
    stmt = (
        select(
            func.count(distinct(votes.c.session_id)).label("sessions"),
            func.count().label("votes"),
            _count(votes.c.adopted == true()).label("adopted"),
            _count(and_(votes.c.adopted == true(), margin < 0)).label("adopted_below_majority"),
            _count(votes.c.tally_mismatch == true()).label("tally_mismatches"),
        )
        .select_from(_votes_with_council())
        .where(*_chosen_votes(filters, q, kind))
    )
    return fetch(engine, stmt)


def votes_by_month(engine: Engine, filters: Filters, q: str = "", kind: str | None = None) -> pl.DataFrame:
    """Per month: plenary sessions with votes, votes, adopted and not adopted."""
    month = month_start(votes.c.voted_at, engine.dialect.name).label("month")
    adopted = _count(votes.c.adopted == true())
    stmt = (
        select(
            month,
            func.count(distinct(votes.c.session_id)).label("sessions"),
            func.count().label("votes"),
            adopted.label("adopted"),
            (func.count() - adopted).label("not_adopted"),
        )
        .where(*_chosen_votes(filters, q, kind))
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
        .where(*_chosen_votes(filters, q, kind))
        .group_by(margin, votes.c.adopted)
        .order_by(margin, votes.c.adopted)
    )
    return fetch(engine, stmt)


def votes_by_unit(engine: Engine, filters: Filters, q: str = "", kind: str | None = None,
                  lang: str = "uk") -> pl.DataFrame:
    """Per unit that prepared the question (empty: none named): votes, adopted, share adopted."""
    name = _unit_name(lang).label("unit")
    adopted = _count(votes.c.adopted == true())
    stmt = (
        select(name, func.count().label("votes"), adopted.label("adopted"),
               _share(adopted, func.count()).label("share_adopted"))
        .select_from(votes.outerjoin(units, units.c.id == votes.c.unit_id))
        .where(*_chosen_votes(filters, q, kind))
        .group_by(name)
        .order_by(func.count().desc(), name)
    )
    return fetch(engine, stmt)


def vote_list(engine: Engine, filters: Filters, q: str = "", kind: str | None = None, order: str = "newest",
              limit: int | None = None, lang: str = "uk") -> pl.DataFrame:
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
            votes.c.agenda_item, votes.c.title, votes.c.kind, _unit_name(lang).label("unit"), votes.c.adopted,
            votes.c.n_for, votes.c.n_against, votes.c.n_abstain, votes.c.n_not_voting, votes.c.n_present,
            convocations.c.composition, needed.label("needed"), margin.label("margin"),
            for_against.label("for_against"), _share(votes.c.n_present, convocations.c.composition).label("turnout"),
            votes.c.tally_mismatch,
        )
        .select_from(_votes_with_council().outerjoin(units, units.c.id == votes.c.unit_id))
        .where(*_chosen_votes(filters, q, kind))
        .order_by(*sort, votes.c.id)
        .limit(limit)
    )
    return fetch(engine, stmt)


# --- One vote --------------------------------------------------------------------------------------

def vote_detail(engine: Engine, filters: Filters, vote_id: int) -> pl.DataFrame:
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
        .where(votes.c.id == vote_id, visible(votes, filters))
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


def vote_breakdown(engine: Engine, filters: Filters, vote_id: int) -> pl.DataFrame:
    """One vote's tallies by faction, recounted from its list (deputies outside factions and unnamed slots
    form a row with an empty faction), with the line, Rice and the Agreement Index of each faction.

    Read from the vote's own choices, not from the summary: it is one vote, and the summary holds only
    published votes and only faction members.
    """
    counts = {name: _count(vote_choices.c.choice == name) for name in CHOICES}
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
        .where(vote_choices.c.vote_id == vote_id, visible(votes, filters))
        .group_by(factions.c.id, factions.c.short_name, factions.c.name, factions.c.color)
        .order_by(factions.c.id.is_(None), func.count().desc(), factions.c.name)
    )
    return fetch(engine, stmt)


def vote_choice_list(engine: Engine, filters: Filters, vote_id: int) -> pl.DataFrame:
    """Every slot of one vote: the deputy (empty for an unnamed slot), gender, faction on the day, choice."""
    stmt = (
        select(
            vote_choices.c.slot, vote_choices.c.deputy_id, deputies.c.full_name, deputies.c.gender,
            func.coalesce(factions.c.short_name, factions.c.name).label("faction"), vote_choices.c.choice,
        )
        .select_from(_one_vote_choices())
        .where(vote_choices.c.vote_id == vote_id, visible(votes, filters))
        .order_by(factions.c.name.is_(None), factions.c.name, deputies.c.full_name.is_(None), deputies.c.full_name,
                  vote_choices.c.slot)
    )
    return fetch(engine, stmt)


# --- Factions -------------------------------------------------------------------------------------
# Views over a period read the monthly summaries (whole months, all units); per-vote views (the
# tallies, the votes where factions split most) read `vote_faction_tallies`.

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
        .where(*_chosen_votes(filters))
        .order_by(votes.c.voted_at, votes.c.id, factions.c.name)
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
        .order_by(s.month, factions.c.name)
    )
    return fetch(engine, stmt)


def _means() -> list[pl.Expr]:
    return [pl.when(pl.col(f"{name}_n") > 0).then(pl.col(f"{name}_sum") / pl.col(f"{name}_n")).alias(name)
            for name in ("rice", "agreement")]


def cohesion_overall(sums: pl.DataFrame) -> pl.DataFrame:
    """Per faction over the period: most members, votes counted, mean Rice and Agreement Index, share of
    counted votes with a line; factions never big enough show with empty means. Most united first."""
    return (
        sums.group_by("faction_id", "faction", "short_name", "color", maintain_order=True)
        .agg(pl.col("members").max(), pl.col("votes").sum(), pl.col("with_line").sum(),
             *(pl.col(c).sum() for c in ("rice_sum", "rice_n", "agreement_sum", "agreement_n")))
        .with_columns(*_means(), with_line=pl.when(pl.col("votes") > 0).then(pl.col("with_line") / pl.col("votes")))
        .select("faction_id", "faction", "short_name", "color", "members", "votes", "rice",
                pl.col("agreement").alias("agreement_index"), "with_line")
        .sort("agreement_index", "faction", descending=[True, False], nulls_last=True)
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
        .with_columns(share_same=pl.col("same") / pl.col("both_lines"))
        .select("faction_a_id", "faction_a", "faction_b_id", "faction_b", "both_lines", "same", "share_same",
                "both_for")
        .sort("faction_a", "faction_b")
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
        .where(*_chosen_votes(filters), t.cohesion.is_not(None))
        .order_by(t.cohesion, votes.c.voted_at.desc(), factions.c.name)
        .limit(limit)
    )
    return fetch(engine, stmt)


# --- Data quality ----------------------------------------------------------------------------------

def tally_mismatches(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Votes whose source counts differ from their own list: the source's counts beside the recount."""
    recount = {name: _count(vote_choices.c.choice == name) for name in CHOICES}
    stmt = (
        select(
            votes.c.id.label("vote_id"), votes.c.voted_at, votes.c.title,
            votes.c.n_for, recount["for"].label("recount_for"),
            votes.c.n_against, recount["against"].label("recount_against"),
            votes.c.n_abstain, recount["abstain"].label("recount_abstain"),
            votes.c.n_not_voting, recount["not_voting"].label("recount_not_voting"),
            votes.c.n_present, (func.count() - recount["absent"]).label("recount_present"),
        )
        .select_from(votes.join(vote_choices, vote_choices.c.vote_id == votes.c.id))
        .where(*_chosen_votes(filters), votes.c.tally_mismatch == true())
        .group_by(votes.c.id, votes.c.voted_at, votes.c.title, votes.c.n_for, votes.c.n_against, votes.c.n_abstain,
                  votes.c.n_not_voting, votes.c.n_present)
        .order_by(votes.c.voted_at.desc(), votes.c.id)
    )
    return fetch(engine, stmt)


def unnamed_slots(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per vote: list slots without a deputy's name, and how many of them cast a vote that counts."""
    stmt = (
        select(
            votes.c.id.label("vote_id"), votes.c.voted_at, votes.c.title,
            func.count().label("slots"),
            _count(vote_choices.c.choice.in_(("for", "against", "abstain"))).label("voted"),
            _count(vote_choices.c.choice == "for").label("voted_for"),
        )
        .select_from(vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id))
        .where(*_chosen_votes(filters), vote_choices.c.deputy_id.is_(None))
        .group_by(votes.c.id, votes.c.voted_at, votes.c.title)
        .order_by(votes.c.voted_at.desc(), votes.c.id)
    )
    return fetch(engine, stmt)


def import_problems_by_file(engine: Engine) -> pl.DataFrame:
    """Per imported file with problems: the source, when, how many problems and the first of them."""
    stmt = (
        select(
            import_batches.c.id.label("batch_id"), import_batches.c.source, import_batches.c.format,
            import_batches.c.file_name, import_batches.c.imported_at, import_batches.c.rows_skipped,
            func.count().label("problems"), func.min(import_problems.c.location).label("first_location"),
            func.min(import_problems.c.reason).label("example_reason"),
        )
        .select_from(import_problems.join(import_batches, import_batches.c.id == import_problems.c.batch_id))
        .group_by(import_batches.c.id, import_batches.c.source, import_batches.c.format, import_batches.c.file_name,
                  import_batches.c.imported_at, import_batches.c.rows_skipped)
        .order_by(import_batches.c.imported_at.desc(), import_batches.c.id)
    )
    return fetch(engine, stmt)


def import_problem_list(engine: Engine, limit: int = 500) -> pl.DataFrame:
    """The problems themselves, newest import first: file, location, reason."""
    stmt = (
        select(import_batches.c.source, import_batches.c.file_name, import_problems.c.location, import_problems.c.reason)
        .select_from(import_problems.join(import_batches, import_batches.c.id == import_problems.c.batch_id))
        .order_by(import_batches.c.imported_at.desc(), import_problems.c.id)
        .limit(limit)
    )
    return fetch(engine, stmt)


def last_imports(engine: Engine) -> pl.DataFrame:
    """The newest import of each source, with its counts of rows read, written and skipped."""
    newest = (select(import_batches.c.source, func.max(import_batches.c.id).label("batch_id"))
              .group_by(import_batches.c.source).subquery())
    problems = (select(import_problems.c.batch_id, func.count().label("problems"))
                .group_by(import_problems.c.batch_id).subquery())
    stmt = (
        select(
            import_batches.c.source, import_batches.c.format, import_batches.c.file_name, import_batches.c.imported_at,
            import_batches.c.rows_read, import_batches.c.rows_written, import_batches.c.rows_skipped,
            func.coalesce(problems.c.problems, 0).label("problems"),
        )
        .select_from(newest.join(import_batches, import_batches.c.id == newest.c.batch_id)
                     .outerjoin(problems, problems.c.batch_id == import_batches.c.id))
        .order_by(import_batches.c.source)
    )
    return fetch(engine, stmt)


DATASETS = {
    "votes": Dataset("Per vote: time, session, title, kind, unit, the source's result and counts, the majority "
                     "of the whole composition, the margin against it, за − проти, turnout, tally flag.",
                     vote_list),
    "vote_tallies_by_faction": Dataset("Per vote × faction: for, against, abstain, not voting, absent, the "
                                       "faction line, Rice and the Agreement Index (published votes).",
                                       faction_tallies),
    "faction_cohesion_monthly": Dataset("Per month × faction (five members or more on the vote): votes, mean "
                                        "Rice and mean Agreement Index; registration votes left out, whole "
                                        "months, all units.",
                                        faction_cohesion_by_month),
    "faction_same_way": Dataset("Faction × faction: votes where both had a line, how many lines were equal, "
                                "the share, and votes where both lines were «за» (whole months, all units).",
                                faction_same_way),
    "vote_tally_mismatches": Dataset("Votes whose source counts disagree with their own list: the source's "
                                     "counts beside the recount.", tally_mismatches),
}
