"""The programme's KPI targets (`import targets`: CSV `kpi, year, unit, target`) and the council's decisions register
(`import decisions`: CSV `number, title, adopted_on, published_on, unit, url[, convocation, public]`).

Rules (docs/importing.md, "KPI targets" and "Decisions"):
- a target is its KPI, year and unit (empty: the whole council), matched in code since SQL keeps two rows with an
  empty unit apart; the KPI is a card's key or its title in either language; a target is a number of 0 or more,
  for a year of the date window or up to TARGET_YEARS after it (a programme plans ahead);
- a decision is its convocation (the column, else the one in force on adopted_on, else none) and number;
  published_on before adopted_on, a repeated decision, or a convocation the database does not hold stops the file;
- a decision links to the roll-call vote that adopted it (`link_decisions`, run again after every `import votes`);
- both: a line repeating another's identity stops the file; a file imported again writes nothing, a changed row
  is updated, and a corrected file (the same name) removes what its earlier version brought and it no longer holds.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from sqlalchemy import insert, or_, select, update
from sqlalchemy.engine import Connection

from dashboard.i18n import messages
from dashboard.metrics.overview import KPIS
from dashboard.metrics.petitions import CALENDAR_EPOCH
from dashboard.schema import convocations, decisions, import_batches, kpi_targets, plenary_sessions, votes
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import (
    check_fits,
    delete_in,
    parse_public,
    read_text,
    renamed_header,
    unit_id,
    unit_ids,
)
from dashboard.writer.importers.factions import convocation_number
from dashboard.writer.importers.files import ImportFailed, Limits, csv_rows, printable
from dashboard.writer.importers.petitions import calendar_last, extend_calendar
from dashboard.writer.importers.values import parse_date

FORMATS = ("csv",)
TARGET_COLUMNS = {"kpi": ("показник", "kpi key"), "year": ("рік",), "unit": ("підрозділ", "код підрозділу"),
                  "target": ("ціль", "цільове значення", "мета", "target value")}
DECISION_COLUMNS = {"number": ("номер", "№", "номер рішення"), "title": ("назва", "назва рішення", "заголовок"),
                    "adopted_on": ("дата прийняття", "прийнято", "ухвалено", "adopted"),
                    "published_on": ("дата оприлюднення", "оприлюднено", "published"),
                    "unit": ("підрозділ", "виконавець", "код підрозділу"), "url": ("посилання", "адреса", "link"),
                    "convocation": ("скликання",), "public": ("оприлюднювати", "публічне")}
"""Our column -> the names a council may write for it (any case, spaces or `_`)."""
TARGET_YEARS = 10
NUMBER_CHARS = 40


def detect_format(path: Path) -> str:
    if path.is_dir() or path.suffix.casefold() != ".csv":
        raise ImportFailed(printable(path.name), "expected a CSV file (.csv)")
    return "csv"


def _remove_gone(connection: Connection, table, stored: dict, found: dict, source: str, name: str, batch_id: int,
                 summary: ImportSummary) -> int:
    """Remove the rows an earlier version of this file (the same source and name) brought that it no longer holds;
    returns how many."""
    earlier = set(connection.execute(select(import_batches.c.id).where(
        import_batches.c.source == source, import_batches.c.file_name == name, import_batches.c.id != batch_id)).scalars())
    gone = [row.id for identity, row in stored.items() if identity not in found and row.batch_id in earlier]
    delete_in(connection, table.c.id, gone)
    if gone:
        summary.notes.append(f"{len(gone):,} {source} of an earlier version of {name} are no longer in it: removed")
    return len(gone)


def _repeated(seen: dict, identity, where: str, what: str) -> None:
    if identity in seen:
        raise ImportFailed(where, f"the same {what} as {seen[identity]}")
    seen[identity] = where.rsplit(": ", 1)[-1]


# --- KPI targets --------------------------------------------------------------------------------

def _kpi_words() -> dict[str, str]:
    """A KPI's key or its card's title in either language (case and spaces aside) -> its key."""
    words = {}
    for kpi in KPIS:
        title = messages().get(kpi.title, {})
        words |= {" ".join(word.split()).casefold(): kpi.key for word in (kpi.key, title.get("uk", ""), title.get("en", ""))
                  if word}
    return words


def _target(value: str, where: str) -> float:
    try:
        number = float(value.replace(" ", "").replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise ImportFailed(f"{where}, target", f"not a number of 0 or more: {value[:40]!r}")
    return number


def read_targets(connection: Connection, name: str, text: str, limits: Limits) -> dict[tuple, dict]:
    """(kpi, year, unit id) -> the row to write."""
    kpis, ids, found, seen = _kpi_words(), unit_ids(connection), {}, {}
    last_year = limits.last_year + TARGET_YEARS
    for line, row in csv_rows(name, renamed_header(text, TARGET_COLUMNS), ("kpi", "year", "target"), limits):
        where = f"{name}: line {line}"
        kpi = kpis.get(" ".join(row["kpi"].split()).casefold())
        if kpi is None:
            raise ImportFailed(f"{where}, kpi", f"unknown KPI {row['kpi'][:60]!r}; one of {', '.join(k.key for k in KPIS)}")
        year = int(row["year"]) if re.fullmatch(r"[0-9]{4}", row["year"]) else None
        if year is None or not limits.first_year <= year <= last_year:
            raise ImportFailed(f"{where}, year", f"not a year from {limits.first_year} to {last_year}: {row['year'][:20]!r}")
        identity = (kpi, year, unit_id(row.get("unit", ""), ids, where))
        _repeated(seen, identity, where, "KPI, year and unit")
        found[identity] = {"kpi": kpi, "year": year, "unit_id": identity[2], "target": _target(row["target"], where)}
    if not found:
        raise ImportFailed(name, "no targets in the file")
    return found


def write_targets(connection: Connection, found: dict[tuple, dict], name: str, batch_id: int,
                  summary: ImportSummary) -> None:
    stored = {(row.kpi, row.year, row.unit_id): row for row in connection.execute(select(kpi_targets))}
    new = [row for identity, row in found.items() if identity not in stored]
    changed = [(stored[identity].id, row) for identity, row in found.items()
               if identity in stored and stored[identity].target != row["target"]]
    if new:
        connection.execute(insert(kpi_targets), [{**row, "batch_id": batch_id} for row in new])
    for target_id, row in changed:
        connection.execute(update(kpi_targets).where(kpi_targets.c.id == target_id).values(target=row["target"],
                                                                                          batch_id=batch_id))
    gone = _remove_gone(connection, kpi_targets, stored, found, "targets", name, batch_id, summary)
    summary.rows_read, summary.rows_written = len(found), len(new) + len(changed) + gone


# --- Decisions ----------------------------------------------------------------------------------

def _convocation_id(connection: Connection, row: dict, day: dt.date, where: str) -> int | None:
    """The convocation the column names (it must be in the database), else the one in force on `day`, else None."""
    if row.get("convocation"):
        number = convocation_number(row["convocation"], f"{where}, convocation")
        found = connection.execute(select(convocations.c.id).where(convocations.c.number == number)).scalar()
        if found is None:
            raise ImportFailed(f"{where}, convocation", f"convocation {number} is not in the database: import its "
                                                        "votes or factions first, or leave the column empty")
        return found
    return in_force(connection, day)


def in_force(connection: Connection, day: dt.date) -> int | None:
    """The convocation in force on a day: the latest started by then and not ended before it."""
    return connection.execute(select(convocations.c.id).where(
        convocations.c.started_on <= day, or_(convocations.c.ended_on.is_(None), convocations.c.ended_on >= day))
        .order_by(convocations.c.started_on.desc()).limit(1)).scalar()


def read_decisions(connection: Connection, name: str, text: str, limits: Limits) -> dict[tuple, dict]:
    """(convocation id or None, number) -> the row to write."""
    ids, found, seen = unit_ids(connection), {}, {}
    for line, row in csv_rows(name, renamed_header(text, DECISION_COLUMNS), ("number", "title", "adopted_on"), limits):
        where = f"{name}: line {line}"
        if len(row["number"]) > NUMBER_CHARS:
            raise ImportFailed(f"{where}, number", f"a number of more than {NUMBER_CHARS} characters")
        adopted = parse_date(row["adopted_on"], f"{where}, adopted_on", limits, required=True)
        published = parse_date(row.get("published_on"), f"{where}, published_on", limits)
        if published and published < adopted:
            raise ImportFailed(f"{where}, published_on", f"{published} is before adopted_on {adopted}")
        identity = (_convocation_id(connection, row, adopted, where), row["number"])
        _repeated(seen, identity, where, "decision (convocation and number)")
        found[identity] = {"convocation_id": identity[0], "number": row["number"], "title": row["title"],
                           "adopted_on": adopted, "published_on": published, "url": row.get("url") or None,
                           "unit_id": unit_id(row.get("unit", ""), ids, where),
                           "is_public": parse_public(row.get("public", ""), where)}
        check_fits(decisions, found[identity], where)
    if not found:
        raise ImportFailed(name, "no decisions in the file")
    return found


def write_decisions(connection: Connection, found: dict[tuple, dict], name: str, batch_id: int,
                    summary: ImportSummary) -> None:
    """Insert, update (a changed decision is linked to its vote afresh) and remove an earlier version's rows."""
    fields = tuple(next(iter(found.values())))
    stored = {(row.convocation_id, row.number): row for row in connection.execute(select(decisions))}
    new = [row for identity, row in found.items() if identity not in stored]
    changed = [(stored[identity].id, row) for identity, row in found.items() if identity in stored
               and any(getattr(stored[identity], field) != row[field] for field in fields)]
    if new:
        connection.execute(insert(decisions), [{**row, "batch_id": batch_id} for row in new])
    for decision_id, row in changed:
        connection.execute(update(decisions).where(decisions.c.id == decision_id).values(
            **row, vote_id=None, batch_id=batch_id))
    gone = _remove_gone(connection, decisions, stored, found, "decisions", name, batch_id, summary)
    summary.rows_read, summary.rows_written = len(found), len(new) + len(changed) + gone
    days = [day for row in found.values() for day in (row["adopted_on"], row["published_on"]) if day is not None]
    extend_calendar(connection, max(CALENDAR_EPOCH, min(days)), calendar_last(max(days)))  # the scorecard's term
    linked = link_decisions(connection)
    unlinked = connection.execute(select(decisions.c.id).where(decisions.c.vote_id.is_(None))).all()
    summary.notes.append(f"decisions linked to their roll-call vote: {linked:,} now; {len(unlinked):,} without one")


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def matches(decision_number: str, decision_title: str, vote_title: str) -> bool:
    """A vote is the decision's when its title holds the decision's number (as a whole word) or is its title
    (case and spaces aside)."""
    number = re.escape(_normal(decision_number))
    return (re.search(rf"(?<!\w){number}(?!\w)", _normal(vote_title)) is not None
            or _normal(vote_title) == _normal(decision_title))


def link_decisions(connection: Connection) -> int:
    """Link each unlinked decision to the roll-call vote that adopted it: an adopted vote of kind decision, on the
    decision's day, that `matches` it (the day's last such vote, the final reading); a decision without a
    convocation takes the vote's. Returns how many it linked."""
    pending = connection.execute(select(decisions.c.id, decisions.c.convocation_id, decisions.c.number,
                                        decisions.c.title, decisions.c.adopted_on)
                                 .where(decisions.c.vote_id.is_(None))).all()
    if not pending:
        return 0
    days = sorted({row.adopted_on for row in pending})
    by_day = defaultdict(list)
    for start in range(0, len(days), 500):
        query = (select(votes.c.id, votes.c.title, plenary_sessions.c.held_on, plenary_sessions.c.convocation_id)
                 .join_from(votes, plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
                 .where(votes.c.kind == "decision", votes.c.adopted,
                        plenary_sessions.c.held_on.in_(days[start:start + 500]))
                 .order_by(votes.c.voted_at, votes.c.id))
        for vote in connection.execute(query):
            by_day[vote.held_on].append(vote)
    taken = {tuple(row) for row in connection.execute(select(decisions.c.convocation_id, decisions.c.number))}
    linked = 0
    for decision in pending:
        chosen = [vote for vote in by_day[decision.adopted_on] if matches(decision.number, decision.title, vote.title)]
        if not chosen:
            continue
        values = {"vote_id": chosen[-1].id}
        if decision.convocation_id is None and (chosen[-1].convocation_id, decision.number) not in taken:
            values["convocation_id"] = chosen[-1].convocation_id
            taken.add((chosen[-1].convocation_id, decision.number))
        connection.execute(update(decisions).where(decisions.c.id == decision.id).values(**values))
        linked += 1
    return linked


# --- Running ------------------------------------------------------------------------------------

def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    """Both sources: `targets` and `decisions` (the batch says which)."""
    source = connection.execute(select(import_batches.c.source).where(import_batches.c.id == batch_id)).scalar_one()
    summary = ImportSummary()
    name, text = read_text(path, summary)
    if source == "targets":
        write_targets(connection, read_targets(connection, name, text, limits), name, batch_id, summary)
    else:
        write_decisions(connection, read_decisions(connection, name, text, limits), name, batch_id, summary)
    return summary
