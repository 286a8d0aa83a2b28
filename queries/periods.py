"""The years for which the database holds facts: the choices of the period filter."""

from sqlalchemy import Integer, cast, extract, select, union
from sqlalchemy.engine import Engine

from dashboard.schema import media_mentions, petitions, site_traffic_daily, tenders, votes
from queries.common import fetch


def data_years(engine: Engine) -> list[int]:
    """Distinct years with votes, petitions, traffic, mentions or tenders, ascending."""
    parts = [
        select(cast(extract("year", column), Integer).label("year")).distinct()
        for column in (votes.c.voted_at, petitions.c.submitted_on, site_traffic_daily.c.day,
                       media_mentions.c.published_on, tenders.c.published_on)
    ]
    years = union(*parts).subquery()
    frame = fetch(engine, select(years.c.year).order_by(years.c.year))
    return [year for year in frame["year"].to_list() if year is not None]
