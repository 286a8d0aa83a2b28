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


APP_MODULES = ("plotly.subplots", "dashboard.ui", "dashboard.auth", "dashboard.deployment", "dashboard.alphabet",
               "dashboard.vocabularies", "dashboard.metrics", "queries.datasets", "queries.publish")
"""The dashboard's own modules every page reads, with what they import (every query and metric module through
`queries.datasets`)."""


def preload_process() -> None:
    """What the process can do once before its first visitor (start.py's lifespan, which also registers every
    dataset): HEAVY_MODULES and the app's own modules imported, the messages parsed and Babel's CLDR data of both languages loaded
    (numbers, percentages, dates and plural rules)."""
    import datetime as dt

    preload()
    for name in APP_MODULES:
        importlib.import_module(name)
    from dashboard.i18n import count_noun, format_date, format_number, format_percent, messages
    from dashboard.settings import LANGUAGES

    messages()
    for lang in LANGUAGES:
        format_number(1234.5, lang, 1), format_percent(0.5, lang), format_date(dt.date(2017, 1, 31), lang)
        count_noun(2, "kpi_noun_petition", lang)
    _warm_charts()
    _warm_streamlit()


def _warm_charts() -> None:
    """Every kind of figure the pages draw, built once on a tiny frame and written as `st.plotly_chart` writes it:
    Plotly imports a trace's classes (a scatter's line: 0.17 s) and validators lazily, on first use."""
    import datetime as dt

    import plotly.graph_objects as go
    import plotly.io
    import polars as pl

    from dashboard import charts

    frame = pl.DataFrame({"day": [dt.date(2017, 1, 1), dt.date(2017, 1, 2)], "name": ["a", "b"], "n": [1, 2],
                          "share": [0.1, 0.2]})
    figures = [
        charts.ranked_bars(frame, "name", "n", "uk", group="name"),
        charts.stacked_bars(frame, "day", [("n", "n", "#000000")], "uk", time=True),
        charts.stacked_bars(frame, "name", [("n", "n", "#000000")], "uk", horizontal=True),
        charts.time_lines(frame, "day", "share", "uk", percent=True, rolling=2, group="name"),
        charts.stacked_areas(frame, "day", "n", "name", "uk", share=True),
        charts.heatmap([[0.1]], ["a"], ["b"], "uk", hover=[["x"]], text=[["x"]]),
        charts.funnel(["a", "b"], [2, 1], "uk"),
        charts.small_multiples(frame, "day", "n", "name", "uk"),
    ]
    figures[0].add_vline(x=0, line_dash="dot", annotation_text="x").add_hline(y=0, line_dash="dot")
    figures[1].add_scatter(x=[1], y=[1], mode="lines+markers", line_color="#000000", yaxis="y2")
    for figure in figures:
        plotly.io.to_json(go.Figure(figure).update_layout(title=None, margin_t=40), validate=False)


def _warm_streamlit() -> None:
    """Streamlit's first element of a process looks at the whole call stack once to decide whether to warn about
    a script run without `streamlit run` (`inspect.stack`, reading every frame's source: a quarter of a second
    of the first visit under cProfile); done here, at start, where the stack is short and nobody waits."""
    from PIL import Image
    from streamlit import delta_generator

    delta_generator._maybe_print_use_warning()
    Image.preinit()  # `st.set_page_config`'s favicon opens an image: PIL's plugins were half a cold run's CPU
