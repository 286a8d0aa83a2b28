"""A static chart per part of the report: its figures this year against the year before (the outlets by kind),
drawn with the dashboard's own chart style and exported by Plotly's Kaleido through Debian's Chromium (no
browser can be downloaded here; `BROWSER_PATH` names it, `/usr/bin/chromium` by default)."""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator

import kaleido
import plotly.graph_objects as go

from dashboard import charts
from dashboard.i18n import format_number, t
from dashboard.metrics.media import KINDS
from report.figures import Report
from report.text import PARAGRAPHS

WIDTH, HEIGHT = 900, 420
CHROMIUM = "/usr/bin/chromium"


def _comparison(report: Report, message: str, keys: list[str], lang: str) -> go.Figure | None:
    shown = [key for key in keys if report.figures[key].value is not None]
    if not shown:
        return None
    labels = [t(f"kpi_{key}", lang) for key in shown]
    figure = go.Figure()
    for year, values, colour in ((report.year - 1, [report.figures[key].previous for key in shown], charts.COLORS["neutral"]),
                                 (report.year, [report.figures[key].value for key in shown], charts.PALETTE[0])):
        figure.add_bar(name=str(year), x=labels, y=values, marker_color=colour, text=[
            "—" if value is None else format_number(value, lang) for value in values], textposition="outside")
    figure.update_layout(barmode="group", xaxis=dict(automargin=True), yaxis=dict(rangemode="tozero"))
    return charts.style(figure, lang, t(f"{message}_chart", lang, year=report.year, previous=report.year - 1),
                        HEIGHT)


def _outlets(report: Report, lang: str) -> go.Figure | None:
    counts = report.outlets.group_by("kind").len()
    by_kind = dict(counts.iter_rows())
    kinds = [kind for kind in KINDS if by_kind.get(kind)]
    if not kinds:
        return None
    figure = go.Figure(go.Bar(x=[t(f"report_kind_{kind}", lang) for kind in kinds], y=[by_kind[kind] for kind in kinds],
                              marker_color=charts.PALETTE[0], text=[str(by_kind[kind]) for kind in kinds],
                              textposition="outside"))
    return charts.style(figure, lang, t("report_chart_outlets", lang), HEIGHT)


def figures(report: Report, lang: str) -> list[tuple[str, go.Figure]]:
    """(title, figure) per part of the report that has data, in the text's order."""
    drawn = []
    for message, cases, _governing in PARAGRAPHS:
        figure = _outlets(report, lang) if message == "report_p_outlets" else _comparison(report, message, list(cases), lang)
        if figure is not None:
            drawn.append((figure.layout.title.text or "", figure))
    return drawn


@contextlib.contextmanager
def exporter() -> Iterator:
    """One Chromium for every chart of a report: `png(figure)` inside the block."""
    os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    kaleido.start_sync_server(silence_warnings=True)
    def png(figure: go.Figure) -> bytes:
        with warnings.catch_warnings():  # Plotly notes that a running server ignores per-call browser options
            warnings.simplefilter("ignore", UserWarning)
            return figure.to_image(format="png", width=WIDTH, height=HEIGHT, scale=2)

    try:
        yield png
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
