"""One chart or table of a page alone, for an article: `?embed=true&chart=<dataset>` (Streamlit's own `embed`
hides its toolbar; `chart` names the dataset behind the element).

Rule: the page runs as usual inside a hidden block, so its filters, tabs and parameters mean what they mean on
the page; the first chart drawn before that dataset's download (or its table, when it has no chart) is drawn
again alone, sized for an article, with a source line, the data's last import and a link back to the full view.
A `chart` the open page does not draw is named in a plain-text notice, with the same link.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard.i18n import escape_markdown, format_datetime, t
from dashboard.navigation import page_url

STATE = "vidkryto_embed"
HIDDEN = "vidkryto_embedded_page"
HEIGHT = 420
STYLE = ("<style>.st-key-" + HIDDEN + "{display:none}"
         "[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl]{display:none}</style>")


def target() -> str | None:
    """The dataset the view embeds, None on a full page."""
    found = st.session_state.get(STATE)
    return found["chart"] if found else None


def start(chart: str | None) -> None:
    st.session_state[STATE] = {"chart": chart, "figure": None, "element": None} if chart else None


def saw_chart(figure: go.Figure) -> None:
    """A chart the page drew: kept until the download that names its dataset."""
    found = st.session_state.get(STATE)
    if found and found["element"] is None:
        found["figure"] = figure


def saw_dataset(name: str, table: tuple | None = None) -> None:
    """A dataset's table (`table`: what `Page.table` draws) or download: the embedded element when it is the one
    asked for, its chart if one was drawn just before, else its table. A download of another dataset claims the
    chart before it."""
    found = st.session_state.get(STATE)
    if not found or found["element"] is not None:
        return
    if name != found["chart"]:
        if table is None:
            found["figure"] = None
        return
    if found["figure"] is not None:
        found["element"] = ("chart", found["figure"])
    elif table is not None:
        found["element"] = ("table", table)


def run(body: Callable[[], None], draw_table: Callable[..., None], lang: str, back: str, last_import, page_name: str,
        period: str) -> None:
    """The page in a hidden block, then the element alone with its source line and the way back."""
    st.html(STYLE)
    with st.container(key=HIDDEN):
        body()
    found = st.session_state[STATE]
    element = found["element"]
    title = t(f"data_{found['chart']}", lang)
    if element is not None and title != f"data_{found['chart']}":
        st.markdown(f"**{escape_markdown(title)}**")
    if element is None:
        st.text(t("embed_not_found", lang, chart=found["chart"]))
    elif element[0] == "chart":
        st.plotly_chart(element[1].update_layout(height=HEIGHT), width="stretch", config={"displaylogo": False},
                        key="embedded_chart")
    else:
        draw_table(*element[1])
    source = t("embed_source", lang, page=t(f"page_{page_name}", lang), period=period)
    if last_import is not None:
        source += " " + t("embed_imported", lang, day=format_datetime(last_import, lang))
    st.caption(source)
    st.markdown(f"[{t('embed_full_view', lang)}]({back})")


def link(base: str, page: str, params: dict, chart: str) -> str:
    """The address of one element alone: the page's link with `embed=true&chart=`."""
    return page_url(page, {**{name: str(value) for name, value in params.items()}, "embed": "true", "chart": chart},
                    base)


def code(address: str) -> str:
    """The HTML a newsroom pastes to embed the element."""
    return (f'<iframe src="{address}" width="100%" height="{HEIGHT + 140}" style="border:0" '
            f'title="Vidkryto" loading="lazy"></iframe>')


def last_import(sources: pl.DataFrame):
    """The latest import of any source (`status_sources`), None when nothing was imported."""
    return sources["last_import"].max() if not sources.is_empty() else None
