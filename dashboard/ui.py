"""Streamlit glue shared by every page: context, cached queries, the filter bar, charts with CSV twins.

Pages stay thin: read filters with `filter_bar`, call queries through `run`, draw with `chart` or
`table`. Everything that touches Streamlit's session lives here, so queries stay pure.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import plotly.graph_objects as go
import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.auth import own_units
from dashboard.db import DatabaseUnavailable, read_engine
from dashboard.filters import Filters, check_link, parse_codes, parse_date, parse_language, parse_year
from dashboard.i18n import t
from dashboard.settings import LANGUAGES, Settings, load_settings


@dataclass(frozen=True)
class Context:
    settings: Settings
    lang: str

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)


def load_app_settings() -> Settings:
    """Settings from the environment and secrets.toml (which may be absent)."""
    try:
        secrets = dict(st.secrets)
    except FileNotFoundError:
        secrets = {}
    return load_settings(secrets)


def _through_app_shell() -> None:
    """Make sure every page runs inside app.py, never on its own.

    Streamlit treats a `pages/` folder next to the entrypoint as the old multipage mode until the
    first `st.navigation` call of the process; a direct link to a page opened first after a restart
    would run that page without app.py (no menu, no language switch, no login gate). Rerunning once
    after clearing the flag sends the same request through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def context() -> Context:
    """The settings and the language chosen in the link (`lang=en`) or by default."""
    _through_app_shell()
    settings = load_app_settings()
    lang = st.query_params.get("lang", settings.language)
    return Context(settings, lang if lang in LANGUAGES else settings.language)


def engine(ctx: Context):
    return read_engine(ctx.settings.database_url, ctx.settings.statement_timeout_ms)


def _query(module: str, name: str, database_url: str, timeout_ms: int, args: tuple, kwargs: tuple):
    function = getattr(importlib.import_module(module), name)
    return function(read_engine(database_url, timeout_ms), *args, **dict(kwargs))


@lru_cache(maxsize=4)
def _cached_query(ttl_seconds: int) -> Callable:
    """The page cache, bounded in time (the `cache_ttl_seconds` setting) and in entries."""
    return st.cache_data(ttl=ttl_seconds, max_entries=512, show_spinner=False)(_query)


def run(ctx: Context, query: Callable, *args, **kwargs):
    """Call `query(engine, *args, **kwargs)` through the page cache; arguments are the cache key.

    Pass filters and plain values, never frames: the cache hashes its arguments.
    """
    return _cached_query(ctx.settings.cache_ttl_seconds)(
        query.__module__, query.__name__, ctx.settings.database_url, ctx.settings.statement_timeout_ms,
        args, tuple(sorted(kwargs.items())))


def guarded(ctx: Context, body: Callable[[], None]) -> None:
    """Run a page body; a dead or slow database becomes a message with a retry, never a traceback."""
    try:
        body()
    except DatabaseUnavailable:
        st.error(ctx.t("db_unavailable"), icon=":material/cloud_off:")
        if st.button(ctx.t("retry"), key="retry_database"):
            st.cache_data.clear()
            read_engine.cache_clear()
            st.rerun()


# --- Filters bound to the link ------------------------------------------------------------------

COMMON_PARAMS = {"lang": parse_language, "year": parse_year, "from": parse_date, "to": parse_date, "unit": parse_codes}


def read_link(ctx: Context, page_params: dict[str, Callable[[str], object]] | None = None) -> dict:
    """The link's parameters parsed once per run; unknown or malformed ones are dropped with a notice."""
    parsers = {**COMMON_PARAMS, **(page_params or {})}
    good, ignored = check_link({name: st.query_params[name] for name in st.query_params}, parsers)
    if ignored:
        for name in ignored:
            del st.query_params[name]
        st.info(ctx.t("link_ignored", names=", ".join(ignored)), icon=":material/link_off:")
    return good


def set_link(**values) -> None:
    """Write the current view into the link; None or empty removes a parameter."""
    for name, value in values.items():
        if value in (None, "", (), []):
            if name in st.query_params:
                del st.query_params[name]
        else:
            st.query_params[name] = value


def filter_bar(ctx: Context, years: list[int], units: pl.DataFrame, link: dict, by_unit: bool = True) -> Filters:
    """The common filter bar in the sidebar: a year or a date range, and units. Bound to the link."""
    today = dt.date.today()
    years = years or [today.year]
    bar = st.sidebar
    bar.subheader(ctx.t("filters"))
    ranged = "from" in link or "to" in link
    mode = bar.segmented_control(ctx.t("period"), ["year", "range"], default="range" if ranged else "year",
                                 format_func=lambda m: ctx.t(f"period_{m}"), key="filter_period_mode")
    if mode == "range":
        start = link.get("from", dt.date(years[-1], 1, 1))
        end = link.get("to", dt.date(years[-1], 12, 31))
        picked = bar.date_input(ctx.t("period_range"), (start, end), format="DD.MM.YYYY", key="filter_range")
        date_from, date_to = (picked + (picked[0],))[:2] if len(picked) == 1 else picked
        set_link(year=None, **{"from": date_from.isoformat(), "to": date_to.isoformat()})
    else:
        wanted = link.get("year", years[-1])
        year = bar.selectbox(ctx.t("period_year"), years, index=years.index(wanted) if wanted in years else len(years) - 1,
                             key="filter_year")
        date_from, date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
        set_link(year=str(year), **{"from": None, "to": None})

    unit_ids: tuple[int, ...] = ()
    if by_unit and not units.is_empty():
        names = dict(zip(units["code"], units[f"name_{ctx.lang}"]))
        wanted_codes = [code for code in link.get("unit", ()) if code in names]
        codes = bar.multiselect(ctx.t("units"), list(names), default=wanted_codes, format_func=names.get,
                                placeholder=ctx.t("units_all"), key="filter_units")
        set_link(unit=",".join(codes))
        ids = dict(zip(units["code"], units["id"]))
        unit_ids = tuple(ids[code] for code in codes)
    return Filters(date_from, date_to, unit_ids, ctx.settings.audience, tuple(own_units(units)))


# --- Charts and tables with their CSV twins -----------------------------------------------------

def csv_bytes(frame: pl.DataFrame) -> bytes:
    """CSV twin of a chart: UTF-8 with a BOM so that spreadsheet programs read Cyrillic correctly."""
    return b"\xef\xbb\xbf" + frame.write_csv().encode("utf-8")


def table(ctx: Context, frame: pl.DataFrame, name: str, column_config: dict | None = None,
          texts: dict[str, Callable] | None = None) -> None:
    """A data table with its CSV download; `name` becomes the file name.

    `texts` writes the cells of some columns (e.g. `format_signed` for a proper minus sign, which Streamlit's
    number formats cannot show); the cells keep their values for sorting and for the CSV.
    """
    shown = frame.to_pandas().style.format(texts, na_rep="") if texts else frame
    st.dataframe(shown, hide_index=True, column_config=column_config, width="stretch")
    st.download_button(ctx.t("download_csv"), csv_bytes(frame), file_name=f"{name}.csv", mime="text/csv",
                       key=f"csv_{name}", icon=":material/download:")


def chart(ctx: Context, figure: go.Figure, frame: pl.DataFrame, name: str) -> None:
    """A Plotly chart, its data in an expander and the CSV twin beside it; an empty frame says so."""
    if frame.is_empty():
        st.info(ctx.t("no_data_for_filters"))
        return
    figure.update_layout(separators=", " if ctx.lang == "uk" else ".,", margin=dict(l=10, r=10, t=40, b=10),
                         legend_title_text="")
    st.plotly_chart(figure, width="stretch", key=f"chart_{name}", config={"displaylogo": False})
    with st.expander(ctx.t("show_table")):
        table(ctx, frame, name)
