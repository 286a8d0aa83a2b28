"""Links: the parameters a link may carry, how each is read, and the one builder of every URL.

Pure: pages, tables, downloads and `export` build and read links here and nowhere else. The filters
(`CARRIED`) travel with every link, the menu's included, so a chosen year and units survive a move
between pages. A parameter a page does not know, or one its parser refuses, is ignored and named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from dashboard.settings import LANGUAGES

Parser = Callable[[str], object]

SQL_INTEGER_MAX = 2**31 - 1
"""Ids in links fit every backend's integer (PostgreSQL's `integer`); a larger one names nothing."""


def one_of(options: tuple[str, ...]) -> Parser:
    """A parser that accepts only the given words (a kind, a sort order, a metric)."""

    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(text)
        return text

    return parse


def some_of(options: tuple[str, ...]) -> Parser:
    """A parser of a comma-separated list of the given words, each once, in the order of `options` (a page's open
    parts); an empty list is no word, and one unknown word refuses the whole list."""
    def parse(text: str) -> tuple[str, ...]:
        words = set(text.split(",")) - {""}
        if not words <= set(options):
            raise ValueError(text[:100])
        return tuple(option for option in options if option in words)
    return parse


def whole_number(text: str) -> int:
    """ASCII digits only: Python's `int` also reads `２０１７`, `+7`, `1_000` and spaces around, which no link
    of ours writes."""
    if not re.fullmatch(r"[0-9]{1,20}", text):
        raise ValueError(text[:100])
    return int(text)


def parse_year(text: str) -> int:
    year = whole_number(text)
    if not 1991 <= year <= 2100:
        raise ValueError(text)
    return year


def parse_date(text: str) -> dt.date:
    """`YYYY-MM-DD` only (`fromisoformat` also reads `20170101` and week dates)."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(text[:100])
    return dt.date.fromisoformat(text)


UNIT_CODE_CHARS = 40
"""The longest unit code the importer takes (`writer.importers.units.CODE_CHARS`)."""
UNITS_MAX = 500
"""More distinct codes than any council has units: a longer list is a forged link."""
NOT_IN_CODE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff<>\[\]()`]")
"""Control and invisible characters, and the brackets Markdown and HTML read as markup: in no unit's code."""


def parse_codes(text: str) -> tuple[str, ...]:
    """Unit codes, comma-separated, each given once. A list with a code no council could have (too long, with
    a control character or a bracket) or with more codes than `UNITS_MAX` is refused whole, so it is not carried
    into every link of the menu."""
    codes = tuple(dict.fromkeys(code for code in text.split(",") if code))
    if not codes or len(codes) > UNITS_MAX:
        raise ValueError(text[:100])
    if any(len(code) > UNIT_CODE_CHARS or NOT_IN_CODE.search(code) for code in codes):
        raise ValueError(text[:100])
    return codes


def parse_id(text: str) -> int:
    """A database id: a positive whole number within the integer range of both backends."""
    number = whole_number(text)
    if not 0 < number <= SQL_INTEGER_MAX:
        raise ValueError(text)
    return number


def parse_flag(text: str) -> bool:
    """`1` / `0`."""
    if text not in ("0", "1"):
        raise ValueError(text)
    return text == "1"


def parse_name(text: str) -> str:
    """A dataset's name (`procurement_by_method`): lowercase words joined by underscores."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", text):
        raise ValueError(text)
    return text


def parse_search(text: str) -> str:
    return text.strip()[:100]


FILTER_PARAMS: dict[str, Parser] = {
    "lang": one_of(LANGUAGES), "year": parse_year, "from": parse_date, "to": parse_date, "unit": parse_codes,
}
"""The parameters every page reads: language, period and units."""

CARRIED = tuple(FILTER_PARAMS)
"""The parameters that travel with every link between pages."""


def check_link(params: Mapping[str, str], parsers: Mapping[str, Parser]) -> tuple[dict, list[str]]:
    """Parse a link's parameters; return the good values and the names of those ignored, in link order."""
    good, ignored = {}, []
    for name, text in params.items():
        parser = parsers.get(name)
        if parser is None:
            ignored.append(name)
            continue
        try:
            good[name] = parser(text)
        except (ValueError, TypeError, OverflowError):
            ignored.append(name)
    return good, ignored


def carried(params: Mapping[str, str]) -> dict[str, str]:
    """The filters of the current link that parse, to carry into another: a malformed one (a URL as the year)
    stays behind instead of travelling into every link of the menu, and units travel as parsed (each code once)."""
    good, _ = check_link({name: params[name] for name in CARRIED if params.get(name)}, FILTER_PARAMS)
    return {name: ",".join(value) if isinstance(value, tuple) else params[name] for name, value in good.items()}


def url(path: str, params: Mapping[str, object] | None = None, base: str = "") -> str:
    """`base/path?a=1&b=2`: a page's URL path (empty: the landing page) and its parameters, None and empty
    values left out. Relative without `base` (a link inside the app), absolute with it (a downloaded file)."""
    query = urlencode({name: value for name, value in (params or {}).items() if value not in (None, "")})
    target = f"{path}?{query}" if query else path
    return f"{base}/{target}" if base else target or "./"
