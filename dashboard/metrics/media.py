"""Media metrics: the vocabularies (outlet kinds and scopes, tones, topics, public events), how an outlet's
name and a mention's identity are written, the time buckets, and the seven-day windows around an event.

Rules:
- An outlet is known by its name key: case folded, quotes of every kind («», "", „“, '', ’) dropped, runs of
  whitespace one space; an alias (vocabularies/outlet_aliases.csv) stands for the outlet it names.
- A mention is one story: its URL where it has one (scheme, `www.`, a trailing slash and case of the host
  aside), else its outlet, day and title (by key).
- Topics and tones are configuration (vocabularies/media_topics.csv, media_tones.csv: key, uk, en); a topic
  outside the vocabulary is kept as the source wrote it and shown so. Tone shares count mentions with a tone.
- Week buckets start on Monday (ISO), months on the first; an event's attention is the mentions of the event
  day and the six after it against those of the seven days before.
Each formula the database computes has its SQL twin here (`bucket_start` / `bucket_start_sql`,
`window` / `window_sql`, `tone_shares` / `tone_share_sql`); the tests check one against the other.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from sqlalchemy import Date, case, cast, func, literal
from sqlalchemy.sql import ColumnElement

from dashboard import vocabularies
from dashboard.db import day_of, month_start
from dashboard.metrics.common import share, share_sql

KINDS = ("tv", "print", "radio", "online", "agency")
SCOPES = ("local", "regional", "national", "international")
TONES = ("positive", "neutral", "negative")
EVENT_KINDS = ("press_conference", "guest_in_studio", "foreign_journalists", "briefing")
BUCKETS = ("day", "week", "month")
SPLITS = ("kind", "scope")
MEASURES = ("count", "share")
WINDOW_DAYS = 7
TOP_OUTLETS = 8
"""How many outlets the stream graph draws, the largest in the period; any other has its own line on demand."""

QUOTES = re.compile(r"[«»\"“”„‟'‘’‚‛`´ʼ]")
URL_HEAD = re.compile(r"^[a-z][a-z0-9+.-]*://(www\.)?", re.IGNORECASE)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """An outlet's name as it is matched: `ТРК «С-плюс»` and `трк  "С-плюс"` are one key."""
    return " ".join(QUOTES.sub("", name).casefold().split())


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Alias key -> the name key of the outlet it stands for (vocabularies/outlet_aliases.csv)."""
    return {name_key(row["alias"]): name_key(row["outlet"]) for row in vocabularies.rows("outlet_aliases")}


@lru_cache(maxsize=65536)
def outlet_key(name: str) -> str:
    """The key an outlet's printed name is matched by, through the aliases."""
    key = name_key(name)
    return aliases().get(key, key)


def url_identity(url: str) -> str:
    """`url:` the URL without scheme, `www.` and trailing slash, the host in lower case."""
    rest = URL_HEAD.sub("", url.strip()).rstrip("/")
    host, _, path = rest.partition("/")
    return f"url:{host.lower()}/{path}" if path else f"url:{host.lower()}"


def mention_identity(url: str | None, outlet: str, day: dt.date, title: str) -> str:
    """A story's identity: `url:` its URL without scheme, `www.` and trailing slash (the host in lower case),
    else `item:` outlet key, day and title key."""
    if url:
        return url_identity(url)
    return f"item:{outlet_key(outlet)}|{day.isoformat()}|{name_key(title)}"


def event_identity(kind: str, day: dt.date, title: str | None) -> str:
    """An event's identity: its kind, day and title (by key)."""
    return f"{kind}|{day.isoformat()}|{name_key(title or '')}"


# --- Time buckets ---------------------------------------------------------------------------------

def bucket_start(day: dt.date, bucket: str) -> dt.date:
    """The first day of the day's bucket: itself, its week's Monday, or its month's first."""
    if bucket == "day":
        return day
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown bucket {bucket!r}")


def bucket_start_sql(column, bucket: str, dialect: str) -> ColumnElement:
    """The SQL twin of `bucket_start` over a date column."""
    if bucket == "day":
        return day_of(column, dialect)
    if bucket == "week":
        if dialect == "sqlite":  # to the next Sunday (the day itself if one), then back to that week's Monday
            return func.date(column, "weekday 0", "-6 days", type_=Date)
        return cast(func.date_trunc("week", column), Date)
    if bucket == "month":
        return month_start(column, dialect)
    raise ValueError(f"unknown bucket {bucket!r}")


# --- The seven days around an event ---------------------------------------------------------------

def window(day: dt.date, side: str) -> tuple[dt.date, dt.date]:
    """The days counted `before` (the seven before the event) or `after` (its day and the six after)."""
    if side == "before":
        return day - dt.timedelta(days=WINDOW_DAYS), day - dt.timedelta(days=1)
    if side == "after":
        return day, day + dt.timedelta(days=WINDOW_DAYS - 1)
    raise ValueError(f"unknown side {side!r}")


def shift_sql(column, days: int, dialect: str) -> ColumnElement:
    """A date column moved by whole days, in the backend's own words."""
    if dialect == "sqlite":
        return func.date(column, f"{days:+d} days", type_=Date)
    return cast(column + literal(days), Date)


def window_sql(column, side: str, dialect: str) -> tuple[ColumnElement, ColumnElement]:
    """The SQL twin of `window`: its first and last day for an event day column."""
    if side == "before":
        return shift_sql(column, -WINDOW_DAYS, dialect), shift_sql(column, -1, dialect)
    if side == "after":
        return shift_sql(column, 0, dialect), shift_sql(column, WINDOW_DAYS - 1, dialect)
    raise ValueError(f"unknown side {side!r}")


def attention_change(after: int, before: int) -> float | None:
    """Mentions after an event against the week before, as a ratio (2.0: twice as many); None without any before."""
    return share(after, before)


# --- Tone -----------------------------------------------------------------------------------------

def tone_shares(tones: list[str | None]) -> dict[str, float | None]:
    """Each tone's share of the mentions that have one (mentions without a tone left out)."""
    toned = [tone for tone in tones if tone is not None]
    return {tone: share(toned.count(tone), len(toned)) for tone in TONES}


def tone_share_sql(tone_column, tone: str) -> ColumnElement:
    """The SQL twin of one tone's entry of `tone_shares`, over a group's rows."""
    return share_sql(func.coalesce(func.sum(case((tone_column == tone, 1), else_=0)), 0), func.count(tone_column))
