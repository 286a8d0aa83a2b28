"""Data quality: votes whose source counts disagree with their own list, unnamed slots, votes imported with a
flag (no title in the source, a date that disagrees with the file name), the import history (the newest import
of each source, the files with problems, the problems themselves), and the votes back in the open-data
standard's shape (Resolution 835 `motions` and `votings`), so a council publishes what it holds and an
exported pair imports into an empty database as it was. Flagged, never hidden.

The import history is the same whatever the filters say (a file is not in a period); its queries take the
filters only to share the datasets' signature.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import String, case, cast, func, literal, select, true
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.metrics.votes import CHOICES
from dashboard.schema import (
    convocations,
    deputies,
    import_batches,
    import_problems,
    plenary_sessions,
    procurements,
    vote_choices,
    votes,
)
from queries.common import count_where, fetch, in_period, unit_code, visible
from queries.datasets import Dataset
from queries.petitions import LEFT_OUT, P, chosen
from queries.petitions import columns as petition_columns
from queries.shapes import Field
from queries.votes import VOTE, chosen_votes


def tally_mismatches(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Votes whose source counts differ from their own list: the source's counts beside the recount."""
    recount = {name: count_where(vote_choices.c.choice == name) for name in CHOICES}
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
        .where(*chosen_votes(filters), votes.c.tally_mismatch == true())
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
            count_where(vote_choices.c.choice.in_(("for", "against", "abstain"))).label("voted"),
            count_where(vote_choices.c.choice == "for").label("voted_for"),
        )
        .select_from(vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id))
        .where(*chosen_votes(filters), vote_choices.c.deputy_id.is_(None))
        .group_by(votes.c.id, votes.c.voted_at, votes.c.title)
        .order_by(votes.c.voted_at.desc(), votes.c.id)
    )
    return fetch(engine, stmt)


def flagged_votes(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Votes imported with a flag: no title in the source (a placeholder stands in), or a day that disagrees
    with the file name's."""
    stmt = (
        select(votes.c.id.label("vote_id"), votes.c.voted_at, votes.c.title, votes.c.kind, votes.c.untitled,
               votes.c.date_disagrees)
        .where(*chosen_votes(filters), (votes.c.untitled == true()) | (votes.c.date_disagrees == true()))
        .order_by(votes.c.voted_at.desc(), votes.c.id)
    )
    return fetch(engine, stmt)


def petitions_unknown_timing(engine: Engine, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """Petitions of the period that reached the threshold or were answered but whose timing is unknown (neither
    a threshold date nor a start of consideration, or an answer dated before them): left out of the petitions
    page's medians and on-time share, listed here so the council can complete them."""
    stmt = (select(P.id.label("petition_id"), P.number, P.title, P.status, P.submitted_on, P.threshold_reached_on,
                   P.consideration_started_on, P.responded_on, unit_code(P.unit_id).label("unit"), P.url)
            .where(*chosen(filters), LEFT_OUT).order_by(P.submitted_on.desc(), P.number).limit(limit))
    return fetch(engine, stmt)


def procurement_unknown_buyers(engine: Engine, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """Buyers of the period's procedures that are no unit by ЄДРПОУ (`import procurement` keeps them without a
    unit): the buyer's party id, ЄДРПОУ, name, procedures and their first and last publication, most procedures
    first, so the council can add the ЄДРПОУ to its units or see whose buying it holds."""
    p = procurements.c
    stmt = (select(p.buyer_id, p.buyer_edrpou, func.max(p.buyer_name).label("buyer_name"),
                   func.count().label("procedures"), func.min(p.published_on).label("first_published_on"),
                   func.max(p.published_on).label("last_published_on"))
            .where(p.unit_id.is_(None), in_period(p.published_on, filters), visible(procurements, filters))
            .group_by(p.buyer_id, p.buyer_edrpou)
            .order_by(func.count().desc(), p.buyer_id)
            .limit(limit))
    return fetch(engine, stmt)


# Resolution 835 words: the choice as the standard prints it, the feminine form for a woman.
PRINTED_835 = {"for": ("За", "За"), "against": ("Проти", "Проти"), "abstain": ("Утримався", "Утрималась"),
               "not_voting": ("Не голосував", "Не голосувала"), "absent": ("Відсутній", "Відсутня")}


def _uid():
    """The motion's uid: an 835 motion keeps its own, any other vote its whole source key."""
    key = votes.c.source_key
    return case((key.like("csv835:%"), func.substr(key, 8)), else_=key)


def open_data_motions(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Votes as the Resolution 835 `motions` table, the source's own counts and words, untitled ones untitled."""
    stmt = (
        select(
            _uid().label("uid"), plenary_sessions.c.held_on.label("date"),
            literal("").label("authorityName"), literal("").label("authorityId"), literal("").label("authorityCattutc"),
            (cast(convocations.c.number, String) + " скликання").label("convocation"),
            plenary_sessions.c.name.label("legislativeSession"), func.coalesce(votes.c.agenda_item, "").label("number"),
            case((votes.c.untitled == true(), ""), else_=votes.c.title).label("title"),
            literal("").label("projectNumber"),
            votes.c.n_for.label("votingFor"), votes.c.n_against.label("votingAgainst"),
            votes.c.n_abstain.label("votingAbstain"), votes.c.n_not_voting.label("notVoting"),
            func.coalesce(votes.c.n_absent, select(count_where(vote_choices.c.choice == "absent"))
                          .where(vote_choices.c.vote_id == votes.c.id).scalar_subquery()).label("absent"),
            case((votes.c.adopted == true(), "Прийнято"), else_="Не прийнято").label("votingResult"),
            literal("").label("textUrl"), literal("").label("text"),
        )
        .select_from(votes.join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
                     .join(convocations, convocations.c.id == plenary_sessions.c.convocation_id))
        .where(*chosen_votes(filters))
        .order_by(plenary_sessions.c.held_on, _uid())
    )
    return fetch(engine, stmt)


def open_data_votings(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Every named choice as the Resolution 835 `votings` table, with the deputy's voterId where known."""
    choice, feminine = vote_choices.c.choice, deputies.c.gender == "f"
    printed = case(*((choice == name, case((feminine, female), else_=male)) for name, (male, female) in PRINTED_835.items()))
    title = case((votes.c.untitled == true(), ""), else_=votes.c.title)
    stmt = (
        select(_uid().label("motionUid"), func.coalesce(deputies.c.voter_id, "").label("voterId"),
               deputies.c.full_name.label("voterName"), title.label("motionTitle"), printed.label("result"))
        .select_from(vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id)
                     .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
                     .join(deputies, deputies.c.id == vote_choices.c.deputy_id))
        .where(*chosen_votes(filters))
        .order_by(plenary_sessions.c.held_on, _uid(), vote_choices.c.slot)
    )
    return fetch(engine, stmt)


def import_problems_by_file(engine: Engine, filters: Filters) -> pl.DataFrame:
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


def import_problem_list(engine: Engine, filters: Filters, limit: int = 500) -> pl.DataFrame:
    """The problems themselves, newest import first: file, location, reason."""
    stmt = (
        select(import_batches.c.source, import_batches.c.file_name, import_problems.c.location, import_problems.c.reason)
        .select_from(import_problems.join(import_batches, import_batches.c.id == import_problems.c.batch_id))
        .order_by(import_batches.c.imported_at.desc(), import_problems.c.id)
        .limit(limit)
    )
    return fetch(engine, stmt)


def last_imports(engine: Engine, filters: Filters) -> pl.DataFrame:
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


RECOUNT = tuple(field for choice in (*CHOICES[:4], "present") for field in (
    Field(f"n_{choice}", "quality_source", what=f"vote_tally_{choice}"),
    Field(f"recount_{choice}", "quality_recount", what=f"vote_tally_{choice}")))
"""Each count as the source gave it beside the recount from the vote's list."""
BATCH = {field.name: field for field in (
    Field("source", "quality_source_name", labels="source_"), Field("format", "quality_format"),
    Field("file_name", "quality_file"), Field("imported_at", "quality_imported_at", "datetime"),
    Field("rows_read", "quality_rows_read"), Field("rows_written", "quality_rows_written"),
    Field("rows_skipped", "quality_rows_skipped"), Field("problems", "quality_problems"),
    Field("first_location", "quality_location"), Field("example_reason", "quality_reason"),
    Field("location", "quality_location"), Field("reason", "quality_reason"))}


def batch(*names: str) -> tuple[Field, ...]:
    return tuple(BATCH[name] for name in names)


DATASETS = (
    Dataset("vote_tally_mismatches", tally_mismatches, "data_quality", "Votes whose source counts disagree with "
            "their own list: the source's counts beside the recount.", link=("vote", "vote_id"),
            columns=(*VOTE, *RECOUNT)),
    Dataset("vote_unnamed_slots", unnamed_slots, "data_quality", "Per vote: list slots without a deputy's name, "
            "how many of them voted, and how many voted «за».", link=("vote", "vote_id"),
            columns=(*VOTE, Field("slots", "quality_slots"), Field("voted", "quality_slots_voted"),
                     Field("voted_for", "quality_slots_for"))),
    Dataset("vote_flags", flagged_votes, "data_quality", "Votes imported with a flag: untitled in the source "
            "(a placeholder stands in) or a day that disagrees with the file name.", link=("vote", "vote_id"),
            columns=(*VOTE, Field("kind", "votes_kind", labels="votes_kind_"),
                     Field("untitled", "quality_flag_untitled", "flag"), Field("date_disagrees", "quality_flag_date", "flag"))),
    Dataset("petitions_unknown_timing", petitions_unknown_timing, "data_quality", "Petitions that reached the "
            "threshold or were answered with no known clock (no threshold date nor start of consideration, or an "
            "answer dated before them): left out of the medians and the on-time share.",
            columns=petition_columns("url", "number", "title", "status", "submitted_on", "threshold_reached_on",
                                     "consideration_started_on", "responded_on", "unit")),
    Dataset("procurement_unknown_buyers", procurement_unknown_buyers, "data_quality", "Buyers of the period's "
            "procedures that are no unit by ЄДРПОУ, kept without a unit: buyer_id, buyer_edrpou, buyer_name, "
            "procedures, first_published_on, last_published_on.",
            columns=(Field("buyer_id", "quality_buyer_id", "text"),
                     Field("buyer_edrpou", "quality_buyer_edrpou", "text", width="small"),
                     Field("buyer_name", "quality_buyer_name", width="large"),
                     Field("procedures", "quality_buyer_procedures"),
                     Field("first_published_on", "quality_buyer_first", "date"),
                     Field("last_published_on", "quality_buyer_last", "date"))),
    Dataset("open_data_motions", open_data_motions, "data_quality", "The votes as the Resolution 835 motions "
            "table (save as motions.csv; imports back with votings.csv).", open_data=False),
    Dataset("open_data_votings", open_data_votings, "data_quality", "Every named choice as the Resolution 835 "
            "votings table, with voterId where the source gave one (save as votings.csv).", open_data=False),
    Dataset("imports_last", last_imports, "data_quality", "The newest import of each source: format, file, when, "
            "rows read, written and skipped, problems.", open_data=False,
            columns=batch("source", "format", "file_name", "imported_at", "rows_read", "rows_written", "rows_skipped",
                          "problems")),
    Dataset("import_problem_files", import_problems_by_file, "data_quality", "Per imported file with problems: "
            "source, format, when, rows skipped, problems, the first location and an example reason.",
            open_data=False, columns=batch("source", "format", "file_name", "imported_at", "rows_skipped", "problems",
                                           "first_location", "example_reason")),
    Dataset("import_problems", import_problem_list, "data_quality", "The problems themselves (the newest 500): "
            "source, file, location, reason.", open_data=False,
            columns=batch("source", "file_name", "location", "reason")),
)
