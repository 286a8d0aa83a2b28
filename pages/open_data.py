"""Open data: every published dataset with what it holds, the years of the data and the last import of its sources;
links to the files where the council serves the folder `vidkryto open-data` writes (the `open_data_url` setting),
else the downloads themselves, for the period of the filter bar."""

import streamlit as st

from dashboard import ui
from queries.publish import ALL, PAIR, PAIR_FOLDER


def period_folder(page: ui.Page) -> str:
    """The folder of the chosen period: its year, or all time for any other range."""
    return str(page.filters.year) if page.filters.year else ALL


def files(page: ui.Page, base: str, folder: str, name: str) -> str:
    """A dataset's files as links: the reader's in the page's language, then the machine's."""
    t = page.t
    reader = " · ".join(f"[{label}]({base}/{folder}/{page.lang}/{name}.{fmt})" for fmt, label in
                        (("csv", "CSV"), ("xlsx", "XLSX")))
    machine = " · ".join(f"[{label}]({base}/{folder}/{name}.{fmt})" for fmt, label in
                         (("csv", "CSV"), ("json", "JSON"), ("parquet", "Parquet")))
    return f"{reader} · {t('open_data_for_scripts')}: {machine}"


def draw_files(page: ui.Page, names: list[str]) -> None:
    """Where the folder is served: the listing, the descriptor and each dataset's files of the period."""
    t, base, folder = page.t, page.settings.open_data_url, period_folder(page)
    st.subheader(t("open_data_files_title"))
    st.markdown(t("open_data_folder", listing=f"{base}/index.html", package=f"{base}/datapackage.json"))
    if folder == ALL and page.filters.year is None:
        st.caption(t("open_data_range_note"))
    lines = [f"- {ui.text(t(f'data_{name}'))} {files(page, base, folder, name)}" for name in names]
    pair = " · ".join(f"[{file_name}]({base}/{folder}/{PAIR_FOLDER}/{file_name})" for file_name in PAIR)
    st.markdown("\n".join([*lines, f"- {ui.text(t('open_data_pair'))} {pair}"]))


def draw_downloads(page: ui.Page, names: list[str]) -> None:
    """Where no folder is served: one dataset's downloads at a time, for the filter bar's period."""
    t = page.t
    st.subheader(t("open_data_download_title"))
    chosen = st.selectbox(t("open_data_pick"), names, format_func=lambda name: t(f"data_{name}"),
                          key="open_data_pick")
    page.download(chosen)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_open_data"))
    st.markdown(t("open_data_intro", licence=page.settings.open_data_licence))
    catalogue = page.dataset("open_data_catalogue")
    page.table("open_data_catalogue", catalogue)
    page.download("open_data_catalogue")
    names = catalogue["dataset"].to_list()
    if page.settings.open_data_url:
        draw_files(page, names)
    else:
        draw_downloads(page, names)


ui.show("open_data", body)
