"""Dates as every importer reads them: one parser and one window of plausible years.

Forms: ISO 8601 (`2017-03-01`, `2017-03-01 10:00`, `2017-03-01T08:00:00Z`), `DD.MM.YYYY` and `DD.MM.YY`, each with
or without a time (`HH:MM` or `HH:MM:SS`), and a Unix time given as a JSON number (e-dem.ua). A time with an offset
or `Z` becomes Kyiv's local time, stored without the offset like every other time here (`parse_utc` keeps it in UTC
instead, for an OCDS release's date); a date alone is midnight.
A date before `import_first_year` or after `import_last_year` (settings; empty: the next calendar year) stops the
file at its location: year 2917 in a monitoring file is a typing error, not a story from the future.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from dashboard.writer.importers.files import ImportFailed, Limits

LOCAL_TIME = ZoneInfo("Europe/Kyiv")
DAY_FIRST = tuple(day + time for day in ("%d.%m.%Y", "%d.%m.%y") for time in ("", " %H:%M", " %H:%M:%S"))
FORMS = "YYYY-MM-DD, DD.MM.YYYY or DD.MM.YY, a time allowed"


@lru_cache(maxsize=8192)
def as_datetime(text: str) -> dt.datetime | None:
    """The moment a text gives in one of the forms, None if none fits; no window. Cached: a year of monitoring
    repeats 366 dates a hundred thousand times."""
    moment = _as_given(text)
    return _shifted(moment, LOCAL_TIME) if moment is not None and moment.tzinfo is not None else moment


def _as_given(text: str) -> dt.datetime | None:
    """The moment in one of the forms, with its offset if the text gives one."""
    text = " ".join(text.split())
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    for form in DAY_FIRST:
        if moment is not None:
            break
        try:
            moment = dt.datetime.strptime(text, form)
        except ValueError:
            continue
    return moment


@lru_cache(maxsize=8192)
def as_utc(text: str) -> dt.datetime | None:
    """The moment a text gives, in UTC without the offset; a time without an offset is Kyiv's."""
    moment = _as_given(text)
    if moment is None:
        return None
    return _shifted(moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_TIME), dt.UTC)


def _shifted(moment: dt.datetime, zone) -> dt.datetime:
    """The moment in another zone, without the offset; at the ends of the calendar (year 1, 9999), where the
    shift would leave it, as written (the window refuses it)."""
    try:
        return moment.astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        return moment.replace(tzinfo=None)


def _unix_time(value: int) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC).astimezone(LOCAL_TIME).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return None


def parse_datetime(value: object, where: str, limits: Limits, required: bool = False) -> dt.datetime | None:
    """A date and time in one of the forms and within the window; empty: None, or refused when required."""
    return _moment(value, where, limits, required, "a date and time")


def parse_utc(value: object, where: str, limits: Limits, required: bool = False) -> dt.datetime | None:
    """A date and time in one of the forms and within the window, in UTC (an OCDS release's `date`, which orders
    releases whatever offset each was written with)."""
    return _moment(value, where, limits, required, "a date and time", as_utc)


def parse_date(value: object, where: str, limits: Limits, required: bool = False) -> dt.date | None:
    """A day in one of the forms and within the window (a time given with it is read, then set aside)."""
    moment = _moment(value, where, limits, required, "a date")
    return moment.date() if moment else None


def _moment(value: object, where: str, limits: Limits, required: bool, what: str,
            read=as_datetime) -> dt.datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ImportFailed(where, "empty date")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        moment = _unix_time(value)
    else:
        moment = read(value) if isinstance(value, str) else None
    if moment is None:
        raise ImportFailed(where, f"not {what} ({FORMS}): {str(value)[:40]!r}")
    if not limits.first_year <= moment.year <= limits.last_year:
        raise ImportFailed(where, f"{moment.date()} is outside the years an import accepts, {limits.first_year} to "
                                  f"{limits.last_year} (settings import_first_year, import_last_year)")
    return moment
