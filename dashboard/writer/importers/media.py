"""Media monitoring and public events: `import media` (date, outlet, outlet_kind, scope, title, url, unit, topic,
tone, public) and `import events` (date, kind, title, unit, public), CSV with a comma or a semicolon.

Rules (docs/importing.md, "Media and public events"):
- a missing or unknown outlet kind, scope, event kind or tone, a date that is not one (`values.parse_date`: its
  forms and plausible years), an empty outlet, a mention with neither title nor URL, an unknown unit, or one
  outlet given two kinds or scopes in the file stops the file at its line, and nothing of it is written;
- a mention with a URL but no title imports untitled and is flagged (a problem line for the data-quality page);
- outlets are matched by `metrics.media.outlet_key` (case, spaces and quotes aside, aliases resolved); a new
  one is created once with the file's kind and scope; a known one whose kind or scope the file changes is
  updated and named in the summary;
- a mention is its identity (`metrics.media.mention_identity`: the URL, else outlet, day and title): a story
  listed twice is one mention, the later line kept and the earlier reported as skipped; importing it again
  changes nothing, a changed field updates it;
- a topic outside the vocabulary is kept as written and listed in the summary; unit, topic, tone and url may
  be empty; `public` (yes / no) defaults to yes;
- a corrected file (the same name) replaces what its earlier version brought: rows it no longer holds go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from rich.console import Console
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from dashboard.i18n import messages
from dashboard.metrics.media import (
    EVENT_KINDS,
    KINDS,
    SCOPES,
    event_identity,
    mention_identity,
    name_key,
    outlet_key,
)
from dashboard.schema import import_batches, media_mentions, outlets, public_events
from dashboard.vocabularies import vocabulary_key
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import (
    check_fits,
    parse_public,
    progress_bar,
    read_text,
    unit_id,
    unit_ids,
    write_by_identity,
)
from dashboard.writer.importers.files import ImportFailed, Limits, csv_rows, normalised_header, printable
from dashboard.writer.importers.values import parse_date

FORMATS = ("csv",)
MENTION_COLUMNS = ("date", "outlet", "outlet_kind", "scope", "title")
EVENT_COLUMNS = ("date", "kind")
OPTIONAL = ("url", "unit", "topic", "tone", "public")
TOPIC_CHARS = 60


def detect_format(path: Path) -> str:
    if path.is_dir() or path.suffix.casefold() != ".csv":
        raise ImportFailed(printable(path.name), "expected a CSV file (.csv)")
    return "csv"


# --- Values -------------------------------------------------------------------------------------

def _words(prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    """Name key of a vocabulary word -> its key: the key itself and its labels in both languages."""
    found = {}
    for key in keys:
        entry = messages()[f"{prefix}{key}"]
        for word in (key, key.replace("_", " "), entry["uk"], entry["en"]):
            found[name_key(word)] = key
    return found


SINGULAR_EVENTS = {"прес-конференція": "press_conference", "press conference": "press_conference",
                   "гість в студії": "guest_in_studio", "guest in the studio": "guest_in_studio",
                   "зустріч з іноземними журналістами": "foreign_journalists",
                   "meeting with foreign journalists": "foreign_journalists", "брифінг": "briefing",
                   "briefing": "briefing"}
"""How monitoring and press-office files name one event (the page's labels are plural)."""
WORDS = {"outlet_kind": _words("media_kind_", KINDS), "scope": _words("media_scope_", SCOPES),
         "kind": _words("media_event_", EVENT_KINDS) | {name_key(word): key for word, key in SINGULAR_EVENTS.items()}}


def _word(row: dict, column: str, where: str) -> str:
    value = row[column]
    key = WORDS[column].get(name_key(value))
    if key is None:
        known = ", ".join(dict.fromkeys(WORDS[column].values()))
        raise ImportFailed(f"{where}, {column}", f"unknown {column.replace('_', ' ')} {value[:60]!r}; one of {known}")
    return key


def _rows(name: str, text: str, required: tuple[str, ...], limits: Limits) -> Iterator[tuple[str, dict]]:
    """(location, row) of the CSV; the header's names are read case-insensitively, `outlet kind` as
    `outlet_kind`; optional columns absent read as empty; a title may be empty (a mention then needs its URL)."""
    for line, row in csv_rows(name, normalised_header(text), required, limits, may_be_empty=("title",)):
        yield f"{name}: line {line}", {column: row.get(column, "") for column in (*required, *OPTIONAL, "title")}


# --- Reading --------------------------------------------------------------------------------------

class _Outlets:
    """The outlets table by key, with the outlets this file creates or changes (each once)."""

    def __init__(self, connection: Connection, summary: ImportSummary):
        self.connection, self.summary = connection, summary
        self.known = {row.name_key: row for row in connection.execute(select(outlets))}
        self.given: dict[str, tuple[str, str, str]] = {}  # key -> (kind, scope, location) as this file gives them

    def check(self, name: str, kind: str, scope: str, where: str) -> str:
        key = outlet_key(name)
        first = self.given.setdefault(key, (kind, scope, where))
        if first[:2] != (kind, scope):
            raise ImportFailed(where, f"outlet {name[:60]!r} is {kind} / {scope} here but {first[0]} / {first[1]} "
                                      f"at {first[2].rsplit(': ', 1)[-1]}")
        return key

    def ids(self, names: dict[str, str]) -> dict[str, int]:
        """Create the new outlets and update the changed ones; return every key's id."""
        for key, (kind, scope, _where) in self.given.items():
            row = self.known.get(key)
            if row is None:
                self.connection.execute(insert(outlets).values(name=names[key], name_key=key, kind=kind, scope=scope))
                self.summary.notes.append(f"outlet created: {names[key]} ({kind}, {scope})")
            elif (row.kind, row.scope) != (kind, scope):
                self.connection.execute(update(outlets).where(outlets.c.id == row.id).values(kind=kind, scope=scope))
                self.summary.notes.append(f"outlet {row.name}: {row.kind} / {row.scope} -> {kind} / {scope}")
        return dict(self.connection.execute(select(outlets.c.name_key, outlets.c.id)).all())


def read_mentions(connection: Connection, name: str, text: str, limits: Limits, summary: ImportSummary,
                  advance: Callable[[], None]) -> dict[str, dict]:
    """The file's mentions by identity (a repeated story: the later line, the earlier reported)."""
    units_by_word, outlets_seen = unit_ids(connection), _Outlets(connection, summary)
    found: dict[str, dict] = {}
    where_of: dict[str, str] = {}
    names: dict[str, str] = {}
    outside: dict[str, int] = {}
    for where, row in _rows(name, text, MENTION_COLUMNS, limits):
        day = parse_date(row["date"], f"{where}, date", limits, required=True)
        if not row["title"] and not row["url"]:
            raise ImportFailed(where, "empty title and url: a mention needs one of them")
        key = outlets_seen.check(row["outlet"], _word(row, "outlet_kind", where), _word(row, "scope", where), where)
        check_fits(outlets, {"name_key": key}, f"{where}, outlet")
        names.setdefault(key, row["outlet"])
        topic = row["topic"] or None
        if topic and len(topic) > TOPIC_CHARS:
            raise ImportFailed(f"{where}, topic", f"longer than {TOPIC_CHARS} characters")
        if topic:
            known = vocabulary_key("media_topics", topic)
            if known is None:
                outside[topic] = outside.get(topic, 0) + 1
            topic = known or topic
        tone = row["tone"] or None
        if tone and vocabulary_key("media_tones", tone) is None:
            raise ImportFailed(f"{where}, tone", f"unknown tone {tone[:40]!r}; see dashboard/vocabularies/media_tones.csv")
        identity = mention_identity(row["url"], row["outlet"], day, row["title"])
        if identity in found:
            summary.skipped.append((where_of[identity], f"the same story as {where.rsplit(': ', 1)[-1]}: one mention"))
        found[identity] = {"identity": identity, "outlet_key": key, "published_on": day, "title": row["title"] or None,
                           "url": row["url"] or None, "unit_id": unit_id(row["unit"], units_by_word, where), "topic": topic,
                           "tone": vocabulary_key("media_tones", tone) if tone else None,
                           "is_public": parse_public(row["public"], where)}
        check_fits(media_mentions, found[identity], where)
        where_of[identity] = where
        advance()
    ids = outlets_seen.ids(names)
    for identity, mention in found.items():
        mention["outlet_id"] = ids[mention.pop("outlet_key")]
        if mention["title"] is None:
            summary.problems.append((where_of[identity], "no title"))
    summary.notes += [f"topic {topic!r} is not in the vocabulary ({count:,} rows): kept as written"
                      for topic, count in sorted(outside.items())]
    return found


def read_events(connection: Connection, name: str, text: str, limits: Limits, summary: ImportSummary,
                advance: Callable[[], None]) -> dict[str, dict]:
    """The file's events by identity (kind, day, title)."""
    units_by_word = unit_ids(connection)
    found: dict[str, dict] = {}
    where_of: dict[str, str] = {}
    for where, row in _rows(name, text, EVENT_COLUMNS, limits):
        kind, day = _word(row, "kind", where), parse_date(row["date"], f"{where}, date", limits, required=True)
        identity = event_identity(kind, day, row["title"])
        if identity in found:
            summary.skipped.append((where_of[identity], f"the same event as {where.rsplit(': ', 1)[-1]}"))
        found[identity] = {"identity": identity, "kind": kind, "held_on": day, "title": row["title"] or None,
                           "unit_id": unit_id(row["unit"], units_by_word, where), "is_public": parse_public(row["public"], where)}
        check_fits(public_events, found[identity], where)
        where_of[identity] = where
        advance()
    return found


# --- Writing --------------------------------------------------------------------------------------

def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    """Both sources: `media` and `events` (the batch says which)."""
    source = connection.execute(select(import_batches.c.source).where(import_batches.c.id == batch_id)).scalar_one()
    summary = ImportSummary()
    name, text = read_text(path, summary)
    reader, table = (read_mentions, media_mentions) if source == "media" else (read_events, public_events)
    with progress_bar(progress, max(text.count("\n") - 1, 0), source) as (advance_reading, advance_writing):
        found = reader(connection, name, text, limits, summary, advance_reading)
        if not found:
            raise ImportFailed(name, f"no {'mentions' if source == 'media' else 'events'} in the file")
        write_by_identity(connection, table, found, source, name, batch_id, summary, advance_writing)
    return summary
