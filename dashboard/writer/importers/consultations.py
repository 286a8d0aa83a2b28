"""Public consultations: `import consultations`, CSV `title, unit, started_on, ended_on, online_poll, responses,
results_published_on, url[, public]` (Ukrainian column names too: COLUMNS), a comma or a semicolon.

Rules (docs/importing.md, "Public consultations"):
- a consultation is its identity (`metrics.consultations.consultation_identity`: the URL, else the start day and
  title); a line repeating another's identity stops the file, naming both lines;
- an empty title or start, a date that is not one or outside the window (`values.parse_date`), an end before the
  start, results published before the start, an online poll other than yes / no (empty: no), responses other than
  a whole number of 0 or more (empty: unknown), an unknown unit or `public` other than yes / no stops the file at
  its line, and nothing of it is written;
- a file imported again writes nothing, a changed row is updated, and a corrected file (the same name) removes
  what its earlier version brought and it no longer holds (`common.write_by_identity`).
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console
from sqlalchemy.engine import Connection

from dashboard.metrics.consultations import consultation_identity
from dashboard.schema import consultations
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import (
    check_fits,
    parse_public,
    parse_yes_no,
    progress_bar,
    read_text,
    renamed_header,
    unit_id,
    unit_ids,
    write_by_identity,
)
from dashboard.writer.importers.files import ImportFailed, Limits, csv_rows, printable
from dashboard.writer.importers.values import parse_date

FORMATS = ("csv",)
COLUMNS = {"title": ("назва", "тема", "назва консультації", "предмет консультації"),
           "unit": ("підрозділ", "код підрозділу", "відповідальний підрозділ", "виконавець"),
           "started_on": ("початок", "дата початку", "розпочато", "start", "started", "start date"),
           "ended_on": ("кінець", "завершення", "дата завершення", "дата закінчення", "end", "ended", "end date"),
           "online_poll": ("онлайн-опитування", "онлайн опитування", "електронне опитування", "online", "poll"),
           "responses": ("відповіді", "кількість відповідей", "учасники", "кількість учасників"),
           "results_published_on": ("оприлюднення результатів", "дата оприлюднення результатів",
                                    "результати оприлюднено", "results published", "results published on"),
           "url": ("посилання", "адреса", "link"),
           "public": ("оприлюднювати", "публічне", "публічна")}
"""Our column -> the names a council may write for it (any case, spaces or `_`)."""
REQUIRED = ("title", "started_on")
RESPONSES_MAX = 2_147_483_647
"""The largest count the column holds (a 32-bit integer)."""


def detect_format(path: Path) -> str:
    if path.is_dir() or path.suffix.casefold() != ".csv":
        raise ImportFailed(printable(path.name), "expected a CSV file (.csv)")
    return "csv"


def _responses(value: str, where: str) -> int | None:
    digits = re.sub(r"[\s\u00a0\u202f]", "", value)
    if not digits:
        return None
    if not re.fullmatch(r"[0-9]{1,10}", digits) or int(digits) > RESPONSES_MAX:
        raise ImportFailed(f"{where}, responses", f"not a whole number of 0 or more: {value[:40]!r}")
    return int(digits)


def read_consultations(connection: Connection, name: str, text: str, limits: Limits, advance) -> dict[str, dict]:
    """The file's consultations by identity."""
    ids, found, seen = unit_ids(connection), {}, {}
    for line, row in csv_rows(name, renamed_header(text, COLUMNS), REQUIRED, limits):
        where = f"{name}: line {line}"
        started = parse_date(row["started_on"], f"{where}, started_on", limits, required=True)
        ended = parse_date(row.get("ended_on"), f"{where}, ended_on", limits)
        published = parse_date(row.get("results_published_on"), f"{where}, results_published_on", limits)
        if ended and ended < started:
            raise ImportFailed(f"{where}, ended_on", f"{ended} is before started_on {started}")
        if published and published < started:
            raise ImportFailed(f"{where}, results_published_on", f"{published} is before started_on {started}")
        url = row.get("url") or None
        identity = consultation_identity(url, started, row["title"])
        if identity in seen:
            raise ImportFailed(where, f"the same consultation as line {seen[identity]} "
                                      f"({'its URL' if url else 'its start and title'})")
        seen[identity] = line
        found[identity] = {"identity": identity, "title": row["title"], "unit_id": unit_id(row.get("unit", ""), ids, where),
                           "started_on": started, "ended_on": ended,
                           "online_poll": parse_yes_no(row.get("online_poll", ""), where, "online_poll", False),
                           "responses": _responses(row.get("responses", ""), where),
                           "results_published_on": published, "url": url,
                           "is_public": parse_public(row.get("public", ""), where)}
        check_fits(consultations, found[identity], where)
        advance()
    if not found:
        raise ImportFailed(name, "no consultations in the file")
    return found


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    summary = ImportSummary()
    name, text = read_text(path, summary)
    with progress_bar(progress, max(text.count("\n") - 1, 0), "consultations") as (advance_reading, advance_writing):
        found = read_consultations(connection, name, text, limits, advance_reading)
        write_by_identity(connection, consultations, found, "consultations", name, batch_id, summary, advance_writing)
    return summary
