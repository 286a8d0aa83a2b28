"""The report as a file: Markdown (GitHub footnotes), HTML (one self-contained page) or DOCX (python-docx, the
notes as Word endnotes), each with the section, the table of figures against the year before and their
targets, the rounding rule and a chart per part.

Text from the data (outlet names) is escaped for the format; nothing is rendered as Markdown or HTML from it.
"""

from __future__ import annotations

import base64
import html
import io

from dashboard.i18n import format_number, format_signed, t
from dashboard.metrics.overview import KPIS
from report import docx_notes
from report.figures import Report
from report.text import Ref, Section

FORMATS = ("md", "html", "docx")
MARKUP = set("\\`*_[]<>|!~#")
"""What could start markup inside a Markdown line: escaped in the file; a reader keeps ordinary punctuation."""


def _md(text: str) -> str:
    return "".join(f"\\{ch}" if ch in MARKUP else ch for ch in text)


def table_rows(report: Report, lang: str) -> list[list[str]]:
    """Header and a row per KPI: its name, the year before, the year, the change, the target."""
    rows = [[t("report_col_figure", lang), str(report.year - 1), str(report.year), t("report_col_change", lang),
             t("report_col_target", lang)]]
    for kpi in KPIS:
        figure = report.figures[kpi.key]
        change = None if figure.value is None or figure.previous is None else figure.value - figure.previous
        rows.append([t(kpi.title, lang), format_number(figure.previous, lang), format_number(figure.value, lang),
                     format_signed(change, lang), format_number(figure.target, lang)])
    return rows


def _numbers(section: Section) -> dict[str, int]:
    return {key: n for n, key in enumerate(section.notes, start=1)}


def markdown(report: Report, section: Section, lang: str, charts: list[tuple[str, bytes]]) -> bytes:
    numbers = _numbers(section)
    lines = [f"# {_md(section.title)}", ""]
    for paragraph in section.paragraphs:
        lines += ["".join(_md(part.text) + f"[^{numbers[part.key]}]" if isinstance(part, Ref)
                          else _md(part) for part in paragraph), ""]
    rows = table_rows(report, lang)
    lines += [f"## {t('report_table_title', lang)}", "", "| " + " | ".join(rows[0]) + " |",
              "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows[1:]]
    lines += ["", t("report_rounding", lang), ""]
    if charts:
        lines += [f"## {t('report_charts_title', lang)}", ""]
        lines += [f"![{_md(title)}](data:image/png;base64,{base64.b64encode(png).decode()})\n"
                  for title, png in charts]
    lines += [f"[^{numbers[key]}]: {_md(text)}" for key, text in section.notes.items()]
    return ("\n".join(lines) + "\n").encode("utf-8")


def html_page(report: Report, section: Section, lang: str, charts: list[tuple[str, bytes]]) -> bytes:
    numbers = _numbers(section)
    e = html.escape

    def part_html(part) -> str:
        if isinstance(part, Ref):
            n = numbers[part.key]
            return f'{e(part.text)}<sup id="ref-{n}"><a href="#note-{n}">{n}</a></sup>'
        return e(part)

    rows = table_rows(report, lang)
    body = [f"<h1>{e(section.title)}</h1>"]
    body += [f"<p>{''.join(part_html(part) for part in paragraph)}</p>" for paragraph in section.paragraphs]
    body += [f"<h2>{e(t('report_table_title', lang))}</h2>", "<table>",
             "<tr>" + "".join(f"<th>{e(cell)}</th>" for cell in rows[0]) + "</tr>"]
    body += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:]]
    body += ["</table>", f"<p><small>{e(t('report_rounding', lang))}</small></p>"]
    if charts:
        body.append(f"<h2>{e(t('report_charts_title', lang))}</h2>")
        body += [f'<figure><img alt="{e(title)}" src="data:image/png;base64,{base64.b64encode(png).decode()}" '
                 f'width="900"></figure>' for title, png in charts]
    body += [f"<h2>{e(t('report_notes_title', lang))}</h2>", "<ol>"]
    body += [f'<li id="note-{numbers[key]}">{e(text)} <a href="#ref-{numbers[key]}">↩</a></li>'
             for key, text in section.notes.items()]
    body.append("</ol>")
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}td{text-align:right}"
             "td:first-child{text-align:left}")
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{e(section.title)}</title>'
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n").encode("utf-8")


def docx(report: Report, section: Section, lang: str, charts: list[tuple[str, bytes]],
         template: str | None = None) -> bytes:
    """A Word document, from the council's own template when one is given; each figure's note an endnote."""
    from docx import Document
    from docx.shared import Cm

    document = Document(template)
    notes = docx_notes.Endnotes(document)
    document.add_heading(section.title, level=1)
    for paragraph in section.paragraphs:
        written = document.add_paragraph()
        for part in paragraph:
            if isinstance(part, Ref):
                written.add_run(part.text)
                notes.cite(written, section.notes[part.key])
            else:
                written.add_run(part)
    rows = table_rows(report, lang)
    document.add_heading(t("report_table_title", lang), level=2)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid" if "Table Grid" in [style.name for style in document.styles] else None
    for cells, row in zip(table.rows, rows):
        for cell, text in zip(cells.cells, row):
            cell.text = text
    document.add_paragraph(t("report_rounding", lang))
    if charts:
        document.add_heading(t("report_charts_title", lang), level=2)
        for _title, png in charts:
            document.add_picture(io.BytesIO(png), width=Cm(16))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render(report: Report, section: Section, lang: str, fmt: str, charts: list[tuple[str, bytes]],
           template: str | None = None) -> bytes:
    if fmt == "md":
        return markdown(report, section, lang, charts)
    if fmt == "html":
        return html_page(report, section, lang, charts)
    return docx(report, section, lang, charts, template)
