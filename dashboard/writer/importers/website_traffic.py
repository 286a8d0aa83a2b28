"""What a traffic file brings (`Traffic`), the values the readers check, and the writing of traffic.

Matomo and Plausible are read by their own modules into one `Traffic`, so there is one way to check a count, a
percent, seconds or a source, and one way to write: a file's days replace the stored ones unless they are the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from dashboard.metrics.website import SOURCE_WORDS, source_key
from dashboard.schema import TRAFFIC_SUMMARIES, site_pages, site_traffic_daily
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import chunks
from dashboard.writer.importers.files import ImportFailed, parse_count
from dashboard.writer.importers.website_rules import apply_rules
from dashboard.writer.traffic_summaries import refresh_traffic_months
from dashboard.writer.vote_summaries import bulk_insert

MAX_VISITS = 999_999_999
MAX_SECONDS = 10_000_000
SITE_COLUMNS = ("day", "visitors", "visits", "pageviews", "bounce_rate", "avg_visit_seconds")
TABLES = {summary[2].removesuffix("_id"): summary for summary in TRAFFIC_SUMMARIES.values()}  # page / channel / device -> (daily, monthly, key, measure)
INSERT_CHUNK = 20_000


@dataclass
class Traffic:
    """What one traffic file brings: the days it covers, and the rows of each table it fills."""

    days: list[dt.date] = field(default_factory=list)
    site: list[tuple] | None = None  # SITE_COLUMNS
    daily: dict[str, dict[tuple[dt.date, str], int]] = field(default_factory=dict)  # kind -> (day, key) -> measure
    month: dt.date | None = None
    monthly: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> key -> measure, for `month`
    rows_read: int = 0


def parse_share(value: object, where: str) -> float | None:
    """A percent ("54%" as Matomo writes it, 54 or "54.0" as Plausible does) as a share 0..1; empty: None."""
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip().removesuffix("%")) if isinstance(value, str) else value
    except ValueError:
        number = None
    if not isinstance(number, (int, float)) or isinstance(number, bool) or not 0 <= number <= 100:
        raise ImportFailed(where, f"not a percent from 0 to 100: {str(value)[:40]!r}")
    return round(number / 100, 6)


def parse_seconds(value: object, where: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value) if isinstance(value, str) else value
    except ValueError:
        number = None
    if not isinstance(number, (int, float)) or isinstance(number, bool) or not 0 <= number <= MAX_SECONDS:
        raise ImportFailed(where, f"not a number of seconds: {str(value)[:40]!r}")
    return float(number)


def parse_visits(value: object, where: str) -> int:
    return parse_count(value, where, MAX_VISITS)


def parse_source(kind: str, label: str, where: str) -> str:
    key = source_key(kind, label)
    if key is None:
        raise ImportFailed(where, f"unknown {kind} {label[:60]!r}; add it to dashboard/vocabularies/"
                                  f"{SOURCE_WORDS[kind]}.csv")
    return key


# --- Writing traffic ----------------------------------------------------------------------------

def _replace(connection: Connection, table, by: str, periods: list[dt.date], columns: tuple[str, ...],
             rows: list[tuple], batch_id: int, advance: Callable) -> int:
    """Make the rows of `periods` (values of column `by`) the file's own: nothing written when they already
    are, else the stored ones deleted and the file's inserted. Returns the rows written."""
    stored: set[tuple] = set()
    for part in chunks(periods, 500):
        stored.update(tuple(row) for row in connection.execute(
            select(*(table.c[column] for column in columns)).where(table.c[by].in_(part))))
    if stored == set(rows):
        return 0
    for part in chunks(periods, 500):
        connection.execute(delete(table).where(table.c[by].in_(part)))
    for part in chunks(rows, INSERT_CHUNK):
        bulk_insert(connection, table, (*columns, "batch_id"), [(*row, batch_id) for row in part])
        advance(len(part))
    return len(rows)


def _page_ids(connection: Connection, paths: set[str], summary: ImportSummary) -> dict[str, int]:
    """Every page's id by path, the new ones created (their unit comes from the rules afterwards)."""
    known = dict(connection.execute(select(site_pages.c.path, site_pages.c.id)).all())
    new = sorted(paths - known.keys())
    if not new:
        return known
    for part in chunks(new, INSERT_CHUNK):
        connection.execute(insert(site_pages), [{"path": path} for path in part])
    summary.notes.append(f"{len(new):,} pages created")
    return dict(connection.execute(select(site_pages.c.path, site_pages.c.id)).all())


def write_traffic(connection: Connection, traffic: Traffic, batch_id: int, summary: ImportSummary,
                  advance: Callable) -> None:
    written = 0
    if traffic.site is not None:
        written += _replace(connection, site_traffic_daily, "day", traffic.days, SITE_COLUMNS, traffic.site,
                            batch_id, advance)
    paths = set(traffic.monthly.get("page", {})) | {path for _day_, path in traffic.daily.get("page", {})}
    page_ids = _page_ids(connection, paths, summary)
    for kind, found in traffic.daily.items():
        daily, _monthly, key, measure = TABLES[kind]
        rows = [(day, page_ids[k] if kind == "page" else k, value) for (day, k), value in found.items()]
        written += _replace(connection, daily, "day", traffic.days, ("day", key, measure), rows, batch_id, advance)
    if traffic.daily:
        refresh_traffic_months(connection, traffic.days)
    for kind, found in traffic.monthly.items():
        _daily, monthly, key, measure = TABLES[kind]
        rows = [(traffic.month, page_ids[k] if kind == "page" else k, value) for k, value in found.items()]
        written += _replace(connection, monthly, "month", [traffic.month], ("month", key, measure), rows, batch_id,
                            advance)
    summary.rows_read, summary.rows_written = traffic.rows_read, written
    if not written:
        summary.notes.append("every row was already stored as the file has it: nothing written")
    apply_rules(connection, summary)
