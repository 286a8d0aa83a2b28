"""Translation and Ukrainian formatting: every label a page shows goes through `t`.

Messages live in `dashboard/locales/*.toml`, one file per domain, each key with `uk` and `en`
(and, for countable nouns, `one` / `few` / `many` forms). Formatting functions are pure so they
are tested on their own.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import lru_cache
from pathlib import Path

LOCALES_DIR = Path(__file__).parent / "locales"
NBSP = "\u00a0"


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


def plural_form(n: int) -> str:
    """Ukrainian plural category of n: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…)."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def count_noun(n: int | float, key: str, lang: str) -> str:
    """`5 петицій`, `1 petition`: the number formatted and the noun in its right form."""
    forms = messages()[key][lang]
    if lang == "uk":
        form = forms[plural_form(int(n))] if float(n).is_integer() else forms["few"]
    else:
        form = forms["one"] if n == 1 else forms["many"]
    return f"{format_number(n, lang)} {form}"


def format_number(value: float | int | None, lang: str = "uk", decimals: int | None = None) -> str:
    """`1 234,5` in Ukrainian (narrow grouping space, decimal comma), `1,234.5` in English; None is a dash."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if lang == "uk":
        text = text.replace(",", NBSP).replace(".", ",")
    return text.replace("-", "−")


def format_percent(share: float | None, lang: str = "uk", decimals: int = 1) -> str:
    """A share (0..1) as a percentage: `54,2 %` / `54.2%`."""
    if share is None:
        return "—"
    number = format_number(share * 100, lang, decimals)
    return f"{number}{NBSP}%" if lang == "uk" else f"{number}%"


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
    return day.strftime("%d.%m.%Y") if lang == "uk" else day.strftime("%Y-%m-%d")


def format_datetime(moment: dt.datetime | None, lang: str = "uk") -> str:
    if moment is None:
        return "—"
    return f"{format_date(moment, lang)} {moment:%H:%M}"


def short_name(full_name: str) -> str:
    """`Прізвище І. П.` from a full name, for chart axes where 37 full names do not fit."""
    surname, *given = full_name.split()
    return " ".join([surname, *(f"{name[0]}." for name in given if name)])


MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


def escape_markdown(text: str) -> str:
    """Text shown as written in a Markdown element: every character Markdown (or Streamlit's directives and
    HTML) could read as markup is backslash-escaped, so a link's or a file's text cannot become a link,
    an image or a heading."""
    return "".join(f"\\{ch}" if ch in MARKDOWN_SPECIALS else ch for ch in text)
