"""Petitions: the funnel, the law's clock (answers against ten working days), petitions awaiting an answer,
open petitions with their signature history, breakdowns by category and unit, and the list.

Rules: the period picks petitions by the day they were submitted; what is awaiting or open is read as of the
period's last day, or today when the period reaches past it (`as_of`), so a past year shows what was overdue
then. Working days come from the calendar table through the SQL twins of `dashboard.metrics.petitions`; the
clock starts on the published start of consideration, else (assumed, and flagged) on the day the threshold
was reached. A petition with neither date (back-filled, say) or an answer dated before its clock has unknown
timing: out of the medians and the on-time share, counted in `timing_unknown`. Medians are taken in Polars over a distribution the database groups. Authors are read only for
an internal audience; the public never reaches `petition_authors_internal`.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from sqlalchemy import Integer, and_, case, cast, func, literal, or_, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from dashboard.alphabet import alphabetical
from dashboard.filters import Filters
from dashboard.metrics.common import share_expr, share_sql
from dashboard.metrics.petitions import (
    ANSWER_TERM,
    AWAITING,
    FUNNEL,
    answer_working_days_sql,
    answered_on_time_sql,
    clock_start_sql,
    days_to_threshold_sql,
    deadline_sql,
    working_days_sql,
)
from dashboard.schema import petition_authors_internal, petition_signature_snapshots, petitions, units
from queries.common import count_where, fetch, in_period, in_units, unit_code, visible
from queries.datasets import Dataset
from queries.shapes import Field

P = petitions.c
CLOCK = clock_start_sql(P.consideration_started_on, P.threshold_reached_on)
ASSUMED = and_(P.consideration_started_on.is_(None), P.threshold_reached_on.is_not(None))
REACHED_IN_TERM = and_(P.threshold_reached_on.is_not(None),
                       or_(P.closes_on.is_(None), P.threshold_reached_on <= P.closes_on))
ANSWERED = P.responded_on.is_not(None)
ANSWER_DAYS = answer_working_days_sql(CLOCK, P.responded_on)
ON_TIME = and_(ANSWERED, ANSWER_DAYS <= ANSWER_TERM)
TIMED = and_(ANSWERED, ANSWER_DAYS.is_not(None))
"""Answers whose working days are known: the on-time share's whole."""
UNKNOWN_TIMING = and_(or_(ANSWERED, P.status.in_((*AWAITING, "answered"))), P.threshold_reached_on.is_(None),
                      P.consideration_started_on.is_(None))
"""Reached the threshold or answered, with neither its date nor a start of consideration: no clock at all."""
LEFT_OUT = or_(UNKNOWN_TIMING, and_(ANSWERED, ANSWER_DAYS.is_(None)))


def as_of(filters: Filters) -> dt.date:
    """The day "now" means for this view: the period's last day, or today if that is later."""
    return min(filters.date_to, dt.date.today())


def chosen(filters: Filters, category: str | None = None, status: str | None = None) -> list[ColumnElement]:
    """Petitions this view shows: visible to its audience, submitted in the period, in the units, of the
    category and status."""
    return [visible(petitions, filters), in_period(P.submitted_on, filters), in_units(P.unit_id, filters),
            P.category == category if category else true(), P.status == status if status else true()]


def _days_between(later, earlier, dialect: str) -> ColumnElement:
    """Calendar days from `earlier` to `later`, in the backend's own words."""
    if dialect == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return cast(later - earlier, Integer)


def _median(frame: pl.DataFrame, keys: list[str], value: str, name: str) -> pl.DataFrame:
    """Per group, the median of `value` over a distribution given as (keys, value, n) rows."""
    return (frame.filter(pl.col(value).is_not_null())
            .group_by(keys).agg(pl.col(value).repeat_by("n").explode().median().alias(name)))


# --- The funnel and the summary -------------------------------------------------------------------

def petitions_summary(engine: Engine, filters: Filters, category: str | None = None,
                      status: str | None = None) -> pl.DataFrame:
    """One row: the funnel's counts, answers on time (and their share of the timed answers), answers whose clock
    was assumed, petitions of unknown timing left out, and the medians of the days to the threshold (calendar
    days) and of the working days to an answer.

    One statement: each petition's working days to an answer are looked up once, in a subquery, and the
    database groups the petitions by their flags and days; the counts and the medians are summed from those
    groups here (a lookup in every count, and a statement per median, cost ten times as much)."""
    to_threshold = days_to_threshold_sql(P.submitted_on, P.threshold_reached_on, engine.dialect.name)
    flags = {"reached": REACHED_IN_TERM, "answered": ANSWERED, "supported": P.outcome == "supported",
             "assumed": ASSUMED, "unknown": UNKNOWN_TIMING}
    rows = select(*(case((condition, 1), else_=0).label(name) for name, condition in flags.items()),
                  ANSWER_DAYS.label("answer_days"), to_threshold.label("to_threshold")
                  ).where(*chosen(filters, category, status)).subquery()
    groups = fetch(engine, select(*rows.c, func.count().label("n")).group_by(*rows.c))
    if groups.is_empty():
        groups = pl.DataFrame(schema={**{name: pl.Int64 for name in flags}, "answer_days": pl.Int64,
                                      "to_threshold": pl.Int64, "n": pl.Int64})
    days, n = pl.col("answer_days"), pl.col("n")
    answered, reached = pl.col("answered") == 1, pl.col("reached") == 1
    on_time = answered & (days <= ANSWER_TERM)

    def count(condition: pl.Expr) -> pl.Expr:
        return n.filter(condition).sum()

    def median(value: str, condition: pl.Expr) -> pl.Expr:
        return pl.col(value).filter(condition & pl.col(value).is_not_null()).repeat_by(
            n.filter(condition & pl.col(value).is_not_null())).explode().median().cast(pl.Float64)

    return groups.select(
        submitted=n.sum(), reached=count(reached), answered=count(reached & answered),
        supported=count(reached & answered & (pl.col("supported") == 1)), on_time=count(on_time),
        answered_any=count(answered),
        share_on_time=share_expr(count(on_time), count(answered & days.is_not_null())),
        answered_clock_assumed=count(answered & (pl.col("assumed") == 1)),
        timing_unknown=count((pl.col("unknown") == 1) | (answered & days.is_null())),
        median_days_to_threshold=median("to_threshold", reached),
        median_working_days_to_answer=median("answer_days", answered),
    ).with_columns(pl.exclude("share_on_time", "median_days_to_threshold", "median_working_days_to_answer")
                   .cast(pl.Int64))


def funnel(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None) -> pl.DataFrame:
    """The funnel's steps (submitted -> reached the threshold within its term -> answered -> supported): the
    petitions at each step, their share of those submitted and of the step before.

    The four counts are `petitions_summary`'s, counted here alone: without the working days to an answer (a
    lookup per answered petition) and the medians, which the funnel does not show (at 100x: 38 ms against a few)."""
    answered = and_(REACHED_IN_TERM, ANSWERED)
    steps = {"submitted": func.count(), "reached": count_where(REACHED_IN_TERM), "answered": count_where(answered),
             "supported": count_where(and_(answered, P.outcome == "supported"))}
    stmt = select(*(cast(steps[step], Integer).label(step) for step in FUNNEL)).where(*chosen(filters, category, status))
    counts = fetch(engine, stmt).row(0)
    frame = pl.DataFrame({"step": list(FUNNEL), "petitions": list(counts)},
                         schema={"step": pl.String, "petitions": pl.Int64})
    return frame.with_columns(share_of_submitted=share_expr("petitions", pl.col("petitions").first()),
                              share_of_previous=share_expr("petitions", pl.col("petitions").shift(1)))


def answer_times(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None
                 ) -> pl.DataFrame:
    """Answered petitions by the working days from the clock's start to the answer, with how many of them
    had no published start of consideration (the clock assumed)."""
    days = ANSWER_DAYS.label("working_days")
    stmt = (select(days, func.count().label("petitions"), count_where(ASSUMED).label("clock_assumed"),
                   (days <= ANSWER_TERM).label("on_time"))
            .where(*chosen(filters, category, status), TIMED)
            .group_by(days).order_by(days))
    return fetch(engine, stmt)


# --- Awaiting, open, signature history ------------------------------------------------------------

def awaiting(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None,
             limit: int | None = None) -> pl.DataFrame:
    """Petitions that reached the threshold and had no answer as of `as_of`, most overdue first: the clock's
    start (and whether it was assumed), the term's last day and the working days past it (negative: left)."""
    day = as_of(filters)
    late = working_days_sql(CLOCK, literal(day)) - ANSWER_TERM
    stmt = (
        select(P.id.label("petition_id"), P.number, P.title, unit_code(P.unit_id).label("unit"), P.category,
               P.threshold_reached_on, P.consideration_started_on, CLOCK.label("clock_start"),
               ASSUMED.label("clock_assumed"), deadline_sql(CLOCK).label("deadline"), late.label("working_days_late"),
               literal(day).label("as_of"), P.url)
        .where(visible(petitions, filters), in_units(P.unit_id, filters),
               P.category == category if category else true(), P.status == status if status else true(),
               P.threshold_reached_on <= day, CLOCK <= day, or_(P.responded_on.is_(None), P.responded_on > day),
               P.status.in_((*AWAITING, "answered")))
        .order_by(late.desc(), P.number)
        .limit(limit)
    )
    return fetch(engine, stmt)


def _signatures_as_of(day: dt.date):
    kept = petition_signature_snapshots.alias()
    latest = (select(kept.c.signatures).where(kept.c.petition_id == P.id, kept.c.taken_on <= day)
              .order_by(kept.c.taken_on.desc()).limit(1).scalar_subquery())
    return func.coalesce(latest, P.signatures)


def open_petitions(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None,
                   limit: int | None = None) -> pl.DataFrame:
    """Petitions collecting signatures as of `as_of`: the signatures then (the last snapshot), the threshold,
    the share of it and the days left, nearest to the threshold first."""
    day = as_of(filters)
    signatures = _signatures_as_of(day)
    days_left = _days_between(P.closes_on, literal(day), engine.dialect.name)
    progress = share_sql(signatures, P.threshold)
    stmt = (
        select(P.id.label("petition_id"), P.number, P.title, unit_code(P.unit_id).label("unit"), P.category, P.submitted_on,
               P.closes_on, P.threshold, signatures.label("signatures"), progress.label("progress"),
               days_left.label("days_left"), literal(day).label("as_of"), P.url)
        .where(visible(petitions, filters), in_units(P.unit_id, filters),
               P.category == category if category else true(), P.status == status if status else true(),
               P.submitted_on <= day, P.closes_on >= day, P.status.not_in(("withdrawn", "moderation_rejected")),
               or_(P.threshold_reached_on.is_(None), P.threshold_reached_on > day))
        .order_by(progress.desc(), P.number)
        .limit(limit)
    )
    return fetch(engine, stmt)


def signature_history(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None,
                      petition: int | None = None) -> pl.DataFrame:
    """Every signature snapshot (the count as read on a day) of the petitions shown, or of one petition:
    the open data of how signatures grew, never interpolated."""
    S = petition_signature_snapshots.c
    where = [visible(petitions, filters), P.id == petition] if petition else chosen(filters, category, status)
    stmt = (select(P.id.label("petition_id"), P.number, S.taken_on, S.signatures, P.threshold)
            .select_from(petition_signature_snapshots.join(petitions, petitions.c.id == S.petition_id))
            .where(*where).order_by(P.number, S.taken_on))
    return fetch(engine, stmt)


# --- Breakdowns and the list ----------------------------------------------------------------------

def _breakdown(engine: Engine, filters: Filters, key: ColumnElement, category: str | None, status: str | None,
               first: ColumnElement | None = None, source=petitions) -> pl.DataFrame:
    """Per `key` (over `source`): petitions, reached within the term, its share, answered, answered on time and
    its share, and the median working days to an answer; `first` (a condition on the key) sorts its groups first."""
    key = key.label("key")
    stmt = (select(key, func.count().label("petitions"), count_where(REACHED_IN_TERM).label("reached"),
                   share_sql(count_where(REACHED_IN_TERM), func.count()).label("share_reached"),
                   count_where(ANSWERED).label("answered"), count_where(ON_TIME).label("on_time"),
                   share_sql(count_where(ON_TIME), count_where(TIMED)).label("share_on_time"),
                   (first if first is not None else literal(False)).label("first"))
            .select_from(source).where(*chosen(filters, category, status)).group_by(key))
    counts = fetch(engine, stmt)
    days = fetch(engine, select(key, ANSWER_DAYS.label("days"), func.count().label("n")).select_from(source)
                 .where(*chosen(filters, category, status), ANSWERED).group_by(key, ANSWER_DAYS))
    medians = _median(days, ["key"], "days", "median_working_days_to_answer")
    return (counts.join(medians, on="key", how="left", nulls_equal=True)
            .sort(["first", "petitions", alphabetical("key")], descending=[True, True, False], nulls_last=True)
            .drop("first"))


def by_category(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None
                ) -> pl.DataFrame:
    """The breakdown (see `_breakdown`) per category, as the source names it."""
    return _breakdown(engine, filters, P.category, category, status).rename({"key": "category"})


def by_unit(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None) -> pl.DataFrame:
    """The breakdown per responsible unit (its code), a department head's own units first."""
    own = units.c.code.in_(filters.own_units) if filters.own_units else None
    return _breakdown(engine, filters, units.c.code, category, status, own,
                      petitions.outerjoin(units, units.c.id == P.unit_id)).rename({"key": "unit"})


def petition_list(engine: Engine, filters: Filters, category: str | None = None, status: str | None = None,
                  limit: int | None = None) -> pl.DataFrame:
    """The petitions with every step's date, the clock and its term, the outcome and the links, newest first;
    for an internal audience, with the author."""
    columns = [P.id.label("petition_id"), P.number, P.title, P.category, unit_code(P.unit_id).label("unit"), P.status,
               P.submitted_on, P.closes_on, P.threshold, P.signatures, P.threshold_reached_on,
               P.consideration_started_on, CLOCK.label("clock_start"), ASSUMED.label("clock_assumed"),
               deadline_sql(CLOCK).label("deadline"), P.responded_on, ANSWER_DAYS.label("working_days_to_answer"),
               answered_on_time_sql(CLOCK, P.responded_on).label("on_time"), P.outcome, P.url, P.response_url]
    source = petitions
    if not filters.public_only:
        columns.append(petition_authors_internal.c.author)
        source = petitions.outerjoin(petition_authors_internal, petition_authors_internal.c.petition_id == P.id)
    stmt = (select(*columns).select_from(source).where(*chosen(filters, category, status))
            .order_by(P.submitted_on.desc(), P.number.desc()).limit(limit))
    return fetch(engine, stmt)


# --- The reader's columns --------------------------------------------------------------------------

COLUMNS = {field.name: field for field in (
    Field("url", "petitions_col_url", "link", link_text="petitions_col_url_text", width="small"),
    Field("number", "petitions_col_number", "text", width="small"),
    Field("title", "petitions_col_title", width="large"), Field("unit", "petitions_col_unit", "unit"),
    Field("category", "petitions_col_category", missing="petitions_no_category", vocabulary="petition_categories"),
    Field("status", "petitions_col_status", labels="petitions_status_"),
    Field("submitted_on", "petitions_col_submitted_on", "date"), Field("closes_on", "petitions_col_closes_on", "date"),
    Field("threshold", "petitions_col_threshold"), Field("signatures", "petitions_col_signatures"),
    Field("progress", "petitions_col_progress", "share"), Field("days_left", "petitions_col_days_left", measure="days"),
    Field("threshold_reached_on", "petitions_col_reached_on", "date"),
    Field("consideration_started_on", "petitions_col_started_on", "date"),
    Field("clock_start", "petitions_col_clock_start", "date"),
    Field("clock_assumed", "petitions_col_clock_assumed", "flag"),
    Field("deadline", "petitions_col_deadline", "date"),
    Field("working_days_late", "petitions_col_late", measure="working days"),
    Field("responded_on", "petitions_col_responded_on", "date"),
    Field("working_days_to_answer", "petitions_col_answer_days", measure="working days"),
    Field("on_time", "petitions_col_on_time", "flag"),
    Field("outcome", "petitions_col_outcome", labels="petitions_outcome_"),
    Field("response_url", "petitions_col_response_url", "link", link_text="petitions_col_response_text", width="small"),
    Field("author", "petitions_col_author"), Field("as_of", "col_as_of", "date"),
    Field("petitions", "petitions_col_petitions"), Field("reached", "petitions_col_reached"),
    Field("share_reached", "petitions_col_share_reached", "share"), Field("answered", "petitions_col_answered"),
    Field("on_time_count", "col_on_time_count", value=pl.col("on_time")),
    Field("share_on_time", "petitions_col_share_on_time", "share"),
    Field("median_working_days_to_answer", "petitions_col_median_answer", measure="working days"),
)}
"""Every column of the petition datasets as the reader sees it; each dataset picks its own, in order."""


def columns(*names: str) -> tuple[Field, ...]:
    return tuple(COLUMNS[name] for name in names)


BREAKDOWN = ("petitions", "reached", "share_reached", "answered", "on_time_count", "share_on_time",
             "median_working_days_to_answer")
PARAMS = ("category", "status")
DATASETS = (
    Dataset("petitions_funnel", funnel, "petitions", "The funnel: submitted, reached the threshold within the "
            "term, answered, supported, with the share at each step.", params=PARAMS,
            columns=(Field("step", "col_step", labels="petitions_step_"), COLUMNS["petitions"],
                     Field("share_of_submitted", "col_share_of_submitted", "share"),
                     Field("share_of_previous", "col_share_of_previous", "share"))),
    Dataset("petitions_answer_times", answer_times, "petitions", "Answered petitions by working days from the "
            "start of consideration (or, assumed, the threshold) to the answer, against the legal ten.", params=PARAMS,
            columns=(Field("working_days", "petitions_col_answer_days", measure="working days"), COLUMNS["petitions"],
                     Field("clock_assumed", "col_clock_assumed_count"), COLUMNS["on_time"])),
    Dataset("petitions_awaiting", awaiting, "petitions", "Petitions awaiting an answer on the period's last day, "
            "most overdue first (working days past the legal term), with the responsible unit.", params=PARAMS,
            columns=columns("url", "number", "working_days_late", "deadline", "title", "unit", "clock_start",
                            "clock_assumed", "threshold_reached_on", "consideration_started_on", "category", "as_of")),
    Dataset("petitions_open", open_petitions, "petitions", "Petitions collecting signatures on the period's last "
            "day: signatures, threshold, progress and days left.", params=PARAMS,
            columns=columns("url", "number", "signatures", "threshold", "progress", "days_left", "title",
                            "submitted_on", "closes_on", "unit", "category", "as_of")),
    Dataset("petitions_signatures", signature_history, "petitions", "Signature counts as read over time "
            "(snapshots), per petition.", params=(*PARAMS, "petition"),
            columns=(COLUMNS["number"], Field("taken_on", "col_taken_on", "date"), COLUMNS["signatures"],
                     COLUMNS["threshold"])),
    Dataset("petitions_by_category", by_category, "petitions", "Per category: petitions, share reaching the "
            "threshold, median working days to answer, share answered on time.", params=PARAMS,
            columns=columns("category", *BREAKDOWN)),
    Dataset("petitions_by_unit", by_unit, "petitions", "Per responsible unit: petitions, share reaching the "
            "threshold, median working days to answer, share answered on time.", params=PARAMS,
            columns=columns("unit", *BREAKDOWN)),
    Dataset("petitions", petition_list, "petitions", "Every petition with the date of every step, the legal "
            "term, the outcome and links to the petition and the answer.", params=PARAMS,
            columns=columns("url", "number", "title", "status", "outcome", "submitted_on", "closes_on", "signatures",
                            "threshold", "threshold_reached_on", "consideration_started_on", "clock_start",
                            "clock_assumed", "deadline", "responded_on", "working_days_to_answer", "on_time",
                            "response_url", "unit", "category", "author")),
)
