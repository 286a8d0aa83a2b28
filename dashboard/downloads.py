"""A dataset's downloads beside its chart or table: the reader's CSV and XLSX first (what the page shows, in its
language), then the machine's CSV, JSON and Parquet «for scripts» (what `vidkryto export` writes).

Bytes are built only when a button is clicked; the click also asks the database, and when it does not answer
the popover says so in the page's language (Streamlit's own note under the button is English and says no more
than "failed"). Links inside the files point to the address the visitor used
(`served_base`), not to a configured one, so a file downloaded from a council's own domain opens there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard import embed
from dashboard.db import DatabaseUnavailable, read_engine
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.settings import Settings
from queries import encode
from queries.datasets import Dataset

READER_LABELS = {"csv": "CSV", "xlsx": "Excel (XLSX)"}
MACHINE_LABELS = {"csv": "CSV", "json": "JSON", "parquet": "Parquet"}


def served_base(page: str, fallback: str) -> str:
    """The dashboard's address as the visitor's browser has it (`st.context.url`, the current page's path taken
    off), so links in a download follow the host, port and path actually served; `fallback` (the `base_url`
    setting) where Streamlit knows no browser URL (tests, the command line)."""
    url = st.context.url
    if not url:
        return fallback
    parts = urlsplit(url)
    path = parts.path.rstrip("/").removesuffix(f"/{page}")
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass(frozen=True)
class File:
    """One download button: its label, the bytes `make` builds from the database when it is clicked, and what the
    browser saves."""

    label: str
    make: Callable[[Engine], bytes]
    name: str
    mime: str
    key: str


def file_buttons(rows: Sequence[tuple[str | None, Sequence[File]]], settings: Settings, lang: str, key: str) -> None:
    """Rows of download buttons, each under its caption, rerun alone on a click, with the database's answer to that
    click beside them: when it does not answer, a message in the page's language."""
    asked = threading.Event()  # set when the browser's request for a file of this run has reached its builder
    unanswered = f"download_unanswered_{key}"

    def engine() -> Engine:
        return read_engine(settings.database_url, settings.statement_timeout_ms)

    def built(file: File) -> Callable[[], bytes]:
        def make() -> bytes:
            asked.set()
            return file.make(engine())
        return make

    def ask_database() -> None:
        """The click's rerun would let Streamlit drop this run's files before the browser's request for one
        is served; so wait (briefly) until it is, then ask the database."""
        asked.wait(timeout=3)
        st.session_state[unanswered] = not _answers(engine)

    @st.fragment
    def files() -> None:
        for caption, row in rows:
            if caption:
                st.caption(caption)
            for column, file in zip(st.columns(len(row)), row):
                column.download_button(file.label, built(file), file_name=file.name, mime=file.mime, key=file.key,
                                       on_click=ask_database, width="stretch")
        if st.session_state.pop(unanswered, False):  # this click's answer only
            st.error(t("download_db_unavailable", lang), icon=":material/cloud_off:")

    files()


def offer(dataset: Dataset, filters: Filters, params: Mapping[str, object], settings: Settings, lang: str,
          base: str, carried: Mapping[str, str], key: str) -> None:
    """The popover of one dataset's files for these filters and parameters."""
    reader = [File(label, lambda engine, f=file_format: encode.reader(
                       dataset.sheet(engine, filters, params, lang, base, carried), f, dataset.name),
                   f"{dataset.name}_{lang}.{file_format}", encode.READER[file_format], f"reader_{file_format}_{key}")
              for file_format, label in READER_LABELS.items()]
    machine = [File(label, lambda engine, f=file_format: encode.machine(dataset.rows(engine, filters, params, base), f),
                    f"{dataset.name}.{file_format}", encode.MACHINE[file_format], f"machine_{file_format}_{key}")
               for file_format, label in MACHINE_LABELS.items()]
    with st.popover(t("download", lang), icon=":material/download:"):
        file_buttons([(t("download_help", lang), reader)] * bool(dataset.columns)
                     + [(t("download_machine_help", lang), machine)], settings, lang, key)
        address = embed.link(base, dataset.page, {**carried, **params, **_tab()}, dataset.name)
        st.caption(t("embed_help", lang))
        st.code(address, language=None, wrap_lines=True)
        st.code(embed.code(address), language="html", wrap_lines=True)


def _answers(engine: Callable) -> bool:
    """Whether the database answers a query now (the file is built from it at the same moment)."""
    try:
        with engine().connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except (DatabaseUnavailable, SQLAlchemyError):
        return False
    return True


def _tab() -> dict[str, str]:
    """The open tab, so an element of a tab other than the first is found again."""
    return {"tab": st.query_params["tab"]} if "tab" in st.query_params else {}
