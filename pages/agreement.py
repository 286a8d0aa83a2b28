"""Who votes with whom: the deputy × deputy agreement matrix ordered so blocs show, and the map of positions."""

import numpy as np
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.i18n import count_noun, format_percent, short_name
from dashboard.metrics.deputies import farthest_from_centre
from queries import agreement

MAP_NAMED = 8


def draw_matrix(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("agreement_matrix"))
    st.caption(t("agreement_matrix_caption"))
    square = page.run(agreement.agreement_heatmap, page.filters)
    if square.is_empty():
        st.info(t("no_data_for_filters"))
        return
    labels = [f"{label} ({short})" if short else label for label, short in zip(square["label"], square["faction_short"])]
    shares = square.select(square["label"].to_list()).to_numpy().astype(float)
    off_diagonal = shares[~np.eye(len(labels), dtype=bool)]
    lowest = float(np.nanmin(off_diagonal)) if np.isfinite(off_diagonal).any() else 0.0
    hover = [[t("agreement_hover", a=a, b=b, share=format_percent(None if np.isnan(v) else v, lang))
              for b, v in zip(square["deputy"], row)] for a, row in zip(square["deputy"], shares)]
    z = [[None if np.isnan(v) else v for v in row] for row in shares]
    figure = charts.heatmap(z, labels, labels, lang, hover=hover, zmin=lowest, colorbar_title=t("deputy_agreement"),
                            height=260 + 17 * len(labels))
    figure.update_layout(xaxis=dict(tickangle=-60, tickfont=dict(size=11)), yaxis=dict(tickfont=dict(size=11)))
    ui.chart(page, figure)
    page.download("agreement_matrix")


def draw_map(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    positions = page.dataset("positions_map")
    if positions.height < 3 or positions["votes_used"][0] < 2:
        st.info(t("map_too_few"))
        return
    positions = positions.with_columns(pl.col("faction").fill_null(t("deputies_no_faction")))
    named = positions.with_columns(named=pl.Series(farthest_from_centre(positions["x"], positions["y"],
                                                                        positions["faction"], MAP_NAMED)))
    figure = go.Figure()
    for (faction, color), group in named.group_by(["faction", "color"], maintain_order=True):
        figure.add_scatter(
            x=group["x"], y=group["y"], mode="markers+text", name=faction, textposition="top center",
            text=[short_name(name) if show else "" for name, show in zip(group["deputy"], group["named"])],
            textfont=dict(size=10, color="#555"), marker=dict(color=color, size=12, line=dict(width=1, color="white")),
            customdata=group["deputy"], hovertemplate="%{customdata}<extra>" + faction + "</extra>")
    first = positions.row(0, named=True)
    figure.update_layout(
        height=640, xaxis=dict(title=t("map_axis_x", share=format_percent(first["explained_x"], lang)), zeroline=False),
        yaxis=dict(title=t("map_axis_y", share=format_percent(first["explained_y"], lang)), zeroline=False))
    ui.chart(page, charts.style(figure, lang))
    st.caption(t("map_caption", votes=count_noun(positions["votes_used"][0], "map_votes", lang)))
    page.download("positions_map")


def draw_alike(page: ui.Page) -> None:
    t = page.t
    alike = page.dataset("agreement_most_alike")
    if alike.is_empty():
        st.info(t("no_data_for_filters"))
        return
    st.caption(t("agreement_alike_caption"))
    page.table("agreement_most_alike", alike)
    page.download("agreement_most_alike")


def body(page: ui.Page) -> None:
    st.title(page.t("page_agreement"))
    st.caption(page.t("agreement_intro"))
    draw_matrix(page)
    ui.part(page, "map", draw_map, page)
    ui.part(page, "alike", draw_alike, page)


ui.show("agreement", body)
