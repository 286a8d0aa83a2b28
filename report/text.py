"""The report's section as the council writes it: paragraphs in the 2017 section's order, each figure in the case
its sentence needs and the plural form CLDR gives its number (through `dashboard.i18n`, Babel), rounded as the
report rounds it, and a note per figure.

Rules (docs/report.md): «понад N» is the largest multiple of the figure's step below it (an honest lower bound);
«21 тис.» is thousands rounded to the nearest, in CLDR's compact format; every other figure is exact. A figure
without data says so in its place; a zero is printed only when the data counts zero.
"""

from __future__ import annotations

import dataclasses
import math
import re
from decimal import Decimal

from babel.numbers import format_compact_decimal

from dashboard.i18n import LOCALES, count_noun, format_date, messages, plural_form, t
from dashboard.metrics.media import KINDS
from report.figures import Figure, Report

PARAGRAPHS = (  # (message, each figure's case, the figure whose plural category picks the message's variant)
    ("report_p_events", {"press_conferences": "acc", "guest_in_studio": "acc", "foreign_journalists": "acc"}, None),
    ("report_p_outlets", {"outlets_covering": "nom"}, None),
    ("report_p_website", {"website_daily_visitors": "nom"}, "website_daily_visitors"),
    ("report_p_streams", {"live_streams": "acc", "live_stream_views": "nom"}, "live_stream_views"),
    ("report_p_procurement", {"procurements": "acc"}, None),
    ("report_p_petitions", {"petitions_submitted": "acc", "petitions_considered": "nom"}, "petitions_considered"),
    ("report_p_council", {"plenary_sessions": "gen", "decisions": "acc"}, None),
    ("report_p_consultations", {"consultations_online": "acc"}, None),
)
OVER = {"website_daily_visitors": 100, "live_streams": 100, "petitions_submitted": 10, "decisions": 100}
"""Figures the report gives as «понад N», with N's step."""
THOUSANDS = {"live_stream_views": 10_000}
"""Figures the report gives in thousands («21 тис.») from this size on."""
NAMED_PER_KIND = 12
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclasses.dataclass(frozen=True)
class Ref:
    """A figure as the text prints it; renderers add its note."""

    key: str
    text: str


Part = str | Ref


@dataclasses.dataclass(frozen=True)
class Section:
    title: str
    paragraphs: list[list[Part]]
    notes: dict[str, str]           # figure key -> its note, in the order the text first cites them


def over_bound(value: float, step: int) -> int:
    """The largest multiple of `step` below `value` (0 when there is none)."""
    return max(0, math.ceil(value / step) - 1) * step


def figure_text(figure: Figure, case: str, lang: str, year: int) -> tuple[str, Decimal | None]:
    """The figure as the report prints it, and the number whose plural category its sentence follows."""
    noun = f"report_{figure.key}_{case}"
    value = figure.value
    if value is None:
        return t("report_no_data", lang, what=t(f"report_{figure.key}_what", lang), year=year), None
    if figure.key in OVER and (bound := over_bound(value, OVER[figure.key])):
        return t("report_over", lang, figure=count_noun(bound, noun, lang)), Decimal(bound)
    if figure.key in THOUSANDS and value >= THOUSANDS[figure.key]:
        rounded = Decimal(round(value / 1000) * 1000)
        forms = messages()[noun][lang]
        form = forms.get(plural_form(rounded, lang)) or forms["many"]
        return f"{format_compact_decimal(value, locale=LOCALES[lang])} {form}", rounded
    return count_noun(value, noun, lang), Decimal(str(value))


def _outlets(report: Report, lang: str) -> str:
    """Outlets by kind (TV, print, radio, online, agencies), most mentioned first, as written in the data."""
    groups = []
    for kind in KINDS:
        names = report.outlets.filter(kind=kind)["outlet"].to_list()
        if not names:
            continue
        shown = ", ".join(names[:NAMED_PER_KIND])
        if len(names) > NAMED_PER_KIND:
            shown += " " + t("report_outlets_more", lang, count=len(names) - NAMED_PER_KIND)
        groups.append(t("report_outlets_kind", lang, kind=t(f"report_kind_{kind}", lang), names=shown))
    return "; ".join(groups) or t("report_outlets_none", lang)


def _convocation(report: Report, lang: str) -> str:
    """«7» in Ukrainian («7 скликання»), «7th» in English (CLDR's ordinal category)."""
    if report.convocation is None:
        return t("report_no_convocation", lang)
    return t(f"report_ordinal_{LOCALES[lang].ordinal_form(report.convocation)}", lang, n=report.convocation)


def _paragraph(report: Report, message: str, cases: dict[str, str], governing: str | None, lang: str) -> list[Part]:
    texts, numbers = {}, {}
    for key, case in cases.items():
        texts[key], numbers[key] = figure_text(report.figures[key], case, lang, report.year)
    template = messages()[message][lang]
    if isinstance(template, dict):  # variants by the governing figure's plural category
        number = numbers[governing]
        template = template[plural_form(number, lang) if number is not None else "many"]
    words = {"year": str(report.year), "named": _outlets(report, lang), "convocation": _convocation(report, lang)}
    parts: list[Part] = []
    for n, piece in enumerate(PLACEHOLDER.split(template)):
        if n % 2 == 0:
            parts.append(piece)
        elif piece in texts:
            parts.append(Ref(piece, texts[piece]) if numbers[piece] is not None else texts[piece])
        else:
            parts.append(words[piece])
    return [part for part in parts if part != ""]


def note(figure: Figure, lang: str) -> str:
    """Where a figure comes from: its dataset and row, the export's filters, the import files behind it."""
    files = ", ".join(t("report_note_batch", lang, file=batch.file_name, day=format_date(batch.imported_at, lang))
                      for batch in figure.batches)
    unit = figure.params.get("unit")
    return t("report_note", lang, dataset=figure.dataset, kpi=figure.key, year=figure.params["year"],
             unit=t("report_note_unit", lang, units=unit) if unit else "",
             batches=t("report_note_batches", lang, files=files) if files else t("report_note_no_batches", lang))


def write(report: Report, lang: str, unit_name: str | None = None) -> Section:
    """The section: title, the intro and a paragraph per part of the programme, and each cited figure's note."""
    title = (t("report_unit_title", lang, year=report.year, unit=unit_name) if unit_name
             else t("report_title", lang, year=report.year))
    paragraphs = [[t("report_intro", lang, year=report.year)]]
    paragraphs += [_paragraph(report, *paragraph, lang) for paragraph in PARAGRAPHS]
    notes = {}
    for paragraph in paragraphs:
        for part in paragraph:
            if isinstance(part, Ref) and part.key not in notes:
                notes[part.key] = note(report.figures[part.key], lang)
    return Section(title, paragraphs, notes)
