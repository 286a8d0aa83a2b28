"""The internal edition's queue page: what is waiting on the council, and why a KPI's internal figure differs from
the public one.

Rules: "now" is the period's last day, or today if that is earlier (`queries.petitions.as_of`). An item waits to be
published from the day it happened: a vote from its session, a stream from its start, a decision from its
adoption, a consultation's results from its end. The audience's own rule says which hidden rows a viewer sees: the
mayor's office every unit's, a department head the own unit's (`queries.common.visible`); the public none.
"""

from __future__ import annotations

import dataclasses

import polars as pl
from sqlalchemy import DateTime, String, and_, false, literal, null, or_, select, union_all
from sqlalchemy.engine import Engine

from dashboard.db import day_of
from dashboard.filters import ALL_TIME, Filters
from dashboard.metrics.consultations import waiting_days_sql
from dashboard.metrics.overview import BY_KEY, CARD_DECIMALS, KPIS
from dashboard.schema import (
    broadcasts,
    consultations,
    decisions,
    media_mentions,
    petitions,
    procurements,
    public_events,
    votes,
)
from queries import petitions as petition_queries
from queries.common import fetch, in_period, in_units, unit_code, visible
from queries.datasets import Dataset
from queries.overview import kpi_values
from queries.shapes import Field

# kind -> (table, the day it happened, its title, the import source whose KPIs it counts toward)
HIDDEN = {
    "vote": (votes, votes.c.voted_at, votes.c.title, "votes"),
    "decision": (decisions, decisions.c.adopted_on, decisions.c.title, "decisions"),
    "stream": (broadcasts, broadcasts.c.started_at, broadcasts.c.title, "streams"),
    "mention": (media_mentions, media_mentions.c.published_on, media_mentions.c.title, "media"),
    "event": (public_events, public_events.c.held_on, public_events.c.title, "events"),
    "petition": (petitions, petitions.c.submitted_on, petitions.c.title, "petitions"),
    "procurement": (procurements, procurements.c.published_on, procurements.c.title, "procurement"),
    "consultation": (consultations, consultations.c.started_on, consultations.c.title, "consultations"),
}
KINDS = (*HIDDEN, "consultation_results")
"""What `waiting_to_publish` lists: a hidden row of each table, and a consultation's results not yet published."""


def petitions_due(engine: Engine, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """Petitions awaiting an answer (the petitions page's own list), the nearest deadline first, with the working
    days left to it (negative: overdue)."""
    due = petition_queries.awaiting(engine, filters)
    return (due.with_columns(working_days_left=-pl.col("working_days_late")).drop("working_days_late")
            .sort(["working_days_left", "number"], nulls_last=True).slice(0, limit))


def _waiting(engine: Engine, filters: Filters, kind: str, condition, day):
    table, happened, title, source = HIDDEN[kind]
    on = day_of(happened, engine.dialect.name) if isinstance(happened.type, DateTime) else happened
    return (select(literal(kind, String).label("kind"), literal(source, String).label("source"),
                   table.c.id.label("item_id"), title.label("title"), unit_code(table.c.unit_id).label("unit"),
                   on.label("day"), waiting_days_sql(on, null(), day, engine.dialect.name).label("waiting_days"),
                   (table.c.is_public == false()).label("hidden"))
            .where(condition, visible(table, filters), in_units(table.c.unit_id, filters), in_period(happened, filters),
                   on <= day))


def waiting_to_publish(engine: Engine, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """Every item of the period not yet public as of "now", the longest waiting first: kind, the import source, its
    id, title, unit, the day it happened, the days since and whether the row itself is hidden (a KPI counts it only
    for the council). Hidden rows of every kind; decisions adopted without a published text; consultations ended
    without published results (waiting from their end)."""
    day = petition_queries.as_of(filters)
    parts = [_waiting(engine, filters, kind, table.c.is_public == false(), day)
             for kind, (table, *_rest) in HIDDEN.items() if kind not in ("decision", "consultation")]
    D, C = decisions.c, consultations.c
    parts.append(_waiting(engine, filters, "decision", or_(D.is_public == false(), D.published_on.is_(None),
                                                           D.published_on > day), day))
    ended = (select(literal("consultation_results", String).label("kind"), literal("consultations", String),
                    C.id, C.title, unit_code(C.unit_id), C.ended_on,
                    waiting_days_sql(C.ended_on, C.results_published_on, day, engine.dialect.name),
                    C.is_public == false())
             .where(visible(consultations, filters), in_units(C.unit_id, filters), in_period(C.started_on, filters),
                    or_(C.is_public == false(), and_(C.ended_on <= day, or_(C.results_published_on.is_(None),
                                                                               C.results_published_on > day)))))
    frame = fetch(engine, union_all(*parts, ended))
    if filters.public_only:  # nothing waits for the public: published decisions and consultations are theirs as they are
        frame = frame.clear()
    return (frame.with_columns(pl.col("day").cast(pl.Date), as_of=pl.lit(day, dtype=pl.Date))
            .sort(["waiting_days", "kind", "item_id"], descending=[True, False, False], nulls_last=True)
            .slice(0, limit))


def kpi_difference(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Each KPI of the period's years as this viewer sees it and as the public does: year, kpi, source, internal,
    public, the difference, and the first day the figure counts from (its year's first, or for a running total the
    first day of all time): the rows behind the difference are `waiting_to_publish`'s hidden rows of that source
    from that day to the year's end."""
    inside = kpi_values(engine, filters).rename({"value": "internal"})
    outside = kpi_values(engine, dataclasses.replace(filters, audience="public", own_units=())).rename(
        {"value": "public"})
    order = {kpi.key: i for i, kpi in enumerate(KPIS)}
    return (inside.join(outside, on=["year", "kpi"], how="full", coalesce=True)
            .with_columns(source=pl.col("kpi").replace_strict({k: v.source for k, v in BY_KEY.items()}),
                          difference=(pl.col("internal").fill_null(0) - pl.col("public").fill_null(0))
                          .round(CARD_DECIMALS), order=pl.col("kpi").replace_strict(order, return_dtype=pl.Int64))
            .with_columns(counted_from=pl.when(pl.col("kpi").is_in([k.key for k in KPIS if k.cumulative]))
                          .then(pl.lit(ALL_TIME[0])).otherwise(pl.date(pl.col("year"), 1, 1)))
            .sort(["year", "order"]).select("year", "kpi", "source", "internal", "public", "difference", "counted_from"))


AS_OF = Field("as_of", "col_as_of", "date")
DATASETS = (
    Dataset("queue_petitions", petitions_due, "queue", "Petitions awaiting an answer as of the period's last day, the "
            "nearest deadline first: the clock's start, the deadline and the working days left (negative: overdue).",
            open_data=False,
            columns=(Field("number", "petitions_col_number"), Field("title", "petitions_col_title", width="medium"),
                     Field("unit", "petitions_col_unit", "unit"), Field("clock_start", "queue_col_clock", "date"),
                     Field("deadline", "queue_col_deadline", "date"),
                     Field("working_days_left", "queue_col_days_left"), AS_OF)),
    Dataset("queue_unpublished", waiting_to_publish, "queue", "Every item of the period not yet public, the longest "
            "waiting first: kind, source, id, title, unit, the day it happened and the days since.", open_data=False,
            columns=(Field("kind", "queue_col_kind", labels="queue_kind_"),
                     Field("title", "queue_col_title", width="medium"), Field("unit", "queue_col_unit", "unit"),
                     Field("day", "queue_col_day", "date"), Field("waiting_days", "queue_col_waiting"),
                     Field("hidden", "queue_col_hidden", "flag"), AS_OF)),
    Dataset("queue_difference", kpi_difference, "queue", "Each KPI as the council sees it and as the public does, "
            "and the difference.", open_data=False,
            columns=(Field("year", "period_year", "year"), Field("kpi", "overview_column_name", labels="kpi_"),
                     Field("internal", "queue_col_internal"), Field("public", "queue_col_public"),
                     Field("difference", "queue_col_difference"))),
)
