"""What a page shows, as a plain value, and the one function that reads it from a link.

Pure: no Streamlit here, so the pages, `export` and the tests read a link the same way. A `Filters` carries
what the link says (a period and unit codes, never database ids) and is hashable: with a query's own
arguments it is the key of the page cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ALL_TIME = (dt.date(1991, 1, 1), dt.date(2100, 12, 31))
"""The one "all time": from Ukraine's independence to the end of the years the date picker can show. A link
to one vote or a deputy's whole career, and `export` without a period, read over it."""


def year_window(settings) -> tuple[int, int]:
    """The years a fact may plausibly be dated in (`import_first_year` .. `import_last_year`, else the next
    calendar year): the period filter offers no year outside them, whatever an old import left behind."""
    return settings.import_first_year, settings.import_last_year or dt.date.today().year + 1


@dataclass(frozen=True)
class Filters:
    """A period (both ends included), unit codes (empty: all units) and who is looking.

    `audience` is the deployment's audience. `own_units` narrows the internal rows a department head sees
    to the own units' codes (empty: no narrowing, the mayor's office).
    """

    date_from: dt.date
    date_to: dt.date
    units: tuple[str, ...] = ()
    audience: str = "public"
    own_units: tuple[str, ...] = ()

    @classmethod
    def for_year(cls, year: int, **kwargs) -> Filters:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), **kwargs)

    @classmethod
    def all_time(cls, **kwargs) -> Filters:
        return cls(*ALL_TIME, **kwargs)

    @property
    def year(self) -> int | None:
        """The year when the period is exactly one calendar year, else None."""
        start, end = self.date_from, self.date_to
        whole = start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31)
        return start.year if whole else None

    @property
    def public_only(self) -> bool:
        return self.audience == "public"


def period_from_link(link: Mapping, years: Sequence[int], default: tuple[dt.date, dt.date] | None = None
                     ) -> tuple[tuple[dt.date, dt.date], list[str]]:
    """The period a link asks for, and the names of the period parameters it ignored.

    `year=` wins over `from=`/`to=`. Dates are bounded to the data's years (`years`, ascending): a year or a
    date outside them, and a range that ends before it starts, are ignored. Without a usable period the
    `default` applies, else the last year with data.
    """
    first, last = (years[0], years[-1]) if years else (dt.date.today().year,) * 2
    low, high = dt.date(first, 1, 1), dt.date(last, 12, 31)
    ignored = []
    if "year" in link:
        if first <= link["year"] <= last:
            year = link["year"]
            return (dt.date(year, 1, 1), dt.date(year, 12, 31)), ignored
        ignored.append("year")
    start, end = link.get("from"), link.get("to")
    for name, day in (("from", start), ("to", end)):
        if day is not None and not low <= day <= high:
            ignored.append(name)
    start = start if "from" not in ignored else None
    end = end if "to" not in ignored else None
    if start and end and end < start:
        ignored += ["from", "to"]
        start = end = None
    if start or end:
        return (start or low, end or high), ignored
    return default or (dt.date(last, 1, 1), dt.date(last, 12, 31)), ignored


def filters_from_link(link: Mapping, years: Sequence[int], unit_codes: Sequence[str], audience: str,
                      own_units: Sequence[str] = (), default: tuple[dt.date, dt.date] | None = None
                      ) -> tuple[Filters, list[str]]:
    """The filters a link asks for (period, units) and the names of the parameters it ignored.

    Unknown unit codes are ignored (the known ones kept); a link without units opens with a department head's own
    (`own_units`); see `period_from_link` for the period.
    """
    (date_from, date_to), ignored = period_from_link(link, years, default)
    known = set(unit_codes)
    wanted = tuple(link["unit"]) if "unit" in link else tuple(code for code in own_units if code in known)
    units = tuple(code for code in wanted if code in known)
    if len(units) < len(wanted):
        ignored.append("unit")
    return Filters(date_from, date_to, units, audience, tuple(own_units)), ignored
