"""The years for which the database holds facts: the choices of the period filter."""

import datetime as dt

from sqlalchemy import func, select, union_all
from sqlalchemy.engine import Engine

from dashboard.filters import year_window
from dashboard.schema import consultations, media_mentions, petitions, procurements, site_traffic_daily, votes
from dashboard.settings import load_settings
from queries.common import fetch, year_ends

DATED_FACTS = (votes.c.voted_at, petitions.c.submitted_on, site_traffic_daily.c.day, media_mentions.c.published_on,
               procurements.c.published_on, consultations.c.started_on)


def data_years(engine: Engine, window: tuple[int, int] | None = None) -> list[int]:
    """Every year from the first to the last fact (votes, petitions, traffic, mentions, procurements,
    consultations), ascending, within the plausible `window` (first, last year; the settings' `year_window` when
    not given): one row dated 2917 or 9999 never makes the filter offer, or open on, a year of nothing.

    Only the ends are read, each from its column's index, so the filter bar costs the same at any scale.
    """
    first, last = window or year_window(load_settings())
    low, high = dt.date(first, 1, 1), dt.date(last + 1, 1, 1)
    ends = union_all(*(
        select(*year_ends(column))
        .where(column >= low, column < high)
        for column in DATED_FACTS
    )).subquery()
    bounds = fetch(engine, select(func.min(ends.c.first).label("first"), func.max(ends.c.last).label("last")))
    first, last = bounds.row(0)
    return [] if first is None else list(range(first, last + 1))
