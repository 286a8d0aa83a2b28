"""Deputies ranked by attendance, participation, rebellions and loyalty; every name opens the profile."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.deputy_widgets import not_voting_toggle, parse_flag, profile_params, profile_url
from dashboard.i18n import count_noun, format_number, format_percent
from queries import deputies, periods, units

METRICS = ("attendance", "participation", "rebellions", "loyalty")
SHARES = ("attendance", "participation", "loyalty")


def parse_metric(text: str) -> str:
    if text not in METRICS:
        raise ValueError(text)
    return text


def ranking(frame: pl.DataFrame, count_not_voting: bool, metric: str) -> pl.DataFrame:
    """The ranking as shown: rebellions and loyalty by the switch, sorted by the metric, best first."""
    suffix = "_with_not_voting" if count_not_voting else ""
    return (frame.with_columns(pl.col(f"rebellions{suffix}").alias("rebellions_shown"),
                               pl.col(f"loyalty{suffix}").alias("loyalty_shown"))
            .select("deputy_id", "deputy", "faction", "faction_short", "color", "held", "present", "voted",
                    "attendance", "participation", pl.col("rebellions_shown").alias("rebellions"),
                    pl.col("loyalty_shown").alias("loyalty"))
            .sort([metric, "deputy"], descending=[True, False], nulls_last=True))


def bar_chart(ctx: ui.Context, frame: pl.DataFrame, metric: str) -> go.Figure:
    labels = [deputies.short_label(name) for name in frame["deputy"]]
    figure = go.Figure()
    for (faction, color), group in frame.with_columns(pl.Series("label", labels)).group_by(
            ["faction", "color"], maintain_order=True):
        values = group[metric].to_list()
        shown = [format_percent(v, ctx.lang) if metric in SHARES else format_number(v, ctx.lang) for v in values]
        figure.add_bar(x=values, y=group["label"], orientation="h", marker_color=color,
                       name=faction, customdata=list(zip(group["deputy"], shown)),
                       hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>")
    figure.update_layout(
        title=ctx.t("deputies_chart_title", metric=ctx.t(f"deputies_{metric}")), height=120 + 22 * frame.height,
        yaxis=dict(categoryorder="array", categoryarray=labels, autorange="reversed"),
        xaxis=dict(tickformat=".0%" if metric in SHARES else ",d"), legend=dict(orientation="h", y=-0.05))
    return figure


def directory(ctx: ui.Context, frame: pl.DataFrame) -> None:
    """Links to every profile, grouped by faction: the way into a profile that needs no table."""
    st.subheader(ctx.t("deputies_directory"))
    groups = frame.sort("deputy").group_by("faction", maintain_order=True).agg("deputy_id", "deputy")
    groups = groups.sort(pl.col("deputy").list.len(), descending=True)
    columns = st.columns(min(3, groups.height))
    for i, group in enumerate(groups.iter_rows(named=True)):
        with columns[i % len(columns)]:
            st.markdown(f"**{group['faction']}**")
            for deputy_id, name in zip(group["deputy_id"], group["deputy"]):
                st.page_link("pages/deputy.py", label=name, query_params=profile_params(deputy_id))


def body() -> None:
    ctx = ui.context()
    st.title(ctx.t("page_deputies"))
    link = ui.read_link(ctx, {"faction": int, "sort": parse_metric, "nv": parse_flag})
    filters = ui.filter_bar(ctx, ui.run(ctx, periods.data_years), ui.run(ctx, units.unit_list), link, by_unit=False)
    st.sidebar.caption(ctx.t("deputies_no_units"))
    count_not_voting = not_voting_toggle(ctx, link)
    st.caption(ctx.t("deputies_intro"))

    everyone = ui.run(ctx, deputies.deputy_attendance, filters).with_columns(
        pl.col("faction").fill_null(ctx.t("deputies_no_faction")))
    factions = everyone.select("faction_id", "faction").unique().drop_nulls().sort("faction")
    names = dict(zip(factions["faction_id"], factions["faction"]))
    left, right = st.columns(2)
    chosen = left.selectbox(ctx.t("deputies_filter_faction"), [None, *names],
                            index=[None, *names].index(link["faction"]) if link.get("faction") in names else 0,
                            format_func=lambda f: ctx.t("deputies_all_factions") if f is None else names[f],
                            key="deputies_faction")
    metric = right.selectbox(ctx.t("deputies_sort"), METRICS, index=METRICS.index(link.get("sort", "attendance")),
                             format_func=lambda m: ctx.t(f"deputies_{m}"), key="deputies_sort")
    ui.set_link(faction=None if chosen is None else str(chosen), sort=metric)

    shown = ranking(everyone if chosen is None else everyone.filter(pl.col("faction_id") == chosen),
                    count_not_voting, metric)
    st.caption(ctx.t("deputies_shown", count=count_noun(shown.height, "deputies_count", ctx.lang)))
    ui.chart(ctx, bar_chart(ctx, shown, metric), shown.drop("color"), "deputies_ranking_chart")
    if shown.is_empty():
        return

    st.subheader(ctx.t("deputies_table_title"))
    percent = {name: st.column_config.NumberColumn(ctx.t(f"deputies_{name}"), format="percent") for name in SHARES}
    table = shown.with_columns(pl.Series("profile", [profile_url(d) for d in shown["deputy_id"]])).select(
        "deputy", "faction", "held", "present", "attendance", "participation", "rebellions", "loyalty", "profile")
    ui.table(ctx, table, "deputies_ranking", column_config={
        "deputy": ctx.t("deputies_deputy"), "faction": ctx.t("deputies_faction"), "held": ctx.t("deputies_held"),
        "present": ctx.t("deputies_present"), "rebellions": ctx.t("deputies_rebellions"), **percent,
        "profile": st.column_config.LinkColumn(ctx.t("deputies_profile"), display_text=ctx.t("deputies_open_profile")),
    })
    directory(ctx, shown)


ui.guarded(ui.context(), body)
