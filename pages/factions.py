"""Factions: how united each faction votes (Rice and the Agreement Index, per vote and by month), the votes
where factions split most, and how often two factions take the same line."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.cohesion import MIN_COHESION_MEMBERS
from dashboard.filters import one_of
from dashboard.i18n import format_number, format_percent
from dashboard.vote_views import with_vote_links
from queries import votes as q
from queries.periods import data_years
from queries.units import unit_list

METRICS = ("agreement_index", "rice")
FALLBACK_COLOR = "#607d8b"
ctx = ui.context()


def colors(frame: pl.DataFrame) -> dict[str, str]:
    return {name: color or FALLBACK_COLOR for name, color in zip(frame["faction"], frame["color"])}


def draw_ranking(cohesion: pl.DataFrame, metric: str) -> None:
    t = ctx.t
    label = t(f"factions_{'agreement' if metric == 'agreement_index' else 'rice'}")
    ranked = cohesion.filter(pl.col(metric).is_not_null()).sort(metric)
    figure = go.Figure(go.Bar(
        y=ranked["short_name"].fill_null(ranked["faction"]), x=ranked[metric], orientation="h",
        marker_color=[c or FALLBACK_COLOR for c in ranked["color"]],
        text=[format_number(v, ctx.lang, 3) for v in ranked[metric]], textposition="auto"))
    figure.update_layout(title=t("factions_ranking_title"), xaxis=dict(range=[0, 1], title=label),
                         height=max(300, 40 * ranked.height + 120))
    ui.chart(ctx, figure, cohesion.drop("color"), "faction_cohesion")
    small = cohesion.filter(pl.col(metric).is_null())["faction"].to_list()
    if small:
        st.caption(t("factions_too_small", names=", ".join(small)))


def draw_monthly(monthly: pl.DataFrame, metric: str) -> None:
    t = ctx.t
    label = t(f"factions_{'agreement' if metric == 'agreement_index' else 'rice'}")
    palette = colors(monthly)
    figure = go.Figure()
    for faction in monthly["faction"].unique(maintain_order=True):
        part = monthly.filter(pl.col("faction") == faction)
        figure.add_scatter(x=part["month"], y=part[metric], name=faction, mode="lines+markers",
                           line_color=palette[faction], customdata=part["votes"],
                           hovertemplate="%{x|%m.%Y}: %{y:.3f} (" + t("factions_votes_hover") + ")")
    low = monthly[metric].min() or 0.0
    figure.update_layout(title=t("factions_monthly_title", metric=label),
                         yaxis=dict(title=label, range=[max(0.0, low - 0.05), 1.01]))
    figure.update_xaxes(tickformat="%m.%Y")
    ui.chart(ctx, figure, monthly.drop("color"), "faction_cohesion_monthly")


def draw_same_way(same_way: pl.DataFrame) -> None:
    t = ctx.t
    names = sorted(set(same_way["faction_a"]) | set(same_way["faction_b"]))
    cells = {(a, b): (share, same, both) for a, b, share, same, both in same_way.select(
        "faction_a", "faction_b", "share_same", "same", "both_lines").iter_rows()}
    z = [[cells[(a, b)][0] if (a, b) in cells else None for b in names] for a in names]
    shown = [[format_percent(cells[(a, b)][0], ctx.lang, 0) if (a, b) in cells else "" for b in names] for a in names]
    counts = [[f"{format_number(cells[(a, b)][1], ctx.lang)} / {format_number(cells[(a, b)][2], ctx.lang)}"
               if (a, b) in cells else "" for b in names] for a in names]
    figure = go.Figure(go.Heatmap(
        z=z, x=names, y=names, zmin=0, zmax=1, colorscale="Blues", text=shown, customdata=counts,
        texttemplate="%{text}", hovertemplate="%{y} · %{x}: %{text} (%{customdata})<extra></extra>",
        colorbar=dict(tickformat=".0%")))
    figure.update_layout(title=t("factions_same_way_title"), yaxis=dict(autorange="reversed"),
                         height=max(360, 60 * len(names) + 160))
    ui.chart(ctx, figure, same_way, "faction_same_way")


def draw_least_united(least: pl.DataFrame) -> None:
    t = ctx.t
    st.subheader(t("factions_least_united"))
    st.caption(t("factions_least_united_help"))
    ui.table(ctx, with_vote_links(least, ctx.lang).select("link", "voted_at", "title", "faction", "n_for", "n_against",
                                                          "n_abstain", "n_not_voting", "n_absent", "rice",
                                                          "agreement_index"),
             "faction_least_united", column_config={
                 "link": st.column_config.LinkColumn(t("votes_open"), display_text=t("votes_open_text"), width="small"),
                 "voted_at": st.column_config.DatetimeColumn(t("votes_time"), format="DD.MM.YYYY HH:mm"),
                 "title": st.column_config.TextColumn(t("votes_title"), width="large"), "faction": t("vote_faction"),
                 **{f"n_{c}": t(f"vote_tally_{c}") for c in q.CHOICES},
                 "rice": st.column_config.NumberColumn(t("factions_rice"), format="%.3f"),
                 "agreement_index": st.column_config.NumberColumn(t("factions_agreement"), format="%.3f"),
             })


def body() -> None:
    t = ctx.t
    st.title(t("page_factions"))
    link = ui.read_link(ctx, {"metric": one_of(METRICS)})
    filters = ui.filter_bar(ctx, ui.run(ctx, data_years), ui.run(ctx, unit_list), link, by_unit=False)
    st.sidebar.caption(t("factions_no_units"))
    st.caption(t("factions_intro", members=MIN_COHESION_MEMBERS - 1))
    metric = st.segmented_control(
        t("factions_metric"), METRICS, default=link.get("metric", METRICS[0]), key="factions_metric",
        format_func=lambda m: t(f"factions_{'agreement' if m == 'agreement_index' else 'rice'}")) or METRICS[0]
    ui.set_link(metric=None if metric == METRICS[0] else metric)

    sums = ui.run(ctx, q.faction_month_sums, filters)
    cohesion = q.cohesion_overall(sums)
    if cohesion.is_empty():
        st.info(t("no_data_for_filters"))
        return
    best = cohesion.filter(pl.col(metric).is_not_null()).sort(metric, descending=True)
    columns = st.columns(3)
    columns[0].metric(t("factions_count"), format_number(cohesion.height, ctx.lang))
    columns[1].metric(t("factions_votes_counted"), format_number(cohesion["votes"].max(), ctx.lang))
    if not best.is_empty():
        columns[2].metric(t("factions_most_united", faction=best["short_name"].fill_null(best["faction"])[0]),
                          format_number(best[metric][0], ctx.lang, 3))

    left, right = st.columns(2)
    with left:
        draw_ranking(cohesion, metric)
    with right:
        draw_same_way(ui.run(ctx, q.faction_same_way, filters))
    draw_monthly(q.cohesion_by_month(sums), metric)
    draw_least_united(ui.run(ctx, q.least_united, filters))


ui.guarded(ctx, body)
