"""Public consultations: a consultation's identity, where it stands on a day, and how long its results took.

Rules: a consultation is its URL (scheme, `www.`, the host's case and a trailing slash aside), else its start day
and title (case and spaces aside). On a day (today, or the period's last day) a consultation is `published` when
its results were published by then; `ongoing` when it has not ended by then (no end date: still running, as the
register says); else `awaiting` its results. Results come `results_days` calendar days after the end; results
never published (as of the day) have been awaited `waiting_days` since the end. The published share counts
the consultations whose results are owed (published or awaiting): one still running owes none yet. An interval
that runs backwards (results dated before the end) is unknown, never a negative number.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, and_, case, cast, func, literal, or_
from sqlalchemy.sql import ColumnElement

from dashboard.metrics.common import share, share_sql
from dashboard.metrics.media import name_key, url_identity

STATUSES = ("published", "awaiting", "ongoing")
"""Where a consultation stands on a day: results published; ended, results awaited; not ended yet."""


def consultation_identity(url: str | None, started_on: dt.date, title: str) -> str:
    """`url:` its URL, else `item:` start day and title key."""
    if url:
        return url_identity(url)
    return f"item:{started_on.isoformat()}|{name_key(title)}"


def status(ended_on: dt.date | None, published_on: dt.date | None, day: dt.date) -> str:
    """`published`, `ongoing` or `awaiting` on `day` (see the module's rules)."""
    if published_on is not None and published_on <= day:
        return "published"
    if ended_on is None or ended_on > day:
        return "ongoing"
    return "awaiting"


def results_days(ended_on: dt.date | None, published_on: dt.date | None) -> int | None:
    """Calendar days from the end to the results; None when either is unknown or the results came first."""
    if ended_on is None or published_on is None or published_on < ended_on:
        return None
    return (published_on - ended_on).days


def waiting_days(ended_on: dt.date | None, published_on: dt.date | None, day: dt.date) -> int | None:
    """Calendar days the results had been awaited on `day`; None unless the consultation is `awaiting` then."""
    if status(ended_on, published_on, day) != "awaiting":
        return None
    return (day - ended_on).days


def published_share(published: int, awaiting: int) -> float | None:
    """Results published / results owed (published or awaiting); None when none are owed."""
    return share(published, published + awaiting)


# The same formulas in SQL.

def _days(later, earlier, dialect: str) -> ColumnElement:
    """Calendar days from `earlier` to `later`, in the backend's own words."""
    if dialect == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return cast(later - earlier, Integer)


def status_sql(ended_on, published_on, day: dt.date) -> ColumnElement:
    """The SQL twin of `status`."""
    on = literal(day)
    return case((published_on <= on, "published"), (or_(ended_on.is_(None), ended_on > on), "ongoing"),
                else_="awaiting")


def results_days_sql(ended_on, published_on, dialect: str) -> ColumnElement:
    """The SQL twin of `results_days` (NULL: unknown)."""
    return case((published_on >= ended_on, _days(published_on, ended_on, dialect)), else_=None)


def waiting_days_sql(ended_on, published_on, day: dt.date, dialect: str) -> ColumnElement:
    """The SQL twin of `waiting_days`."""
    on = literal(day)
    awaiting = and_(or_(published_on.is_(None), published_on > on), ended_on <= on)
    return case((awaiting, _days(on, ended_on, dialect)), else_=None)


def published_share_sql(published, awaiting) -> ColumnElement:
    """The SQL twin of `published_share`."""
    return share_sql(published, published + awaiting)
