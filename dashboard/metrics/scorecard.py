"""The openness scorecard: six indicators computed from the data (the way Transparent Cities scores a council by
hand once a year), each a share of a year's rows, with the rule that puts a row in the numerator.

Rules (docs/scorecard.md):
- `roll_calls`: plenary votes of the year whose roll call is published (the vote published, its deputies'
  choices recorded) / the year's votes.
- `sessions_streamed`: plenary sessions of the year with a live stream of kind plenary that day / sessions; nothing
  to count until any live stream is imported.
- `petitions_on_time`: petitions submitted in the year answered within the law's ten working days / answered
  petitions whose working days are known (the petitions page's on-time share).
- `consultation_results`: consultations started in the year whose results are published / those that owe them
  (published or awaited; still running ones aside), as of the year's end or today.
- `open_procurement`: expected value of competitive procedures (open, selective) / all procedures' (DOZORRO).
- `decisions_on_time`: decisions adopted in the year published within five working days of adoption (the Law
  «Про доступ до публічної інформації», art. 15) / decisions adopted whose working days are known.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case
from sqlalchemy.sql import ColumnElement

from dashboard.metrics.petitions import working_days_between

INDICATORS = ("roll_calls", "sessions_streamed", "petitions_on_time", "consultation_results", "open_procurement",
              "decisions_on_time")
REASONS = ("roll_call_missing", "not_streamed", "answered_late", "results_awaited", "not_competitive", "not_published",
           "published_late")
"""Why a row lowers its indicator (messages `scorecard_why_<reason>`)."""
DECISION_TERM = 5
"""Working days from adoption to publication (art. 15 of the Law on Access to Public Information)."""


def decision_on_time(adopted_on: dt.date, published_on: dt.date | None) -> bool:
    """Published within the term; never published, or published before adoption (a data error), is not."""
    if published_on is None or published_on < adopted_on:
        return False
    return working_days_between(adopted_on, published_on) <= DECISION_TERM


def decision_on_time_sql(adopted_on, published_on, days) -> ColumnElement:
    """The SQL twin of `decision_on_time` (NULL where the calendar has no such day); `days` the working days between
    them, as `working_days_joined` gives them."""
    return case((published_on.is_(None), False), (published_on < adopted_on, False), else_=days <= DECISION_TERM)


def known_sql(published_on, days) -> ColumnElement:
    """Whether `decision_on_time_sql` could tell: the calendar holds both days (or it was never published)."""
    return case((published_on.is_(None), True), else_=and_(days.is_not(None)))
