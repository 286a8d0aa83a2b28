"""Public consultations: each consultation with where it stands (results published, awaited, still running),
the days from its end to the results or awaiting them, and the published share per year and per unit.

Rules: the period picks consultations by the day they started, as the overview's card does (`ONLINE` is the
card's own condition), so the card and the page's year table give one number. Where a consultation stands is
read as of the period's last day, or today when the period reaches past it (`as_of`): a past year shows what
was awaited then. The formulas are the SQL twins of `dashboard.metrics.consultations`; medians are taken in
Polars over a distribution the database groups.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from sqlalchemy import Integer, cast, extract, func, literal, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from dashboard.filters import Filters
from dashboard.metrics.consultations import published_share_sql, results_days_sql, status_sql, waiting_days_sql
from dashboard.schema import consultations, units
from queries.common import count_where, fetch, in_period, in_units, unit_code, visible
from queries.datasets import Dataset
from queries.shapes import Field

C = consultations.c
ONLINE = C.online_poll == true()
"""With an online poll: what the overview's card counts."""


def as_of(filters: Filters) -> dt.date:
    """The day "now" means for this view: the period's last day, or today if that is earlier."""
    return min(filters.date_to, dt.date.today())


def _status(filters: Filters) -> ColumnElement:
    return status_sql(C.ended_on, C.results_published_on, as_of(filters))


def _results_days(engine: Engine) -> ColumnElement:
    return results_days_sql(C.ended_on, C.results_published_on, engine.dialect.name)


def chosen(filters: Filters, status: str | None = None) -> list[ColumnElement]:
    """Consultations this view shows: visible to its audience, started in the period, in the units, of the status."""
    return [visible(consultations, filters), in_period(C.started_on, filters), in_units(C.unit_id, filters),
            _status(filters) == status if status else true()]


def _breakdown(engine: Engine, filters: Filters, status: str | None, key: ColumnElement | None = None,
               first: ColumnElement | None = None, source=consultations) -> pl.DataFrame:
    """Per `key` (or one row for everything): consultations, with an online poll, responses, how many stand
    published / awaiting / ongoing, the published share and the median days from the end to the results;
    `first` (a condition on the key) sorts its groups first."""
    stands = _status(filters)
    published, awaiting = count_where(stands == "published"), count_where(stands == "awaiting")
    keys = [] if key is None else [key.label("key")]
    stmt = (select(*keys, func.count().label("consultations"), count_where(ONLINE).label("online_poll"),
                   func.sum(C.responses).label("responses"), published.label("published"),
                   awaiting.label("awaiting"), count_where(stands == "ongoing").label("ongoing"),
                   published_share_sql(published, awaiting).label("share_published"),
                   (first if first is not None else literal(False)).label("first"))
            .select_from(source).where(*chosen(filters, status)).group_by(*keys))
    counts = fetch(engine, stmt)
    days = _results_days(engine).label("days")
    spread = fetch(engine, select(*keys, days, func.count().label("n")).select_from(source)
                   .where(*chosen(filters, status), stands == "published", days.is_not(None)).group_by(*keys, days))
    median = pl.col("days").repeat_by("n").explode().median().alias("median_results_days")
    if not keys:
        return counts.drop("first").with_columns(pl.lit(spread.select(median).item(), dtype=pl.Float64).alias(
            "median_results_days"))
    medians = spread.group_by("key").agg(median)
    return (counts.join(medians, on="key", how="left", nulls_equal=True)
            .sort(["first", "consultations", "key"], descending=[True, True, False], nulls_last=True)
            .drop("first"))


def summary(engine: Engine, filters: Filters, status: str | None = None) -> pl.DataFrame:
    """One row for the view: the breakdown's figures (see `_breakdown`) over every consultation shown."""
    return _breakdown(engine, filters, status)


def by_year(engine: Engine, filters: Filters, status: str | None = None) -> pl.DataFrame:
    """The breakdown per year the consultations started, oldest first; its `online_poll` is the overview's card."""
    frame = _breakdown(engine, filters, status, cast(extract("year", C.started_on), Integer))
    return frame.rename({"key": "year"}).sort("year")


def by_unit(engine: Engine, filters: Filters, status: str | None = None) -> pl.DataFrame:
    """The breakdown per responsible unit (its code), a department head's own units first."""
    own = units.c.code.in_(filters.own_units) if filters.own_units else None
    return _breakdown(engine, filters, status, units.c.code, own,
                      consultations.outerjoin(units, units.c.id == C.unit_id)).rename({"key": "unit"})


def results_times(engine: Engine, filters: Filters, status: str | None = None, limit: int | None = None
                  ) -> pl.DataFrame:
    """Consultations that owe their results as of `as_of`: days from the end to the results (published) or
    awaiting them (awaiting), longest first. Results dated before the end have no days and are left out."""
    stands, day = _status(filters), as_of(filters)
    waited = waiting_days_sql(C.ended_on, C.results_published_on, day, engine.dialect.name)
    days = func.coalesce(waited, _results_days(engine))
    stmt = (select(C.id.label("consultation_id"), C.title, unit_code(C.unit_id).label("unit"), stands.label("status"),
                   cast(days, Integer).label("days"), C.ended_on, C.results_published_on, literal(day).label("as_of"))
            .where(*chosen(filters, status), stands != "ongoing", days.is_not(None))
            .order_by(days.desc(), C.ended_on, C.id).limit(limit))
    return fetch(engine, stmt)


def consultation_list(engine: Engine, filters: Filters, status: str | None = None, limit: int | None = None
                      ) -> pl.DataFrame:
    """Every consultation with its unit, dates, poll and responses, when its results were published and how many
    days after the end, or how long they had been awaited as of `as_of`; newest first. For an internal audience,
    whether it is published at all."""
    day = as_of(filters)
    columns = [C.id.label("consultation_id"), C.title, unit_code(C.unit_id).label("unit"), C.started_on, C.ended_on,
               C.online_poll, C.responses, C.results_published_on, _results_days(engine).label("results_days"),
               _status(filters).label("status"),
               waiting_days_sql(C.ended_on, C.results_published_on, day, engine.dialect.name).label("waiting_days"),
               literal(day).label("as_of"), C.url]
    if not filters.public_only:
        columns.append(C.is_public)
    stmt = (select(*columns).where(*chosen(filters, status)).order_by(C.started_on.desc(), C.id.desc()).limit(limit))
    return fetch(engine, stmt)


PARAMS = ("status",)
COUNTS = (Field("consultations", "consultations_col_consultations"),
          Field("online_poll", "consultations_col_online_poll"), Field("responses", "consultations_col_responses"),
          Field("published", "consultations_col_published"), Field("awaiting", "consultations_col_awaiting"),
          Field("ongoing", "consultations_col_ongoing"),
          Field("share_published", "consultations_col_share_published", "share"),
          Field("median_results_days", "consultations_col_median_days", measure="days"))
UNIT = Field("unit", "consultations_col_unit", "unit")
TITLE = Field("title", "consultations_col_title", width="medium")
STATUS = Field("status", "consultations_col_status", labels="consultations_status_")
AS_OF = Field("as_of", "col_as_of", "date")

DATASETS = (
    Dataset("consultations_by_year", by_year, "consultations", "Per year of start: consultations, with an online "
            "poll (the overview's card), responses, results published, awaited and not yet owed, the published "
            "share and the median days from the end to the results.", params=PARAMS,
            columns=(Field("year", "consultations_col_year", "year"), *COUNTS)),
    Dataset("consultations_by_unit", by_unit, "consultations", "Per responsible unit: consultations, with an online "
            "poll, responses, results published, awaited and not yet owed, the published share and the median days "
            "to the results.", params=PARAMS, columns=(UNIT, *COUNTS)),
    Dataset("consultations_results_times", results_times, "consultations", "Consultations that owe their results on "
            "the period's last day: days from the end to the results, or awaiting them, longest first.", params=PARAMS,
            columns=(TITLE, UNIT, STATUS, Field("days", "consultations_times_axis", measure="days"),
                     Field("ended_on", "consultations_col_ended_on", "date"),
                     Field("results_published_on", "consultations_col_results_on", "date"), AS_OF)),
    Dataset("consultations", consultation_list, "consultations", "Every consultation with its unit, dates, online "
            "poll, responses, results (when, days after the end) or how long they have been awaited.", params=PARAMS,
            columns=(Field("url", "consultations_col_url", "link", link_text="consultations_col_url_text", width="small"),
                     TITLE, STATUS, Field("results_days", "consultations_col_results_days", measure="days"),
                     Field("waiting_days", "consultations_col_waiting_days", measure="days"),
                     Field("started_on", "consultations_col_started_on", "date"),
                     Field("ended_on", "consultations_col_ended_on", "date"),
                     Field("results_published_on", "consultations_col_results_on", "date"),
                     Field("online_poll", "consultations_col_poll", "flag"),
                     Field("responses", "consultations_col_responses"), UNIT,
                     Field("is_public", "consultations_col_is_public", "flag"), AS_OF)),
)
