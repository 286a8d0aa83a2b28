"""The internal edition's targets page: each unit's KPIs against the programme's targets, and the units beside each
other and the council.

Rules: the year is the period's last; a KPI's value for a unit is the overview's own figure under that unit's filter
(`queries.overview.kpi_values`), so the two cannot disagree; behind target first. The comparison never narrows to
the viewer's unit: a department head's own unit stands among the others and the council, first.
"""

from __future__ import annotations

import dataclasses

import polars as pl
from sqlalchemy import String, func, literal, select
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.metrics.overview import BY_KEY, CARD_DECIMALS
from dashboard.metrics.procurement import competitive_value_share_sql
from dashboard.schema import kpi_targets, procurements
from queries import media, petitions, website
from queries.common import fetch, unit_code
from queries.datasets import Dataset
from queries.overview import kpi_values, over_years
from queries.procurement import chosen as procurement_chosen
from queries.shapes import Field

MEASURES = ("media_share", "pageviews_share", "petitions_on_time_share", "competitive_share")
"""The shares `units_compared` sets side by side, as the page offers them."""
COUNCIL = ""
"""The unit code of a council-wide row: no unit."""


def behind_targets(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Every target of the period's last year: kpi, unit (empty: the council), value, target and value / target,
    furthest behind first (a KPI without data that year, then the lowest share)."""
    year = filters.date_to.year
    targets = fetch(engine, select(kpi_targets.c.kpi, unit_code(kpi_targets.c.unit_id).label("unit"),
                                   kpi_targets.c.target).where(kpi_targets.c.year == year))
    targets = targets.filter(pl.col("unit").is_null() | pl.col("kpi").is_in([k for k, v in BY_KEY.items() if v.by_unit]))
    whole_year = over_years(dataclasses.replace(filters, units=()), year, year)
    values = []
    for unit in targets["unit"].fill_null(COUNCIL).unique().sort():
        scope = dataclasses.replace(whole_year, units=(unit,) if unit else ())
        values.append(kpi_values(engine, scope).filter(pl.col("year") == year)
                      .select("kpi", pl.lit(unit).alias("unit"), "value"))
    own = list(filters.own_units)
    return (targets.with_columns(pl.col("unit").fill_null(COUNCIL))
            .join(pl.concat(values) if values else pl.DataFrame(schema={"kpi": pl.String, "unit": pl.String,
                                                                       "value": pl.Float64}),
                  on=["kpi", "unit"], how="left")
            .with_columns(year=pl.lit(year), value=pl.col("value").round(CARD_DECIMALS),
                          share=(pl.col("value") / pl.col("target")).round(3), own=pl.col("unit").is_in(own))
            .sort(["own", pl.col("share").is_not_null(), "share", "unit", "kpi"],
                  descending=[True, False, False, False, False], nulls_last=True)
            .select("year", "kpi", pl.col("unit").replace(COUNCIL, None), "value", "target", "share"))


def units_compared(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per unit, and the council (unit empty) last: media mentions and their share, website pageviews and their
    share, petitions answered on time (share of those with a known clock), procurement expected value and its
    competitive share. Each column is its page's own per-unit figure, over every unit, the viewer's own first."""
    everyone = dataclasses.replace(filters, units=())
    mentions = media.by_unit(engine, everyone).select("unit", "mentions", media_share="share")
    views = website.by_unit(engine, everyone).select("unit", "pageviews", pageviews_share="share")
    answers = petitions.by_unit(engine, everyone).select("unit", "petitions", "on_time",
                                                        petitions_on_time_share="share_on_time")
    bought = procurement_by_unit(engine, everyone)
    frame = mentions
    for other in (views, answers, bought):
        frame = frame.join(other, on="unit", how="full", coalesce=True, nulls_equal=True)
    frame = frame.filter(pl.col("unit").is_not_null())
    council = _council(engine, everyone)
    own = list(filters.own_units)
    return pl.concat([frame.with_columns(own=pl.col("unit").is_in(own))
                      .sort(["own", "unit"], descending=[True, False]).drop("own"), council], how="diagonal_relaxed")


def procurement_by_unit(engine: Engine, filters: Filters, council: bool = False) -> pl.DataFrame:
    """Per buying unit (or, with `council`, one row for all): procedures, expected value, its competitive share."""
    P = procurements.c
    key = (literal(None, String) if council else unit_code(P.unit_id)).label("unit")
    return fetch(engine, select(key, func.count().label("procedures"),
                                func.coalesce(func.sum(P.expected_value), 0).label("expected_value"),
                                competitive_value_share_sql(P.method, P.expected_value).label("competitive_share"))
                 .where(*procurement_chosen(filters)).group_by(key))


def _council(engine: Engine, filters: Filters) -> pl.DataFrame:
    """The whole council's row of the comparison, from each page's own whole-council figure."""
    answered = petitions.petitions_summary(engine, filters)
    mentions, views = media.summary(engine, filters)["mentions"][0], website.by_unit(engine, filters)["pageviews"].sum()
    return pl.DataFrame({
        "unit": [None], "mentions": [mentions], "media_share": [1.0 if mentions else None],
        "pageviews": [views], "pageviews_share": [1.0 if views else None],
        "petitions": answered["submitted"], "on_time": answered["on_time"],
        "petitions_on_time_share": answered["share_on_time"],
    }, schema_overrides={"unit": pl.String}).join(procurement_by_unit(engine, filters, council=True), on="unit", how="left", nulls_equal=True)


TARGET_COLUMNS = (Field("kpi", "overview_column_name", labels="kpi_"),
                  Field("unit", "overview_column_unit", "unit", missing="overview_whole_council"),
                  Field("value", "overview_column_value"), Field("target", "overview_column_target"),
                  Field("share", "targets_col_share", "share"))

DATASETS = (
    Dataset("targets_behind", behind_targets, "targets", "Every target of the year: kpi, unit (empty: the council), "
            "value, target and value / target, furthest behind first.", columns=TARGET_COLUMNS, open_data=False),
    Dataset("units_compared", units_compared, "targets", "Per unit and the council (unit empty): media mentions and "
            "share, pageviews and share, petitions answered on time, procurement and its competitive share.",
            open_data=False,
            columns=(Field("unit", "overview_column_unit", "unit", missing="overview_whole_council"),
                     Field("mentions", "units_col_mentions"), Field("media_share", "units_col_media_share", "share"),
                     Field("pageviews", "units_col_pageviews"),
                     Field("pageviews_share", "units_col_pageviews_share", "share"),
                     Field("petitions", "units_col_petitions"), Field("on_time", "units_col_on_time"),
                     Field("petitions_on_time_share", "units_col_on_time_share", "share"),
                     Field("procedures", "units_col_procedures"),
                     Field("expected_value", "units_col_expected_value", "money"),
                     Field("competitive_share", "units_col_competitive_share", "share"))),
)
