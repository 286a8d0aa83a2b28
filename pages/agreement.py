"""Who votes with whom: the deputy × deputy agreement matrix ordered so blocs show, and the map of positions."""

import numpy as np
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.i18n import count_noun, format_percent
from queries import deputies, periods, units

ALIKE_LISTED = 15
MAP_NAMED = 8


def axis_labels(square: pl.DataFrame) -> list[str]:
    """`Прізвище І. П. (СН)`: the short name with the faction's short name, so blocs can be read off the axis."""
    return [f"{label} ({short})" if short else label for label, short in zip(square["label"], square["faction_short"])]


def heatmap(ctx: ui.Context, square: pl.DataFrame) -> go.Figure:
    labels = axis_labels(square)
    shares = square.select(square["label"].to_list()).to_numpy()
    off_diagonal = shares.astype(float)[~np.eye(len(labels), dtype=bool)]
    lowest = float(np.nanmin(off_diagonal)) if np.isfinite(off_diagonal).any() else 0.0
    text = [[ctx.t("agreement_hover", a=row_name, b=col_name, share=format_percent(value, ctx.lang))
             for col_name, value in zip(square["deputy"], row)] for row_name, row in zip(square["deputy"], shares)]
    figure = go.Figure(go.Heatmap(
        z=shares, x=labels, y=labels, text=text, hoverinfo="text", colorscale="Blues",
        zmin=lowest, zmax=1.0,
        colorbar=dict(tickformat=".0%", title=dict(text=ctx.t("deputy_agreement")))))
    figure.update_layout(title=ctx.t("agreement_matrix"), height=260 + 17 * len(labels),
                         yaxis=dict(autorange="reversed", tickfont=dict(size=11)),
                         xaxis=dict(tickangle=-60, tickfont=dict(size=11), side="bottom"))
    return figure


def standing_apart(positions: pl.DataFrame) -> pl.Series:
    """The deputies farthest from their faction's centre on the map: the only ones named on it (the rest crowd)."""
    centre = [pl.col(axis).mean().over("faction") for axis in ("x", "y")]
    distance = ((pl.col("x") - centre[0]) ** 2 + (pl.col("y") - centre[1]) ** 2).sqrt()
    far = positions.select(distance.alias("distance"))["distance"]
    return far >= far.sort(descending=True)[min(MAP_NAMED, len(far)) - 1]


def position_map(ctx: ui.Context, positions: pl.DataFrame) -> go.Figure:
    figure = go.Figure()
    named = positions.with_columns(standing_apart(positions).alias("named"))
    for (faction, color), group in named.group_by(["faction", "color"], maintain_order=True):
        figure.add_scatter(
            x=group["x"], y=group["y"], mode="markers+text", name=faction,
            text=[deputies.short_label(name) if show else "" for name, show in zip(group["deputy"], group["named"])],
            textposition="top center",
            textfont=dict(size=10, color="#555"), marker=dict(color=color, size=12, line=dict(width=1, color="white")),
            customdata=group["deputy"], hovertemplate="%{customdata}<extra>" + faction + "</extra>")
    first = positions.row(0, named=True)
    figure.update_layout(
        title=ctx.t("map_title"), height=640, legend=dict(orientation="h", y=-0.15),
        xaxis=dict(title=ctx.t("map_axis_x", share=format_percent(first["explained_x"], ctx.lang)), zeroline=False),
        yaxis=dict(title=ctx.t("map_axis_y", share=format_percent(first["explained_y"], ctx.lang)), zeroline=False))
    return figure


def alike_pairs(pairs: pl.DataFrame, square: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """The pairs that agree most, among those who voted together often enough to say so."""
    minimum = max(1, int(pairs["both_voted"].max() or 0) // 5)
    faction = square.select("deputy_id", "faction")
    frame = (pairs.filter(pl.col("both_voted") >= minimum).drop_nulls("share")
             .join(faction.rename({"deputy_id": "deputy_a", "faction": "faction_a"}), on="deputy_a", how="left")
             .join(faction.rename({"deputy_id": "deputy_b", "faction": "faction_b"}), on="deputy_b", how="left")
             .with_columns((pl.col("faction_a").fill_null("") != pl.col("faction_b").fill_null("")).alias("cross"))
             .sort(["share", "both_voted"], descending=True).head(ALIKE_LISTED))
    return frame.select("deputy_a_name", "faction_a", "deputy_b_name", "faction_b", "share", "both_voted", "same",
                        "cross"), minimum


def body() -> None:
    ctx = ui.context()
    st.title(ctx.t("page_agreement"))
    link = ui.read_link(ctx)
    filters = ui.filter_bar(ctx, ui.run(ctx, periods.data_years), ui.run(ctx, units.unit_list), link, by_unit=False)
    st.sidebar.caption(ctx.t("deputies_no_units"))
    st.caption(ctx.t("agreement_intro"))

    square = ui.run(ctx, deputies.agreement_heatmap, filters)
    st.subheader(ctx.t("agreement_matrix"))
    st.caption(ctx.t("agreement_matrix_caption"))
    ui.chart(ctx, heatmap(ctx, square) if not square.is_empty() else go.Figure(), square, "agreement_matrix")

    st.subheader(ctx.t("map_title"))
    positions = ui.run(ctx, deputies.positions_map, filters)
    if positions.height < 3 or positions["votes_used"][0] < 2:
        st.info(ctx.t("map_too_few"))
    else:
        positions = positions.with_columns(pl.col("faction").fill_null(ctx.t("deputies_no_faction")))
        ui.chart(ctx, position_map(ctx, positions), positions.drop("color"), "positions_map")
        st.caption(ctx.t("map_caption", votes=count_noun(positions["votes_used"][0], "map_votes", ctx.lang)))

    st.subheader(ctx.t("agreement_alike"))
    pairs = ui.run(ctx, deputies.agreement_matrix, filters)
    if pairs.is_empty():
        st.info(ctx.t("no_data_for_filters"))
        return
    alike, minimum = alike_pairs(pairs, square.with_columns(pl.col("faction").fill_null(ctx.t("deputies_no_faction"))))
    st.caption(ctx.t("agreement_alike_caption", minimum=minimum))
    ui.table(ctx, alike, "deputies_alike", column_config={
        "deputy_a_name": ctx.t("agreement_deputy_a"), "faction_a": ctx.t("deputies_faction"),
        "deputy_b_name": ctx.t("agreement_deputy_b"), "faction_b": ctx.t("deputies_faction"),
        "share": st.column_config.NumberColumn(ctx.t("deputy_agreement"), format="percent"),
        "both_voted": ctx.t("deputy_both_voted"), "same": ctx.t("deputy_same"),
        "cross": st.column_config.CheckboxColumn(ctx.t("agreement_cross")),
    })


ui.guarded(ui.context(), body)
