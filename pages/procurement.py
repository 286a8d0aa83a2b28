"""Procurement: ProZorro procedures of the council's units, DOZORRO's competition indicators (a unit's beside the
council's), procedures per month and unit, by method, by ДК 021 division, and every procedure with its ProZorro
page."""

import polars as pl
import streamlit as st

from dashboard import charts, ui, vocabularies
from dashboard.i18n import format_money, format_number, format_percent
from dashboard.metrics.procurement import INDICATORS, METHODS, STATUSES

LIST_LIMIT = 200
TOP_CATEGORIES = 15


def choose(page: ui.Page) -> dict:
    """The page's own filters, method and status, read from and written to the link."""
    t = page.t
    left, right = st.columns(2)
    methods, statuses = [None, *METHODS], [None, *STATUSES]
    method = left.selectbox(t("procurement_method"), methods, index=methods.index(page.link.get("method")),
                            format_func=lambda m: t("procurement_method_all") if m is None else t(f"procurement_method_{m}"),
                            key="procurement_method")
    status = right.selectbox(t("procurement_status"), statuses, index=statuses.index(page.link.get("status")),
                             format_func=lambda s: t("procurement_status_all") if s is None else t(f"procurement_status_{s}"),
                             key="procurement_status")
    ui.set_link(method=method, status=status)
    return {"method": method, "status": status}


def method_labels(frame: pl.DataFrame, page: ui.Page) -> pl.DataFrame:
    """The method type in words (ProZorro's own words as written when the vocabulary lacks them)."""
    names = [vocabularies.label("procurement_method_types", key, page.lang) or page.t("procurement_no_method")
             for key in frame["method_type"]]
    return frame.with_columns(method_label=pl.Series(names, dtype=pl.String))


def indicator_text(key: str, value: float | None, lang: str) -> str:
    return format_number(value, lang, 1) if key == "average_bidders" else format_percent(value, lang)


def draw_summary(page: ui.Page, params: dict, figures: pl.DataFrame) -> None:
    """The totals, then every indicator with its definition; with units chosen, the council's figure under each."""
    t, lang = page.t, page.lang
    mine = figures.row(0, named=True)
    council = figures.row(1, named=True) if figures.height > 1 else None
    cards = st.columns(3)
    cards[0].metric(t("procurement_procedures"), format_number(mine["procedures"], lang))
    cards[1].metric(t("procurement_expected"), format_money(mine["expected_value"], lang),
                    help=t("procurement_expected_help"))
    cards[2].metric(t("procurement_awarded"), format_money(mine["awarded_value"], lang),
                    help=t("procurement_awarded_help"))
    st.subheader(t("procurement_indicators_title"))
    cells = st.columns(3) + st.columns(3)
    for cell, key in zip(cells, INDICATORS):
        cell.metric(t(f"procurement_indicator_{key}"), indicator_text(key, mine[key], lang),
                    help=t(f"method_procurement_{key}"))
        if council is not None:
            cell.caption(t("procurement_council_value", value=indicator_text(key, council[key], lang)))
    st.caption(t("procurement_savings_caveat"))
    page.download("procurement_indicators", **params)


def draw_methods(page: ui.Page, params: dict) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("procurement_by_method_title"))
    methods = method_labels(page.dataset("procurement_by_method", **params), page)
    ui.chart(page, charts.ranked_bars(methods, "method_label", "procedures", lang,
                                      value_title=t("procurement_col_procedures")))
    page.table("procurement_by_method", methods, "method_type", "procedures", "expected_value", "awarded_value")
    page.download("procurement_by_method", **params)


def draw_time(page: ui.Page, params: dict) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("procurement_per_month_title"))
    months = page.dataset("procurement_per_month", **params)
    months = months.with_columns(unit=pl.Series([page.unit_name(code) for code in months["unit_code"]], dtype=pl.String))
    wide = months.pivot("unit", index="month", values="procedures", aggregate_function="sum").fill_null(0).sort("month")
    units = months.group_by("unit").agg(pl.col("procedures").sum()).sort("procedures", descending=True)["unit"]
    parts = [(unit, unit, charts.PALETTE[i % len(charts.PALETTE)]) for i, unit in enumerate(units)]
    ui.chart(page, charts.stacked_bars(wide, "month", parts, lang, value_title=t("procurement_col_procedures"),
                                       time=True))
    st.caption(t("procurement_per_month_help"))
    page.download("procurement_per_month", **params)


def draw_categories(page: ui.Page, params: dict) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("procurement_categories_title"))
    divisions = page.dataset("procurement_categories", **params).with_columns(
        division_name=pl.col("division").map_elements(lambda d: vocabularies.dk021_division(d, lang),
                                                      return_dtype=pl.String))
    top = divisions.head(TOP_CATEGORIES)
    ui.chart(page, charts.ranked_bars(top, "division_name", "procedures", lang,
                                      value_title=t("procurement_col_procedures")))
    st.caption(t("procurement_categories_help"))
    page.table("procurement_categories", divisions)
    page.download("procurement_categories", **params)


def draw_list(page: ui.Page, params: dict, total: int) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("procurement_list_title"))
    listed = page.dataset("procurements", limit=LIST_LIMIT, **params)
    st.caption(t("procurement_list_shown", shown=format_number(listed.height, lang), total=format_number(total, lang)))
    page.table("procurements", listed, "prozorro_url", "published_on", "title", "unit_code", "method_type", "status", "lots",
               "bidders", "expected_value", "awarded_value")
    page.download("procurements", **params)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_procurement"))
    st.caption(t("procurement_intro"))
    params = choose(page)
    figures = page.dataset("procurement_indicators", **params)
    if not figures["procedures"][0]:
        st.info(t("procurement_none"))
        return
    opened, container = ui.section(page)
    with container:
        if opened == "competition":
            draw_summary(page, params, figures)
            draw_methods(page, params)
        elif opened == "time":
            draw_time(page, params)
        elif opened == "categories":
            draw_categories(page, params)
        else:
            draw_list(page, params, figures["procedures"][0])


ui.show("procurement", body)
