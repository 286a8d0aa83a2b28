"""Media: mentions per outlet, over time by kind or scope, per outlet as a stream, by unit, topic and tone, and
the public events with the attention that follows them.

Rules: the period picks mentions by the day they were published and events by the day they were held; the
mention filters (outlet kind, scope, topic, tone, one outlet) and the units narrow every mention figure, and
the units narrow the events. Shares are of all mentions the same filters pick in the period (Media Cloud's
normalised view), tone shares of those that have a tone (`dashboard.metrics.media`). An event's attention
counts the same mentions in the seven days before it and in its own day and the six after, whatever the
period, so an event on 31 December still has its week after. Rows carry codes and keys, never labels.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Integer, cast, false, func, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from dashboard.filters import Filters
from dashboard.metrics.common import share_sql
from dashboard.metrics.media import EVENT_KINDS, TONES, TOP_OUTLETS, bucket_start_sql, tone_share_sql, window_sql
from dashboard.schema import media_mentions, outlets, public_events, units
from queries.common import by_name, count_where, fetch, in_period, in_units, own_unit, unit_code, visible
from queries.datasets import Dataset
from queries.shapes import Field, Wide

M, O, E = media_mentions.c, outlets.c, public_events.c
MENTIONS = media_mentions.join(outlets, O.id == M.outlet_id)


def mention_filters(filters: Filters, kind: str | None = None, scope: str | None = None, topic: str | None = None,
                    tone: str | None = None, outlet: int | None = None) -> list[ColumnElement]:
    """Every mention condition but the period: audience, units, kind, scope, topic, tone, outlet. Each names the
    mentions' own columns (an outlet's kind and scope through the outlets' ids), so a count needs no join."""
    of_outlets = (M.outlet_id.in_(select(O.id).where(O.kind == kind if kind else true(), O.scope == scope if scope
                                                     else true()).correlate(None)) if kind or scope else true())
    return [visible(media_mentions, filters), in_units(M.unit_id, filters), of_outlets,
            M.topic == topic if topic else true(), M.tone == tone if tone else true(),
            M.outlet_id == outlet if outlet else true()]


def chosen(filters: Filters, **params) -> list[ColumnElement]:
    """The mentions this view counts: the mention filters within the period."""
    return [in_period(M.published_on, filters), *mention_filters(filters, **params)]


def _share_of_all(count) -> ColumnElement:
    """A group's count as a share of every group's (the whole the filters pick)."""
    return share_sql(count, func.sum(count).over())


def _tone_columns() -> list[ColumnElement]:
    return [func.count(M.tone).label("toned"), *(tone_share_sql(M.tone, tone).label(f"share_{tone}") for tone in TONES)]


def _bucket(engine: Engine, bucket: str):
    return bucket_start_sql(M.published_on, bucket, engine.dialect.name).label("bucket")


# --- Mentions -------------------------------------------------------------------------------------

def summary(engine: Engine, filters: Filters, **params) -> pl.DataFrame:
    """One row: mentions, distinct outlets, mentions with a tone and each tone's share."""
    stmt = (select(func.count().label("mentions"), func.count(func.distinct(M.outlet_id)).label("outlets"),
                   *_tone_columns()).select_from(MENTIONS).where(*chosen(filters, **params)))
    return fetch(engine, stmt)


def by_outlet(engine: Engine, filters: Filters, limit: int | None = None, **params) -> pl.DataFrame:
    """Per outlet, most mentions first: kind, scope, mentions, share of all, first and last mention, and the
    latest item's title and link."""
    # Counted over the mentions alone, the outlets joined to the counts: at 100x on PostgreSQL the period's 104,000
    # mentions come from an index-only scan of (published_on, outlet_id, unit_id, is_public), and a join per mention
    # before the grouping was half the time.
    counted = (select(M.outlet_id, func.count().label("mentions"), _share_of_all(func.count()).label("share"),
                      func.min(M.published_on).label("first_on"), func.max(M.published_on).label("last_on"))
               .where(*chosen(filters, **params)).group_by(M.outlet_id).subquery())
    # One probe per outlet down its (outlet_id, published_on) index, not a sort of the period's mentions.
    latest_id = (select(M.id).where(M.outlet_id == counted.c.outlet_id, *chosen(filters, **params))
                 .order_by(M.published_on.desc(), M.id.desc()).limit(1).scalar_subquery())
    latest = media_mentions.alias("latest")
    stmt = (select(counted.c.outlet_id, O.name.label("outlet"), O.kind, O.scope, counted.c.mentions, counted.c.share,
                   counted.c.first_on, counted.c.last_on, latest.c.title.label("latest_title"),
                   latest.c.url.label("latest_url"))
            .select_from(counted.join(outlets, O.id == counted.c.outlet_id).join(latest, latest.c.id == latest_id))
            .order_by(counted.c.mentions.desc(), by_name(O.name)).limit(limit))
    return fetch(engine, stmt)


def over_time(engine: Engine, filters: Filters, bucket: str = "month", split: str = "kind", **params) -> pl.DataFrame:
    """Mentions per bucket (day, week, month: its first day) and outlet kind or scope (`split`), in column `key`."""
    start = _bucket(engine, bucket)
    key = (O.kind if split == "kind" else O.scope).label("key")
    stmt = (select(start, key, func.count().label("mentions")).select_from(MENTIONS)
            .where(*chosen(filters, **params)).group_by(start, key).order_by(start, key))
    return fetch(engine, stmt)


def outlet_stream(engine: Engine, filters: Filters, bucket: str = "month", **params) -> pl.DataFrame:
    """The stream graph's data: mentions per bucket of the TOP_OUTLETS outlets with most mentions."""
    top = (select(M.outlet_id).select_from(MENTIONS).where(*chosen(filters, **params)).group_by(M.outlet_id)
           .order_by(func.count().desc(), M.outlet_id).limit(TOP_OUTLETS))
    start = _bucket(engine, bucket)
    stmt = (select(start, O.id.label("outlet_id"), O.name.label("outlet"), O.kind, func.count().label("mentions"))
            .select_from(MENTIONS).where(*chosen(filters, **params), M.outlet_id.in_(top.scalar_subquery()))
            .group_by(start, O.id, O.name, O.kind).order_by(start, O.id))
    return fetch(engine, stmt)


def outlet_line(engine: Engine, filters: Filters, bucket: str = "month", line: int | None = None,
                **params) -> pl.DataFrame:
    """One outlet's own line (`line`, an outlet id): per bucket, its mentions, all mentions and its share of
    them; no rows without an outlet."""
    start = _bucket(engine, bucket)
    own = count_where(M.outlet_id == line)
    stmt = (select(start, own.label("mentions"), func.count().label("all_mentions"),
                   share_sql(own, func.count()).label("share"))
            .select_from(MENTIONS).where(*chosen(filters, **params), true() if line else false())
            .group_by(start).order_by(start))
    return fetch(engine, stmt)


def by_unit(engine: Engine, filters: Filters, **params) -> pl.DataFrame:
    """Per unit (its code; empty: none named), a department head's own units first, then most mentions:
    mentions, share of all, mentions with a tone and each tone's share."""
    counted = (select(M.unit_id, func.count().label("mentions"), _share_of_all(func.count()).label("share"),
                      *_tone_columns())
               .select_from(MENTIONS).where(*chosen(filters, **params)).group_by(M.unit_id).subquery())
    stmt = (select(units.c.code.label("unit"), own_unit(counted.c.unit_id, filters).label("own"),
                   *(column for column in counted.c if column.name != "unit_id"))
            .select_from(counted.outerjoin(units, units.c.id == counted.c.unit_id)))
    frame = fetch(engine, stmt)
    return frame.sort(["own", "mentions", "unit"], descending=[True, True, False], nulls_last=True).drop("own")


def by_topic(engine: Engine, filters: Filters, **params) -> pl.DataFrame:
    """Per topic (a vocabulary key or the source's own word; empty: none), most mentions first: mentions,
    share of all, mentions with a tone and each tone's share."""
    stmt = (select(M.topic, func.count().label("mentions"), _share_of_all(func.count()).label("share"),
                   *_tone_columns())
            .select_from(MENTIONS).where(*chosen(filters, **params)).group_by(M.topic)
            .order_by(func.count().desc(), M.topic))
    return fetch(engine, stmt)


def tone_by_month(engine: Engine, filters: Filters, **params) -> pl.DataFrame:
    """Per month (its first day): mentions with a tone and each tone's share of them."""
    start = bucket_start_sql(M.published_on, "month", engine.dialect.name).label("month")
    stmt = (select(start, *_tone_columns()).select_from(MENTIONS).where(*chosen(filters, **params), M.tone.is_not(None))
            .group_by(start).order_by(start))
    return fetch(engine, stmt)


# --- Public events --------------------------------------------------------------------------------

def chosen_events(filters: Filters) -> list[ColumnElement]:
    return [visible(public_events, filters), in_period(E.held_on, filters), in_units(E.unit_id, filters)]


def events_by_month(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Public events per month (its first day) and kind."""
    month = bucket_start_sql(E.held_on, "month", engine.dialect.name).label("month")
    stmt = (select(month, E.kind, func.count().label("events")).where(*chosen_events(filters))
            .group_by(month, E.kind).order_by(month, E.kind))
    return fetch(engine, stmt)


def events_by_year(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Public events per year and kind."""
    year = (cast(func.strftime("%Y", E.held_on), Integer) if engine.dialect.name == "sqlite"
            else cast(func.extract("year", E.held_on), Integer)).label("year")
    stmt = (select(year, E.kind, func.count().label("events")).where(*chosen_events(filters))
            .group_by(year, E.kind).order_by(year, E.kind))
    return fetch(engine, stmt)


def events(engine: Engine, filters: Filters, limit: int | None = None, **params) -> pl.DataFrame:
    """Every event, newest first, with the mentions (the mention filters, any day) of the seven days before
    it and of its day and the six after, and the change (after / before)."""
    dialect = engine.dialect.name

    def mentions(side: str):
        first, last = window_sql(E.held_on, side, dialect)
        return (select(func.count()).select_from(MENTIONS)
                .where(M.published_on.between(first, last), *mention_filters(filters, **params)).scalar_subquery())

    before, after = mentions("before"), mentions("after")
    stmt = (select(E.id.label("event_id"), E.held_on, E.kind, E.title, unit_code(E.unit_id).label("unit"),
                   before.label("mentions_before"), after.label("mentions_after"),
                   share_sql(after, before).label("change"))
            .where(*chosen_events(filters)).order_by(E.held_on.desc(), E.id.desc()).limit(limit))
    return fetch(engine, stmt)


MENTION_PARAMS = ("kind", "scope", "topic", "tone", "outlet")
# --- The reader's columns --------------------------------------------------------------------------

MENTION_COUNT = Field("mentions", "media_col_mentions")
SHARE = Field("share", "media_col_share", "share")
TONED = (Field("toned", "media_col_toned"),
         *(Field(f"share_{tone}", f"media_col_share_{tone}", "share") for tone in TONES))
BUCKET = Field("bucket", "col_period_start", "date")
KIND = Field("kind", "media_col_kind", labels="media_kind_")
EVENT_KIND = Field("kind", "media_col_event_kind", labels="media_event_")

DATASETS = (
    Dataset("media_outlets", by_outlet, "media", "Per outlet: kind, scope, mentions, share of all mentions, first "
            "and last mention, the latest item's title and link.", params=MENTION_PARAMS,
            columns=(Field("outlet", "media_col_outlet", width="medium"), KIND,
                     Field("scope", "media_col_scope", labels="media_scope_"), MENTION_COUNT, SHARE,
                     Field("first_on", "media_col_first", "date"), Field("last_on", "media_col_last", "date"),
                     Field("latest_url", "media_col_link", "link", link_text="media_col_link_text", width="small"),
                     Field("latest_title", "media_col_latest", width="large", missing="untitled"))),
    Dataset("media_over_time", over_time, "media", "Mentions per day, week or month (its first day), by outlet "
            "kind or scope.", params=(*MENTION_PARAMS, "bucket", "split"),
            columns=(BUCKET, Field("key", "col_kind_or_scope", labels=("media_kind_", "media_scope_")), MENTION_COUNT)),
    Dataset("media_outlet_stream", outlet_stream, "media", "Mentions per day, week or month of the eight outlets "
            "with most mentions (the stream graph).", params=(*MENTION_PARAMS, "bucket"),
            columns=(BUCKET, Field("outlet", "media_col_outlet"), KIND, MENTION_COUNT)),
    Dataset("media_outlet_line", outlet_line, "media", "One outlet's mentions per day, week or month and their "
            "share of all mentions then.", params=(*MENTION_PARAMS, "bucket", "line"), open_data=False,
            columns=(BUCKET, MENTION_COUNT, Field("all_mentions", "col_all_mentions"), SHARE)),
    Dataset("media_by_unit", by_unit, "media", "Per unit: mentions, share of all, and the share positive, "
            "neutral and negative.", params=MENTION_PARAMS,
            columns=(Field("unit", "media_col_unit", "unit"), MENTION_COUNT, SHARE, *TONED)),
    Dataset("media_by_topic", by_topic, "media", "Per topic: mentions, share of all, and the share positive, "
            "neutral and negative.", params=MENTION_PARAMS,
            columns=(Field("topic", "media_col_topic", vocabulary="media_topics", missing="media_no_topic"), MENTION_COUNT,
                     SHARE, *TONED)),
    Dataset("media_tone_by_month", tone_by_month, "media", "Per month: mentions with a tone and the share "
            "positive, neutral and negative.", params=MENTION_PARAMS,
            columns=(Field("month", "col_month", "month"), *TONED)),
    Dataset("media_events_by_month", events_by_month, "media", "Public events per month and kind (press "
            "conferences, «Гість в студії», meetings with foreign journalists, briefings).",
            columns=(Field("month", "col_month", "month"), EVENT_KIND, Field("events", "media_events"))),
    Dataset("media_events_by_year", events_by_year, "media", "Public events per year and kind.",
            wide=Wide("year", "kind", "events", "events_", EVENT_KINDS),
            columns=(Field("year", "media_col_year", "year"),
                     *(Field(f"events_{kind}", f"media_event_{kind}") for kind in EVENT_KINDS))),
    Dataset("media_events", events, "media", "Every public event with the mentions of the seven days before it "
            "and of the seven from its day, and the change.", params=MENTION_PARAMS,
            columns=(Field("held_on", "media_col_held_on", "date"), EVENT_KIND,
                     Field("mentions_before", "media_col_before"), Field("mentions_after", "media_col_after"),
                     Field("change", "media_col_change", "share"),
                     Field("title", "media_col_title", width="medium", missing="untitled"),
                     Field("unit", "media_col_unit", "unit"))),
)
