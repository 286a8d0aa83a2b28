"""Website and live-stream metrics: the vocabularies (channels, devices, broadcast kinds), which unit a page
belongs to, and a broadcast's identity.

Rules:
- Unique visitors never add up across days: a period's "visitors a day" is the mean of its daily counts.
- A page belongs to the unit of the longest path rule (vocabularies/page_units.csv: prefix, unit code) that
  its path starts with, matched on whole path segments (`/edu` covers `/edu/news`, not `/education`); a
  page no rule covers belongs to no unit.
- A broadcast is its URL where it has one, else its start and title.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from dashboard import vocabularies

BROADCAST_KINDS = tuple(vocabularies.labels("broadcast_kinds"))
CHANNELS = tuple(vocabularies.labels("traffic_channels"))
DEVICES = tuple(vocabularies.labels("traffic_devices"))
SOURCE_WORDS = {"channel": "traffic_channel_sources", "device": "traffic_device_sources"}
"""How analytics services name a channel or a device: vocabularies/<file>.csv (source, key)."""


@lru_cache(maxsize=1)
def page_rules() -> tuple[tuple[str, str], ...]:
    """(prefix, unit code) of vocabularies/page_units.csv, longest prefix first."""
    return sorted_rules((row["prefix"], row["unit"]) for row in vocabularies.rows("page_units"))


def sorted_rules(rules) -> tuple[tuple[str, str], ...]:
    """(prefix, unit code) pairs as `unit_for_path` reads them: no trailing slash, longest prefix first."""
    cleaned = [(prefix.rstrip("/") or "/", unit) for prefix, unit in rules]
    return tuple(sorted(cleaned, key=lambda rule: len(rule[0]), reverse=True))


@lru_cache(maxsize=256)
def source_key(kind: str, word: str) -> str | None:
    """The channel or device key (`kind`) of a service's word: the word's line of SOURCE_WORDS[kind], else a
    key or label of the vocabulary itself (any case); None when unknown."""
    wanted = " ".join(word.split()).casefold()
    for row in vocabularies.rows(SOURCE_WORDS[kind]):
        if row["source"].casefold() == wanted:
            return row["key"]
    return vocabularies.vocabulary_key(f"traffic_{kind}s", word)


def unit_for_path(path: str, rules: tuple[tuple[str, str], ...] | None = None) -> str | None:
    """The unit code of the longest rule covering `path` (whole segments), None when none does."""
    for prefix, unit in page_rules() if rules is None else rules:
        if prefix == "/" or path == prefix or path.startswith(prefix + "/"):
            return unit
    return None


def broadcast_identity(url: str | None, started_at: dt.datetime, title: str | None) -> str:
    """One broadcast, however often it is listed: its URL (case and a trailing slash aside), else start and title."""
    if url and url.strip():
        return "url:" + url.strip().rstrip("/").casefold()
    return f"at:{started_at.isoformat(timespec='minutes')}|{' '.join((title or '').split()).casefold()}"



# --- Reading the monthly summaries and comparing periods (queries.website) --------------------------

def month_parts(date_from: dt.date, date_to: dt.date
                ) -> tuple[tuple[dt.date, dt.date] | None, tuple[tuple[dt.date, dt.date], ...]]:
    """A period as the whole months inside it (the first and last month's first day; None when none) and the
    days of the partial months at its edges (each as its first and last day). A period's sum is the monthly
    rows of the first plus the daily rows of the second, so a request never scans a year of page-days."""
    first = date_from if date_from.day == 1 else _next_month(date_from)
    end = _next_month(date_to) if _next_month(date_to) == date_to + dt.timedelta(days=1) else date_to.replace(day=1)
    if first >= end:
        return None, ((date_from, date_to),)
    edges = ((date_from, first - dt.timedelta(days=1)),) if date_from < first else ()
    edges += ((end, date_to),) if end <= date_to else ()
    return (first, (end - dt.timedelta(days=1)).replace(day=1)), edges


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, or the last day of that month where it is shorter."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = (_next_month(dt.date(year, month + 1, 1)) - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


def previous_periods(date_from: dt.date, date_to: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """The periods a period's summary is held against: the one of the same length just before it (as many whole
    months for a period of whole months, else as many days) and the same dates a year earlier."""
    whole, edges = month_parts(date_from, date_to)
    if whole and not edges:
        months = (whole[1].year - whole[0].year) * 12 + whole[1].month - whole[0].month + 1
        before = (_months_back(date_from, months), date_from - dt.timedelta(days=1))
    else:
        before = (date_from - (date_to - date_from) - dt.timedelta(days=1), date_from - dt.timedelta(days=1))
    return {"previous": before, "year_before": (_months_back(date_from, 12), _months_back(date_to, 12))}
