"""The yearly report: the programme's section written from the data for the chosen year and units, each figure
with its note (dataset, row, import files), the table against the year before and the target, a chart per part,
and the same text to download as Markdown, HTML or DOCX (what `vidkryto report` writes)."""

import streamlit as st

from dashboard import downloads, ui
from dashboard.i18n import escape_markdown, format_percent
from report import charts, render
from report.document import report_file
from report.figures import gather
from report.text import Ref, write

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MIME = {"md": "text/markdown", "html": "text/html",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def unit_name(page: ui.Page) -> str | None:
    return ", ".join(page.unit_name(code) for code in page.filters.units) or None


def draw_downloads(page: ui.Page) -> None:
    """Each format built only when its button is clicked (the images take a browser a few seconds)."""
    filters, lang, name, template = page.filters, page.lang, unit_name(page), page.settings.report_template
    files = [downloads.File(fmt.upper(), lambda engine, fmt=fmt: report_file(engine, filters, lang, fmt, name, template),
                            f"report-{filters.date_to.year}.{fmt}", MIME[fmt], f"report_{fmt}") for fmt in render.FORMATS]
    with st.popover(page.t("report_download"), icon=":material/download:"):
        downloads.file_buttons([(None, files)], page.settings, lang, "report")


def draw_charts(page: ui.Page, report) -> None:
    for _title, figure in charts.figures(report, page.lang):
        ui.chart(page, figure)


def draw_report(page: ui.Page) -> None:
    t = page.t
    report = page.run(gather, page.filters)
    section = write(report, page.lang, unit_name(page))
    st.caption(t("report_page_intro"))
    draw_downloads(page)
    numbers = {key: n for n, key in enumerate(section.notes, start=1)}
    for paragraph in section.paragraphs:
        st.markdown("".join(escape_markdown(part.text) + str(numbers[part.key]).translate(SUPERSCRIPT)
                            if isinstance(part, Ref) else escape_markdown(part) for part in paragraph))
    st.subheader(t("report_table_title"))
    rows = render.table_rows(report, page.lang)
    st.table({header: [row[i] for row in rows[1:]] for i, header in enumerate(rows[0])})
    st.caption(t("report_rounding"))
    ui.part(page, "charts", draw_charts, page, report)
    st.subheader(t("report_notes_title"))
    st.markdown("\n".join(f"{n}. {escape_markdown(section.notes[key])}" for key, n in numbers.items()))


def draw_scorecard(page: ui.Page) -> None:
    """Each indicator as a card (its definition the help), the year before under it; then the rows that lower them."""
    t, lang = page.t, page.lang
    st.caption(t("scorecard_intro"))
    card = page.dataset("scorecard")
    cells = st.columns(3) + st.columns(3)
    for cell, row in zip(cells, card.iter_rows(named=True)):
        key = row["indicator"]
        cell.metric(t(f"scorecard_indicator_{key}"),
                    format_percent(row["share"], lang) if row["share"] is not None else t("scorecard_no_rows"),
                    help=t(f"method_scorecard_{key}"))
        cell.caption(t("scorecard_previous", year=row["year"] - 1, share=format_percent(row["previous_share"], lang)))
    page.table("scorecard", card)
    page.download("scorecard")
    st.subheader(t("scorecard_lowering_title"))
    page.listing("scorecard_lowering", "scorecard_lowering_none")


def body(page: ui.Page) -> None:
    st.title(page.t("report_title", year=page.filters.date_to.year) if not page.filters.units else
             page.t("report_unit_title", year=page.filters.date_to.year, unit=unit_name(page)))
    opened, container = ui.section(page)
    with container:
        if opened == "report":
            draw_report(page)
        else:
            draw_scorecard(page)


ui.show("report", body)
