"""Procurement: procedures per month and unit, by method, by ДК 021 division, DOZORRO's competition indicators
(for the chosen units beside the whole council) and the list with a link to each procedure on ProZorro.

Rules: the period picks procedures by the day they were published; the method and status filters are the
procedure's. Competition is counted per lot through the SQL twins of `dashboard.metrics.procurement`; a lot's
bidders are the distinct bidders of its bids (a bid invited or withdrawn does not count), its awarded value the
sum of its active awards. Contact points (`procurement_contacts_internal`) are never read here.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Integer, cast, func, literal, select, true
from sqlalchemy.engine import Engine
from sqlalchemy.sql import ColumnElement

from dashboard.db import month_start
from dashboard.filters import Filters
from dashboard.metrics.procurement import (
    INDICATORS,
    PROZORRO_TENDER,
    competitive_value_share_sql,
    lot_indicators_sql,
)
from dashboard.schema import (
    procurement_items,
    procurement_lots,
    procurements,
)
from queries.common import fetch, in_period, in_units, unit_code, visible
from queries.datasets import Dataset
from queries.shapes import Field

P, L = procurements.c, procurement_lots.c
PARAMS = ("method", "status")


def chosen(filters: Filters, method: str | None = None, status: str | None = None,
           units: bool = True) -> list[ColumnElement]:
    """Procedures this view shows: visible to its audience, published in the period, in the units (unless
    `units` is off: the whole council), of the method and status."""
    return [visible(procurements, filters), in_period(P.published_on, filters),
            in_units(P.unit_id, filters) if units else true(),
            P.method == method if method else true(), P.status == status if status else true()]


def lots(conditions: list[ColumnElement]):
    """One row per lot of the chosen procedures: method, status, bidders, expected and awarded value (the lot's
    figures as the writer keeps them, `writer/procurement_summaries.py`)."""
    return (select(L.procurement_id, P.method, L.status, L.bidders, L.expected_value.label("expected"),
                   L.awarded_value.label("awarded"))
            .select_from(procurement_lots.join(procurements, P.id == L.procurement_id))
            .where(*conditions).subquery("lots"))


def _scope(engine: Engine, filters: Filters, scope: str, conditions: list[ColumnElement]) -> pl.DataFrame:
    lot = lots(conditions)
    by_lot = lot_indicators_sql(lot.c.method, lot.c.status, lot.c.bidders, lot.c.expected, lot.c.awarded)
    lot_row = select(func.coalesce(func.sum(lot.c.awarded), 0).label("awarded_value"),
                     *(value.label(name) for name, value in by_lot.items())).subquery("by_lot")
    stmt = (select(literal(scope).label("scope"), func.count().label("procedures"),
                   func.coalesce(func.sum(P.expected_value), 0).label("expected_value"),
                   func.max(lot_row.c.awarded_value).label("awarded_value"),
                   competitive_value_share_sql(P.method, P.expected_value).label("competitive_value_share"),
                   *(func.max(lot_row.c[name]).label(name) for name in by_lot))
            .select_from(procurements.join(lot_row, true())).where(*conditions))
    return fetch(engine, stmt)


def indicators(engine: Engine, filters: Filters, method: str | None = None, status: str | None = None) -> pl.DataFrame:
    """Procedures, expected and awarded value and every indicator: for the chosen units, and beside them, when
    units are chosen, for the whole council (a department head's unit against the council)."""
    frames = [_scope(engine, filters, "selection", chosen(filters, method, status))]
    if filters.units:
        frames.append(_scope(engine, filters, "council", chosen(filters, method, status, units=False)))
    columns = ["scope", "procedures", "expected_value", "awarded_value", *INDICATORS]
    return pl.concat(frames).select(columns)


def per_month(engine: Engine, filters: Filters, method: str | None = None, status: str | None = None) -> pl.DataFrame:
    """Procedures published and their expected value, per month and unit."""
    month = month_start(P.published_on, engine.dialect.name).label("month")
    unit = unit_code(P.unit_id).label("unit_code")
    stmt = (select(month, unit, func.count().label("procedures"),
                   func.coalesce(func.sum(P.expected_value), 0).label("expected_value"))
            .where(*chosen(filters, method, status)).group_by(month, unit).order_by(month, unit))
    return fetch(engine, stmt)


def by_method(engine: Engine, filters: Filters, method: str | None = None, status: str | None = None) -> pl.DataFrame:
    """Per method and method type: procedures, expected value and awarded value."""
    lot = lots(chosen(filters, method, status))
    awarded = (select(lot.c.procurement_id, func.sum(lot.c.awarded).label("awarded"))
               .group_by(lot.c.procurement_id).subquery("procedure_awarded"))
    stmt = (select(P.method, P.method_type, func.count().label("procedures"),
                   func.coalesce(func.sum(P.expected_value), 0).label("expected_value"),
                   func.coalesce(func.sum(awarded.c.awarded), 0).label("awarded_value"))
            .select_from(procurements.outerjoin(awarded, awarded.c.procurement_id == P.id))
            .where(*chosen(filters, method, status))
            .group_by(P.method, P.method_type).order_by(func.count().desc(), P.method, P.method_type))
    return fetch(engine, stmt)


def categories(engine: Engine, filters: Filters, method: str | None = None, status: str | None = None) -> pl.DataFrame:
    """Per ДК 021 division (the code's first two digits): procedures buying in it and their expected value,
    most procedures first. A procedure buying in two divisions counts in both."""
    I = procurement_items.c
    pairs = (select(I.procurement_id, func.substr(I.cpv, 1, 2).label("division"), P.expected_value)
             .select_from(procurement_items.join(procurements, P.id == I.procurement_id))
             .where(I.cpv.is_not(None), *chosen(filters, method, status)).distinct().subquery("pairs"))
    stmt = (select(pairs.c.division, func.count().label("procedures"),
                   func.coalesce(func.sum(pairs.c.expected_value), 0).label("expected_value"))
            .group_by(pairs.c.division).order_by(func.count().desc(), pairs.c.division))
    return fetch(engine, stmt)


def procurement_list(engine: Engine, filters: Filters, method: str | None = None, status: str | None = None,
                     limit: int | None = None) -> pl.DataFrame:
    """Every procedure: when, what, whose, how, its lots, bidders, expected and awarded value, its ProZorro page."""
    def of_lots(value):  # read per listed procedure, so a page of 200 never counts a year's lots
        return select(value).where(L.procurement_id == P.id).scalar_subquery()

    prefix, suffix = PROZORRO_TENDER.split("{tender_id}")
    stmt = (select(P.published_on, P.tender_id, P.title, unit_code(P.unit_id).label("unit_code"), P.buyer_name,
                   P.method, P.method_type, P.status, of_lots(func.count()).label("lots"),
                   of_lots(cast(func.coalesce(func.sum(L.bidders), 0), Integer)).label("bidders"), P.expected_value,
                   of_lots(func.sum(L.awarded_value)).label("awarded_value"), P.currency,
                   (literal(prefix) + P.tender_id + literal(suffix)).label("prozorro_url"))
            .where(*chosen(filters, method, status))
            .order_by(P.published_on.desc(), P.tender_id).limit(limit))
    return fetch(engine, stmt)


PROZORRO_ID = r"https://prozorro\.gov\.ua/tender/(.*)"  # a table's link shows the procedure's ProZorro number
PROCEDURES = Field("procedures", "procurement_col_procedures")
EXPECTED = Field("expected_value", "procurement_col_expected", "money", measure="UAH")
AWARDED = Field("awarded_value", "procurement_col_awarded", "money", measure="UAH")
METHOD = Field("method", "procurement_method", labels="procurement_method_")
METHOD_TYPE = Field("method_type", "procurement_col_method_type", vocabulary="procurement_method_types",
                    missing="procurement_no_method")
UNIT = Field("unit_code", "procurement_col_unit", "unit")
INDICATOR_FIELDS = tuple(Field(key, f"procurement_indicator_{key}", "number" if key == "average_bidders" else "share")
                         for key in INDICATORS)

DATASETS = (
    Dataset("procurement_indicators", indicators, "procurement", "Procedures, expected and awarded value and "
            "DOZORRO's competition indicators, for the chosen units and the whole council.", params=PARAMS,
            columns=(Field("scope", "col_scope", labels="procurement_scope_"), PROCEDURES, EXPECTED, AWARDED,
                     *INDICATOR_FIELDS)),
    Dataset("procurement_per_month", per_month, "procurement", "Procedures published and their expected value, "
            "per month and unit.", params=PARAMS,
            columns=(Field("month", "col_month", "month"), UNIT, PROCEDURES, EXPECTED)),
    Dataset("procurement_by_method", by_method, "procurement", "Per procurement method and method type: "
            "procedures, expected and awarded value.", params=PARAMS,
            columns=(METHOD_TYPE, METHOD, PROCEDURES, EXPECTED, AWARDED)),
    Dataset("procurement_categories", categories, "procurement", "Per ДК 021 division: procedures buying in it "
            "and their expected value.", params=PARAMS,
            columns=(Field("division", "procurement_col_division", "text", width="small"),
                     Field("division_name", "procurement_col_division_name", width="large", vocabulary="dk021",
                           value=pl.col("division")), PROCEDURES, EXPECTED)),
    Dataset("procurements", procurement_list, "procurement", "Every procedure with its lots, bidders, expected "
            "and awarded value and its page on ProZorro.", params=PARAMS,
            columns=(Field("prozorro_url", "procurement_col_tender_id", "link", link_text=PROZORRO_ID, width="medium"),
                     Field("published_on", "procurement_col_published_on", "date"),
                     Field("title", "procurement_col_title", width="large", missing="procurement_no_title"),
                     UNIT, Field("buyer_name", "col_buyer"), METHOD_TYPE, METHOD,
                     Field("status", "procurement_col_status", labels="procurement_status_"),
                     Field("lots", "procurement_col_lots"), Field("bidders", "procurement_col_bidders"),
                     EXPECTED, AWARDED, Field("currency", "col_currency"))),
)
