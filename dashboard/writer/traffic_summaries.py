"""Monthly traffic summaries: pages, channels and devices per month, from their daily rows.

At 100 times the city's scale a year of page-days is millions of rows (docs/data-model.md, «Summaries»), so pages read
the months that the writer keeps. Rule: a month that has daily rows is the sum of them; a month that came only
as a whole-month export (Plausible's ZIP gives period totals, not days) keeps that export's rows, untouched
here. Every import that writes daily traffic calls `refresh_traffic_months` for the months it touched, and the
demo after it builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, true
from sqlalchemy.engine import Connection

from dashboard.db import month_start
from dashboard.schema import TRAFFIC_SUMMARIES


def refresh_traffic_months(connection: Connection, months: Iterable[dt.date] | None = None) -> None:
    """Recompute the monthly rows of the given months (any day in them) from the daily rows, or of every
    month with daily rows when months is None."""
    wanted = None if months is None else sorted({m.replace(day=1) for m in months})
    for daily, monthly, key, measure in TRAFFIC_SUMMARIES.values():
        month = month_start(daily.c.day, connection.dialect.name)
        in_months = true() if wanted is None else month.in_(wanted)
        with_days = select(month).where(in_months).distinct()
        connection.execute(delete(monthly).where(monthly.c.month.in_(with_days)))
        sums = (select(month.label("month"), daily.c[key], func.sum(daily.c[measure]).label(measure))
                .where(in_months).group_by(month, daily.c[key]))
        connection.execute(insert(monthly).from_select(["month", key, measure], sums))
