"""Votes overview: sessions and votes by month, results, margins against the majority of the whole
composition, units that prepared the questions, the closest votes and a searchable list."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from plotly.subplots import make_subplots

from dashboard import ui
from dashboard.filters import one_of
from dashboard.i18n import format_number, format_percent, format_signed
from dashboard.vote_views import with_vote_links
from queries import votes as q
from queries.periods import data_years
from queries.units import unit_list

LIST_LIMIT = 200
CLOSEST_LIMIT = 10
ctx = ui.context()


def parse_search(text: str) -> str:
    return text.strip()[:100]


def vote_columns() -> dict:
    """Column labels of the vote tables; the CSV keeps the dataset's own names."""
    t = ctx.t
    return {
        "link": st.column_config.LinkColumn(t("votes_open"), display_text=t("votes_open_text"), width="small"),
        "voted_at": st.column_config.DatetimeColumn(t("votes_time"), format="DD.MM.YYYY HH:mm"),
        "title": st.column_config.TextColumn(t("votes_title"), width="large"),
        "kind": t("votes_kind"), "result": t("votes_result"), "n_for": t("votes_for"), "n_against": t("votes_against"),
        "n_abstain": t("votes_abstain"), "n_not_voting": t("votes_not_voting"), "n_present": t("votes_present"),
        "needed": t("votes_needed"), "margin": t("votes_margin"), "for_against": t("votes_for_against"),
        "turnout": st.column_config.NumberColumn(t("votes_turnout"), format="percent"),
        "vote_id": None, "session": t("votes_session"), "agenda_item": None, "unit": t("votes_unit"), "adopted": None,
        "composition": None, "tally_mismatch": st.column_config.CheckboxColumn(t("votes_flagged")),
    }


def signed_texts(frame: pl.DataFrame) -> dict:
    """The signed columns written with a sign and a proper minus (−3, +2): Streamlit shows only "-3"."""
    return {name: lambda value: format_signed(value, ctx.lang) for name in ("margin", "for_against")
            if name in frame.columns}


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """Kind and result in words, a link to each vote first."""
    kinds = {kind: ctx.t(f"votes_kind_{kind}") for kind in q.KINDS}
    return with_vote_links(frame, ctx.lang).with_columns(
        kind=pl.col("kind").replace_strict(kinds, default=pl.col("kind")),
        result=pl.when(pl.col("adopted")).then(pl.lit(ctx.t("votes_adopted"))).otherwise(pl.lit(ctx.t("votes_rejected"))),
    ).select("link", "voted_at", "title", "kind", "result", "n_for", "n_against", "n_abstain", "n_not_voting",
             "n_present", "needed", "margin", "for_against", "turnout", "unit", "session", "tally_mismatch", "vote_id")


def draw_summary(summary: dict) -> None:
    t = ctx.t
    columns = st.columns(5)
    columns[0].metric(t("votes_sessions"), format_number(summary["sessions"], ctx.lang))
    columns[1].metric(t("votes_votes"), format_number(summary["votes"], ctx.lang))
    share = summary["adopted"] / summary["votes"] if summary["votes"] else None
    columns[2].metric(t("votes_share_adopted"), format_percent(share, ctx.lang),
                      help=t("votes_share_adopted_help", adopted=format_number(summary["adopted"], ctx.lang)))
    columns[3].metric(t("votes_adopted_below"), format_number(summary["adopted_below_majority"], ctx.lang),
                      help=t("votes_adopted_below_help"))
    columns[4].metric(t("votes_flagged_count"), format_number(summary["tally_mismatches"], ctx.lang),
                      help=t("votes_flagged_help"))


def draw_months(months: pl.DataFrame) -> None:
    t = ctx.t
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    figure.add_bar(x=months["month"], y=months["adopted"], name=t("votes_adopted"), marker_color="#2e7d32")
    figure.add_bar(x=months["month"], y=months["not_adopted"], name=t("votes_rejected"), marker_color="#c62828")
    figure.add_scatter(x=months["month"], y=months["sessions"], name=t("votes_sessions"), mode="lines+markers",
                       line_color="#1f3b73", secondary_y=True)
    figure.update_layout(barmode="stack", title=t("votes_by_month_title"), hovermode="x unified")
    figure.update_xaxes(tickformat="%m.%Y", dtick="M3")
    figure.update_yaxes(title_text=t("votes_votes"), secondary_y=False)
    figure.update_yaxes(title_text=t("votes_sessions"), secondary_y=True, rangemode="tozero", showgrid=False,
                        dtick=max(1, months["sessions"].max() // 5))
    ui.chart(ctx, figure, months, "votes_by_month")


def draw_margins(margins: pl.DataFrame) -> None:
    t = ctx.t
    figure = go.Figure()
    for adopted, label, colour in ((True, t("votes_adopted"), "#2e7d32"), (False, t("votes_rejected"), "#c62828")):
        part = margins.filter(pl.col("adopted") == adopted)
        figure.add_bar(x=part["margin"], y=part["votes"], name=label, marker_color=colour)
    figure.add_vline(x=-0.5, line_dash="dot", line_color="#444", annotation_text=t("votes_majority_line"),
                     annotation_position="top left")
    figure.update_layout(barmode="stack", title=t("votes_margin_title"), xaxis_title=t("votes_margin_axis"),
                         yaxis_title=t("votes_votes"), bargap=0.1)
    ui.chart(ctx, figure, margins, "votes_margin_distribution")


def draw_units(by_unit: pl.DataFrame) -> None:
    t = ctx.t
    by_unit = by_unit.with_columns(unit=pl.col("unit").fill_null(t("votes_no_unit")),
                                   not_adopted=pl.col("votes") - pl.col("adopted"))
    shown = by_unit.reverse()
    figure = go.Figure()
    figure.add_bar(y=shown["unit"], x=shown["adopted"], name=t("votes_adopted"), orientation="h", marker_color="#2e7d32")
    figure.add_bar(y=shown["unit"], x=shown["not_adopted"], name=t("votes_rejected"), orientation="h",
                   marker_color="#c62828")
    figure.update_layout(barmode="stack", title=t("votes_by_unit_title"), xaxis_title=t("votes_votes"),
                         height=max(320, 28 * shown.height + 120))
    ui.chart(ctx, figure, by_unit, "votes_by_unit")


def draw_closest(filters, search: str, kind: str | None) -> None:
    t = ctx.t
    st.subheader(t("votes_closest"))
    st.caption(t("votes_closest_help"))
    left, right = st.columns(2)
    for column, order in ((left, "closest"), (right, "closest_for_against")):
        with column:
            st.markdown(f"**{t(f'votes_order_{order}')}**")
            closest = ui.run(ctx, q.vote_list, filters, search, kind, order, CLOSEST_LIMIT, ctx.lang)
            gap = "margin" if order == "closest" else "for_against"
            shown = readable(closest).select("link", "voted_at", gap, "n_for", "n_against", "result", "title")
            ui.table(ctx, shown, f"votes_{order}", column_config=vote_columns(), texts=signed_texts(shown))


def body() -> None:
    t = ctx.t
    st.title(t("page_votes"))
    link = ui.read_link(ctx, {"q": parse_search, "kind": one_of(q.KINDS), "order": one_of(q.ORDERS)})
    units = ui.run(ctx, unit_list)
    filters = ui.filter_bar(ctx, ui.run(ctx, data_years), units, link)

    search_column, kind_column = st.columns([3, 1])
    search = search_column.text_input(t("votes_search"), link.get("q", ""), placeholder=t("votes_search_hint"),
                                      key="votes_search", max_chars=100).strip()
    kinds = [None, *q.KINDS]
    kind = kind_column.selectbox(t("votes_kind"), kinds, index=kinds.index(link.get("kind")),
                                 format_func=lambda k: t("votes_kind_all") if k is None else t(f"votes_kind_{k}"),
                                 key="votes_kind")
    ui.set_link(q=search, kind=kind)

    summary = ui.run(ctx, q.votes_summary, filters, search, kind).row(0, named=True)
    if not summary["votes"]:
        st.info(t("no_data_for_filters"))
        return
    draw_summary(summary)
    draw_months(ui.run(ctx, q.votes_by_month, filters, search, kind))
    left, right = st.columns(2)
    with left:
        draw_margins(ui.run(ctx, q.margin_distribution, filters, search, kind))
    with right:
        draw_units(ui.run(ctx, q.votes_by_unit, filters, search, kind, ctx.lang))
    draw_closest(filters, search, kind)

    st.subheader(t("votes_list"))
    order = st.segmented_control(t("votes_order"), q.ORDERS, default=link.get("order", "newest"),
                                 format_func=lambda o: t(f"votes_order_{o}"), key="votes_order") or "newest"
    ui.set_link(order=None if order == "newest" else order)
    listed = ui.run(ctx, q.vote_list, filters, search, kind, order, LIST_LIMIT, ctx.lang)
    st.caption(t("votes_list_shown", shown=format_number(listed.height, ctx.lang),
                 total=format_number(summary["votes"], ctx.lang)))
    shown = readable(listed)
    ui.table(ctx, shown, "votes", column_config=vote_columns(), texts=signed_texts(shown))


ui.guarded(ctx, body)
