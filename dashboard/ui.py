"""The page scaffold: one call gives a page its context, link, filter bar and filters, and runs its body
under the error guard; tables and downloads shared by every page.

A page file is `def body(page: ui.Page): ...` and, at its end, `ui.show("<name>", body)`. Everything that
touches Streamlit's session lives here, so queries stay pure. Downloads are the registered datasets of
`queries.datasets`, built only when asked (`dashboard.downloads`); a table shows its dataset in the reader's
shape (`queries.shapes`), the same sheet as the reader's download, in the page's language and sortable.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import auth, downloads, embed, links, shell
from dashboard.charts import is_empty
from dashboard.db import DatabaseUnavailable, read_engine
from dashboard.filters import Filters, filters_from_link, year_window
from dashboard.i18n import count_noun, escape_markdown, format_date, messages, t
from dashboard.navigation import BY_NAME, PageEntry, page_url
from dashboard.settings import LANGUAGES, Settings, load_settings
from queries.datasets import all_datasets
from queries.periods import data_years
from queries.units import unit_list

DOWNLOADS_KEY = "vidkryto_downloads"
"""Session state: the datasets this run offered for download (name, filters, parameters), for the tests."""
TABLES_KEY = "vidkryto_tables"
"""Session state: the tables this run drew (dataset, the sheet shown, its links' base and carried filters)."""
LISTING_ROWS = 200
"""Rows a list drawn by `Page.listing` shows; the download holds every row. A browser's grid of 69,000 rows (the
scorecard's list at 100x) is no reading, and every session's run held them twice (the cached frame, the table)."""


def load_app_settings() -> Settings:
    """Settings from the environment and secrets.toml (which may be absent)."""
    try:
        secrets = dict(st.secrets)
    except FileNotFoundError:
        secrets = {}
    return load_settings(secrets)


def language(settings: Settings) -> str:
    """The language the link asks for (`lang=en`), else the deployment's default."""
    lang = st.query_params.get("lang", settings.language)
    return lang if lang in LANGUAGES else settings.language


def unit_names(settings: Settings, lang: str) -> dict[str, str]:
    """Unit code -> name in the language, for the sidebar's role line; none while the database is away."""
    try:
        units = run_query(settings, unit_list)
    except DatabaseUnavailable:
        return {}
    return dict(zip(units["code"], units[f"name_{lang}"]))


def _query(module: str, name: str, database_url: str, timeout_ms: int, args: tuple, kwargs: tuple):
    function = getattr(importlib.import_module(module), name)
    return function(read_engine(database_url, timeout_ms), *args, **dict(kwargs))


@lru_cache(maxsize=4)
def _cached_query(ttl_seconds: int) -> Callable:
    """The page cache, bounded in time (the `cache_ttl_seconds` setting) and in entries."""
    return st.cache_data(ttl=ttl_seconds, max_entries=512, show_spinner=False)(_query)


def run_query(settings: Settings, query: Callable, *args, **kwargs):
    """`query(engine, *args, **kwargs)` through the page cache; the arguments are the cache key.

    Pass filters and plain values, never frames: the cache hashes its arguments.
    """
    return _cached_query(settings.cache_ttl_seconds)(
        query.__module__, query.__name__, settings.database_url, settings.statement_timeout_ms,
        args, tuple(sorted(kwargs.items())))


def set_link(**values) -> None:
    """Write the current view into the link; None or empty removes a parameter."""
    for name, value in values.items():
        if value in (None, "", (), []):
            if name in st.query_params:
                del st.query_params[name]
        else:
            st.query_params[name] = str(value)


def section(page: "Page"):
    """Tabs of the page's sections (its navigation entry's), bound to the link's `tab` (the first when it has
    none); returns the open section's key and its container. Only the open section is drawn: its charts are
    what the browser waits for, and a long page of them is seconds of drawing. Labels: `<page>_tab_<key>`."""
    keys = page.entry.sections
    chosen = page.link.get("tab") or keys[0]
    names = [page.t(f"{page.entry.name}_tab_{key}") for key in keys]
    tabs = st.tabs(names, default=names[keys.index(chosen)], key=f"{page.entry.name}_tab", on_change="rerun")
    opened = next((key for key, tab in zip(keys, tabs) if tab.open), chosen)
    set_link(tab=None if opened == keys[0] else opened)
    return opened, tabs[keys.index(opened)]


def part(page: "Page", name: str, draw: Callable[..., None], *args) -> None:
    """A part of the view below its first screen (`PageEntry.parts`): an expander that runs `draw(*args)` only when
    the reader opens it, so a first visit draws the view's headline figures and first chart, not every chart and
    table below them. Opening reruns the page; the open parts go into the link's `open`, so a shared link shows
    what its sender had open. Labelled `<page>_part_<name>`. An embedded element is looked for in every part."""
    if embed.target() is not None:
        draw(*args)
        return
    key = f"part_{name}"
    # the link opens a part on the session's first view of it; after that the reader's own click counts
    expanded = st.session_state.get(key, name in page.link.get("open", ()))
    box = st.expander(page.t(f"{page.entry.name}_part_{name}"), expanded=expanded, key=key, on_change="rerun")
    if box.open:
        page.opened.append(name)
        with box:
            draw(*args)


@dataclass
class Page:
    """What a page body gets: settings, language, the page's parsed link, the filters, and helpers."""

    settings: Settings
    lang: str
    entry: PageEntry
    link: dict
    units: pl.DataFrame
    filters: Filters = field(default=None)
    charts: int = 0  # charts drawn so far this run: each one's key (`chart`)
    opened: list[str] = field(default_factory=list)  # the parts open this run (`part`), for the link

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def run(self, query: Callable, *args, **kwargs):
        return run_query(self.settings, query, *args, **kwargs)

    @cached_property
    def _unit_names(self) -> dict[str, str]:
        return dict(zip(self.units["code"], self.units[f"name_{self.lang}"]))

    def unit_name(self, code: str | None) -> str:
        """A unit's name in the page's language; an empty code is «без підрозділу»."""
        return self._unit_names.get(code, code) if code else self.t("no_unit")

    def url(self, page: str, **params) -> str:
        """A link inside the app to `page` that carries the current filters (and language)."""
        return page_url(page, {**links.carried(st.query_params), **params})

    @property
    def base(self) -> str:
        """The address the visitor used, for the absolute links of tables and downloads."""
        return downloads.served_base(self.entry.name, self.settings.base_url)

    def dataset(self, name: str, filters: Filters | None = None, limit: int | None = None, **params) -> pl.DataFrame:
        """The rows of a registered dataset for the page's filters and these parameters, through the cache.

        `limit` shortens what the page draws; the download still holds every row.
        """
        dataset = all_datasets()[name]
        filters = filters or self.filters
        params = {key: value for key, value in params.items() if value is not None}
        extra = {"limit": limit} if limit is not None else {}
        return self.run(dataset.query, filters, **dataset.arguments(params), **extra)

    def download(self, name: str, filters: Filters | None = None, **params) -> None:
        """The dataset's downloads in a popover: the reader's CSV and XLSX, the machine's CSV, JSON and Parquet
        (the same rows `export` writes); bytes are built only when a button is clicked."""
        filters = filters or self.filters
        params = {key: value for key, value in params.items() if value is not None}
        embed.saw_dataset(name)
        st.session_state.setdefault(DOWNLOADS_KEY, []).append((name, filters, dict(params)))
        key = f"{name}_{abs(hash(json.dumps(params, sort_keys=True, default=str)))}"
        downloads.offer(all_datasets()[name], filters, params, self.settings, self.lang, self.base,
                        links.carried(st.query_params), key)

    def listing(self, name: str, empty: str) -> None:
        """A list the view should find empty (rows that lower a figure, files that failed): its table of the first
        LISTING_ROWS, or the message `empty` when it has no row; then its download (every row) either way. The
        query reads one row more, to say when the list goes on."""
        rows = self.dataset(name, limit=LISTING_ROWS + 1)
        if rows.is_empty():
            st.success(self.t(empty), icon=":material/check_circle:")
        else:
            self.table(name, rows.head(LISTING_ROWS))
            if rows.height > LISTING_ROWS:
                st.caption(self.t("listing_first", rows=count_noun(LISTING_ROWS, "listing_rows_noun", self.lang)))
        self.download(name)

    def table(self, name: str, frame: pl.DataFrame, *names: str, height: int | str = "auto") -> None:
        """Rows of a dataset (all, or the first the page draws) as its reader's shape shows them: its fields
        `names` in this order (all, when none), headers in the page's language, sortable, an empty cell «—».
        The reader's download is the same sheet of every row (a test walks every page)."""
        embed.saw_dataset(name, (name, frame, *names))
        base, carried = self.base, links.carried(st.query_params)
        sheet = all_datasets()[name].read(frame, self.lang, self._unit_names, base, carried, names)
        st.session_state[TABLES_KEY].append((name, sheet.frame, base, carried))
        shown = sheet.frame.rename({field.header(self.lang): field.name for field in sheet.fields})
        config = {field.name: _config(field.header(self.lang), kind, _link_text(field.link_text, self.lang),
                                      field.width, self.lang) for field, kind in zip(sheet.fields, sheet.kinds)}
        st.dataframe(shown, hide_index=True, width="stretch", height=height, placeholder="—", column_config=config)


# --- Tables in the page's language -------------------------------------------------------------------

def _link_text(link_text: str | None, lang: str) -> str | None:
    """A link's text in a table: a message, or a regular expression whose group Streamlit shows."""
    return t(link_text, lang) if link_text and link_text in messages() else link_text


def _config(label: str, kind: str, link_text: str | None, width: str | None, lang: str):
    """How a table draws one column of a reader's sheet, by its kind (`queries.shapes.KINDS`): numbers in the
    page's language (values come rounded, a share's header says «%»), dates as the page writes them, links as
    `link_text`, flags as checkboxes."""
    if kind == "year":
        return st.column_config.NumberColumn(label, format="%d", width=width)
    if kind in ("number", "share", "index", "money"):
        return st.column_config.NumberColumn(label, format="localized", width=width)
    if kind == "datetime":
        return st.column_config.DatetimeColumn(label, format="DD.MM.YYYY HH:mm" if lang == "uk" else "YYYY-MM-DD HH:mm",
                                               width=width)
    if kind in ("date", "month"):
        return st.column_config.DateColumn(label, format="DD.MM.YYYY" if lang == "uk" else "YYYY-MM-DD", width=width)
    if kind == "link":
        return st.column_config.LinkColumn(label, display_text=link_text, width=width)
    if kind == "flag":
        return st.column_config.CheckboxColumn(label, width=width)
    return st.column_config.TextColumn(label, width=width)


def chart(page: Page, figure: go.Figure) -> None:
    """A Plotly figure across the page's width, without Plotly's logo; a figure with nothing to draw is the
    page's «даних немає» instead of empty axes.

    Its title is drawn above it as text, not inside it: Plotly does not move a legend of two or more rows out
    of the way of a title, so above the plot the two overlapped. Each chart is keyed by its place on the page:
    two charts of the same figure (two empty months, say) would otherwise be one element twice."""
    title = figure.layout.title.text
    if title:
        st.markdown(f"**{text(title)}**")
        figure = go.Figure(figure).update_layout(title=None, margin_t=40)
    if is_empty(figure):
        st.info(page.t("no_data_for_filters"), icon=":material/bar_chart_off:")
        return
    page.charts += 1
    embed.saw_chart(figure)
    st.plotly_chart(figure, width="stretch", config={"displaylogo": False}, key=f"chart_{page.charts}")


def not_voting_switch(page: Page) -> bool:
    """The deputies' pages' switch: whether «не голосував» counts as rebellion (the link's `nv`, else the
    setting), written back to the link."""
    counted = st.sidebar.toggle(page.t("deputies_count_not_voting"),
                                value=page.link.get("nv", page.settings.count_not_voting_as_rebellion),
                                help=page.t("deputies_count_not_voting_help"), key="count_not_voting")
    set_link(nv="1" if counted else "0")
    return counted


def text(body: str) -> str:
    """Text from a link, a file or the database, escaped for a Markdown element: shown as written."""
    return escape_markdown(body)


# --- The scaffold --------------------------------------------------------------------------------

def _notice_ignored(page: Page, ignored: list[str]) -> None:
    if ignored:
        names = ", ".join(dict.fromkeys(shell.shown_name(name) for name in ignored))
        st.info(page.t("link_ignored", names=text(names)), icon=":material/link_off:")


def _filter_bar(page: Page, years: list[int], ignored: list[str]) -> Filters:
    """The common filter bar in the sidebar: a year or a date range, and units (where the page follows
    them). Its starting values are what the link says (`filters_from_link`); its values go back to the link."""
    viewer = auth.viewer(page.settings)
    start, ignored_period = filters_from_link(page.link, years, page.units["code"].to_list(), viewer.audience,
                                              viewer.own_units)
    ignored += ignored_period
    years = years or [dt.date.today().year]
    bar = st.sidebar
    bar.subheader(page.t("filters"))
    ranged = start.year is None
    mode = bar.segmented_control(page.t("period"), ["year", "range"], default="range" if ranged else "year",
                                 format_func=lambda m: page.t(f"period_{m}"), key="filter_period_mode") or "year"
    if mode == "range":
        low, high = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
        picked = bar.date_input(page.t("period_range"), (start.date_from, start.date_to), min_value=low,
                                max_value=high, format="DD.MM.YYYY", key="filter_range")
        date_from, date_to = (picked + (picked[0],))[:2] if len(picked) == 1 else picked
        set_link(year=None, **{"from": date_from.isoformat(), "to": date_to.isoformat()})
    else:
        wanted = start.date_to.year
        year = bar.selectbox(page.t("period_year"), years, index=years.index(wanted) if wanted in years else
                             len(years) - 1, key="filter_year")
        date_from, date_to = dt.date(year, 1, 1), dt.date(year, 12, 31)
        set_link(year=year, **{"from": None, "to": None})

    codes: list[str] = []
    if page.entry.by_unit and not page.units.is_empty():
        names = dict(zip(page.units["code"], page.units[f"name_{page.lang}"]))
        codes = bar.multiselect(page.t("units"), list(names), default=list(start.units), format_func=names.get,
                                placeholder=page.t("units_all"), key="filter_units")
        set_link(unit=",".join(codes))
    elif not page.entry.by_unit:  # the council's votes are counted from their monthly summaries
        votes = " " + page.t("page_no_units_votes") if page.entry.section == "section_votes" else ""
        bar.caption(page.t("page_no_units") + votes)
    return Filters(date_from, date_to, tuple(codes), start.audience, start.own_units)


def _embedded(page: Page, ignored: list[str]) -> str | None:
    """The dataset a link embeds alone (`chart=`), when it is one of this page's; another name is ignored."""
    chart = page.link.pop("chart", None)
    if chart is not None and getattr(all_datasets().get(chart), "page", None) != page.entry.name:
        ignored.append("chart")
        chart = None
    embed.start(chart)
    return chart


def _embed(page: Page, body: Callable[[Page], None]) -> None:
    """The page's element alone (`dashboard.embed`), with the way back to the full view."""
    params = {key: value for key, value in st.query_params.items() if key not in ("chart", "embed")}
    back = page_url(page.entry.name, params, page.base)
    filters = page.filters
    period = (str(filters.year) if filters.year else
              f"{format_date(filters.date_from, page.lang)}–{format_date(filters.date_to, page.lang)}")
    embed.run(lambda: body(page), page.table, page.lang, back, embed.last_import(page.dataset("status_sources")),
              page.entry.name, period)


def show(name: str, body: Callable[[Page], None], filter_bar: bool = True) -> None:
    """Run a page: its link read once (unknown or malformed parameters dropped with a notice), the filter
    bar, then `body(page)`; a dead or slow database becomes a message with a retry, never a traceback."""
    if shell.through_app_shell():
        return
    shell.preload_chart_code()
    settings = load_app_settings()
    lang = language(settings)
    entry = BY_NAME[name]
    st.session_state[DOWNLOADS_KEY] = []
    st.session_state[TABLES_KEY] = []
    try:
        repeated = [key for key in st.query_params if len(st.query_params.get_all(key)) > 1]  # the last one counts
        link, ignored = links.check_link({key: st.query_params[key] for key in st.query_params}, entry.parsers)
        for key in ignored:
            del st.query_params[key]
        page = Page(settings, lang, entry, link, run_query(settings, unit_list))
        if filter_bar:
            page.filters = _filter_bar(page, run_query(settings, data_years, year_window(settings)), ignored)
        else:
            viewer = auth.viewer(settings)
            page.filters = Filters.all_time(audience=viewer.audience, own_units=viewer.own_units)
        for key in set(ignored) & set(st.query_params):
            del st.query_params[key]
        chart = _embedded(page, ignored)
        _notice_ignored(page, ignored + repeated)
        if chart:
            _embed(page, body)
        else:
            body(page)
            if page.entry.parts:
                set_link(open=",".join(page.opened))
    except DatabaseUnavailable:
        st.error(t("db_unavailable", lang), icon=":material/cloud_off:")

        @st.fragment(run_every=5)
        def await_database() -> None:
            """Asks the database every few seconds (and on the button) and runs the page again once it answers,
            so the reader need not reload; results cached before the outage stay valid."""
            st.button(t("retry", lang), key="retry_database")
            try:
                unit_list(read_engine(settings.database_url, settings.statement_timeout_ms))
            except DatabaseUnavailable:
                return
            st.rerun()

        await_database()
