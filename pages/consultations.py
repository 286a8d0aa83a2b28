"""Consultations: where each consultation's results stand (published, awaited, still running) as of the period's
last day, the days from the end to the results or awaiting them, the published share per year and per unit, and
every consultation with its unit, dates, online poll and responses."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.alphabet import alphabetical
from dashboard.i18n import count_noun, format_date, format_number, format_percent
from dashboard.metrics.consultations import STATUSES
from queries import consultations as q

LIST_LIMIT = 200
TIMES_SHOWN = 25
TITLE_CHARS = 60
STATUS_COLORS = {"published": charts.COLORS["adopted"], "awaiting": charts.COLORS["rejected"],
                 "ongoing": charts.COLORS["neutral"]}


def readable(page: ui.Page, frame: pl.DataFrame) -> pl.DataFrame:
    """Units in words; an empty unit is «без підрозділу»."""
    return frame.with_columns(unit=pl.Series([page.unit_name(code) for code in frame["unit"]], dtype=pl.String))


def legends(page: ui.Page) -> dict[str, str]:
    """The statuses as a chart's legend says them: short, so three fit one row of a half-width chart."""
    return {"published": page.t("consultations_legend_published"), "awaiting": page.t("consultations_legend_awaiting"),
            "ongoing": page.t("consultations_legend_ongoing")}


def choose(page: ui.Page) -> str | None:
    """The page's own filter, where the results stand, read from and written to the link."""
    t = page.t
    options = [None, *STATUSES]
    status = st.selectbox(t("consultations_status"), options, index=options.index(page.link.get("status")),
                          format_func=lambda s: t("consultations_status_all") if s is None else t(f"consultations_status_{s}"),
                          key="consultations_status")
    ui.set_link(status=status)
    return status


def draw_summary(page: ui.Page, summary: dict, longest: int | None) -> None:
    t, lang = page.t, page.lang
    cards = st.columns(3) + st.columns(3)
    cards[0].metric(t("consultations_total"), count_noun(summary["consultations"], "consultations_noun", lang))
    cards[1].metric(t("consultations_online"), format_number(summary["online_poll"], lang),
                    help=t("consultations_online_help"))
    cards[2].metric(t("consultations_responses"), format_number(summary["responses"], lang),
                    help=t("consultations_responses_help"))
    owed = summary["published"] + summary["awaiting"]
    cards[3].metric(t("consultations_share"), format_percent(summary["share_published"], lang),
                    help=t("consultations_share_help", published=format_number(summary["published"], lang),
                           owed=count_noun(owed, "consultations_noun", lang)))
    days = summary["median_results_days"]
    cards[4].metric(t("consultations_median"), "—" if days is None else count_noun(days, "consultations_days_noun", lang),
                    help=t("consultations_median_help"))
    cards[5].metric(t("consultations_awaiting"), format_number(summary["awaiting"], lang),
                    help=t("consultations_awaiting_none") if longest is None else t(
                        "consultations_awaiting_help", days=count_noun(longest, "consultations_days_noun", lang)))


def draw_years(page: ui.Page, params: dict) -> None:
    """Per year, how many stand published, awaited, ongoing; the table below holds its download."""
    t = page.t
    years = page.dataset("consultations_by_year", **params)
    parts = [(status, legend, STATUS_COLORS[status]) for status, legend in legends(page).items()]
    figure = charts.stacked_bars(years.with_columns(pl.col("year").cast(pl.String)), "year", parts, page.lang,
                                 title=t("consultations_by_year_title"), value_title=t("consultations_col_consultations"))
    figure.update_xaxes(type="category", title=t("consultations_axis_year"))
    ui.chart(page, figure)


def draw_unit_shares(page: ui.Page, params: dict) -> None:
    """Per unit, the published share of results owed; the table below holds its download."""
    t = page.t
    shares = readable(page, page.dataset("consultations_by_unit", **params)).filter(
        pl.col("share_published").is_not_null()).sort(["share_published", alphabetical("unit")], descending=[True, False])
    figure = charts.ranked_bars(shares, "unit", "share_published", page.lang, percent=True,
                                title=t("consultations_share_title"), value_title=t("consultations_share_axis"))
    ui.chart(page, figure.update_layout(margin_r=40))  # room for the «100 %» tick at the axis's end
    st.caption(t("consultations_share_caption"))


def draw_times(page: ui.Page, params: dict, times: pl.DataFrame) -> None:
    """The longest waits for results, published (green) or still awaited (red); the download holds every one."""
    t, lang = page.t, page.lang
    if times.is_empty():
        st.info(t("consultations_times_none"))
    else:
        shown = times.head(TIMES_SHOWN).with_columns(
            label=pl.format("{} · {}", pl.when(pl.col("title").str.len_chars() > TITLE_CHARS)
                            .then(pl.col("title").str.slice(0, TITLE_CHARS - 1) + "…").otherwise(pl.col("title")),
                            pl.col("ended_on").map_elements(lambda day: format_date(day, lang), return_dtype=pl.String)),
            legend=pl.col("status").replace_strict(legends(page)),
            color=pl.col("status").replace_strict(STATUS_COLORS))
        ui.chart(page, charts.ranked_bars(shown, "label", "days", lang, group="legend", color="color",
                                          value_title=t("consultations_times_axis")))
        st.caption(t("consultations_times_help", day=format_date(times["as_of"][0], lang),
                     shown=format_number(shown.height, lang), total=format_number(times.height, lang)))
    page.download("consultations_results_times", **params)


def draw_tables(page: ui.Page, params: dict) -> None:
    t = page.t
    st.subheader(t("consultations_by_year_table"))
    page.table("consultations_by_year", page.dataset("consultations_by_year", **params))
    page.download("consultations_by_year", **params)
    st.subheader(t("consultations_by_unit_table"))
    page.table("consultations_by_unit", page.dataset("consultations_by_unit", **params))
    page.download("consultations_by_unit", **params)


def draw_list(page: ui.Page, params: dict, total: int) -> None:
    t = page.t
    listed = page.dataset("consultations", limit=LIST_LIMIT, **params)
    if listed.height < total:
        st.caption(t("consultations_list_shown", shown=format_number(listed.height, page.lang),
                     total=format_number(total, page.lang)))
    names = ["url", "title", "status", "results_days", "waiting_days", "started_on", "ended_on", "results_published_on",
             "online_poll", "responses", "unit"]
    if "is_public" in listed.columns:
        names.append("is_public")
    page.table("consultations", listed, *names)
    page.download("consultations", **params)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_consultations"))
    st.caption(t("consultations_intro"))
    status = choose(page)
    params = {"status": status}
    summary = page.run(q.summary, page.filters, status).row(0, named=True)
    if not summary["consultations"]:
        st.info(t("consultations_none"))
        return
    times = page.dataset("consultations_results_times", **params)
    waits = times.filter(pl.col("status") == "awaiting")["days"]
    draw_summary(page, summary, waits.max() if waits.len() else None)
    st.caption(t("consultations_as_of", day=format_date(q.as_of(page.filters), page.lang)))
    left, right = st.columns(2)
    with left:
        draw_years(page, params)
    with right:
        draw_unit_shares(page, params)
    ui.part(page, "times", draw_times, page, params, times)
    ui.part(page, "tables", draw_tables, page, params)
    ui.part(page, "list", draw_list, page, params, summary["consultations"])


ui.show("consultations", body)
