"""The filter bar's state as a plain value, and the link parameters that carry it.

Pure: no Streamlit here, so queries take a `Filters` and tests build one by hand. A `Filters` is
hashable and is the cache key of every query (together with the query's own arguments).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Filters:
    """What a page shows: a period, a set of units (empty: all) and who is looking.

    `audience` is the deployment's audience. `own_units` narrows the internal rows a department
    head sees to the own units (empty: all units, the mayor's office).
    """

    date_from: dt.date
    date_to: dt.date
    unit_ids: tuple[int, ...] = ()
    audience: str = "public"
    own_units: tuple[int, ...] = field(default=())

    @classmethod
    def for_year(cls, year: int, **kwargs) -> "Filters":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), **kwargs)

    @property
    def year(self) -> int | None:
        """The year when the period is exactly one calendar year, else None."""
        whole = self.date_from == dt.date(self.date_from.year, 1, 1) and self.date_to == dt.date(self.date_from.year, 12, 31)
        return self.date_from.year if whole else None

    @property
    def public_only(self) -> bool:
        return self.audience == "public"


def parse_language(text: str) -> str:
    if text not in ("uk", "en"):
        raise ValueError(text)
    return text


def parse_year(text: str) -> int:
    year = int(text)
    if not 2000 <= year <= 2100:
        raise ValueError(text)
    return year


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def parse_codes(text: str) -> tuple[str, ...]:
    codes = tuple(code for code in text.split(",") if code)
    if not codes:
        raise ValueError(text)
    return codes


def one_of(options: tuple[str, ...]) -> Callable[[str], str]:
    """A link parser that accepts only the given words (a kind, a sort order, a metric)."""

    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(text)
        return text

    return parse


def check_link(params: Mapping[str, str], parsers: Mapping[str, Callable[[str], object]]) -> tuple[dict, list[str]]:
    """Parse the link's parameters; return the good values and the names of those ignored.

    A parameter is ignored when the page does not know it or its parser raises ValueError.
    """
    good, ignored = {}, []
    for name, text in params.items():
        parser = parsers.get(name)
        if parser is None:
            ignored.append(name)
            continue
        try:
            good[name] = parser(text)
        except (ValueError, TypeError):
            ignored.append(name)
    return good, ignored
