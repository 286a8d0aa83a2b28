"""The overview's KPIs, counted in the database: every figure for every year in one UNION ALL query.

Each KPI family contributes selects of (kpi, year, era, amount) over its source table: the amount counted in
that year (for cumulative KPIs, the year's increment). A year appears when the source holds any visible row in
it, so a year without a row has no data, while a unit with nothing that year honestly shows 0. The unit filter
applies only to KPIs a unit owns (`Kpi.by_unit`); it goes inside the sum, not the WHERE, so it never turns "0"
into "no data". Cumulative KPIs are summed up in Polars over that small frame, within the era: the convocation
in force, or 0 for "since the source began".

No select reads a row after the period, and none computes a row's year (at 100x on PostgreSQL a per-row EXTRACT
was three quarters of a count: procedures of 2017, 19 ms against 4): a row falls in one of the period's years, or
(cumulative KPIs) in one bucket of everything before them, by comparing its day with each year's first day, read
from the covering indexes of revision 0005 (an index-only scan on PostgreSQL); the outlets covering a year are
probes, an outlet and a year each. Cumulative sources were read whole before, every row of every year fetched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import polars as pl
from sqlalchemy import (
    Date,
    DateTime,
    Float,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement, CompoundSelect, Select

from dashboard.filters import Filters
from dashboard.metrics.overview import BY_KEY, CARD_DECIMALS, KPIS
from dashboard.schema import (
    broadcasts,
    consultations,
    convocations,
    decisions,
    media_mentions,
    outlets,
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
from queries.common import fetch, in_units, visible, year_ends
from queries.consultations import ONLINE
from queries.datasets import Dataset
from queries.shapes import Field

EVENT_KINDS = {"press_conferences": "press_conference", "guest_in_studio": "guest_in_studio",
               "foreign_journalists": "foreign_journalists"}


def _new_year(year: int, day) -> ColumnElement:
    """The first moment of `year`, typed as `day` (a date, or a timestamp for the streams), written into the SQL: bound,
    the buckets' few hundred values cost a call on SQLite at city scale about a millisecond."""
    moment = dt.datetime(year, 1, 1) if isinstance(day.type, DateTime) else dt.date(year, 1, 1)
    return literal_column(f"'{moment}'", day.type)


def _year_of(day, years: range) -> ColumnElement:
    """The year of `day` among `years` (a row before them falls in the first, one after them is left out by the
    WHERE), halving the years at each comparison: n years ask about log2(n) comparisons of a row, not up to n."""
    def halving(years: range) -> ColumnElement:
        if len(years) == 1:
            return literal_column(str(years[0]), Integer)
        half = len(years) // 2
        return case((day < _new_year(years[half], day), halving(years[:half])), else_=halving(years[half:]))

    if len(years) == 1:  # a bare number would be read by GROUP BY as a column's position
        return case((day < _new_year(years[0] + 1, day), halving(years)))
    return halving(years)


def _unit_count(kpi: str, table, condition: ColumnElement, filters: Filters) -> ColumnElement:
    """Rows matching `condition`, and the unit filter when the KPI belongs to units."""
    owned = in_units(table.c.unit_id, filters) if BY_KEY[kpi].by_unit else true()
    return func.sum(case((and_(condition, owned), 1), else_=0))


def _convocation_number(table) -> ColumnElement:
    """The number of the convocation a row's `convocation_id` names: looked up once per group, not joined per row."""
    return select(convocations.c.number).where(convocations.c.id == table.c.convocation_id).scalar_subquery()


def _per_year(kpi: str, day, amount: ColumnElement, table, filters: Filters, by_convocation: bool = False,
              where: ColumnElement | None = None) -> Select:
    """(kpi, year, era, amount) per year of the period, over the visible rows of `table` up to the period's end.

    The year is found by comparing `day` with each year's first day; a cumulative KPI also counts every row before
    the period, in the year before it (`kpi_values` sums it up and drops that year). `by_convocation`: the era is
    the number of the row's convocation (rows without one are left out), else 0.
    """
    first, last = filters.date_from.year, filters.date_to.year
    cumulative = BY_KEY[kpi].cumulative
    year = _year_of(day, range(first - 1 if cumulative else first, last + 1)).label("year")
    era = _convocation_number(table) if by_convocation else literal_column("0", Integer)
    groups = [year, table.c.convocation_id] if by_convocation else [year]
    return (select(literal(kpi, String).label("kpi"), year, era.label("era"), cast(amount, Float).label("amount"))
            .select_from(table)
            .where(visible(table, filters), true() if cumulative else day >= _new_year(first, day),
                   day < _new_year(last + 1, day), table.c.convocation_id.is_not(None) if by_convocation else true(),
                   true() if where is None else where)
            .group_by(*groups))


def _events(filters: Filters) -> list[Select]:
    """Press conferences, «Гість в студії», meetings with foreign journalists: public events by kind."""
    return [_per_year(kpi, public_events.c.held_on,
                      _unit_count(kpi, public_events, public_events.c.kind == kind, filters),
                      public_events, filters)
            for kpi, kind in EVENT_KINDS.items()]


def _media(filters: Filters) -> list[Select]:
    """Outlets with a mention in the year: a probe per outlet and year down the (outlet_id, published_on) index, where a
    count of distinct outlets read every mention of the years (at 100x, 2017: 45 ms against 0.5; 2015-2020 as the
    overview asks, 392 ms against 1.5)."""
    mentions = media_mentions.c
    years = union_all(*(select(literal(year, Integer).label("year"), literal(dt.date(year, 1, 1), Date).label("starts"),
                               literal(dt.date(year + 1, 1, 1), Date).label("ends"))
                        for year in range(filters.date_from.year, filters.date_to.year + 1))).subquery("years")

    def mentioned(condition: ColumnElement) -> ColumnElement:
        return (select(mentions.id).where(mentions.outlet_id == outlets.c.id, mentions.published_on >= years.c.starts,
                                          mentions.published_on < years.c.ends, visible(media_mentions, filters),
                                          condition).exists())

    any_mention = (select(mentions.id).where(mentions.published_on >= years.c.starts, mentions.published_on < years.c.ends,
                                             visible(media_mentions, filters)).exists())  # a year's outlets probed
    owned = func.sum(case((mentioned(in_units(mentions.unit_id, filters)), 1), else_=0))
    return [select(literal("outlets_covering", String).label("kpi"), years.c.year,
                   literal_column("0", Integer).label("era"), cast(owned, Float).label("amount"))
            .select_from(years.join(outlets, true())).where(any_mention, mentioned(true())).group_by(years.c.year)]


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
    # A session counts when it has a vote this audience sees: a probe per session down the votes' session index,
    # not a distinct count over every vote (at 100x 283,000 votes, 0.40 s).
    with_vote = select(votes.c.id).where(votes.c.session_id == plenary_sessions.c.id, visible(votes, filters)).exists()
    return [
        _per_year("plenary_sessions", plenary_sessions.c.held_on, func.count(), plenary_sessions, filters,
                  by_convocation=True, where=with_vote),
        _per_year("decisions", decisions.c.adopted_on, _unit_count("decisions", decisions, true(), filters),
                  decisions, filters, by_convocation=True),
    ]


def _consultations(filters: Filters) -> list[Select]:
    """Public consultations with an online poll that started in the year: the consultations page's condition."""
    amount = _unit_count("consultations_online", consultations, ONLINE, filters)
    return [_per_year("consultations_online", consultations.c.started_on, amount, consultations, filters)]


FAMILIES = (_events, _media, _website, _streams, _procurement, _petitions, _council, _consultations)


LONG = 25
"""Years: a longer period (all time, 1991-2100) is first cut to the years the sources hold, so that the statement has
a few year buckets, not 110 (on SQLite at city scale, building and compiling those took 170 ms)."""
DAYS = (public_events.c.held_on, media_mentions.c.published_on, site_traffic_daily.c.day, broadcasts.c.started_at,
        procurements.c.published_on, petitions.c.submitted_on, petitions.c.responded_on, plenary_sessions.c.held_on,
        decisions.c.adopted_on, consultations.c.started_on)
"""Every column whose year a KPI counts by (petitions considered: the answer's, else the submission's)."""


def _held(engine: Engine, filters: Filters) -> Filters | None:
    """The period cut to the years from the first to the last day any source holds (every audience's rows: a bound);
    None when it holds none."""
    ends = union_all(*(select(*year_ends(day)) for day in DAYS)).subquery()
    first, last = fetch(engine, select(func.min(ends.c.first).label("first"), func.max(ends.c.last).label("last"))).row(0)
    if first is None or first > filters.date_to.year or last < filters.date_from.year:
        return None
    return dataclasses.replace(filters, date_from=max(filters.date_from, dt.date(first, 1, 1)),
                               date_to=min(filters.date_to, dt.date(last, 12, 31)))


@functools.lru_cache(maxsize=64)
def _every_kpi(filters: Filters) -> CompoundSelect:
    """The one statement of every KPI for these filters, built once for them: on SQLite at city scale building it
    was a third of a call (4 ms of 12 for 2015-2020)."""
    return union_all(*(stmt for family in FAMILIES for stmt in family(filters)))


def kpi_values(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Every KPI for every calendar year the filter's period touches: year, kpi, value.

    A (year, kpi) without a row has no data. Cumulative KPIs run to each year's end; the period's
    months do not cut a year short (the overview works in calendar years).
    """
    first, last = filters.date_from.year, filters.date_to.year
    held = _held(engine, filters) if last - first >= LONG else filters
    if held is None:
        return pl.DataFrame(schema={"year": pl.Int64, "kpi": pl.String, "value": pl.Float64})
    rows = fetch(engine, _every_kpi(held))
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
