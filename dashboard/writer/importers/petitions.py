"""Petitions: the e-dem.ua API JSON and the petitions CSV (docs/formats.md; docs/petitions.md).

Rules:
- a petition is known by its number (CSV `number`; e-dem `id`, else the last part of its `link`); the file is the
  truth for the petitions it holds: a row that differs from the database replaces it, one that does not is left
  alone, so a re-import changes nothing;
- the source's status maps to one vocabulary: our codes (spaces, underscores or hyphens, any case), the page's
  labels in both languages, and the words of vocabularies/petition_statuses.csv (the council's own copy in
  `vocabulary_dir` replaces it); a word outside them stops the file at its line, never defaults. Outcomes alike
  (petition_outcomes.csv). An answered petition without an outcome gets `unknown`; an outcome on a petition that
  is not answered stops the file. Petitions rejected at moderation were never published: kept, not public;
- each petition keeps the threshold its row gives (thresholds differ by council and change over time);
- dates are `values.parse_date`'s (forms and plausible years); a later step dated before an earlier one
  (ORDER) stops the file, so no interval the page computes is negative;
- signatures are kept as snapshots on the day of the import, a new one only when the count differs from the
  last one kept (a corrected file the same day replaces that day's count); a count read after the collection
  closed is its final count, dated at the closing day. Without a threshold date in the source, the first
  snapshot at the threshold taken while the petition collected gives it; a final count never does;
- authors and contacts go to `petition_authors_internal` only;
- a corrected file (same name) replaces what its earlier version brought: petitions that version wrote and
  the corrected file no longer holds are removed with their snapshots and authors;
- the working-day calendar (`petition_working_days`) is extended to cover the petitions' dates and the next year.
Any bad value stops the file with its line (CSV) or JSON path, and nothing of the file is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.engine import Connection

from dashboard import vocabularies
from dashboard.i18n import messages
from dashboard.metrics.petitions import OUTCOMES, STATUSES, calendar_rows
from dashboard.schema import (
    import_batches,
    petition_authors_internal,
    petition_signature_snapshots,
    petition_working_days,
    petitions,
)
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import (
    check_fits,
    chunks,
    delete_in,
    read_text,
    unit_id,
    unit_ids,
    update_rows,
)
from dashboard.writer.importers.files import (
    DIGITS,
    ImportFailed,
    Limits,
    clean_text,
    csv_rows,
    printable,
    read_json,
)
from dashboard.writer.importers.values import parse_date
from dashboard.writer.vote_summaries import bulk_insert

FORMATS = ("edem-json", "csv")
CSV_REQUIRED = ("number", "title", "submitted_on", "threshold", "signatures", "status")
MAX_SIGNATURES = 10_000_000
NUMBER_CHARS = 40

@dataclass
class Petition:
    number: str
    title: str
    category: str | None
    unit: str | None
    submitted_on: dt.date
    closes_on: dt.date | None
    threshold: int
    signatures: int
    status: str
    threshold_reached_on: dt.date | None
    consideration_started_on: dt.date | None
    responded_on: dt.date | None
    outcome: str | None
    url: str | None
    response_url: str | None
    author: str | None
    contact: str | None
    location: str

    @property
    def is_public(self) -> bool:
        """Rejected at moderation: never published."""
        return self.status != "moderation_rejected"


DATES = ("submitted_on", "closes_on", "threshold_reached_on", "consideration_started_on", "responded_on")
ORDER = (("closes_on", "submitted_on"), ("threshold_reached_on", "submitted_on"),
         ("consideration_started_on", "submitted_on"), ("responded_on", "submitted_on"),
         ("consideration_started_on", "threshold_reached_on"), ("responded_on", "threshold_reached_on"),
         ("responded_on", "consideration_started_on"))
"""(later, earlier) pairs of dates: a petition giving the later before the earlier stops the file (an interval
the page computes would be negative)."""
STORED = ("title", "category", "unit_id", "submitted_on", "closes_on", "threshold", "signatures", "status",
          "threshold_reached_on", "consideration_started_on", "responded_on", "outcome", "url", "response_url",
          "is_public")


def detect_format(path: Path) -> str:
    suffix = path.suffix.casefold()
    if path.is_file() and suffix == ".json":
        return "edem-json"
    if path.is_file() and suffix == ".csv":
        return "csv"
    raise ImportFailed(printable(path.name), "expected the e-dem.ua API JSON (.json) or the petitions CSV (.csv)")


# --- Values -------------------------------------------------------------------------------------

def _count(value: object, where: str, highest: int = MAX_SIGNATURES) -> int:
    if isinstance(value, str) and DIGITS.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= highest:
        raise ImportFailed(where, f"not a whole number from 0 to {highest:,}: {str(value)[:40]!r}")
    return value


def _normal(word: str) -> str:
    return " ".join(re.sub(r"[_\-]", " ", word).split()).casefold()


def _words(vocabulary: str, column: str, keys: tuple[str, ...], prefix: str) -> dict[str, str]:
    """A source's word (spaces, underscores, hyphens and case aside) -> our key: the key itself, the page's labels
    of it in both languages, and the words of the vocabulary file (the council's own, if it keeps one)."""
    words = {}
    for key in keys:
        labels = messages()[f"{prefix}{key}"]
        words |= {_normal(word): key for word in (key, labels["uk"], labels["en"])}
    for line, row in enumerate(vocabularies.rows(vocabulary), start=2):
        if row.get(column) not in keys or not (row.get("word") or "").strip():
            raise ImportFailed(f"{vocabularies.shown(vocabulary)}: line {line}",
                               f"not a word and one of {', '.join(keys)}: {row.get('word')!r}, {row.get(column)!r}")
        words[_normal(row["word"])] = row[column]
    return words


@dataclass(frozen=True)
class Reading:
    """What reading a file's petitions needs besides the rows: the bounds of dates and the words of statuses
    and outcomes."""

    limits: Limits
    statuses: dict[str, str]
    outcomes: dict[str, str]

    @classmethod
    def of(cls, limits: Limits) -> Reading:
        return cls(limits, _words("petition_statuses", "status", STATUSES, "petitions_status_"),
                   _words("petition_outcomes", "outcome", OUTCOMES, "petitions_outcome_"))

    def word(self, value: str, what: str, where: str) -> str:
        words = self.statuses if what == "status" else self.outcomes
        if _normal(value) not in words:
            known = STATUSES if what == "status" else OUTCOMES
            raise ImportFailed(where, f"unknown {what} {value[:60]!r}: add the word to petition_{what}es.csv "
                                      f"(word, {what}) in the vocabulary folder (setting vocabulary_dir), or write "
                                      f"one of {', '.join(known)}")
        return words[_normal(value)]


def _text(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ImportFailed(where, "not text")
    return clean_text(str(value), where) or None


def _petition(values: dict, where: str, field_where, reading: Reading) -> Petition:
    """One petition from its raw values (keys as Petition's fields); checks that hold for both formats."""
    number = _text(values.get("number"), field_where("number"))
    if not number or len(number) > NUMBER_CHARS:
        raise ImportFailed(field_where("number"), f"a number of 1 to {NUMBER_CHARS} characters is needed")
    title = _text(values.get("title"), field_where("title"))
    if not title:
        raise ImportFailed(field_where("title"), "empty title")
    status = reading.word(_text(values.get("status"), field_where("status")) or "", "status", field_where("status"))
    outcome_text = _text(values.get("outcome"), field_where("outcome"))
    outcome = reading.word(outcome_text, "outcome", field_where("outcome")) if outcome_text else None
    if outcome and status != "answered":
        raise ImportFailed(field_where("outcome"), f"an outcome ({outcome}) on a petition that is {status}, not answered")
    dates = {name: parse_date(values.get(name), field_where(name), reading.limits, required=name == "submitted_on")
             for name in DATES}
    petition = Petition(
        number=number, title=title, category=_text(values.get("category"), field_where("category")),
        unit=_text(values.get("unit"), field_where("unit")), **dates,
        threshold=_count(values.get("threshold"), field_where("threshold")),
        signatures=_count(values.get("signatures"), field_where("signatures")),
        status=status,
        outcome=outcome or ("unknown" if status == "answered" else None),
        url=_text(values.get("url"), field_where("url")),
        response_url=_text(values.get("response_url"), field_where("response_url")),
        author=_text(values.get("author"), field_where("author")),
        contact=_text(values.get("contact"), field_where("contact")),
        location=where)
    check_fits(petitions, vars(petition), where)
    if petition.threshold == 0:
        raise ImportFailed(field_where("threshold"), "a threshold of 0 signatures")
    for later, earlier in ORDER:
        if getattr(petition, later) and getattr(petition, earlier) and getattr(petition, later) < getattr(petition, earlier):
            raise ImportFailed(field_where(later), f"{getattr(petition, later)} is before {earlier} "
                                                   f"{getattr(petition, earlier)}")
    return petition


# --- Formats ------------------------------------------------------------------------------------

def read_csv(name: str, text: str, limits: Limits) -> list[Petition]:
    """Rows of the CSV; optional columns: threshold_reached_on, consideration_started_on, url, contact."""
    found, reading = [], Reading.of(limits)
    for line, row in csv_rows(name, text, CSV_REQUIRED, limits):
        where = f"{name}: line {line}"
        found.append(_petition(row, where, lambda column, where=where: f"{where}, {column}", reading))
    return found


EDEM_FIELDS = {"number": "id", "title": "title", "category": "category_name_uk", "submitted_on": "time_start",
               "closes_on": "time_end", "threshold": "required_signs", "signatures": "count_signs", "status": "status",
               "url": "link", "responded_on": "answer_date", "outcome": "answer_result", "response_url": "answer_link",
               "author": "author", "threshold_reached_on": "time_reached",
               "consideration_started_on": "time_consideration"}
"""Our field -> the e-dem.ua project's key (the last ones when the council's export has them)."""


def read_edem(name: str, text: str, limits: Limits) -> list[Petition]:
    data = read_json(name, text, limits)
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, list):
        raise ImportFailed(f"{name}: projects", "missing or not a list of petitions")
    found, reading = [], Reading.of(limits)
    for i, project in enumerate(projects):
        where = f"{name}: projects[{i}]"
        if not isinstance(project, dict):
            raise ImportFailed(where, "not an object")
        values = {ours: project.get(theirs) for ours, theirs in EDEM_FIELDS.items()}
        values["category"] = values["category"] or project.get("category")
        if values["number"] in (None, "") and isinstance(project.get("link"), str):
            values["number"] = project["link"].rstrip("/").rsplit("/", 1)[-1]
        found.append(_petition(values, where, lambda ours, where=where: f"{where}.{EDEM_FIELDS.get(ours, ours)}",
                               reading))
    return found


READERS = {"edem-json": read_edem, "csv": read_csv}


# --- Writing ------------------------------------------------------------------------------------

def calendar_last(latest: dt.date) -> dt.date:
    """The calendar reaches the end of the year after the later of the data's last day and today."""
    return dt.date(max(latest.year, dt.date.today().year) + 1, 12, 31)


def extend_calendar(connection: Connection, first: dt.date, last: dt.date) -> int:
    """Add the days from `first` to `last` the working-day calendar lacks; return how many."""
    known = connection.execute(select(func.min(petition_working_days.c.day),
                                      func.max(petition_working_days.c.day))).one()
    rows = [row for row in calendar_rows(first, last) if known[0] is None or not known[0] <= row[0] <= known[1]]
    if rows:
        bulk_insert(connection, petition_working_days, ("day", "is_working", "ordinal"), rows)
    return len(rows)


def _reached_on(petition: Petition, day: dt.date, learnt: dt.date | None) -> dt.date | None:
    """The source's date; else the day an earlier reading found the count at the threshold; else this reading's
    day, when the count is at the threshold and it was read while the petition collected (on or before its
    closing day). A count read after the collection closed is its final count and says nothing of when the
    threshold was passed: None. A day that would come after the start of consideration or the answer is no
    threshold date either."""
    if petition.threshold_reached_on:
        return petition.threshold_reached_on
    collecting = petition.closes_on is None or day <= petition.closes_on
    reached = learnt or (day if collecting and petition.signatures >= petition.threshold else None)
    later = [d for d in (petition.consideration_started_on, petition.responded_on) if d]
    return reached if reached and all(reached <= d for d in later) else None


def write(connection: Connection, found: list[Petition], name: str, batch_id: int, summary: ImportSummary) -> None:
    """Each table in a few statements a file (COPY, executemany, chunked selects): a round trip a row cost 1-2 ms."""
    numbers, first = [p.number for p in found], {}
    for petition in found:
        if petition.number in first:
            raise ImportFailed(petition.location, f"number {petition.number!r} appears more than once "
                                                  f"(first at {first[petition.number].rsplit(': ', 1)[-1]})")
        first[petition.number] = petition.location
    units_by_word = unit_ids(connection)
    day = connection.execute(select(import_batches.c.imported_at).where(import_batches.c.id == batch_id)).scalar_one()
    day = day.date() if isinstance(day, dt.datetime) else day
    stored = {row.number: row for part in chunks(numbers)
              for row in connection.execute(select(petitions).where(petitions.c.number.in_(part)))}
    rows = {}
    for petition in found:
        old = stored.get(petition.number)
        rows[petition.number] = {column: getattr(petition, column) for column in STORED if column != "unit_id"} | {
            "unit_id": unit_id(petition.unit or "", units_by_word, petition.location),
            "threshold_reached_on": _reached_on(petition, day, old.threshold_reached_on if old else None)}
    new = [number for number in numbers if number not in stored]
    changed = [{**row, "id": stored[number].id, "batch_id": batch_id} for number, row in rows.items()
               if number in stored and any(getattr(stored[number], key) != value for key, value in row.items())]
    if new:
        bulk_insert(connection, petitions, ("number", "batch_id", *STORED),
                    [(number, batch_id, *(rows[number][column] for column in STORED)) for number in new])
    update_rows(connection, petitions, ("id",), changed)
    ids = {number: row.id for number, row in stored.items()}
    for part in chunks(new):
        ids |= dict(connection.execute(select(petitions.c.number, petitions.c.id).where(petitions.c.number.in_(part))).all())
    summary.rows_read = len(found)
    summary.rows_written = len(new) + len(changed) + _snapshots(connection, found, ids, stored, day)
    _authors(connection, found, ids, stored)
    removed = _remove_earlier_version(connection, name, batch_id, numbers)
    if removed:
        summary.notes.append(f"{removed} petitions of an earlier version of {name} are no longer in it: removed")
    dates = [d for p in found for d in (p.submitted_on, p.closes_on, p.responded_on) if d]
    if dates:
        added = extend_calendar(connection, min(dates), calendar_last(max(dates + [day])))
        if added:
            summary.notes.append(f"working-day calendar: {added:,} days added")


def _snapshots(connection: Connection, found: list[Petition], ids: dict[str, int], stored: dict, day: dt.date) -> int:
    """Keep each count as its day's snapshot when it differs from the last earlier one (a count equal to that
    one drops the day's); return how many rows changed."""
    kept, history = petition_signature_snapshots.c, {}
    for part in chunks([row.id for row in stored.values()]):  # a new petition has none
        for row in connection.execute(select(kept.petition_id, kept.taken_on, kept.signatures).where(
                kept.petition_id.in_(part), kept.taken_on <= day)):
            history.setdefault(row.petition_id, {})[row.taken_on] = row.signatures
    new, changed, dropped = [], [], []
    for petition in found:
        petition_id = ids[petition.number]
        counts = history.get(petition_id, {})
        taken_on = min(day, petition.closes_on) if petition.closes_on else day  # after closing: the final count
        before = [d for d in counts if d < taken_on]
        earlier, today = counts[max(before)] if before else None, counts.get(taken_on)
        key = {"petition_id": petition_id, "taken_on": taken_on}
        if petition.signatures == earlier:
            if today is not None:
                dropped.append(key)
        elif today is None:
            new.append((petition_id, taken_on, petition.signatures))
        elif today != petition.signatures:
            changed.append(key | {"signatures": petition.signatures})
    if new:
        bulk_insert(connection, petition_signature_snapshots, ("petition_id", "taken_on", "signatures"), new)
    update_rows(connection, petition_signature_snapshots, ("petition_id", "taken_on"), changed)
    if dropped:
        connection.execute(delete(petition_signature_snapshots).where(
            kept.petition_id == bindparam("petition_id"), kept.taken_on == bindparam("taken_on")), dropped)
    return len(new) + len(changed) + len(dropped)


def _authors(connection: Connection, found: list[Petition], ids: dict[str, int], stored: dict) -> None:
    """Authors and contacts, in the internal table only; a petition without them leaves what is kept."""
    given = {ids[p.number]: (p.author, p.contact) for p in found if p.author}
    authors, kept = petition_authors_internal.c, {}
    for part in chunks([row.id for row in stored.values() if row.id in given]):  # a new petition has none
        kept |= {row.petition_id: (row.author, row.contact) for row in connection.execute(
            select(authors.petition_id, authors.author, authors.contact).where(authors.petition_id.in_(part)))}
    new = [(petition_id, *values) for petition_id, values in given.items() if petition_id not in kept]
    if new:
        bulk_insert(connection, petition_authors_internal, ("petition_id", "author", "contact"), new)
    update_rows(connection, petition_authors_internal, ("petition_id",), [
        {"petition_id": petition_id, "author": author, "contact": contact}
        for petition_id, (author, contact) in given.items() if petition_id in kept and kept[petition_id] != (author, contact)])


def _remove_earlier_version(connection: Connection, name: str, batch_id: int, numbers: list[str]) -> int:
    """Petitions an earlier version of this file (same name) wrote that this one no longer holds."""
    earlier = select(import_batches.c.id).where(import_batches.c.source == "petitions",
                                                import_batches.c.file_name == name, import_batches.c.id != batch_id)
    kept = set(numbers)
    gone = [row.id for row in connection.execute(select(petitions.c.id, petitions.c.number).where(
        petitions.c.batch_id.in_(earlier))) if row.number not in kept]
    for column in (petition_signature_snapshots.c.petition_id, petition_authors_internal.c.petition_id, petitions.c.id):
        delete_in(connection, column, gone)
    return len(gone)


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    summary = ImportSummary()
    name, text = read_text(path, summary)
    found = READERS[fmt](name, text, limits)
    if not found:
        raise ImportFailed(name, "no petitions in the file")
    write(connection, found, name, batch_id, summary)
    return summary
