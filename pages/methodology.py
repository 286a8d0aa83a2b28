"""Methodology: what each figure counts and over which period, where it comes from, the metric definitions of each
domain, the settings, and when each source was last imported.

A KPI card links here with `kpi=<key>`; that KPI's section opens.
"""

import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.i18n import format_datetime, format_number
from dashboard.metrics import DEFINITIONS
from dashboard.metrics.overview import KPIS, SOURCES, Kpi
from dashboard.settings import PROJECT_ROOT, SETTINGS


def by_unit(page: ui.Page, kpi: Kpi) -> str:
    return page.t("method_by_unit_yes" if kpi.by_unit else "method_by_unit_no")


def kpi_sections(page: ui.Page, opened: str | None) -> None:
    t = page.t
    st.header(t("method_kpis"))
    st.markdown(t("method_kpis_note"))
    st.markdown(t("method_periods"))
    st.table(pl.DataFrame({
        t("method_column_kpi"): [t(kpi.title) for kpi in KPIS],
        t("method_column_basis"): [t(f"kpi_basis_{kpi.basis}") for kpi in KPIS],
        t("method_column_units"): [by_unit(page, kpi) for kpi in KPIS],
        t("method_column_source"): [t(f"source_{kpi.source}") for kpi in KPIS],
    }))
    for kpi in KPIS:
        with st.expander(t(kpi.title), expanded=kpi.key == opened):
            st.markdown(f"**{t('method_counts')}.** {t(kpi.counts)}")
            st.markdown(f"**{t('method_column_basis')}: {t(f'kpi_basis_{kpi.basis}').lower()}.** "
                        f"{t('method_why')}: {t(kpi.why_basis)}")
            st.markdown(f"**{t('method_column_units')}:** {by_unit(page, kpi)}")
            st.markdown(f"**{t('method_column_source')}:** {t(f'source_{kpi.source}')}. {t(f'method_source_{kpi.source}')} "
                        f"(`vidkryto import {kpi.source}`)")


def settings_table(page: ui.Page) -> None:
    t = page.t
    st.header(t("method_settings"))
    st.markdown(t("method_settings_note"))
    st.table(pl.DataFrame({
        t("method_column_setting"): [s.name for s in SETTINGS],
        t("method_column_variable"): [f"VIDKRYTO_{s.name.upper()}" for s in SETTINGS],
        # the server's own folders are nobody's business: show the demo file relative to the project
        t("method_column_default"): [s.default.replace(f"{PROJECT_ROOT}/", "") for s in SETTINGS],
        t("method_column_help"): [s.help(page.lang) for s in SETTINGS],
    }))


def imports_table(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    st.header(t("method_imports"))
    st.markdown(t("method_imports_note"))
    batches = page.dataset("imports_last")
    latest = {row["source"]: row for row in batches.iter_rows(named=True)}
    st.table(pl.DataFrame({
        t("method_column_source"): [t(f"source_{s}") for s in SOURCES],
        t("method_column_command"): [f"import {s}" for s in SOURCES],
        t("method_column_last_import"): [format_datetime(latest[s]["imported_at"], lang) if s in latest
                                         else t("method_not_imported") for s in SOURCES],
        t("method_column_file"): [latest[s]["file_name"] if s in latest else "—" for s in SOURCES],
        t("method_column_rows"): [format_number(latest[s]["rows_written"], lang) if s in latest else "—"
                                  for s in SOURCES],
    }))
    page.download("imports_last")
    if batches.is_empty():
        st.caption(t("method_demo_note"))


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_methodology"))
    st.markdown(t("method_intro"))
    kpi_sections(page, page.link.get("kpi"))
    for domain, names in DEFINITIONS.items():
        st.header(t(f"method_{domain}"))
        for name in names:
            st.markdown(t(f"method_{domain}_{name}"))
    settings_table(page)
    imports_table(page)


ui.show("methodology", body, filter_bar=False)
