"""Petitions: the funnel, the law's clock (answers against ten working days, the assumption stated), petitions
awaiting an answer by how overdue, open petitions with their signature history, breakdowns by category and
unit, and every petition with the date of every step."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.alphabet import name_key
from dashboard.i18n import count_noun, format_date, format_number, format_percent
from dashboard.metrics.petitions import ANSWER_TERM, FUNNEL, STATUSES
from dashboard.vocabularies import label
from queries import petitions as q

LIST_LIMIT = 200
HISTORY_CHOICES = 30


def category_label(page: ui.Page, category: str) -> str:
    """A category as the source wrote it, in the page's language where the vocabulary has it."""
    return label("petition_categories", category, page.lang)


def choose(page: ui.Page, categories: list[str]) -> tuple[str | None, str | None]:
    """The page's own filters, category and status, read from and written to the link."""
    t = page.t
    left, right = st.columns(2)
    options = [None, *categories]
    wanted = page.link.get("category") or None
    category = left.selectbox(t("petitions_category"), options, index=options.index(wanted) if wanted in options else 0,
                              format_func=lambda c: t("petitions_category_all") if c is None else category_label(page, c),
                              key="petitions_category")
    statuses = [None, *STATUSES]
    status = right.selectbox(t("petitions_status"), statuses, index=statuses.index(page.link.get("status")),
                             format_func=lambda s: t("petitions_status_all") if s is None else t(f"petitions_status_{s}"),
                             key="petitions_status")
    ui.set_link(category=category, status=status)
    return category, status


def draw_summary(page: ui.Page, summary: dict) -> None:
    t, lang = page.t, page.lang
    cards = st.columns(3) + st.columns(3)
    cards[0].metric(t("petitions_submitted"), count_noun(summary["submitted"], "petitions_noun", lang))
    cards[1].metric(t("petitions_reached"), format_number(summary["reached"], lang),
                    help=t("petitions_reached_help", share=format_percent(summary["share_reached"], lang)))
    cards[2].metric(t("petitions_answered"), format_number(summary["answered"], lang))
    cards[3].metric(t("petitions_on_time"), format_percent(summary["share_on_time"], lang),
                    help=t("petitions_on_time_help", term=count_noun(ANSWER_TERM, "petitions_working_days_noun", lang)))
    days = summary["median_days_to_threshold"]
    cards[4].metric(t("petitions_median_to_threshold"), "—" if days is None else count_noun(days, "petitions_days_noun", lang),
                    help=t("petitions_median_to_threshold_help"))
    work = summary["median_working_days_to_answer"]
    cards[5].metric(t("petitions_median_to_answer"),
                    "—" if work is None else count_noun(work, "petitions_working_days_noun", lang),
                    help=t("petitions_median_to_answer_help"))
    if summary["timing_unknown"]:
        st.caption(t("petitions_timing_unknown", petitions=count_noun(summary["timing_unknown"], "petitions_noun", lang)))


def draw_funnel(page: ui.Page, params: dict, summary: dict) -> None:
    """The funnel drawn from the summary's counts, which are its dataset's (`queries.petitions.funnel`): the page
    reads them once; the dataset is built only for a download."""
    figure = charts.funnel([page.t(f"petitions_step_{step}") for step in FUNNEL], [summary[step] for step in FUNNEL],
                           page.lang, title=page.t("petitions_funnel_title"))
    figure.update_traces(textposition="outside", cliponaxis=False)  # the narrow steps' labels stay readable
    figure.update_layout(margin_r=120)
    ui.chart(page, figure)
    st.caption(page.t("petitions_funnel_help"))
    page.download("petitions_funnel", **params)


def draw_answer_times(page: ui.Page, params: dict, summary: dict) -> None:
    t, lang = page.t, page.lang
    times = page.dataset("petitions_answer_times", **params).with_columns(
        in_term=pl.when(pl.col("on_time")).then(pl.col("petitions")).otherwise(0),
        late=pl.when(pl.col("on_time")).then(0).otherwise(pl.col("petitions")))
    figure = charts.stacked_bars(times, "working_days", [("in_term", t("petitions_in_term"), charts.COLORS["adopted"]),
                                                         ("late", t("petitions_late"), charts.COLORS["rejected"])],
                                 lang, title=t("petitions_answer_times_title"), value_title=t("petitions_col_petitions"))
    figure.add_vline(x=ANSWER_TERM + 0.5, line_dash="dot", line_color="#444", annotation_text=t("petitions_term_line"),
                     annotation_position="top right")
    figure.update_layout(xaxis_title=t("petitions_answer_times_axis"), bargap=0.1)
    figure.update_yaxes(rangemode="tozero")
    ui.chart(page, figure)
    st.caption(t("petitions_clock_rule", term=count_noun(ANSWER_TERM, "petitions_working_days_noun", lang),
                 assumed=format_number(summary["answered_clock_assumed"], lang),
                 answered=format_number(summary["answered_any"], lang)))
    page.download("petitions_answer_times", **params)


def draw_awaiting(page: ui.Page, params: dict) -> None:
    t = page.t
    st.caption(t("petitions_awaiting_help"))
    waiting = page.dataset("petitions_awaiting", **params)
    if waiting.is_empty():
        st.info(t("petitions_awaiting_none"))
    else:
        st.caption(t("petitions_overdue_count", count=count_noun(waiting.filter(pl.col("working_days_late") > 0).height,
                                                                 "petitions_noun", page.lang)))
        page.table("petitions_awaiting", waiting, "url", "number", "working_days_late", "deadline", "title", "unit",
                   "clock_start", "clock_assumed", "threshold_reached_on", "consideration_started_on", "category")
    page.download("petitions_awaiting", **params)


def draw_open(page: ui.Page, params: dict) -> None:
    t = page.t
    collecting = page.dataset("petitions_open", **params)
    if collecting.is_empty():
        st.info(t("petitions_open_none"))
    else:
        page.table("petitions_open", collecting, "url", "number", "signatures", "threshold", "progress", "days_left",
                   "title", "closes_on", "unit", "category")
    page.download("petitions_open", **params)


def draw_history(page: ui.Page, params: dict) -> None:
    """One petition's signatures over time against its threshold, chosen among those collecting signatures (else
    the most signed); the download holds every snapshot."""
    t = page.t
    candidates = page.dataset("petitions_open", **params)
    if candidates.is_empty():
        candidates = page.dataset("petitions", limit=HISTORY_CHOICES, **params).sort("signatures", descending=True)
    candidates = candidates.head(HISTORY_CHOICES)
    if candidates.is_empty():
        return
    names = dict(zip(candidates["petition_id"], candidates["number"] + " · " + candidates["title"].str.slice(0, 70)))
    options = list(names)
    wanted = page.link.get("petition")
    chosen = st.selectbox(t("petitions_history_pick"), options, index=options.index(wanted) if wanted in options else 0,
                          format_func=names.get, key="petitions_history")
    ui.set_link(petition=chosen)
    history = page.dataset("petitions_signatures", **params, petition=chosen)
    figure = charts.time_lines(history, "taken_on", "signatures", page.lang, value_title=t("petitions_col_signatures"))
    if not history.is_empty():
        figure.add_hline(y=history["threshold"][0], line_dash="dash", line_color=charts.COLORS["neutral"],
                         annotation_text=t("petitions_threshold_line"), annotation_position="top left")
    figure.update_layout(showlegend=False)
    ui.chart(page, figure)
    st.caption(t("petitions_history_help"))
    page.download("petitions_signatures", **params, petition=chosen)
    st.caption(t("petitions_history_all"))
    page.download("petitions_signatures", **params)


def draw_breakdowns(page: ui.Page, params: dict) -> None:
    t = page.t
    shown = ("petitions", "reached", "share_reached", "answered", "share_on_time", "median_working_days_to_answer")
    left, right = st.columns(2)
    for column, (dataset, key, title) in zip((left, right), (
            ("petitions_by_category", "category", "petitions_by_category_title"),
            ("petitions_by_unit", "unit", "petitions_by_unit_title"))):
        with column:
            st.subheader(t(title))
            page.table(dataset, page.dataset(dataset, **params), key, *shown)
            page.download(dataset, **params)


def draw_list(page: ui.Page, params: dict, total: int) -> None:
    t = page.t
    listed = page.dataset("petitions", limit=LIST_LIMIT, **params)
    st.caption(t("petitions_list_shown", shown=format_number(listed.height, page.lang),
                 total=format_number(total, page.lang)))
    names = ["url", "number", "title", "status", "outcome", "submitted_on", "closes_on", "signatures", "threshold",
             "threshold_reached_on", "consideration_started_on", "clock_assumed", "deadline", "responded_on",
             "working_days_to_answer", "on_time", "response_url", "unit", "category"]
    if "author" in listed.columns:
        names.append("author")
    page.table("petitions", listed, *names)
    page.download("petitions", **params)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_petitions"))
    st.caption(t("petitions_intro"))
    categories = sorted(page.dataset("petitions_by_category")["category"].drop_nulls(),
                        key=lambda category: name_key(category_label(page, category)))
    category, status = choose(page, categories)
    params = {"category": category, "status": status}
    summary = page.run(q.petitions_summary, page.filters, category, status).row(0, named=True)
    if not summary["submitted"]:
        st.info(t("petitions_none"))
        return
    summary["share_reached"] = summary["reached"] / summary["submitted"]
    draw_summary(page, summary)
    left, right = st.columns(2)
    with left:
        draw_funnel(page, params, summary)
    with right:
        draw_answer_times(page, params, summary)
    st.caption(t("petitions_as_of", day=format_date(q.as_of(page.filters), page.lang)))
    ui.part(page, "awaiting", draw_awaiting, page, params)
    ui.part(page, "open", draw_open, page, params)
    ui.part(page, "history", draw_history, page, params)
    ui.part(page, "breakdowns", draw_breakdowns, page, params)
    ui.part(page, "list", draw_list, page, params, summary["submitted"])


ui.show("petitions", body)
