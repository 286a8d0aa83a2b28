"""Factions: how united each faction votes (Rice and the Agreement Index, per vote and by month), the votes
where factions split most, and how often two factions take the same line."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.alphabet import name_key
from dashboard.i18n import abbreviation_key, format_number, format_percent
from dashboard.metrics.votes import MIN_COHESION_MEMBERS
from dashboard.navigation import FACTION_METRICS
from queries import factions


def metric_label(page: ui.Page, metric: str) -> str:
    return page.t(f"factions_{'agreement' if metric == 'agreement_index' else 'rice'}")


def with_colours(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col("color").fill_null(charts.COLORS["neutral"]))


def draw_ranking(page: ui.Page, cohesion: pl.DataFrame, metric: str) -> None:
    ranked = with_colours(cohesion.filter(pl.col(metric).is_not_null()).sort(metric, descending=True)).with_columns(
        name=pl.col("short_name").fill_null(pl.col("faction")))
    figure = charts.ranked_bars(ranked, "name", metric, page.lang, title=page.t("factions_ranking_title"),
                                color="color", value_title=metric_label(page, metric), decimals=3)
    figure.update_xaxes(range=[0, 1])
    ui.chart(page, figure)
    page.download("faction_cohesion")
    if key := abbreviation_key(zip(ranked["short_name"], ranked["faction"])):
        st.caption(page.t("factions_key", names=ui.text(key)))
    small = cohesion.filter(pl.col(metric).is_null())["faction"].to_list()
    if small:
        st.caption(page.t("factions_too_small", names=", ".join(small)))


def draw_monthly(page: ui.Page, sums: pl.DataFrame, metric: str) -> None:
    monthly = with_colours(factions.cohesion_by_month(sums))
    colours = dict(zip(monthly["faction"], monthly["color"]))
    figure = charts.time_lines(monthly, "month", metric, page.lang, group="faction", colors=colours,
                               title=page.t("factions_monthly_title", metric=metric_label(page, metric)),
                               value_title=metric_label(page, metric))
    figure.update_yaxes(range=[max(0.0, (monthly[metric].min() or 0.0) - 0.05), 1.01])
    ui.chart(page, figure)
    page.download("faction_cohesion_monthly")


def draw_same_way(page: ui.Page) -> None:
    lang = page.lang
    same_way = page.dataset("faction_same_way")
    names = sorted(set(same_way["faction_a"]) | set(same_way["faction_b"]), key=name_key)
    cells = {(a, b): (share, same, both) for a, b, share, same, both in same_way.select(
        "faction_a", "faction_b", "share_same", "same", "both_lines").iter_rows()}
    z = [[cells[(a, b)][0] if (a, b) in cells else None for b in names] for a in names]
    text = [[format_percent(cells[(a, b)][0], lang, 0) if (a, b) in cells else "" for b in names] for a in names]
    hover = [[f"{a} · {b}: {format_percent(cells[(a, b)][0], lang)} ({format_number(cells[(a, b)][1], lang)} / "
              f"{format_number(cells[(a, b)][2], lang)})" if (a, b) in cells else "" for b in names] for a in names]
    figure = charts.heatmap(z, names, names, lang, hover=hover, text=text, title=page.t("factions_same_way_title"),
                            height=max(360, 60 * len(names) + 160))
    ui.chart(page, figure)
    page.download("faction_same_way")


def draw_least_united(page: ui.Page) -> None:
    t = page.t
    st.caption(t("factions_least_united_help"))
    page.table("faction_least_united", page.dataset("faction_least_united"))
    page.download("faction_least_united")


def body(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    st.title(t("page_factions"))
    st.caption(t("factions_intro", members=MIN_COHESION_MEMBERS - 1))
    metric = st.segmented_control(t("factions_metric"), FACTION_METRICS,
                                  default=page.link.get("metric", FACTION_METRICS[0]), key="factions_metric",
                                  format_func=lambda m: metric_label(page, m)) or FACTION_METRICS[0]
    ui.set_link(metric=None if metric == FACTION_METRICS[0] else metric)

    sums = page.run(factions.faction_month_sums, page.filters)  # both cohesion datasets are shaped from it
    cohesion = factions.cohesion_overall(sums)
    if cohesion.is_empty():
        st.info(t("no_data_for_filters"))
        return
    best = cohesion.filter(pl.col(metric).is_not_null()).sort(metric, descending=True)
    columns = st.columns(3)
    columns[0].metric(t("factions_count"), format_number(cohesion.height, lang))
    columns[1].metric(t("factions_votes_counted"), format_number(cohesion["votes"].max(), lang))
    if not best.is_empty():
        columns[2].metric(t("factions_most_united", faction=best["short_name"].fill_null(best["faction"])[0]),
                          format_number(best[metric][0], lang, 3))
    left, right = st.columns(2)
    with left:
        draw_ranking(page, cohesion, metric)
    with right:
        draw_same_way(page)
    ui.part(page, "monthly", draw_monthly, page, sums, metric)
    ui.part(page, "least", draw_least_united, page)


ui.show("factions", body)
