"""Targets (internal edition): the programme's KPIs per unit against their targets, furthest behind first; and each
unit beside the others and the whole council, the viewer's own unit first, so a department head reads the own
figure against the rest, not as 100 % of itself."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.alphabet import alphabetical
from dashboard.i18n import format_number, format_percent
from queries import targets as q

OWN_COLOR, OTHER_COLOR = charts.COLORS["adopted"], charts.COLORS["neutral"]


def draw_targets(page: ui.Page) -> None:
    t = page.t
    rows = page.dataset("targets_behind")
    year = page.filters.date_to.year
    st.caption(t("targets_intro", year=str(year)))
    if rows.is_empty():
        st.info(t("targets_none", year=str(year)))
        page.download("targets_behind")
        return
    behind = rows.filter(pl.col("share") < 1)
    st.metric(t("targets_behind_count"), f"{format_number(behind.height, page.lang)} / "
                                         f"{format_number(rows.height, page.lang)}", help=t("targets_behind_help"))
    shown = rows.filter(pl.col("share").is_not_null())
    if not shown.is_empty():
        labels = [t(f"kpi_{kpi}") + (f" · {page.unit_name(unit)}" if unit else "")
                  for kpi, unit in zip(shown["kpi"], shown["unit"])]
        shown = shown.with_columns(label=pl.Series(labels, dtype=pl.String), color=pl.when(pl.col("share") < 1)
                                   .then(pl.lit(charts.COLORS["rejected"])).otherwise(pl.lit(OWN_COLOR)))
        figure = charts.ranked_bars(shown, "label", "share", page.lang, percent=True, color="color",
                                    title=t("targets_chart_title", year=str(year)), value_title=t("targets_axis"))
        figure.update_xaxes(range=[0, max(101, shown["share"].max() * 100 + 5)])  # past the target, as far as it goes
        ui.chart(page, figure.add_vline(x=100, line_dash="dot"))
    page.table("targets_behind", rows)
    page.download("targets_behind")


def draw_units(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    rows = page.dataset("units_compared")
    st.caption(t("targets_units_intro"))
    measure = st.selectbox(t("targets_measure"), q.MEASURES, format_func=lambda m: t(f"targets_measure_{m}"),
                           key="targets_measure")
    own = set(page.filters.own_units)
    units, council = rows.filter(pl.col("unit").is_not_null()), rows.filter(pl.col("unit").is_null())
    shown = units.filter(pl.col(measure).is_not_null()).with_columns(
        label=pl.col("unit").map_elements(page.unit_name, return_dtype=pl.String),
        color=pl.when(pl.col("unit").is_in(list(own))).then(pl.lit(OWN_COLOR)).otherwise(pl.lit(OTHER_COLOR)))
    if shown.is_empty():
        st.info(t("targets_units_none"))
    else:
        figure = charts.ranked_bars(shown.sort(measure, descending=True), "label", measure, lang, percent=True,
                                    color="color", title=t(f"targets_measure_{measure}"),
                                    value_title=t(f"targets_measure_{measure}"))
        whole = council[measure][0] if not council.is_empty() else None
        if whole is not None and measure in ("petitions_on_time_share", "competitive_share"):
            figure.add_vline(x=whole * 100, line_dash="dot")
            st.caption(t("targets_units_council", value=format_percent(whole, lang)))
        ui.chart(page, figure)
    named = rows.with_columns(name=pl.Series([page.unit_name(unit) for unit in rows["unit"]], dtype=pl.String),
                              own=pl.col("unit").is_in(list(own)), council=pl.col("unit").is_null())
    page.table("units_compared", named.sort(["council", "own", alphabetical("name")], descending=[False, True, False]))
    page.download("units_compared")


def body(page: ui.Page) -> None:
    st.title(page.t("page_targets"))
    opened, tab = ui.section(page)
    with tab:
        {"targets": draw_targets, "units": draw_units}[opened](page)


ui.show("targets", body)
