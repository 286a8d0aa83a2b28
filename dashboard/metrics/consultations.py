"""Public consultations: a consultation's identity, and how long its results took (or have been awaited).

Rules: a consultation is its URL (scheme, `www.`, the host's case and a trailing slash aside), else its start day
and title (case and spaces aside). Results are published `results_days` after the consultation ended; results
never published have been awaited `waiting_days` since the end, up to a day (today, or the period's end). A share
of consultations with their results published counts the consultations that ended; one still running is not yet
owed its results.
"""

from __future__ import annotations

import datetime as dt

from dashboard.metrics.media import name_key, url_identity


def consultation_identity(url: str | None, started_on: dt.date, title: str) -> str:
    """`url:` its URL, else `item:` start day and title key."""
    if url:
        return url_identity(url)
    return f"item:{started_on.isoformat()}|{name_key(title)}"


def results_days(ended_on: dt.date | None, published_on: dt.date | None) -> int | None:
    """Days from the end to the results, None when either is unknown."""
    if ended_on is None or published_on is None:
        return None
    return (published_on - ended_on).days


def waiting_days(ended_on: dt.date | None, published_on: dt.date | None, today: dt.date) -> int | None:
    """Days results have been awaited since the end (None: published, not ended, or ending after today)."""
    if published_on is not None or ended_on is None or ended_on > today:
        return None
    return (today - ended_on).days


def published_share(published: int, ended: int) -> float | None:
    """The share of ended consultations whose results are published; None without one that ended."""
    return published / ended if ended else None
