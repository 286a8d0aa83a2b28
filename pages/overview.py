"""Overview: the programme's KPIs for one year, a card each, and the KPI table with its CSV.

The overview works in calendar years: for a date range it shows the year of the range's end (and
says so), because every KPI of the report is a yearly or a to-the-year's-end figure.
"""

import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.i18n import count_noun, format_number, format_percent, format_signed
from dashboard.kpi import DELTA_STYLE, KPIS, Card, Kpi, card
from queries import kpi as kpi_queries
from queries.periods import data_years
from queries.units import unit_list

ctx = ui.context()
CARDS_PER_ROW = 3


def outlet_kinds(kinds: pl.DataFrame) -> str:
    parts = [f"{ctx.t(f'overview_kind_{kind}')} {format_number(n, ctx.lang)}" for kind, n in kinds.iter_rows()]
    return ctx.t("overview_outlet_kinds", kinds=" · ".join(parts))


def value_text(value: float, kpi: Kpi) -> str:
    """«12 прес-конференцій» with the noun in smaller type, so long nouns fit a card."""
    number, noun = count_noun(value, kpi.noun, ctx.lang).split(" ", 1)
    return f"{number} :small[{noun}]"


def draw_card(kpi: Kpi, shown: Card, council_wide: bool, link_params: dict, extra: str | None) -> None:
    """One KPI card: value, change against the previous year, trend, target, a link to explore it."""
    label = ctx.t(kpi.title) + (f" · {ctx.t('overview_council_wide')}" if council_wide else "")
    help_text = f"**{ctx.t(f'kpi_basis_{kpi.basis}')}.** {ctx.t(kpi.counts)}"
    arrow, color = DELTA_STYLE.get(shown.direction, ("off", "gray"))
    previous_year = shown.year - 1
    with st.container(border=True, height="stretch"):
        st.metric(
            label,
            ctx.t("no_data") if shown.value is None else value_text(shown.value, kpi),
            delta=None if shown.change is None else format_signed(shown.change, ctx.lang),
            delta_color=color, delta_arrow=arrow,
            delta_description=None if shown.previous is None else ctx.t(
                "overview_vs_previous", year=previous_year, value=format_number(shown.previous, ctx.lang)),
            help=help_text,
            chart_data=list(shown.trend) if len(shown.trend) > 1 else None,
            chart_type="area" if kpi.cumulative else "line",
        )
        lines = []
        if shown.value is not None and shown.previous is None:
            lines.append(ctx.t("overview_no_previous", year=previous_year))
        if extra:
            lines.append(extra)
        if shown.target:
            lines.append(ctx.t("overview_target", target=format_number(shown.target, ctx.lang),
                               share=format_percent(shown.target_share, ctx.lang, 0)))
        if lines:
            st.caption("  \n".join(lines))
        if kpi.page:
            st.page_link(kpi.page, label=ctx.t("overview_open_page"), icon=":material/arrow_forward:",
                         query_params=link_params)
        else:
            st.page_link("pages/methodology.py", label=ctx.t("overview_open_method"), icon=":material/menu_book:",
                         query_params={"kpi": kpi.key, "lang": ctx.lang})


def body() -> None:
    link = ui.read_link(ctx)
    years = ui.run(ctx, data_years)
    units = ui.run(ctx, unit_list)
    filters = ui.filter_bar(ctx, years, units, link)
    st.title(ctx.t("page_overview"))
    if not years:
        st.info(ctx.t("overview_no_years"))
        return
    year = filters.date_to.year
    st.caption(ctx.t("overview_intro", year=year))
    if filters.year is None:
        st.caption(ctx.t("overview_range_note", year=year))
    if filters.unit_ids:
        st.caption(ctx.t("overview_units_note"))

    # one call holds the cards' values, trends and targets, and the table below (the `kpi` dataset)
    history = ui.run(ctx, kpi_queries.kpi_table, kpi_queries.over_years(filters, years[0], max(year, years[-1])))
    kinds = ui.run(ctx, kpi_queries.outlets_by_kind, kpi_queries.over_years(filters, year, year))
    target_of = dict(history.filter(pl.col("year") == year).select("kpi", "target").iter_rows())
    codes = units.filter(pl.col("id").is_in(filters.unit_ids))["code"].to_list()
    link_params = {"year": str(year), "lang": ctx.lang, **({"unit": ",".join(codes)} if codes else {})}

    for row in range(0, len(KPIS), CARDS_PER_ROW):
        for column, kpi in zip(st.columns(CARDS_PER_ROW), KPIS[row:row + CARDS_PER_ROW]):
            series = history.filter(pl.col("kpi") == kpi.key)
            shown = card(dict(zip(series["year"], series["value"])), year, target_of.get(kpi.key))
            extra = outlet_kinds(kinds) if kpi.key == "outlets_covering" and not kinds.is_empty() else None
            with column:
                draw_card(kpi, shown, bool(filters.unit_ids) and not kpi.by_unit, link_params, extra)

    st.subheader(ctx.t("overview_table"))
    table = history.filter(pl.col("year").is_between(filters.date_from.year, filters.date_to.year))
    titles = {kpi.key: ctx.t(kpi.title) for kpi in KPIS}
    table = table.select("year", pl.col("kpi").replace_strict(titles).alias("name"), "kpi", "unit", "value", "target")
    ui.table(ctx, table, "kpi", column_config={
        "year": ctx.t("period_year"), "name": ctx.t("overview_column_name"), "kpi": ctx.t("overview_column_key"),
        "unit": ctx.t("overview_column_unit"),
        "value": st.column_config.NumberColumn(ctx.t("overview_column_value"), format="localized"),
        "target": st.column_config.NumberColumn(ctx.t("overview_column_target"), format="localized"),
    })


ui.guarded(ctx, body)
