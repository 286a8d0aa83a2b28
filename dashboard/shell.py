"""What every page run does around its body that is Streamlit's business rather than the page's: run inside app.py
even on a direct link opened first after a restart, ask the browser early for the chart and table code, and say an
ignored link parameter's name safely."""

from __future__ import annotations

import json
import types
import unicodedata
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def through_app_shell() -> bool:
    """Make sure every page runs inside app.py, never on its own; True when this call ran app.py in the page's
    place, and the page has nothing more to do.

    Streamlit treats a `pages/` folder next to the entrypoint as the old multipage mode until the first
    `st.navigation` call of the process (no public setting turns that off); a direct link to a page opened
    first after a restart would run that page without app.py (no menu, no language switch, no login gate).
    The flag is cleared and app.py runs here, in this same run, as Streamlit runs an entrypoint (its own
    page hash, a fresh `__main__`): its `st.navigation` finds the page the link asked for and runs it inside
    the shell. A rerun did the same at the cost of running the script twice on the first visit.
    """
    if not PagesManager.uses_pages_directory:
        return False
    PagesManager.uses_pages_directory = False
    context = get_script_run_ctx()
    pages = context.pages_manager
    shell = types.ModuleType("__main__")
    shell.__dict__["__file__"] = pages.main_script_path
    with context.run_with_active_hash(pages.main_script_hash):
        exec(pages.get_page_script_byte_code(pages.main_script_path), shell.__dict__)  # noqa: S102 - app.py itself
    return True


NAME_SHOWN = 40
"""Characters of an ignored parameter's name the notice shows: a link may carry a name of thousands."""


def shown_name(name: str) -> str:
    """A parameter's name as the notice says it: without control or invisible characters (a right-to-left override
    would reorder the notice), cut at NAME_SHOWN."""
    kept = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs"))
    return kept if len(kept) <= NAME_SHOWN else kept[:NAME_SHOWN - 1] + "…"


CHART_CODE = tuple(sorted(path.name for name in ("PlotlyChart", "DataFrame")
                          for path in (Path(st.__file__).parent / "static" / "static" / "js").glob(f"{name}.*.js")))
"""Streamlit's chunks of Plotly (4.7 MB) and of the data grid, which the browser would fetch only when the first
chart or table arrives, after the page's queries."""
_PRELOAD = """<script>(() => {{
  const index = document.querySelector("script[src*='static/js/index']");
  for (const file of {files}) {{
    const href = new URL(file, index ? index.src : location.href).href;
    if (document.querySelector(`link[href="${{href}}"]`)) continue;
    const link = Object.assign(document.createElement("link"), {{rel: "modulepreload", href}});
    document.head.appendChild(link);
  }}
}})();</script>"""


def preload_chart_code() -> None:
    """Ask the browser for the chart and table code as the page starts, so it arrives and compiles while the
    server runs the queries (a `modulepreload` link: fetched and compiled, run only when a chart needs it)."""
    st.html(_PRELOAD.format(files=json.dumps(list(CHART_CODE))), unsafe_allow_javascript=True, width="content")
