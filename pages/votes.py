"""Votes overview: sessions and votes by month, results, margins against the majority of the whole
composition, units that prepared the questions, the closest votes and a searchable list."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.i18n import format_number, format_percent
from dashboard.metrics.votes import KINDS, ORDERS
from queries import votes as q

LIST_LIMIT = 200
CLOSEST_LIMIT = 10


def draw_summary(page: ui.Page, summary: dict) -> None:
    t, lang = page.t, page.lang
    columns = st.columns(5)
    columns[0].metric(t("votes_sessions"), format_number(summary["sessions"], lang))
    columns[1].metric(t("votes_votes"), format_number(summary["votes"], lang))
    columns[2].metric(t("votes_share_adopted"), format_percent(summary["share_adopted"], lang),
                      help=t("votes_share_adopted_help", adopted=format_number(summary["adopted"], lang)))
    columns[3].metric(t("votes_adopted_below"), format_number(summary["adopted_below_majority"], lang),
                      help=t("votes_adopted_below_help"))
    columns[4].metric(t("votes_flagged_count"), format_number(summary["tally_mismatches"], lang),
                      help=t("votes_flagged_help"))


def draw_months(page: ui.Page, search: str, kind: str | None) -> None:
    t = page.t
    months = page.dataset("votes_by_month", q=search, kind=kind)
    figure = charts.stacked_bars(months, "month", [("adopted", t("votes_adopted"), charts.COLORS["adopted"]),
                                                   ("not_adopted", t("votes_rejected"), charts.COLORS["rejected"])],
                                 page.lang, title=t("votes_by_month_title"), value_title=t("votes_votes"), time=True)
    figure.add_scatter(x=months["month"], y=months["sessions"], name=t("votes_sessions"), mode="lines+markers",
                       line_color=charts.COLORS["line"], yaxis="y2")
    figure.update_layout(yaxis2=dict(title=t("votes_sessions"), overlaying="y", side="right", rangemode="tozero", dtick=1, tickformat=",d",
                                     showgrid=False))
    ui.chart(page, figure)
    page.download("votes_by_month", q=search, kind=kind)


def draw_margins(page: ui.Page, search: str, kind: str | None) -> None:
    t = page.t
    margins = page.dataset("votes_margin_distribution", q=search, kind=kind)
    wide = (margins.pivot(on="adopted", index="margin", values="votes").sort("margin")
            .rename({"true": "adopted", "false": "rejected"}, strict=False))
    parts = [(name, t(f"votes_{label}"), charts.COLORS[name]) for name, label in
             (("adopted", "adopted"), ("rejected", "rejected")) if name in wide.columns]
    figure = charts.stacked_bars(wide.fill_null(0), "margin", parts, page.lang, title=t("votes_margin_title"),
                                 value_title=t("votes_votes"))
    figure.add_vline(x=-0.5, line_dash="dot", line_color="#444", annotation_text=t("votes_majority_line"),
                     annotation_position="top left")
    figure.update_layout(xaxis_title=t("votes_margin_axis"), bargap=0.1)
    ui.chart(page, figure)
    page.download("votes_margin_distribution", q=search, kind=kind)


def draw_units(page: ui.Page, search: str, kind: str | None) -> None:
    t = page.t
    by_unit = page.dataset("votes_by_unit", q=search, kind=kind)
    named = by_unit.with_columns(unit=pl.Series([page.unit_name(c) for c in by_unit["unit"]], dtype=pl.String))
    figure = charts.stacked_bars(named, "unit", [("adopted", t("votes_adopted"), charts.COLORS["adopted"]),
                                                 ("not_adopted", t("votes_rejected"), charts.COLORS["rejected"])],
                                 page.lang, title=t("votes_by_unit_title"), horizontal=True,
                                 value_title=t("votes_votes"))
    ui.chart(page, figure)
    page.download("votes_by_unit", q=search, kind=kind)


def draw_margins_and_units(page: ui.Page, search: str, kind: str | None) -> None:
    left, right = st.columns(2)
    with left:
        draw_margins(page, search, kind)
    with right:
        draw_units(page, search, kind)


def draw_closest(page: ui.Page, search: str, kind: str | None) -> None:
    t = page.t
    st.caption(t("votes_closest_help"))
    for column, order in zip(st.columns(2), ("closest", "closest_for_against")):
        with column:
            st.markdown(f"**{t(f'votes_order_{order}')}**")
            closest = page.dataset("votes", limit=CLOSEST_LIMIT, q=search, kind=kind, order=order)
            gap = "margin" if order == "closest" else "for_against"
            page.table("votes", closest, "vote_id", "voted_at", gap, "n_for", "n_against", "result", "title")
            page.download("votes", q=search, kind=kind, order=order)


def draw_list(page: ui.Page, search: str, kind: str | None, total: int) -> None:
    t = page.t
    order = st.segmented_control(t("votes_order"), ORDERS, default=page.link.get("order", "newest"),
                                 format_func=lambda o: t(f"votes_order_{o}"), key="votes_order") or "newest"
    ui.set_link(order=None if order == "newest" else order)
    listed = page.dataset("votes", limit=LIST_LIMIT, q=search, kind=kind, order=order)
    st.caption(t("votes_list_shown", shown=format_number(listed.height, page.lang),
                 total=format_number(total, page.lang)))
    page.table("votes", listed, "vote_id", "voted_at", "title", "kind", "result", "n_for", "n_against", "n_abstain",
               "n_not_voting", "n_present", "needed", "margin", "for_against", "turnout", "unit", "session",
               "tally_mismatch")
    page.download("votes", q=search, kind=kind, order=order)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_votes"))
    search_column, kind_column = st.columns([3, 1])
    search = search_column.text_input(t("votes_search"), page.link.get("q", ""), placeholder=t("votes_search_hint"),
                                      key="votes_search", max_chars=100).strip()
    kinds = [None, *KINDS]
    kind = kind_column.selectbox(t("votes_kind"), kinds, index=kinds.index(page.link.get("kind")),
                                 format_func=lambda k: t("votes_kind_all") if k is None else t(f"votes_kind_{k}"),
                                 key="votes_kind")
    ui.set_link(q=search, kind=kind)

    summary = page.run(q.votes_summary, page.filters, search, kind).row(0, named=True)
    if not summary["votes"]:
        search_column.info(t("votes_search_none") if search else t("no_data_for_filters"))
        return
    draw_summary(page, summary)
    draw_months(page, search, kind)
    ui.part(page, "margins", draw_margins_and_units, page, search, kind)
    ui.part(page, "closest", draw_closest, page, search, kind)
    ui.part(page, "list", draw_list, page, search, kind, summary["votes"])


ui.show("votes", body)
