"""Overview: the programme's KPIs for one year, a card each, and the KPI table with its download.

The overview works in calendar years: for a date range it shows the year of the range's end (and says so),
because every KPI of the report is a yearly or a to-the-year's-end figure.
"""

import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.charts import sparkline
from dashboard.filters import year_window
from dashboard.i18n import count_noun, format_number, format_percent, format_signed
from dashboard.metrics.overview import DELTA_STYLE, KPIS, Card, Kpi, card
from queries import overview
from queries.periods import data_years

CARDS_PER_ROW = 3


def outlet_kinds(page: ui.Page, kinds: pl.DataFrame) -> str:
    parts = [f"{page.t(f'overview_kind_{kind}')} {format_number(n, page.lang)}" for kind, n in kinds.iter_rows()]
    return page.t("overview_outlet_kinds", kinds=" · ".join(parts))


def value_text(page: ui.Page, value: float, kpi: Kpi) -> str:
    """«12 прес-конференцій» with the noun in smaller type, so long nouns fit a card."""
    number, noun = count_noun(value, kpi.noun, page.lang).split(" ", 1)
    return f"{number} :small[{noun}]"


def draw_card(page: ui.Page, kpi: Kpi, shown: Card, council_wide: bool, extra: str | None,
              trend_years: list[int]) -> None:
    """One KPI card: value, change against the previous year, trend, target, a link to explore it."""
    t, lang = page.t, page.lang
    label = t(kpi.title) + (f" · {t('overview_council_wide')}" if council_wide else "")
    arrow, color = DELTA_STYLE.get(shown.direction, ("off", "gray"))
    previous_year = shown.year - 1
    with st.container(border=True, height="stretch"):
        st.metric(
            label, t("no_data") if shown.value is None else value_text(page, shown.value, kpi),
            delta=None if shown.change is None else format_signed(shown.change, lang),
            delta_color=color, delta_arrow=arrow,
            delta_description=None if shown.previous is None else t(
                "overview_vs_previous", year=previous_year, value=format_number(shown.previous, lang)),
            help=f"**{t(f'kpi_basis_{kpi.basis}')}.** {t(kpi.counts)}")
        if len(shown.trend) > 1:
            st.html(sparkline(shown.trend, trend_years, t(kpi.title), lang, shown.direction, kpi.cumulative))
        lines = []
        if shown.value is not None and shown.previous is None:
            lines.append(t("overview_no_previous", year=previous_year))
        if extra:
            lines.append(extra)
        if shown.target:
            lines.append(t("overview_target", target=format_number(shown.target, lang),
                           share=format_percent(shown.target_share, lang, 0)))
        if lines:
            st.caption("  \n".join(lines))
        carried = {key: value for key, value in ui.links.carried(st.query_params).items() if key not in ("from", "to")}
        carried["year"] = str(shown.year)
        if kpi.page:
            st.page_link(f"pages/{kpi.page}.py", label=t("overview_open_page"), icon=":material/arrow_forward:",
                         query_params=carried)
        else:
            st.page_link("pages/methodology.py", label=t("overview_open_method"), icon=":material/menu_book:",
                         query_params={**carried, "kpi": kpi.key})


def draw_table(page: ui.Page, history: pl.DataFrame, year: int) -> None:
    filters = page.filters
    whole_years = overview.over_years(filters, filters.date_from.year, year)
    # the `kpi` dataset of these years is the history's cut (a query test holds them equal): one union, not two
    page.table("kpi", history.filter(pl.col("year").is_between(filters.date_from.year, year)))
    page.download("kpi", filters=whole_years)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_overview"))
    years = page.run(data_years, year_window(page.settings))
    if not years:
        st.info(t("overview_no_years"))
        return
    filters = page.filters
    year = filters.date_to.year
    st.caption(t("overview_intro", year=year))
    if filters.year is None:
        st.caption(t("overview_range_note", year=year))
    if filters.units:
        st.caption(t("overview_units_note"))

    # one call holds the cards' values, trends and targets; the table below is the `kpi` dataset
    history = page.run(overview.kpi_table, overview.over_years(filters, years[0], max(year, years[-1])))
    kinds = page.run(overview.outlets_by_kind, overview.over_years(filters, year, year))
    target_of = dict(history.filter(pl.col("year") == year).select("kpi", "target").iter_rows())
    values_of: dict[str, dict] = {}  # kpi -> {year: value}, in one pass (a filter per card was a third of a warm run)
    for key, history_year, value in history.select("kpi", "year", "value").iter_rows():
        values_of.setdefault(key, {})[history_year] = value
    for row in range(0, len(KPIS), CARDS_PER_ROW):
        for column, kpi in zip(st.columns(CARDS_PER_ROW), KPIS[row:row + CARDS_PER_ROW]):
            values = values_of.get(kpi.key, {})
            shown = card(values, year, target_of.get(kpi.key))
            trend_years = sorted(y for y, v in values.items() if v is not None and y <= year)  # `card`'s trend
            extra = outlet_kinds(page, kinds) if kpi.key == "outlets_covering" and not kinds.is_empty() else None
            with column:
                draw_card(page, kpi, shown, bool(filters.units) and not kpi.by_unit, extra, trend_years)

    ui.part(page, "table", draw_table, page, history, year)


ui.show("overview", body)
