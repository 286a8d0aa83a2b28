"""Data quality: votes whose source counts disagree with their own list, unnamed slots, and the import history
(the newest import of each source, the files with problems, the problems themselves). Flagged, never hidden.

The import history is the same whatever the filters say (a file is not in a period); its queries take the
filters only to share the datasets' signature.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import func, select, true
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.metrics.votes import CHOICES
from dashboard.schema import import_batches, import_problems, vote_choices, votes
from queries.common import count_where, fetch
from queries.datasets import Dataset
from queries.votes import chosen_votes


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


DATASETS = (
    Dataset("vote_tally_mismatches", tally_mismatches, "data_quality", "Votes whose source counts disagree with "
            "their own list: the source's counts beside the recount.", link=("vote", "vote_id")),
    Dataset("vote_unnamed_slots", unnamed_slots, "data_quality", "Per vote: list slots without a deputy's name, "
            "how many of them voted, and how many voted «за».", link=("vote", "vote_id")),
    Dataset("imports_last", last_imports, "data_quality", "The newest import of each source: format, file, when, "
            "rows read, written and skipped, problems."),
    Dataset("import_problem_files", import_problems_by_file, "data_quality", "Per imported file with problems: "
            "source, format, when, rows skipped, problems, the first location and an example reason."),
    Dataset("import_problems", import_problem_list, "data_quality", "The problems themselves (the newest 500): "
            "source, file, location, reason."),
)
