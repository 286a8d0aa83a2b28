"""Methodology: what each figure counts and over which period, where it comes from, the vote metrics,
the settings, and when each source was last imported.

A KPI card links here with `kpi=<key>`; that KPI's section opens.
"""

import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.filters import one_of
from dashboard.i18n import format_datetime, format_number
from dashboard.kpi import BY_KEY, KPIS, SOURCES, Kpi
from dashboard.settings import PROJECT_ROOT, SETTINGS
from queries.kpi import last_imports

ctx = ui.context()
VOTE_METRICS = ("choices", "attendance", "rebellion", "rice", "agreement", "pair", "map", "majority")


def by_unit(kpi: Kpi) -> str:
    return ctx.t("method_by_unit_yes" if kpi.by_unit else "method_by_unit_no")


def kpi_sections(opened: str | None) -> None:
    st.header(ctx.t("method_kpis"))
    st.markdown(ctx.t("method_kpis_note"))
    st.markdown(ctx.t("method_periods"))
    summary = pl.DataFrame({
        ctx.t("method_column_kpi"): [ctx.t(kpi.title) for kpi in KPIS],
        ctx.t("method_column_basis"): [ctx.t(f"kpi_basis_{kpi.basis}") for kpi in KPIS],
        ctx.t("method_column_units"): [by_unit(kpi) for kpi in KPIS],
        ctx.t("method_column_source"): [kpi.source for kpi in KPIS],
    })
    st.table(summary)
    for kpi in KPIS:
        with st.expander(ctx.t(kpi.title), expanded=kpi.key == opened):
            st.markdown(f"**{ctx.t('method_counts')}.** {ctx.t(kpi.counts)}")
            st.markdown(f"**{ctx.t('method_column_basis')}: {ctx.t(f'kpi_basis_{kpi.basis}').lower()}.** "
                        f"{ctx.t('method_why')}: {ctx.t(kpi.why_basis)}")
            st.markdown(f"**{ctx.t('method_column_units')}:** {by_unit(kpi)}")
            st.markdown(f"**{ctx.t('method_column_source')}:** {ctx.t(f'method_source_{kpi.source}')} "
                        f"(`python -m dashboard import {kpi.source}`)")
            st.caption(f"{ctx.t('method_key')}: `{kpi.key}`")


def vote_metrics() -> None:
    st.header(ctx.t("method_votes"))
    for name in VOTE_METRICS:
        st.markdown(ctx.t(f"method_vote_{name}"))


def settings_table() -> None:
    st.header(ctx.t("method_settings"))
    st.markdown(ctx.t("method_settings_note"))
    st.table(pl.DataFrame({
        ctx.t("method_column_setting"): [s.name for s in SETTINGS],
        ctx.t("method_column_variable"): [f"VIDKRYTO_{s.name.upper()}" for s in SETTINGS],
        # the server's own folders are nobody's business: show the demo file relative to the project
        ctx.t("method_column_default"): [s.default.replace(f"{PROJECT_ROOT}/", "") for s in SETTINGS],
        ctx.t("method_column_help"): [ctx.t(f"setting_{s.name}") for s in SETTINGS],
    }))


def imports_table() -> None:
    st.header(ctx.t("method_imports"))
    st.markdown(ctx.t("method_imports_note"))
    batches = ui.run(ctx, last_imports)
    latest = {row["source"]: row for row in batches.iter_rows(named=True)}
    not_yet = ctx.t("method_not_imported")
    st.table(pl.DataFrame({
        ctx.t("method_column_source"): list(SOURCES),
        ctx.t("method_column_last_import"): [format_datetime(latest[s]["imported_at"], ctx.lang) if s in latest
                                             else not_yet for s in SOURCES],
        ctx.t("method_column_file"): [latest[s]["file_name"] if s in latest else "" for s in SOURCES],
        ctx.t("method_column_format"): [latest[s]["format"] if s in latest else "" for s in SOURCES],
        ctx.t("method_column_rows"): [format_number(latest[s]["rows_written"], ctx.lang) if s in latest else ""
                                      for s in SOURCES],
    }))
    if batches.is_empty():
        st.caption(ctx.t("method_demo_note"))
    with st.expander(ctx.t("method_sources")):
        for source in SOURCES:
            st.markdown(f"- `{source}` — {ctx.t(f'method_source_{source}')}")


def body() -> None:
    link = ui.read_link(ctx, {"kpi": one_of(tuple(BY_KEY))})
    st.title(ctx.t("page_methodology"))
    st.markdown(ctx.t("method_intro"))
    kpi_sections(link.get("kpi"))
    vote_metrics()
    settings_table()
    imports_table()


ui.guarded(ctx, body)
