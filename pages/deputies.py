"""Deputies ranked by attendance, participation, rebellions and loyalty; every name opens the profile."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.alphabet import alphabetical
from dashboard.i18n import count_noun, short_name
from dashboard.metrics.deputies import counted_columns
from dashboard.navigation import DEPUTY_METRICS

SHARES = ("attendance", "participation", "loyalty")


def ranking(frame: pl.DataFrame, count_not_voting: bool, metric: str) -> pl.DataFrame:
    """The ranking as shown: rebellions and loyalty by the switch, sorted by the metric, best first."""
    chosen = counted_columns(count_not_voting)
    return (frame.with_columns(rebellions=pl.col(chosen["rebellions"]), loyalty=pl.col(chosen["loyalty"]))
            .sort([metric, alphabetical("deputy")], descending=[True, False], nulls_last=True))


def directory(page: ui.Page, frame: pl.DataFrame) -> None:
    """Links to every profile, grouped by faction: the way into a profile that needs no table."""
    st.subheader(page.t("deputies_directory"))
    groups = frame.sort(alphabetical("deputy")).group_by("faction", maintain_order=True).agg("deputy_id", "deputy")
    groups = groups.sort(pl.col("deputy").list.len(), descending=True)
    columns = st.columns(min(3, groups.height))
    for i, group in enumerate(groups.iter_rows(named=True)):
        with columns[i % len(columns)]:
            st.markdown(f"**{ui.text(group['faction'])}**")
            for deputy_id, name in zip(group["deputy_id"], group["deputy"]):
                st.page_link("pages/deputy.py", label=ui.text(name),
                             query_params={**ui.links.carried(st.query_params), "deputy": str(deputy_id)})


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_deputies"))
    count_not_voting = ui.not_voting_switch(page)
    st.caption(t("deputies_intro"))
    everyone = page.dataset("deputy_attendance").with_columns(pl.col("faction").fill_null(t("deputies_no_faction")))
    factions = everyone.select("faction_id", "faction").unique().drop_nulls().sort(alphabetical("faction"))
    names = dict(zip(factions["faction_id"], factions["faction"]))
    left, right = st.columns(2)
    wanted = page.link.get("faction")
    chosen = left.selectbox(t("deputies_filter_faction"), [None, *names],
                            index=[None, *names].index(wanted) if wanted in names else 0,
                            format_func=lambda f: t("deputies_all_factions") if f is None else names[f],
                            key="deputies_faction")
    metric = right.selectbox(t("deputies_sort"), DEPUTY_METRICS,
                             index=DEPUTY_METRICS.index(page.link.get("sort", "attendance")),
                             format_func=lambda m: t(f"deputies_{m}"), key="deputies_sort")
    ui.set_link(faction=chosen, sort=metric)

    shown = ranking(everyone if chosen is None else everyone.filter(pl.col("faction_id") == chosen),
                    count_not_voting, metric)
    st.caption(t("deputies_shown", count=count_noun(shown.height, "deputies_count", page.lang)))
    if shown.is_empty():
        st.info(t("no_data_for_filters"))
        return
    bars = shown.with_columns(label=pl.Series([short_name(n) for n in shown["deputy"]], dtype=pl.String),
                              color=pl.col("color").fill_null(charts.COLORS["none"]))
    figure = charts.ranked_bars(bars, "label", metric, page.lang, group="faction", color="color",
                                percent=metric in SHARES,
                                title=t("deputies_chart_title", metric=t(f"deputies_{metric}")))
    ui.chart(page, figure)

    st.subheader(t("deputies_table_title"))
    counted = counted_columns(count_not_voting)
    listed = shown.select("deputy_id").join(everyone, on="deputy_id", how="left")  # the ranking's order, as read
    page.table("deputy_attendance", listed, "deputy", "faction", "held", "present", "attendance", "participation",
               counted["rebellions"], counted["loyalty"], "deputy_id")
    page.download("deputy_attendance", faction=chosen)
    directory(page, shown)


ui.show("deputies", body)
