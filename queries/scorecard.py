"""The openness scorecard: each indicator of `dashboard.metrics.scorecard` for the chosen year and the year
before (numerator, denominator, share), and the rows that lower each one.

Rules: the year is the period's last; units and audience are the view's. Each indicator counts the rows its own
page counts (votes, plenary streams, petitions, consultations, procurement), through those pages' conditions, so
a share here is the share there.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import and_, case, exists, func, literal, select
from sqlalchemy.engine import Engine

from dashboard.db import day_of
from dashboard.filters import Filters
from dashboard.metrics.common import share
from dashboard.metrics.petitions import working_days_joined
from dashboard.metrics.procurement import is_competitive_sql
from dashboard.metrics.scorecard import INDICATORS, decision_on_time_sql, known_sql
from dashboard.schema import broadcasts, decisions, procurements, votes
from queries import consultations as consultation_queries
from queries import petitions as petition_queries
from queries.common import count_where, fetch, in_period, in_units, visible
from queries.datasets import Dataset
from queries.overview import over_years
from queries.procurement import chosen as procurement_chosen
from queries.shapes import Field
from queries.website import plenary_streams

V, D, P = votes.c, decisions.c, procurements.c
ROLL_CALL = and_(V.is_public, V.choices_recorded)
"""Published with its deputies' choices: the flag the writer keeps, which the votes' date index holds (at 100x a
probe of the choices per vote took 0.17 s of a year)."""
DECISIONS_DAYS, DECISION_DAYS = working_days_joined(decisions, D.adopted_on, D.published_on)


def _roll_calls(engine: Engine, filters: Filters) -> tuple[int, int]:
    return fetch(engine, select(count_where(ROLL_CALL).label("n"), func.count().label("of"))
                 .where(visible(votes, filters), in_period(V.voted_at, filters), in_units(V.unit_id, filters))).row(0)


def _streams_loaded(engine: Engine, filters: Filters) -> bool:
    """Whether the council has imported its live streams (any visible broadcast, of any date): until it has, its
    sessions have nothing to count, not 0 % streamed."""
    return fetch(engine, select(exists(select(broadcasts.c.id).where(visible(broadcasts, filters))).label("loaded"))).item()


def _sessions(engine: Engine, filters: Filters) -> tuple[int, int]:
    if not _streams_loaded(engine, filters):
        return 0, 0
    sessions = plenary_streams(engine, filters)
    return int(sessions["streamed"].sum()), sessions.height


def _petitions(engine: Engine, filters: Filters) -> tuple[int, int]:
    return fetch(engine, select(count_where(petition_queries.ON_TIME).label("n"),
                                count_where(petition_queries.TIMED).label("of"))
                 .where(*petition_queries.chosen(filters))).row(0)


def _consultations(engine: Engine, filters: Filters) -> tuple[int, int]:
    row = consultation_queries.summary(engine, filters).row(0, named=True)
    return row["published"], row["published"] + row["awaiting"]


def _procurement(engine: Engine, filters: Filters) -> tuple[float, float]:
    value = func.coalesce(P.expected_value, 0)
    return fetch(engine, select(func.coalesce(func.sum(case((is_competitive_sql(P.method), value), else_=0)), 0.0)
                                .label("n"), func.coalesce(func.sum(value), 0.0).label("of"))
                 .where(*procurement_chosen(filters))).row(0)


def _decisions(engine: Engine, filters: Filters) -> tuple[int, int]:
    known = known_sql(D.published_on, DECISION_DAYS)
    on_time = decision_on_time_sql(D.adopted_on, D.published_on, DECISION_DAYS)
    return fetch(engine, select(count_where(and_(known, on_time)).label("n"), count_where(known).label("of"))
                 .select_from(DECISIONS_DAYS)
                 .where(visible(decisions, filters), in_period(D.adopted_on, filters),
                        in_units(D.unit_id, filters))).row(0)


COUNTS = {"roll_calls": _roll_calls, "sessions_streamed": _sessions, "petitions_on_time": _petitions,
          "consultation_results": _consultations, "open_procurement": _procurement, "decisions_on_time": _decisions}


def scorecard(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per indicator: the year's numerator and denominator (whole hryvnias for procurement), its share and the year
    before's (None: nothing to count)."""
    year = filters.date_to.year
    rows = []
    for key in INDICATORS:
        now, before = (COUNTS[key](engine, over_years(filters, y, y)) for y in (year, year - 1))
        rows.append((key, year, round(now[0]), round(now[1]), share(now[0], now[1]), share(before[0], before[1])))
    return pl.DataFrame(rows, schema={"indicator": pl.String, "year": pl.Int64, "numerator": pl.Int64,
                                      "denominator": pl.Int64, "share": pl.Float64, "previous_share": pl.Float64},
                        orient="row")


def lowering(engine: Engine, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """The year's rows that lower an indicator: indicator, day, what (a title or number), why; by indicator, then
    day; the first `limit` (the page's list: at 100x the year holds 69,000)."""
    year = over_years(filters, filters.date_to.year, filters.date_to.year)
    day = day_of(V.voted_at, engine.dialect.name)
    petition = petition_queries.P
    parts = [
        select(literal("roll_calls").label("indicator"), day.label("day"), V.title.label("what"),
               literal("roll_call_missing").label("why"))
        .where(visible(votes, year), in_period(V.voted_at, year), in_units(V.unit_id, year), ~ROLL_CALL),
        select(literal("petitions_on_time").label("indicator"), petition.responded_on.label("day"),
               (petition.number + literal(" · ") + petition.title).label("what"), literal("answered_late").label("why"))
        .where(*petition_queries.chosen(year), petition_queries.TIMED, ~petition_queries.ON_TIME),
        select(literal("consultation_results").label("indicator"), consultation_queries.C.ended_on.label("day"),
               consultation_queries.C.title.label("what"), literal("results_awaited").label("why"))
        .where(*consultation_queries.chosen(year, "awaiting")),
        select(literal("open_procurement").label("indicator"), P.published_on.label("day"),
               (P.tender_id + literal(" · ") + func.coalesce(P.title, "")).label("what"),
               literal("not_competitive").label("why"))
        .where(*procurement_chosen(year), ~is_competitive_sql(P.method), P.expected_value > 0),
        select(literal("decisions_on_time").label("indicator"), D.adopted_on.label("day"),
               (D.number + literal(" · ") + D.title).label("what"),
               case((D.published_on.is_(None), "not_published"), else_="published_late").label("why"))
        .select_from(DECISIONS_DAYS)
        .where(visible(decisions, year), in_period(D.adopted_on, year), in_units(D.unit_id, year),
               known_sql(D.published_on, DECISION_DAYS),
               ~decision_on_time_sql(D.adopted_on, D.published_on, DECISION_DAYS)),
    ]
    if limit is not None:  # each part's first rows as the frame sorts them below (byte order): a few hundred, not 69,000
        binary = "C" if engine.dialect.name == "postgresql" else "BINARY"
        parts = [part.order_by(part.selected_columns.day, part.selected_columns.what.collate(binary)).limit(limit)
                 for part in parts]
    sessions = (plenary_streams(engine, year).filter(~pl.col("streamed")) if _streams_loaded(engine, year)
                else pl.DataFrame(schema={"held_on": pl.Date, "name": pl.String}))
    frames = [fetch(engine, part) for part in parts] + [pl.DataFrame(
        {"indicator": "sessions_streamed", "day": sessions["held_on"], "what": sessions["name"], "why": "not_streamed"},
        schema={"indicator": pl.String, "day": pl.Date, "what": pl.String, "why": pl.String})]
    order = {key: n for n, key in enumerate(INDICATORS)}
    return (pl.concat(frames, how="vertical_relaxed")
            .sort(pl.col("indicator").replace_strict(order, return_dtype=pl.Int64), "day", "what")
            .slice(0, limit))


DATASETS = (
    Dataset("scorecard", scorecard, "report", "The openness scorecard: per indicator the year's numerator, "
            "denominator and share, and the share the year before.",
            columns=(Field("indicator", "scorecard_col_indicator", labels="scorecard_indicator_"),
                     Field("numerator", "scorecard_col_numerator"), Field("denominator", "scorecard_col_denominator"),
                     Field("share", "scorecard_col_share", "share"),
                     Field("previous_share", "scorecard_col_previous", "share"))),
    Dataset("scorecard_lowering", lowering, "report", "The year's rows that lower the scorecard: votes without a "
            "published roll call, sessions not streamed, decisions published late.",
            columns=(Field("indicator", "scorecard_col_indicator", labels="scorecard_indicator_"),
                     Field("day", "scorecard_col_day", "date"), Field("what", "scorecard_col_what", width="large", vocabulary="sessions"),  # a session in the page's language
                     Field("why", "scorecard_col_why", labels="scorecard_why_"))),
)
