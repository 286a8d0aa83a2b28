"""The overview's KPIs, counted in the database: every figure for every year in one UNION ALL query.

Each KPI family contributes selects of (kpi, year, era, amount) grouped by year over its source table:
the amount counted in that year (for cumulative KPIs, the year's increment). A year appears when the
source holds any visible row in it, so a year without a row has no data, while a unit with nothing
that year honestly shows 0. The unit filter applies only to KPIs a unit owns (`Kpi.by_unit`); it
goes inside the sum, not the WHERE, so it never turns "0" into "no data". Cumulative KPIs are summed
up in Polars over that small frame, within the era: the convocation in force, or 0 for "since the
source began". Cumulative selects span every year and the period's years are kept afterwards (they
need the earlier years anyway; a bound on the date would only make SQLite walk the date index over
nearly every row); yearly selects read the period's calendar years alone, an index range on PostgreSQL
at 100x where a scan of every year's rows cost 0.9 s (bench/peers.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl
from sqlalchemy import (
    Float,
    Integer,
    String,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement, Select

from dashboard.filters import Filters
from dashboard.metrics.overview import BY_KEY, CARD_DECIMALS, KPIS
from dashboard.schema import (
    broadcasts,
    consultations,
    convocations,
    decisions,
    media_mentions,
    petitions,
    plenary_sessions,
    procurements,
    public_events,
    site_traffic_daily,
    votes,
)
from dashboard.schema import (
    kpi_targets as targets_table,
)
from queries import media
from queries.common import fetch, in_units, visible
from queries.consultations import ONLINE
from queries.datasets import Dataset
from queries.shapes import Field

EVENT_KINDS = {"press_conferences": "press_conference", "guest_in_studio": "guest_in_studio",
               "foreign_journalists": "foreign_journalists"}


def _year(column) -> ColumnElement:
    return cast(extract("year", column), Integer)


def _unit_count(kpi: str, table, condition: ColumnElement, filters: Filters) -> ColumnElement:
    """Rows matching `condition`, and the unit filter when the KPI belongs to units."""
    owned = in_units(table.c.unit_id, filters) if BY_KEY[kpi].by_unit else true()
    return func.sum(case((and_(condition, owned), 1), else_=0))


def _in_years(day, filters: Filters) -> ColumnElement:
    """`day` within the calendar years the period touches: all a yearly KPI counts."""
    return and_(day >= dt.date(filters.date_from.year, 1, 1), day < dt.date(filters.date_to.year + 1, 1, 1))


def _per_year(kpi: str, day, amount: ColumnElement, table, filters: Filters,
              era=None, joined=None, where: ColumnElement | None = None) -> Select:
    """(kpi, year, era, amount) grouped by the year of `day`, over the visible rows of `table`.

    `era` is the convocation's number for KPIs counted over a convocation, else 0. A KPI counted per year
    (not cumulative) reads only the period's years: on PostgreSQL at 100x an index range over one year of a
    source instead of every year's rows (mentions 0.50 s -> 0.09 s, procedures 0.40 s -> 0.04 s).
    """
    year = _year(day).label("year")
    groups = [year] if era is None else [year, era]
    stmt = select(literal(kpi, String).label("kpi"), year,
                  (literal_column("0", Integer) if era is None else era).label("era"),
                  cast(amount, Float).label("amount"))
    yearly = _in_years(day, filters) if BY_KEY[kpi].basis == "year" else true()
    return (stmt.select_from(joined if joined is not None else table)
            .where(visible(table, filters), yearly, true() if where is None else where)
            .group_by(*groups))


def _events(filters: Filters) -> list[Select]:
    """Press conferences, «Гість в студії», meetings with foreign journalists: public events by kind."""
    return [_per_year(kpi, public_events.c.held_on,
                      _unit_count(kpi, public_events, public_events.c.kind == kind, filters),
                      public_events, filters)
            for kpi, kind in EVENT_KINDS.items()]


def _media(filters: Filters) -> list[Select]:
    """Distinct outlets with at least one mention in the year."""
    owned = in_units(media_mentions.c.unit_id, filters)
    amount = func.count(func.distinct(case((owned, media_mentions.c.outlet_id))))
    return [_per_year("outlets_covering", media_mentions.c.published_on, amount, media_mentions, filters)]


def _website(filters: Filters) -> list[Select]:
    """Average daily visitors over the days with data (unique visitors never add up across days)."""
    return [_per_year("website_daily_visitors", site_traffic_daily.c.day, func.avg(site_traffic_daily.c.visitors),
                      site_traffic_daily, filters)]


def _streams(filters: Filters) -> list[Select]:
    """Live streams and their views, counted per year and summed up since streaming began."""
    day = broadcasts.c.started_at
    return [_per_year("live_streams", day, func.count(), broadcasts, filters),
            _per_year("live_stream_views", day, func.coalesce(func.sum(broadcasts.c.views), 0), broadcasts,
                      filters)]


def _procurement(filters: Filters) -> list[Select]:
    """ProZorro procedures published in the year."""
    return [_per_year("procurements", procurements.c.published_on, _unit_count("procurements", procurements, true(), filters),
                      procurements, filters)]


def _petitions(filters: Filters) -> list[Select]:
    """Petitions submitted, and those that reached the threshold and were answered, per year.

    An answered petition counts in the year of its answer; the source's other rows keep the years
    in which petitions were submitted covered.
    """
    answered = and_(petitions.c.threshold_reached_on.is_not(None), petitions.c.responded_on.is_not(None))
    return [
        _per_year("petitions_submitted", petitions.c.submitted_on,
                  _unit_count("petitions_submitted", petitions, true(), filters), petitions, filters),
        _per_year("petitions_considered", func.coalesce(petitions.c.responded_on, petitions.c.submitted_on),
                  _unit_count("petitions_considered", petitions, answered, filters), petitions, filters),
    ]


def _council(filters: Filters) -> list[Select]:
    """Plenary sessions with a published vote, and decisions adopted, per year and convocation."""
    sessions = plenary_sessions.join(convocations, plenary_sessions.c.convocation_id == convocations.c.id)
    # A session counts when it has a vote this audience sees: a probe per session down the votes' session index,
    # not a distinct count over every vote (at 100x 283,000 votes, 0.40 s).
    with_vote = select(votes.c.id).where(votes.c.session_id == plenary_sessions.c.id, visible(votes, filters)).exists()
    adopted = decisions.join(convocations, decisions.c.convocation_id == convocations.c.id)
    return [
        _per_year("plenary_sessions", plenary_sessions.c.held_on, func.count(), plenary_sessions, filters,
                  era=convocations.c.number, joined=sessions, where=with_vote),
        _per_year("decisions", decisions.c.adopted_on, _unit_count("decisions", decisions, true(), filters),
                  decisions, filters, era=convocations.c.number, joined=adopted),
    ]


def _consultations(filters: Filters) -> list[Select]:
    """Public consultations with an online poll that started in the year: the consultations page's condition."""
    amount = _unit_count("consultations_online", consultations, ONLINE, filters)
    return [_per_year("consultations_online", consultations.c.started_on, amount, consultations, filters)]


FAMILIES = (_events, _media, _website, _streams, _procurement, _petitions, _council, _consultations)


def kpi_values(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Every KPI for every calendar year the filter's period touches: year, kpi, value.

    A (year, kpi) without a row has no data. Cumulative KPIs run to each year's end; the period's
    months do not cut a year short (the overview works in calendar years).
    """
    first, last = filters.date_from.year, filters.date_to.year
    rows = fetch(engine, union_all(*(stmt for family in FAMILIES for stmt in family(filters))))
    cumulative = [kpi.key for kpi in KPIS if kpi.cumulative]
    yearly = rows.filter(~pl.col("kpi").is_in(cumulative)).select("year", "kpi", value=pl.col("amount"))
    running = (
        rows.filter(pl.col("kpi").is_in(cumulative))
        .sort("kpi", "era", "year")
        .with_columns(pl.col("amount").cum_sum().over("kpi", "era"))
        .group_by("kpi", "year")
        .agg(value=pl.col("amount").sort_by("era").last())  # the latest era: the convocation in force
        .select("year", "kpi", "value")
    )
    return (pl.concat([yearly, running])
            .filter(pl.col("year").is_between(first, last))
            .with_columns(pl.col("value").round(1))  # only averages have fractions; a tenth is enough
            .sort("year", "kpi"))


def kpi_targets(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Targets (year, kpi, target) for the years of the period.

    Without a unit filter, or for a council-wide KPI, the council's target (unit empty); for a
    unit-owned KPI under a unit filter, the sum of the chosen units' targets where they have one.
    """
    stmt = (select(targets_table.c.year, targets_table.c.kpi, targets_table.c.unit_id, targets_table.c.target)
            .where(targets_table.c.year.between(filters.date_from.year, filters.date_to.year),
                   targets_table.c.unit_id.is_(None) | in_units(targets_table.c.unit_id, filters)))
    unit_owned = pl.col("kpi").is_in([kpi.key for kpi in KPIS if kpi.by_unit]) & bool(filters.units)
    return (fetch(engine, stmt)
            .filter(pl.col("unit_id").is_null() != unit_owned)
            .group_by("year", "kpi").agg(target=pl.col("target").sum())
            .sort("year", "kpi"))


def outlets_by_kind(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Distinct outlets that covered the council in the period, by outlet kind: kind, outlets. Counted from
    the media page's own `media_outlets` rows, so the card and the page cannot disagree."""
    return (media.by_outlet(engine, filters).group_by("kind").agg(outlets=pl.len().cast(pl.Int64))
            .sort(["outlets", "kind"], descending=[True, False]))


def kpi_table(engine: Engine, filters: Filters) -> pl.DataFrame:
    """The overview's KPIs with their targets: year, kpi, unit, value, target.

    `unit` holds the chosen unit codes for a unit-owned KPI under a unit filter, and is empty where
    the figure is the whole council's.
    """
    values = kpi_values(engine, filters)
    targets = kpi_targets(engine, filters)
    codes = ",".join(sorted(filters.units))
    by_unit = [kpi.key for kpi in KPIS if kpi.by_unit]
    order = {kpi.key: i for i, kpi in enumerate(KPIS)}
    return (values.join(targets, on=["year", "kpi"], how="left")
            .with_columns(unit=pl.when(pl.col("kpi").is_in(by_unit) & pl.lit(bool(codes))).then(pl.lit(codes)),
                          order=pl.col("kpi").replace_strict(order, return_dtype=pl.Int64))
            .sort("year", "order")
            .select("year", "kpi", "unit", "value", "target"))


def over_years(filters: Filters, first: int, last: int) -> Filters:
    """The same units and audience over whole calendar years: a card's year, or the trend's span."""
    return dataclasses.replace(filters, date_from=dt.date(first, 1, 1), date_to=dt.date(last, 12, 31))


DATASETS = (
    Dataset("kpi", kpi_table, "overview", "The overview's KPIs per year: year, kpi, unit (chosen unit codes; "
            "empty = whole council), value, target.",
            columns=(Field("year", "period_year", "year"), Field("kpi", "overview_column_name", labels="kpi_"),
                     Field("unit", "overview_column_unit", "unit", missing="overview_whole_council"),
                     Field("value", "overview_column_value", value=pl.col("value").round(CARD_DECIMALS)),
                     Field("target", "overview_column_target"))),
)
