"""Translation and Ukrainian formatting: every label a page shows goes through `t`.

Messages live in `dashboard/locales/*.toml`, one file per domain, each key with `uk` and `en`
(and, for countable nouns, CLDR's forms: `one` / `few` / `many` / `other` in Ukrainian, `one` / `many` in
English). Numbers, percentages, dates and plural forms are Babel's (CLDR), the one library of every format;
the functions are pure so they are tested on their own.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent

LOCALES_DIR = Path(__file__).parent / "locales"
LOCALES = {"uk": Locale.parse("uk"), "en": Locale.parse("en")}
"""CLDR's data through Babel: every number, percent and plural form of a page comes from here, so cards, tables
and charts say a number one way (Plotly's separators and percent suffix are read from the same locale)."""
MINUS = "\u2212"
"""The typographic minus, as Plotly draws it on axes: CLDR's `uk` and `en` write a hyphen."""
NBSP = "\u00a0"
"""The no-break space of `uk` figures with their unit (`323 540 ₴`)."""


@lru_cache(maxsize=1)
def messages() -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for path in sorted(LOCALES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            for key, value in tomllib.load(handle).items():
                if key in merged:
                    raise ValueError(f"message {key!r} is defined twice ({path.name})")
                merged[key] = value
    return merged


def t(key: str, lang: str, **values) -> str:
    """The message `key` in `lang`, with `{name}` placeholders filled; a missing key shows as itself."""
    entry = messages().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("uk") or key
    return text.format(**values) if values else text


def group_symbol(lang: str) -> str:
    """The grouping space or comma of the language (CLDR's: U+00A0 in Ukrainian)."""
    return LOCALES[lang].number_symbols["latn"]["group"]


def decimal_symbol(lang: str) -> str:
    return LOCALES[lang].number_symbols["latn"]["decimal"]


def percent_suffix(lang: str) -> str:
    """What follows a number in the language's percent format (`%` in CLDR's `uk` and `en`)."""
    return LOCALES[lang].percent_formats[None].suffix[0]


def plural_form(n: int | float | Decimal, lang: str = "uk") -> str:
    """CLDR's plural category of n: in Ukrainian one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…) and other
    (a fraction: «14,5 дня»)."""
    return LOCALES[lang].plural_form(n)


def _decimals(value: float | int, decimals: int | None) -> int:
    return (0 if float(value).is_integer() else 1) if decimals is None else decimals


def count_noun(n: int | float, key: str, lang: str, decimals: int | None = None) -> str:
    """`5 петицій`, `14,5 дня`, `1 petition`: the number as printed and the noun in the form CLDR gives that
    printed number (a fraction takes Ukrainian's `other`; English has `one` and `many`, for CLDR's `other`)."""
    forms = messages()[key][lang]
    places = _decimals(n, decimals)
    shown = round(Decimal(str(n)), places) if places else Decimal(round(n))
    form = forms.get(plural_form(shown, lang)) or forms["many"]
    return f"{format_number(n, lang, places)} {form}"


def format_number(value: float | int | None, lang: str = "uk", decimals: int | None = None) -> str:
    """`1 234,5` in Ukrainian (CLDR's grouping space, decimal comma), `1,234.5` in English; None is a dash."""
    if value is None:
        return "—"
    places = _decimals(value, decimals)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, pattern, locale=LOCALES[lang]).replace("-", MINUS)


def format_percent(share: float | None, lang: str = "uk", decimals: int = 1) -> str:
    """A share (0..1) as a percentage in the language's percent format: `54,2%` / `54.2%`."""
    if share is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return babel_percent(share, pattern, locale=LOCALES[lang]).replace("-", MINUS)


def format_money(value: float | None, lang: str = "uk") -> str:
    """Hryvnias, whole: `323 540 ₴` / `UAH 323,540`."""
    if value is None:
        return "—"
    number = format_number(round(value), lang, 0)
    return f"{number}{NBSP}₴" if lang == "uk" else f"UAH{NBSP}{number}"


def format_signed(value: float | None, lang: str = "uk", decimals: int | None = None) -> str:
    """A change with its sign: `+12`, `−3,5`, `0`."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return sign + format_number(value, lang, decimals)


def format_date(day: dt.date | dt.datetime | None, lang: str = "uk") -> str:
    """`DD.MM.YYYY` in Ukrainian, ISO in English (unambiguous abroad)."""
    if day is None:
        return "—"
    return babel_date(day, "dd.MM.y" if lang == "uk" else "y-MM-dd", locale=LOCALES[lang])


def format_datetime(moment: dt.datetime | None, lang: str = "uk") -> str:
    if moment is None:
        return "—"
    return f"{format_date(moment, lang)} {moment:%H:%M}"


def abbreviation_key(pairs) -> str:
    """«ГП — Громадянська платформа · НМ — Наше місто»: each (short, full) name whose short form differs, once, in
    the order given; the key under a chart or table that names factions by their abbreviations."""
    seen = dict.fromkeys((short, full) for short, full in pairs if short and full and short != full)
    return " · ".join(f"{short} — {full}" for short, full in seen)


def short_name(full_name: str) -> str:
    """`Прізвище І. П.` from a full name, for chart axes where 37 full names do not fit."""
    surname, *given = full_name.split()
    return " ".join([surname, *(f"{name[0]}." for name in given if name)])


SESSION = re.compile(r"(?P<number>\d+)(?:-?[аи])?\s+(?P<extra>позачергов\w*\s+)?(?:пленарн\w*\s+)?сесі[яї]\b.*?"
                     r"(?:\b(?P<convocation>[IVXLC]+|\d+)(?:-?го)?\s+скликання)?\s*$", re.IGNORECASE)
"""A plenary session's name as councils write it: «5 сесія міської ради VII скликання», «12 позачергова сесія»."""


def session_name(name: str, lang: str) -> str:
    """A session's name in the page's language: in English built from its number and convocation («Session 5,
    convocation VII»); a name of another shape as the source wrote it."""
    found = SESSION.match(name.strip())
    if lang == "uk":
        return name
    if not found:
        return t("session_plenary", lang) if name.strip().casefold() == "пленарне засідання" else name
    text = t("session_extraordinary" if found["extra"] else "session", lang, number=found["number"])
    return f"{text}, {t('vote_convocation', lang, number=found['convocation'])}" if found["convocation"] else text


def names_convocation(name: str) -> bool:
    """Whether a session's name already says its convocation (a vote's header then prints it once)."""
    found = SESSION.match(name.strip())
    return bool(found and found["convocation"])


MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"
BARE_LINK = re.compile(r"(?<=:)(?=//)|(?<=@)|(?<=www)(?=\.)", re.IGNORECASE)
"""Where GitHub-flavoured Markdown would start a link in plain text: `http://`, `www.`, an e-mail's `@`."""
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Text shown as written in a Markdown element: every character Markdown (or Streamlit's directives and
    HTML) could read as markup is backslash-escaped, so a link's or a file's text cannot become a link,
    an image or a heading; a bare URL or e-mail, which Streamlit links even escaped, is broken by an invisible
    word joiner (`BARE_LINK`), so it shows as plain text."""
    text = BARE_LINK.sub(WORD_JOINER, text)
    return "".join(f"\\{ch}" if ch in MARKDOWN_SPECIALS else ch for ch in text)
