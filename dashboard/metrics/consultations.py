"""Public consultations: a consultation's identity, so a register imported again is recognised row by row.

Rule: a consultation is its URL (scheme, `www.`, the host's case and a trailing slash aside), else its start day
and title (case and spaces aside).
"""

from __future__ import annotations

import datetime as dt

from dashboard.metrics.media import name_key, url_identity


def consultation_identity(url: str | None, started_on: dt.date, title: str) -> str:
    """`url:` its URL, else `item:` start day and title key."""
    if url:
        return url_identity(url)
    return f"item:{started_on.isoformat()}|{name_key(title)}"
