"""Petitions: the e-dem.ua API JSON and the petitions CSV (FORMATS.md, "Petitions"; docs/petitions.md).

Rules:
- a petition is known by its number (CSV `number`; e-dem `id`, else the last part of its `link`); the file is the
  truth for the petitions it holds: a row that differs from the database replaces it, one that does not is left
  alone, so a re-import changes nothing;
- the source's status maps to one vocabulary through STATUS_WORDS (configuration, as data); a status it does not
  hold stops the file at its line, never defaults. An answered petition without an outcome gets `unknown`;
  an outcome on a petition that is not answered stops the file. Petitions rejected at moderation were never
  published: they are kept, not public;
- each petition keeps the threshold its row gives (thresholds differ by council and change over time);
- signatures are kept as snapshots on the day of the import, a new one only when the count differs from the
  last one kept (a corrected file the same day replaces that day's count); without a threshold date in the
  source, the first snapshot at the threshold gives it (no later than the collection's last day);
- authors and contacts go to `petition_authors_internal` only;
- a corrected file (same name) replaces what its earlier version brought: petitions that version wrote and
  the corrected file no longer holds are removed with their snapshots and authors;
- the working-day calendar (`petition_working_days`) is extended to cover the petitions' dates and the next year.
Any bad value stops the file with its line (CSV) or JSON path, and nothing of the file is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from dashboard.metrics.petitions import OUTCOMES, STATUSES, calendar_rows
from dashboard.schema import (
    import_batches,
    petition_authors_internal,
    petition_signature_snapshots,
    petition_working_days,
    petitions,
    units,
)
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.files import (
    ImportFailed,
    Limits,
    clean_text,
    csv_rows,
    decode,
    printable,
    read_json,
)

FORMATS = ("edem-json", "csv")
CSV_REQUIRED = ("number", "title", "submitted_on", "threshold", "signatures", "status")
MAX_SIGNATURES = 10_000_000
NUMBER_CHARS = 40

STATUS_WORDS = {
    # our own codes, as the CSV and `export` write them
    **{status: status for status in STATUSES},
    # e-dem.ua and councils' own words, compared case- and space-insensitively
    "active": "collecting", "збір підписів": "collecting", "триває збір підписів": "collecting",
    "not_reached": "not_reached", "не набрала": "not_reached", "не набрала необхідної кількості голосів":
        "not_reached", "збір підписів завершено": "not_reached", "archived": "not_reached",
    "reached": "reached", "threshold_reached": "reached", "набрала необхідну кількість голосів": "reached",
    "на розгляді": "under_consideration", "considering": "under_consideration",
    "розглянута": "answered", "з відповіддю": "answered", "answered": "answered", "answer": "answered",
    "відкликана": "withdrawn", "withdrawn": "withdrawn",
    "відхилена": "moderation_rejected", "не пройшла модерацію": "moderation_rejected", "blocked": "moderation_rejected",
    "rejected_moderation": "moderation_rejected",
}
"""The source's status word -> our vocabulary (dashboard.metrics.petitions.STATUSES); extend it for a new source."""
OUTCOME_WORDS = {
    **{outcome: outcome for outcome in OUTCOMES},
    "підтримано": "supported", "підтримана": "supported", "частково": "partially", "partially supported": "partially",
    "частково підтримано": "partially", "не підтримано": "rejected", "відхилено": "rejected",
}
"""The source's outcome word -> our vocabulary (OUTCOMES); empty: `unknown` for an answered petition."""


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

def _date(value: object, where: str, required: bool = False) -> dt.date | None:
    """YYYY-MM-DD (a time after it allowed), DD.MM.YYYY, or a Unix timestamp (e-dem)."""
    if value in (None, ""):
        if required:
            raise ImportFailed(where, "empty date")
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 4_102_444_800:
        return dt.datetime.fromtimestamp(value, dt.UTC).date()
    if isinstance(value, str):
        text = value.strip()
        for pattern, size in (("%Y-%m-%d", 10), ("%d.%m.%Y", 10)):
            try:
                return dt.datetime.strptime(text[:size], pattern).date()
            except ValueError:
                continue
    raise ImportFailed(where, f"not a date (YYYY-MM-DD, DD.MM.YYYY or a Unix time): {str(value)[:40]!r}")


def _count(value: object, where: str, highest: int = MAX_SIGNATURES) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= highest:
        raise ImportFailed(where, f"not a whole number from 0 to {highest:,}: {str(value)[:40]!r}")
    return value


def _word(value: str, words: dict[str, str], where: str, what: str) -> str:
    key = " ".join(value.split()).casefold()
    if key not in words:
        raise ImportFailed(where, f"unknown {what} {value[:60]!r}; known: see STATUS_WORDS / OUTCOME_WORDS "
                                  "in dashboard/writer/importers/petitions.py")
    return words[key]


def _text(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ImportFailed(where, "not text")
    return clean_text(str(value), where) or None


def _petition(values: dict, where: str, field_where) -> Petition:
    """One petition from its raw values (keys as Petition's fields); checks that hold for both formats."""
    number = _text(values.get("number"), field_where("number"))
    if not number or len(number) > NUMBER_CHARS:
        raise ImportFailed(field_where("number"), f"a number of 1 to {NUMBER_CHARS} characters is needed")
    title = _text(values.get("title"), field_where("title"))
    if not title:
        raise ImportFailed(field_where("title"), "empty title")
    status = _word(_text(values.get("status"), field_where("status")) or "", STATUS_WORDS, field_where("status"),
                   "status")
    outcome_text = _text(values.get("outcome"), field_where("outcome"))
    outcome = _word(outcome_text, OUTCOME_WORDS, field_where("outcome"), "outcome") if outcome_text else None
    if outcome and status != "answered":
        raise ImportFailed(field_where("outcome"), f"an outcome ({outcome}) on a petition that is {status}, not answered")
    petition = Petition(
        number=number, title=title, category=_text(values.get("category"), field_where("category")),
        unit=_text(values.get("unit"), field_where("unit")),
        submitted_on=_date(values.get("submitted_on"), field_where("submitted_on"), required=True),
        closes_on=_date(values.get("closes_on"), field_where("closes_on")),
        threshold=_count(values.get("threshold"), field_where("threshold")),
        signatures=_count(values.get("signatures"), field_where("signatures")),
        status=status,
        threshold_reached_on=_date(values.get("threshold_reached_on"), field_where("threshold_reached_on")),
        consideration_started_on=_date(values.get("consideration_started_on"), field_where("consideration_started_on")),
        responded_on=_date(values.get("responded_on"), field_where("responded_on")),
        outcome=outcome or ("unknown" if status == "answered" else None),
        url=_text(values.get("url"), field_where("url")),
        response_url=_text(values.get("response_url"), field_where("response_url")),
        author=_text(values.get("author"), field_where("author")),
        contact=_text(values.get("contact"), field_where("contact")),
        location=where)
    if petition.threshold == 0:
        raise ImportFailed(field_where("threshold"), "a threshold of 0 signatures")
    if petition.closes_on and petition.closes_on < petition.submitted_on:
        raise ImportFailed(field_where("closes_on"), f"{petition.closes_on} is before submitted_on {petition.submitted_on}")
    for name in ("threshold_reached_on", "consideration_started_on", "responded_on"):
        day = getattr(petition, name)
        if day and day < petition.submitted_on:
            raise ImportFailed(field_where(name), f"{day} is before submitted_on {petition.submitted_on}")
    return petition


# --- Formats ------------------------------------------------------------------------------------

def read_csv(name: str, text: str, limits: Limits) -> list[Petition]:
    """Rows of the CSV; optional columns beyond FORMATS.md: threshold_reached_on, consideration_started_on,
    url, contact."""
    found = []
    for line, row in csv_rows(name, text, CSV_REQUIRED, limits):
        where = f"{name}: line {line}"
        found.append(_petition(row, where, lambda column, where=where: f"{where}, {column}"))
    return found


EDEM_FIELDS = {"number": "id", "title": "title", "category": "category_name_uk", "submitted_on": "time_start",
               "closes_on": "time_end", "threshold": "required_signs", "signatures": "count_signs", "status": "status",
               "url": "link", "responded_on": "answer_date", "outcome": "answer_result", "response_url": "answer_link",
               "author": "author", "threshold_reached_on": "time_reached",
               "consideration_started_on": "time_consideration"}
"""Our field -> the e-dem.ua project's key (the last ones when the council's export has them)."""


def read_edem(name: str, text: str, limits: Limits) -> list[Petition]:
    data = read_json(name, text)
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, list):
        raise ImportFailed(f"{name}: projects", "missing or not a list of petitions")
    found = []
    for i, project in enumerate(projects):
        where = f"{name}: projects[{i}]"
        if not isinstance(project, dict):
            raise ImportFailed(where, "not an object")
        values = {ours: project.get(theirs) for ours, theirs in EDEM_FIELDS.items()}
        values["category"] = values["category"] or project.get("category")
        if values["number"] in (None, "") and isinstance(project.get("link"), str):
            values["number"] = project["link"].rstrip("/").rsplit("/", 1)[-1]
        found.append(_petition(values, where, lambda ours, where=where: f"{where}.{EDEM_FIELDS.get(ours, ours)}"))
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
    rows = [{"day": day, "is_working": working, "ordinal": ordinal}
            for day, working, ordinal in calendar_rows(first, last)
            if known[0] is None or not known[0] <= day <= known[1]]
    if rows:
        connection.execute(insert(petition_working_days), rows)
    return len(rows)


def _unit_ids(connection: Connection, found: list[Petition]) -> dict[str, int]:
    ids = dict(connection.execute(select(units.c.code, units.c.id)).all())
    for petition in found:
        if petition.unit and petition.unit not in ids:
            raise ImportFailed(f"{petition.location}, unit", f"unknown unit code {petition.unit[:40]!r} "
                                                            "(import units first)")
    return ids


def _reached_on(petition: Petition, day: dt.date) -> dt.date | None:
    """The source's date, else the snapshot day if the count is at the threshold (no later than closing)."""
    if petition.threshold_reached_on or petition.signatures < petition.threshold:
        return petition.threshold_reached_on
    return min(day, petition.closes_on) if petition.closes_on else day


def write(connection: Connection, found: list[Petition], name: str, batch_id: int, summary: ImportSummary) -> None:
    numbers = [p.number for p in found]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        first = next(p for p in found if p.number == repeated[0])
        raise ImportFailed(first.location, f"number {repeated[0]!r} appears more than once")
    unit_ids = _unit_ids(connection, found)
    day = connection.execute(select(import_batches.c.imported_at).where(import_batches.c.id == batch_id)).scalar_one()
    day = day.date() if isinstance(day, dt.datetime) else day
    stored = {row.number: row for row in connection.execute(select(petitions).where(petitions.c.number.in_(numbers)))}
    written = 0
    for petition in found:
        row = {name: getattr(petition, name) for name in STORED if name not in ("unit_id", "is_public")}
        row |= {"unit_id": unit_ids.get(petition.unit), "is_public": petition.is_public}
        old = stored.get(petition.number)
        if old is not None and old.threshold_reached_on and not petition.threshold_reached_on:
            row["threshold_reached_on"] = old.threshold_reached_on  # learnt from an earlier snapshot
        else:
            row["threshold_reached_on"] = _reached_on(petition, day)
        if old is None:
            petition_id = connection.execute(insert(petitions).values(
                number=petition.number, batch_id=batch_id, **row)).inserted_primary_key[0]
        else:
            petition_id = old.id
            if any(getattr(old, key) != value for key, value in row.items()):
                connection.execute(update(petitions).where(petitions.c.id == petition_id).values(batch_id=batch_id, **row))
            else:
                row = None
        written += _snapshot(connection, petition_id, petition.signatures, day) + (row is not None)
        _author(connection, petition_id, petition)
    summary.rows_read = len(found)
    summary.rows_written = written
    removed = _remove_earlier_version(connection, name, batch_id, numbers)
    if removed:
        summary.notes.append(f"{removed} petitions of an earlier version of {name} are no longer in it: removed")
    dates = [d for p in found for d in (p.submitted_on, p.closes_on, p.responded_on) if d]
    if dates:
        added = extend_calendar(connection, min(dates), calendar_last(max(dates + [day])))
        if added:
            summary.notes.append(f"working-day calendar: {added:,} days added")


def _snapshot(connection: Connection, petition_id: int, signatures: int, day: dt.date) -> int:
    """Keep the count as the day's snapshot when it differs from the last earlier one; 1 if a row changed."""
    kept = petition_signature_snapshots.c
    earlier = connection.execute(select(kept.signatures).where(kept.petition_id == petition_id, kept.taken_on < day)
                                 .order_by(kept.taken_on.desc()).limit(1)).scalar()
    today = connection.execute(select(kept.signatures).where(kept.petition_id == petition_id, kept.taken_on == day)
                               ).scalar()
    same_day = (kept.petition_id == petition_id) & (kept.taken_on == day)
    if signatures == earlier:
        return connection.execute(delete(petition_signature_snapshots).where(same_day)).rowcount
    if today is None:
        connection.execute(insert(petition_signature_snapshots).values(petition_id=petition_id, taken_on=day,
                                                                       signatures=signatures))
        return 1
    if today != signatures:
        connection.execute(update(petition_signature_snapshots).where(same_day).values(signatures=signatures))
        return 1
    return 0


def _author(connection: Connection, petition_id: int, petition: Petition) -> None:
    """The author and contact, in the internal table only; a file without them leaves what is kept."""
    if not petition.author:
        return
    kept = connection.execute(select(petition_authors_internal).where(
        petition_authors_internal.c.petition_id == petition_id)).first()
    values = {"author": petition.author, "contact": petition.contact}
    if kept is None:
        connection.execute(insert(petition_authors_internal).values(petition_id=petition_id, **values))
    elif (kept.author, kept.contact) != (petition.author, petition.contact):
        connection.execute(update(petition_authors_internal).where(
            petition_authors_internal.c.petition_id == petition_id).values(**values))


def _remove_earlier_version(connection: Connection, name: str, batch_id: int, numbers: list[str]) -> int:
    """Petitions an earlier version of this file (same name) wrote that this one no longer holds."""
    earlier = select(import_batches.c.id).where(import_batches.c.source == "petitions",
                                                import_batches.c.file_name == name, import_batches.c.id != batch_id)
    gone = [row.id for row in connection.execute(select(petitions.c.id).where(
        petitions.c.batch_id.in_(earlier), petitions.c.number.not_in(numbers)))]
    for table, column in ((petition_signature_snapshots, petition_signature_snapshots.c.petition_id),
                          (petition_authors_internal, petition_authors_internal.c.petition_id),
                          (petitions, petitions.c.id)):
        if gone:
            connection.execute(delete(table).where(column.in_(gone)))
    return len(gone)


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    summary = ImportSummary()
    name = printable(path.name)
    text, encoding = decode(name, path.read_bytes())
    summary.notes.append(f"{name} read as {encoding}")
    found = READERS[fmt](name, text, limits)
    if not found:
        raise ImportFailed(name, "no petitions in the file")
    write(connection, found, name, batch_id, summary)
    return summary
