"""Queue (internal edition): petitions awaiting the council's answer with the working days left; everything not yet
public (votes, decisions, streams, consultation results and the rest) with how long it has waited; and each KPI
as the council sees it beside the public's figure, with the unpublished rows behind the difference."""

import dataclasses
import datetime as dt

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.i18n import count_noun, format_date, format_number


def as_of(page: ui.Page, rows: pl.DataFrame) -> None:
    if not rows.is_empty():
        st.caption(page.t("queue_as_of", day=format_date(rows["as_of"][0], page.lang)))


def draw_petitions(page: ui.Page) -> None:
    t = page.t
    rows = page.dataset("queue_petitions")
    st.caption(t("queue_petitions_intro"))
    if not rows.is_empty():
        overdue = rows.filter(pl.col("working_days_left") < 0).height
        left, right = st.columns(2)
        left.metric(t("queue_petitions_awaiting"), count_noun(rows.height, "kpi_noun_petition", page.lang))
        right.metric(t("queue_petitions_overdue"), format_number(overdue, page.lang))
        as_of(page, rows)
    page.listing("queue_petitions", "queue_petitions_none")


def draw_publishing(page: ui.Page) -> None:
    t = page.t
    rows = page.dataset("queue_unpublished")
    st.caption(t("queue_publishing_intro"))
    if not rows.is_empty():
        kinds = (rows.group_by("kind").agg(items=pl.len(), longest=pl.col("waiting_days").max())
                 .with_columns(label=pl.col("kind").map_elements(lambda k: t(f"queue_kind_{k}"), return_dtype=pl.String))
                 .sort("items", descending=True))
        ui.chart(page, charts.ranked_bars(kinds, "label", "items", page.lang, title=t("queue_publishing_chart"),
                                          value_title=t("queue_publishing_axis")))
        as_of(page, rows)
    page.listing("queue_unpublished", "queue_unpublished_none")


def draw_difference(page: ui.Page) -> None:
    t = page.t
    rows = page.dataset("queue_difference")
    st.caption(t("queue_difference_intro"))
    page.table("queue_difference", rows)
    page.download("queue_difference")
    differing = rows.filter(pl.col("difference") != 0)
    if differing.is_empty():
        st.success(t("queue_difference_none"), icon=":material/check_circle:")
        return
    for row in differing.iter_rows(named=True):
        counted = dataclasses.replace(page.filters, date_from=row["counted_from"], date_to=dt.date(row["year"], 12, 31))
        found = page.dataset("queue_unpublished", counted).filter(pl.col("source") == row["source"], pl.col("hidden"))
        title = t("queue_difference_rows", kpi=t(f"kpi_{row['kpi']}"), year=str(row["year"]),
                  rows=format_number(found.height, page.lang))
        with st.expander(title):
            if found.is_empty():
                st.caption(t("queue_difference_no_rows"))
            else:
                page.table("queue_unpublished", found)


def body(page: ui.Page) -> None:
    st.title(page.t("page_queue"))
    opened, tab = ui.section(page)
    with tab:
        {"petitions": draw_petitions, "publishing": draw_publishing, "difference": draw_difference}[opened](page)


ui.show("queue", body)
