"""Heavy modules are imported once, by the first session, while the others wait.

Streamlit runs every session's script in a thread of its own. On a fresh server twenty sessions arriving
together each imported pandas, pyarrow and plotly for the first time at once, and some saw a module
half-initialised ("partially initialized module 'pandas'"). app.py calls `preload()` before anything else:
one lock, so the first session does the imports and the rest find them done. `streamlit.emojis` compiles
Streamlit's emoji regular expression on import, which the first `st.segmented_control` with a non-ASCII label
(the language switch) would otherwise pay in the middle of a page.
"""

import importlib
import sys
import threading

HEAVY_MODULES = (
    "numpy", "pandas", "pyarrow", "polars", "jinja2", "plotly.graph_objects", "plotly.io",
    "sqlalchemy", "sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql.psycopg", "psycopg",
    "streamlit.emojis",
)
_LOCK = threading.Lock()


def preload() -> None:
    """Import HEAVY_MODULES under one lock; later calls return at once."""
    if all(name in sys.modules for name in HEAVY_MODULES):
        return
    with _LOCK:
        for name in HEAVY_MODULES:
            importlib.import_module(name)
