"""Website and live streams: the site's daily traffic and its period summary, pages and units, channels and
devices, the weekday rhythm, the broadcasts, and which plenary sessions were streamed.

Rules:
- Unique visitors never add up across days: "visitors a day" is the mean of the daily counts over the days
  with data; visits and pageviews add up. Bounce and visit length are visit-weighted means of the days.
- Site totals, channels and devices belong to the whole site: the unit filter narrows pages (by the unit of
  their path) and broadcasts, never them.
- Pages, channels and devices read the monthly summaries for the whole months inside the period and the daily
  rows of the partial months at its edges (`monthly_rows`, one helper): at 100 times the city a year of
  page-days is millions of rows. A month that came only as a whole-month export has no days to cut, so a
  period that starts or ends inside it misses it.
- Broadcasts are picked by the day they started, the kind narrows them; cumulative figures count every
  broadcast since streaming began up to each month's end, whatever the period's start (the report's
  "so far"). A plenary session was streamed when a visible plenary broadcast started on its day, whatever
  the unit and kind filters.
Rows carry codes and keys, never labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl
from sqlalchemy import BigInteger, Date, Float, Integer, String, case, cast, func, literal, or_, select, true, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from dashboard.db import day_of, month_start
from dashboard.filters import Filters
from dashboard.metrics.common import share_expr, share_sql
from dashboard.metrics.website import month_parts, previous_periods
from dashboard.schema import (
    TRAFFIC_SUMMARIES,
    broadcasts,
    plenary_sessions,
    site_pages,
    site_traffic_daily,
)
from queries.common import fetch, in_period, in_units, own_unit, unit_code, visible
from queries.datasets import Dataset
from queries.shapes import Field

S, P, B = site_traffic_daily.c, site_pages.c, broadcasts.c
AVERAGE_DAYS = 7


def _weighted(rate, weight) -> ColumnElement:
    """A daily rate's mean over the days, each day weighted by its visits (days without the rate left out)."""
    return share_sql(func.sum(rate * weight), func.sum(case((rate.is_not(None), weight), else_=0)))


def _iso_weekday(day, dialect: str) -> ColumnElement:
    """1 for Monday to 7 for Sunday."""
    if dialect == "sqlite":
        return (cast(func.strftime("%w", day), Integer) + 6) % 7 + 1
    return cast(func.extract("isodow", day), Integer)


def monthly_rows(engine: Engine, summary: str, filters: Filters):
    """The rows of a summary (`pages`, `channels`, `devices`) for the period, as a subquery of (month, key,
    measure): the monthly rows of the whole months inside it and the daily rows of its partial edge months,
    each counted under its month. Its sums per key or month equal those of the daily rows of the period."""
    daily, monthly, key, measure = TRAFFIC_SUMMARIES[summary]
    whole, edges = month_parts(filters.date_from, filters.date_to)
    parts = [select(monthly.c.month, monthly.c[key], monthly.c[measure]).where(monthly.c.month.between(*whole))
             ] if whole else []
    if edges:
        parts.append(select(month_start(daily.c.day, engine.dialect.name).label("month"), daily.c[key],
                            daily.c[measure]).where(or_(*(daily.c.day.between(*edge) for edge in edges))))
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()


# --- The site -------------------------------------------------------------------------------------

def daily(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per day with data: visitors, visits, pageviews and the mean visitors of the last seven days with data
    (the six before the period's first day count for its first days)."""
    lead = dataclasses.replace(filters, date_from=filters.date_from - dt.timedelta(days=AVERAGE_DAYS - 1))
    average = func.avg(S.visitors).over(order_by=S.day, rows=(-(AVERAGE_DAYS - 1), 0))
    inner = (select(S.day, S.visitors, S.visits, S.pageviews, cast(average, Float).label("visitors_7d"))
             .where(in_period(S.day, lead)).subquery())
    stmt = select(*inner.c).where(inner.c.day >= filters.date_from).order_by(inner.c.day)
    return fetch(engine, stmt)


def _totals(name: str, period: tuple[dt.date, dt.date]):
    return (select(literal(name, String).label("period"), literal(period[0], Date).label("date_from"),
                   literal(period[1], Date).label("date_to"), func.count().label("days"),
                   cast(func.avg(S.visitors), Float).label("visitors_a_day"),
                   func.sum(S.visits).label("visits"),
                   func.coalesce(func.sum(S.pageviews), 0).label("pageviews"),
                   _weighted(S.bounce_rate, S.visits).label("bounce_rate"),
                   _weighted(S.avg_visit_seconds, S.visits).label("avg_visit_seconds"))
            .where(S.day.between(*period)))


def summary(engine: Engine, filters: Filters) -> pl.DataFrame:
    """The period (`current`), the one of the same length before it (`previous`) and the same dates a year
    earlier (`year_before`): dates, days with data, visitors a day, visits, pageviews, bounce rate and visit
    length; then the current period's change against each (a share for counts, points for the bounce rate)."""
    periods = {"current": (filters.date_from, filters.date_to), **previous_periods(filters.date_from, filters.date_to)}
    frame = fetch(engine, union_all(*(_totals(name, period) for name, period in periods.items())))
    frame = frame.sort(pl.col("period").replace_strict({name: i for i, name in enumerate(periods)}))
    now = frame.row(0, named=True)
    nothing = pl.lit(None, dtype=pl.Float64)

    def change(column: str) -> pl.Expr:
        return pl.when(pl.col("period") == "current").then(nothing).otherwise(
            share_expr(pl.lit(now[column], dtype=pl.Float64) - pl.col(column), pl.col(column)))

    return frame.with_columns(
        change_visitors_a_day=change("visitors_a_day"), change_visits=change("visits"),
        change_pageviews=change("pageviews"),
        change_bounce_rate=pl.when(pl.col("period") == "current").then(nothing)
        .otherwise(pl.lit(now["bounce_rate"], dtype=pl.Float64) - pl.col("bounce_rate")))


def weekdays(engine: Engine, filters: Filters) -> pl.DataFrame:
    """The weekly rhythm: per month (its first day) and weekday (1 Monday … 7 Sunday), the days with data and
    their mean visitors."""
    dialect = engine.dialect.name
    month, weekday = month_start(S.day, dialect).label("month"), _iso_weekday(S.day, dialect).label("weekday")
    stmt = (select(month, weekday, func.count().label("days"), cast(func.avg(S.visitors), Float).label("visitors"))
            .where(in_period(S.day, filters)).group_by(month, weekday).order_by(month, weekday))
    return fetch(engine, stmt)


# --- Pages and units ------------------------------------------------------------------------------

def _page_views(engine: Engine, filters: Filters):
    """Pageviews per page of the chosen units in the period (the monthly summaries and edge days)."""
    rows = monthly_rows(engine, "pages", filters)
    return (select(rows.c.page_id, func.sum(rows.c.pageviews).label("pageviews"))
            .select_from(rows.join(site_pages, P.id == rows.c.page_id))
            .where(in_units(P.unit_id, filters)).group_by(rows.c.page_id).subquery())


def top_pages(engine: Engine, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """Pages with most views first (a department head's own units' pages first): path, title, unit, pageviews
    and their share of all the chosen pages' views."""
    views = _page_views(engine, filters)
    own = own_unit(P.unit_id, filters)
    stmt = (select(P.id.label("page_id"), P.path, P.title, unit_code(P.unit_id).label("unit"), views.c.pageviews,
                   share_sql(views.c.pageviews, func.sum(views.c.pageviews).over()).label("share"))
            .select_from(views.join(site_pages, P.id == views.c.page_id))
            .order_by(own.desc(), views.c.pageviews.desc(), P.path).limit(limit))
    return fetch(engine, stmt)


def by_unit(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per unit (its code; empty: pages no path rule covers), a department head's own first, then most views:
    pages viewed, pageviews and their share of all."""
    views = _page_views(engine, filters)
    code = unit_code(P.unit_id).label("unit")
    stmt = (select(code, func.max(own_unit(P.unit_id, filters)).label("own"), func.count().label("pages"),
                   cast(func.sum(views.c.pageviews), BigInteger).label("pageviews"),
                   share_sql(func.sum(views.c.pageviews), func.sum(func.sum(views.c.pageviews)).over()).label("share"))
            .select_from(views.join(site_pages, P.id == views.c.page_id)).group_by(code))
    frame = fetch(engine, stmt)
    return frame.sort(["own", "pageviews", "unit"], descending=[True, True, False], nulls_last=True).drop("own")


# --- Channels and devices -------------------------------------------------------------------------

def _by_month(engine: Engine, summary: str, filters: Filters, chosen: str | None) -> pl.DataFrame:
    """Visits per month and key with the key's share of the month's visits; `chosen` keeps one key's rows."""
    rows = monthly_rows(engine, summary, filters)
    key = rows.c[TRAFFIC_SUMMARIES[summary][2]]
    visits = func.sum(rows.c.visits)
    inner = (select(rows.c.month, key, visits.label("visits"),
                    share_sql(visits, func.sum(visits).over(partition_by=rows.c.month)).label("share"))
             .group_by(rows.c.month, key).subquery())
    stmt = (select(*inner.c).where(inner.c[key.name] == chosen if chosen else true())
            .order_by(inner.c.month, inner.c[key.name]))
    return fetch(engine, stmt)


def _totals_by_key(engine: Engine, summary: str, filters: Filters, chosen: str | None) -> pl.DataFrame:
    """Visits per key in the period with its share of all visits, most first; `chosen` keeps one key's row."""
    rows = monthly_rows(engine, summary, filters)
    key = rows.c[TRAFFIC_SUMMARIES[summary][2]]
    visits = func.sum(rows.c.visits)
    inner = (select(key, visits.label("visits"), share_sql(visits, func.sum(visits).over()).label("share"))
             .group_by(key).subquery())
    stmt = (select(*inner.c).where(inner.c[key.name] == chosen if chosen else true())
            .order_by(inner.c.visits.desc(), inner.c[key.name]))
    return fetch(engine, stmt)


def channels_by_month(engine: Engine, filters: Filters, channel: str | None = None) -> pl.DataFrame:
    """Per month (its first day) and channel: visits and the channel's share of the month's visits."""
    return _by_month(engine, "channels", filters, channel)


def channels(engine: Engine, filters: Filters, channel: str | None = None) -> pl.DataFrame:
    """Per channel: visits in the period and the share of all visits."""
    return _totals_by_key(engine, "channels", filters, channel)


def devices_by_month(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per month (its first day) and device: visits and the device's share of the month's visits."""
    return _by_month(engine, "devices", filters, None)


def devices(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per device: visits in the period and the share of all visits."""
    return _totals_by_key(engine, "devices", filters, None)


# --- Broadcasts -----------------------------------------------------------------------------------

def chosen_broadcasts(filters: Filters, kind: str | None = None) -> list[ColumnElement]:
    """Every broadcast condition but the period: audience, units, kind."""
    return [visible(broadcasts, filters), in_units(B.unit_id, filters), B.kind == kind if kind else true()]


def broadcasts_by_month(engine: Engine, filters: Filters, kind: str | None = None) -> pl.DataFrame:
    """Per month (its first day) and kind: broadcasts started and their views."""
    month = month_start(B.started_at, engine.dialect.name).label("month")
    stmt = (select(month, B.kind, func.count().label("broadcasts"), func.sum(B.views).label("views"))
            .where(in_period(B.started_at, filters), *chosen_broadcasts(filters, kind))
            .group_by(month, B.kind).order_by(month, B.kind))
    return fetch(engine, stmt)


def broadcast_kinds(engine: Engine, filters: Filters, kind: str | None = None) -> pl.DataFrame:
    """Per kind, most views first: broadcasts, views, views per broadcast (to a tenth), the kind's share of all
    views, and YouTube Studio's split of the streams that have one: views live, on demand, and the live share."""
    views = func.sum(B.views)
    live = func.sum(B.live_views)
    split = func.sum(case((B.live_views.is_not(None), B.views), else_=0))
    stmt = (select(B.kind, func.count().label("broadcasts"), views.label("views"),
                   share_sql(views, func.count()).label("views_per_broadcast"),
                   share_sql(views, func.sum(views).over()).label("share"),
                   live.label("live_views"), (split - live).label("on_demand_views"),
                   share_sql(live, split).label("share_live"))
            .where(in_period(B.started_at, filters), *chosen_broadcasts(filters, kind))
            .group_by(B.kind).order_by(views.desc(), B.kind))
    return fetch(engine, stmt).with_columns(pl.col("views_per_broadcast").round(1))  # a tenth is enough


def top_broadcasts(engine: Engine, filters: Filters, limit: int | None = None, kind: str | None = None) -> pl.DataFrame:
    """The most watched broadcasts first: start, kind, title, platform, link, views (and of them live), unit."""
    stmt = (select(B.id.label("broadcast_id"), B.started_at, B.kind, B.title, B.platform, B.url, B.views,
                   B.live_views, unit_code(B.unit_id).label("unit"))
            .where(in_period(B.started_at, filters), *chosen_broadcasts(filters, kind))
            .order_by(B.views.desc(), B.started_at.desc(), B.id).limit(limit))
    return fetch(engine, stmt)


def broadcasts_cumulative(engine: Engine, filters: Filters, kind: str | None = None) -> pl.DataFrame:
    """Per month of the period with broadcasts: that month's broadcasts and views, and the running totals since
    streaming began to the month's end."""
    month = month_start(B.started_at, engine.dialect.name).label("month")
    upto = dataclasses.replace(filters, date_from=dt.date(1900, 1, 1))
    inner = (select(month, func.count().label("broadcasts"), func.sum(B.views).label("views"))
             .where(in_period(B.started_at, upto), *chosen_broadcasts(filters, kind)).group_by(month).subquery())
    c = inner.c
    stmt = (select(c.month, c.broadcasts, c.views,
                   cast(func.sum(c.broadcasts).over(order_by=c.month), BigInteger).label("broadcasts_so_far"),
                   cast(func.sum(c.views).over(order_by=c.month), BigInteger).label("views_so_far"))
            .order_by(c.month))
    frame = fetch(engine, stmt)
    return frame.filter(pl.col("month") >= filters.date_from.replace(day=1))


def plenary_streams(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Every plenary session of the period, newest first, with the visible plenary broadcasts of its day and
    their views; `streamed` false is a session nobody could watch."""
    streams = (select(func.count()).where(visible(broadcasts, filters), B.kind == "plenary",
                                          day_of(B.started_at, engine.dialect.name) == plenary_sessions.c.held_on))
    views = streams.with_only_columns(func.coalesce(func.sum(B.views), 0))
    stmt = (select(plenary_sessions.c.id.label("session_id"), plenary_sessions.c.held_on, plenary_sessions.c.name,
                   streams.scalar_subquery().label("broadcasts"), views.scalar_subquery().label("views"))
            .where(in_period(plenary_sessions.c.held_on, filters))
            .order_by(plenary_sessions.c.held_on.desc(), plenary_sessions.c.id.desc()))
    frame = fetch(engine, stmt)
    return frame.insert_column(3, (pl.col("broadcasts") > 0).alias("streamed"))


MONTH = Field("month", "col_month", "month")
SHARE = Field("share", "website_col_share", "share")
VISITS = Field("visits", "website_col_visits")
CHANNEL = Field("channel", "website_col_channel", vocabulary="traffic_channels")
DEVICE = Field("device", "website_col_device", vocabulary="traffic_devices")
KIND = Field("kind", "website_col_kind", vocabulary="broadcast_kinds")
STREAMS = (Field("broadcasts", "website_col_broadcasts"), Field("views", "website_col_views"))
CHANGES = tuple(Field(f"change_{name}", f"col_change_{name}", "share")
                for name in ("visitors_a_day", "visits", "pageviews", "bounce_rate"))

DATASETS = (
    Dataset("website_daily", daily, "website", "Per day: unique visitors, visits, pageviews and the mean visitors "
            "of the last seven days with data.",
            columns=(Field("day", "col_day", "date"), Field("visitors", "col_visitors"), VISITS,
                     Field("pageviews", "website_col_pageviews"), Field("visitors_7d", "col_visitors_7d"))),
    Dataset("website_summary", summary, "website", "The period, the one of the same length before it and the same "
            "dates a year earlier: visitors a day (a mean, never a sum), visits, pageviews, bounce rate, visit "
            "length, and the change.",
            columns=(Field("period", "col_period", labels="website_period_"), Field("date_from", "col_date_from", "date"),
                     Field("date_to", "col_date_to", "date"), Field("days", "col_days_with_data"),
                     Field("visitors_a_day", "website_card_visitors_a_day"), VISITS,
                     Field("pageviews", "website_col_pageviews"), Field("bounce_rate", "website_card_bounce_rate", "share"),
                     Field("avg_visit_seconds", "col_avg_visit_seconds", measure="seconds"), *CHANGES)),
    Dataset("website_weekdays", weekdays, "website", "Per month and weekday (1 Monday … 7 Sunday): days with data "
            "and their mean visitors.",
            columns=(MONTH, Field("weekday", "col_weekday", labels="website_weekday_"),
                     Field("days", "col_days_with_data"), Field("visitors", "col_mean_visitors"))),
    Dataset("website_pages", top_pages, "website", "Per page, most viewed first: path, title, unit, pageviews and "
            "share of all.",
            columns=(Field("path", "website_col_path", width="medium"),
                     Field("title", "website_col_title", width="medium", missing="untitled"),
                     Field("unit", "website_col_unit", "unit", width="medium"),
                     Field("pageviews", "website_col_pageviews"), SHARE)),
    Dataset("website_by_unit", by_unit, "website", "Per unit (by the page's path): pages viewed, pageviews and "
            "share of all.",
            columns=(Field("unit", "website_col_unit", "unit", width="medium"), Field("pages", "website_col_pages"),
                     Field("pageviews", "website_col_pageviews"), SHARE)),
    Dataset("website_channels_by_month", channels_by_month, "website", "Per month and channel: visits and the "
            "share of the month's visits.", params=("channel",), columns=(MONTH, CHANNEL, VISITS, SHARE)),
    Dataset("website_channels", channels, "website", "Per channel: visits in the period and the share of all.",
            params=("channel",), columns=(CHANNEL, VISITS, SHARE)),
    Dataset("website_devices_by_month", devices_by_month, "website", "Per month and device: visits and the share "
            "of the month's visits.", columns=(MONTH, DEVICE, VISITS, SHARE)),
    Dataset("website_devices", devices, "website", "Per device: visits in the period and the share of all.",
            columns=(DEVICE, VISITS, SHARE)),
    Dataset("website_broadcasts_by_month", broadcasts_by_month, "website", "Live streams per month and kind, with "
            "their views.", params=("kind",), columns=(MONTH, KIND, *STREAMS)),
    Dataset("website_broadcast_kinds", broadcast_kinds, "website", "Per kind of live stream: streams, views, views "
            "per stream, share of all views, and views live and on demand where the source splits them.", params=("kind",),
            columns=(KIND, *STREAMS, Field("views_per_broadcast", "website_col_views_per_broadcast"), SHARE,
                     Field("live_views", "website_col_live_views"), Field("on_demand_views", "website_col_on_demand_views"),
                     Field("share_live", "website_col_share_live", "share"))),
    Dataset("website_broadcasts", top_broadcasts, "website", "Every live stream, most watched first: start, kind, "
            "title, platform, link, views, live views, unit.", params=("kind",),
            columns=(Field("started_at", "website_col_started_at", "datetime"), KIND,
                     Field("title", "website_col_title", width="medium", missing="untitled"),
                     Field("views", "website_col_views"), Field("live_views", "website_col_live_views"),
                     Field("platform", "website_col_platform"),
                     Field("url", "website_col_link", "link", link_text="website_col_link_text", width="small"),
                     Field("unit", "website_col_unit", "unit", width="medium"))),
    Dataset("website_broadcasts_cumulative", broadcasts_cumulative, "website", "Per month: live streams and views, "
            "and their running totals since streaming began.", params=("kind",),
            columns=(MONTH, *STREAMS, Field("broadcasts_so_far", "website_cumulative_streams"),
                     Field("views_so_far", "website_cumulative_views"))),
    Dataset("website_plenary_streams", plenary_streams, "website", "Every plenary session with whether it was "
            "streamed (a plenary live stream on its day), its streams and views.",
            columns=(Field("held_on", "website_col_held_on", "date"), Field("name", "website_col_session", width="large", vocabulary="sessions"),
                     Field("streamed", "website_col_streamed", "flag"), *STREAMS)),
)
