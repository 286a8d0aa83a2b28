"""A channel's live streams, `import streams` (CSV): broadcasts by `metrics.website.broadcast_identity`.

Kept apart from traffic: a stream listed again is updated in place (`common.write_by_identity`), not replaced
by day.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

from dashboard.metrics.website import BROADCAST_KINDS, broadcast_identity
from dashboard.schema import broadcasts
from dashboard.vocabularies import vocabulary_key
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import check_fits, parse_public, unit_id, unit_ids
from dashboard.writer.importers.files import ImportFailed, Limits, csv_rows, normalised_header
from dashboard.writer.importers.values import parse_datetime
from dashboard.writer.importers.website_traffic import parse_visits

PLATFORM_CHARS = 30


def _kind(value: str, where: str) -> str:
    key = vocabulary_key("broadcast_kinds", value) or vocabulary_key("broadcast_kinds", "_".join(value.split()))
    if key is None:
        raise ImportFailed(where, f"unknown kind {value[:60]!r}; one of {', '.join(BROADCAST_KINDS)} or their "
                                  "words in dashboard/vocabularies/broadcast_kinds.csv")
    return key


def _live_views(row: dict, where: str) -> int | None:
    """The views while live (YouTube Studio's split), at most all views; empty: the export has no split."""
    if not (row.get("live_views") or "").strip():
        return None
    live = parse_visits(row["live_views"], f"{where}, live_views")
    if live > parse_visits(row.get("views") or "0", f"{where}, views"):
        raise ImportFailed(f"{where}, live_views", f"{live} live views, more than the stream's {row.get('views') or 0} views")
    return live


def read_streams(connection: Connection, name: str, text: str, limits: Limits, summary: ImportSummary,
                 advance: Callable) -> dict[str, dict]:
    """The file's broadcasts by identity (a stream listed twice: the later line, the earlier reported)."""
    ids, found, where_of = unit_ids(connection), {}, {}
    for line, row in csv_rows(name, normalised_header(text), ("started_at", "kind"), limits):
        where = f"{name}: line {line}"
        started = parse_datetime(row["started_at"], f"{where}, started_at", limits, required=True)
        title, url = row.get("title") or None, row.get("url") or None
        platform = row.get("platform", "").casefold() or None
        if platform and len(platform) > PLATFORM_CHARS:
            raise ImportFailed(f"{where}, platform", f"longer than {PLATFORM_CHARS} characters")
        identity = broadcast_identity(url, started, title)
        if identity in found:
            summary.skipped.append((where_of[identity], f"the same stream as line {line}: one broadcast"))
        found[identity] = {"identity": identity, "started_at": started, "kind": _kind(row["kind"], f"{where}, kind"),
                           "title": title, "platform": platform, "url": url,
                           "views": parse_visits(row.get("views") or "0", f"{where}, views"),
                           "live_views": _live_views(row, where),
                           "unit_id": unit_id(row.get("unit", ""), ids, where),
                           "is_public": parse_public(row.get("public") or row.get("is_public", ""), where)}
        check_fits(broadcasts, found[identity], where)
        where_of[identity] = where
        advance()
    if not found:
        raise ImportFailed(name, "no streams in the file")
    return found
