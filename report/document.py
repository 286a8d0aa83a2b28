"""One call from the database to a report file, shared by `vidkryto report` and the report page."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from report import charts, render
from report.figures import gather
from report.text import write


def report_file(engine: Engine, filters: Filters, lang: str, fmt: str, unit_name: str | None = None,
                template: Path | None = None, with_charts: bool = True) -> bytes:
    """The report of the filters' year (and units) in `fmt` (md, html, docx), with its charts as images."""
    if fmt not in render.FORMATS:
        raise ValueError(f"format must be one of {', '.join(render.FORMATS)}")
    report = gather(engine, filters)
    section = write(report, lang, unit_name)
    drawn = []
    if with_charts:
        with charts.exporter() as png:
            drawn = [(title, png(figure)) for title, figure in charts.figures(report, lang)]
    return render.render(report, section, lang, fmt, drawn, str(template) if template else None)
