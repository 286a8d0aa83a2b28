"""Petition metrics: the vocabularies (statuses, outcomes, the funnel's steps) and the law's clock.

The clock (Law on Citizens' Appeals, art. 23-1): a petition that gathered its signatures in time is considered
within ANSWER_TERM working days from the day the start of its consideration is published; without that date
the clock starts on the day the threshold was reached (and the page says it assumed so). The start day itself
is not counted: the term runs from the next working day, and an answer on the term's last working day (or on
the days off after it) is on time.

Unknown timing: a petition that reached its threshold or was answered, but whose threshold date and start of
consideration are both unknown (back-filled from an earlier year, say), has no clock; an interval that runs
backwards (an answer before its clock's start, a threshold before the submission) is unknown too, never a
negative number. Both are left out of the medians and the on-time share, and the page says how many.

Working days: Monday to Friday, less Ukraine's public holidays and the days off a government order moved
(the `holidays` package's calendar, which also knows those orders' working Saturdays, counted as working);
under martial law (from MARTIAL_LAW_SINCE) public holidays and moved days are ordinary days: Monday to Friday
work. The database holds the same calendar as `petition_working_days` (day, is_working, ordinal: working days
since CALENDAR_EPOCH), filled by the writer from `calendar_rows`, so SQL counts working days as a difference
of two ordinals; `working_days_between` / `working_days_sql` and `deadline` / `deadline_sql` are the twins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache

import holidays
from sqlalchemy import Integer, and_, case, cast, func, select
from sqlalchemy.sql import ColumnElement

from dashboard.schema import petition_working_days

STATUSES = ("collecting", "not_reached", "reached", "under_consideration", "answered", "withdrawn",
            "moderation_rejected")
"""Every petition is in one: collecting signatures; the term ended below the threshold; reached, the
consideration not started; under consideration; answered; withdrawn by the author; rejected at moderation."""
AWAITING = ("reached", "under_consideration")
"""Statuses of a petition that reached its threshold and waits for an answer."""
OUTCOMES = ("supported", "partially", "rejected", "unknown")
"""An answer's outcome; `unknown`: answered, but the source records none (never counted as supported)."""
FUNNEL = ("submitted", "reached", "answered", "supported")
"""The funnel's steps: submitted -> reached the threshold within its term -> answered -> supported."""

ANSWER_TERM = 10
"""Working days to answer (art. 23-1); a council whose regulation sets another term changes it here."""
MARTIAL_LAW_SINCE = dt.date(2022, 2, 24)
CALENDAR_EPOCH = dt.date(2000, 1, 1)
"""The calendar table's ordinals count from here, so extending the table never renumbers a day."""


@lru_cache(maxsize=64)
def _ukraine(year: int) -> holidays.HolidayBase:
    return holidays.Ukraine(years=year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, less public holidays and moved days off, plus the working Saturdays of a government
    order; under martial law, Monday to Friday."""
    weekday = day.weekday() < 5
    if day >= MARTIAL_LAW_SINCE:
        return weekday
    calendar = _ukraine(day.year)
    if day in calendar.weekend_workdays:
        return True
    return weekday and day not in calendar


def calendar_rows(first: dt.date, last: dt.date) -> Iterator[tuple[dt.date, bool, int]]:
    """(day, is_working, ordinal) from `first` to `last`; the ordinal counts working days from CALENDAR_EPOCH
    up to the day, the day included."""
    if first < CALENDAR_EPOCH:
        raise ValueError(f"the calendar starts on {CALENDAR_EPOCH}")
    ordinal, day = 0, CALENDAR_EPOCH
    while day <= last:
        working = is_working_day(day)
        ordinal += working
        if day >= first:
            yield day, working, ordinal
        day += dt.timedelta(days=1)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    sign = 1 if end >= start else -1
    low, high = sorted((start, end))
    days = ((low + dt.timedelta(days=i)) for i in range(1, (high - low).days + 1))
    return sign * sum(map(is_working_day, days))


def deadline(start: dt.date, term: int = ANSWER_TERM) -> dt.date:
    """The last day of the term: the `term`-th working day after `start`."""
    day, left = start, term
    while left:
        day += dt.timedelta(days=1)
        left -= is_working_day(day)
    return day


def working_days_late(start: dt.date, answered_or_today: dt.date, term: int = ANSWER_TERM) -> int:
    """Working days past the term on that day (0 or less: within it; minus the working days still left)."""
    return working_days_between(start, answered_or_today) - term


def clock_start(consideration_started_on: dt.date | None, threshold_reached_on: dt.date | None) -> dt.date | None:
    """The published start of consideration, else (assumed) the day the threshold was reached."""
    return consideration_started_on or threshold_reached_on


def answer_working_days(clock: dt.date | None, responded_on: dt.date | None) -> int | None:
    """Working days from the clock's start to the answer; None when either is unknown or the answer came first."""
    if clock is None or responded_on is None or responded_on < clock:
        return None
    return working_days_between(clock, responded_on)


def answered_on_time(clock: dt.date | None, responded_on: dt.date | None, term: int = ANSWER_TERM) -> bool | None:
    """Whether the answer came within the term; None when its timing is unknown (`answer_working_days`)."""
    days = answer_working_days(clock, responded_on)
    return None if days is None else days <= term


def days_to_threshold(submitted_on: dt.date, threshold_reached_on: dt.date | None) -> int | None:
    """Calendar days from submission to the threshold; None when unknown or dated before the submission."""
    if threshold_reached_on is None or threshold_reached_on < submitted_on:
        return None
    return (threshold_reached_on - submitted_on).days


# The same formulas in SQL, over the calendar table.

def _ordinal(day) -> ColumnElement:
    """The day's ordinal; correlated to whatever table `day` comes from, however deep it is nested."""
    calendar = petition_working_days.alias()
    return select(calendar.c.ordinal).where(calendar.c.day == day).correlate_except(calendar).scalar_subquery()


def working_days_sql(start, end) -> ColumnElement:
    """The SQL twin of `working_days_between`; NULL when either day is NULL or outside the calendar."""
    return _ordinal(end) - _ordinal(start)


def working_days_joined(table, start, end) -> tuple:
    """`working_days_sql` as joins: (`table` joined to the calendar at `start` and at `end`, the working days between
    them). A count over a year of rows uses the days several times; as scalar subqueries each use is a lookup per
    row (at 100x six over 52,000 decisions, 0.35 s of a 0.5 s count), as joins one hash join per day."""
    at_start, at_end = petition_working_days.alias(), petition_working_days.alias()
    joined = table.outerjoin(at_start, at_start.c.day == start).outerjoin(at_end, at_end.c.day == end)
    return joined, at_end.c.ordinal - at_start.c.ordinal


def deadline_sql(start, term: int = ANSWER_TERM) -> ColumnElement:
    """The SQL twin of `deadline`."""
    calendar = petition_working_days.alias()
    return (select(func.min(calendar.c.day))
            .where(and_(calendar.c.is_working, calendar.c.ordinal == _ordinal(start) + term))
            .correlate_except(calendar).scalar_subquery())


def clock_start_sql(consideration_started_on, threshold_reached_on) -> ColumnElement:
    """The SQL twin of `clock_start`."""
    return func.coalesce(consideration_started_on, threshold_reached_on)


def answer_working_days_sql(clock, responded_on) -> ColumnElement:
    """The SQL twin of `answer_working_days`."""
    return case((responded_on >= clock, working_days_sql(clock, responded_on)), else_=None)


def answered_on_time_sql(clock, responded_on, term: int = ANSWER_TERM) -> ColumnElement:
    """The SQL twin of `answered_on_time` (NULL: unknown)."""
    days = answer_working_days_sql(clock, responded_on)
    return case((days.is_(None), None), else_=days <= term)


def days_to_threshold_sql(submitted_on, threshold_reached_on, dialect: str) -> ColumnElement:
    """The SQL twin of `days_to_threshold`, in the backend's own words for a difference of days."""
    days = (cast(func.julianday(threshold_reached_on) - func.julianday(submitted_on), Integer) if dialect == "sqlite"
            else cast(threshold_reached_on - submitted_on, Integer))
    return case((threshold_reached_on >= submitted_on, days), else_=None)
