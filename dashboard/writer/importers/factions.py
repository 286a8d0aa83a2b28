"""Faction membership: the collector's JSON map ({"FRACTION_MAP": {faction: [names]}}) or a dated CSV.

Rules (docs/importing.md, "Factions"):
- the memberships belong to the convocation the import names (`--convocation N`, or a `convocation` column
  of the CSV, one number for the file); else to the convocation in force on the file's earliest date; else
  to the latest in the database. A named convocation not in the database yet is created, starting on the
  file's earliest date (today when it gives none) with the file's deputies as its composition, until votes
  move the start earlier: factions may come before votes. A named convocation's start moves earlier to the
  file's earliest date too (votes seen first only show when it was in force at the latest);
- a factions file is the truth for the deputies it names: their earlier memberships, and whatever an
  earlier version of the same file brought, are replaced; so a deputy never holds two memberships on one
  day, which the vote summaries assume;
- the JSON map has no dates (from_on / to_on stay empty). A name listed in two groups keeps the later
  group in file order (the map is appended to as deputies move), and the summary names each such deputy;
- a group of non-affiliated deputies («Позафракційні») is no faction: its members get no membership, like
  deputies the file does not mention. The mayor's group («... міський голова») marks the deputy as mayor;
- the CSV `deputy, faction, from, to` gives dates (`values.parse_date`, empty: open); one deputy's
  periods must not overlap, or the import stops at the line;
- the CSV may carry `voterId` (Resolution 835's identity): then it is the deputy, and two namesakes with
  different ids are two deputies; periods are checked per deputy so identified;
- a name that matches no deputy creates one, and the summary lists it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import convocations, deputies, faction_memberships, factions, import_batches
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import check_fits, read_text
from dashboard.writer.importers.files import ImportFailed, Limits, clean_text, csv_rows, printable, read_json
from dashboard.writer.importers.values import parse_date
from dashboard.writer.names import DeputyRegistry, Person, name_key
from dashboard.writer.vote_summaries import refresh_vote_summaries

FORMATS = ("json-map", "csv-dated")
OPTIONS = ("convocation",)
NON_AFFILIATED = re.compile(r"позафракц|незалежн", re.IGNORECASE)
MAYOR = re.compile(r"міськ\w* голов", re.IGNORECASE)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


@dataclass
class Membership:
    person: Person
    faction: str | None  # None: no faction (non-affiliated)
    from_on: dt.date | None
    to_on: dt.date | None
    location: str

    @property
    def identity(self) -> str:
        """The deputy it is about: the voterId, else the name key."""
        return f"id:{self.person.voter_id}" if self.person.voter_id else f"name:{name_key(self.person.name)}"


def detect_format(path: Path) -> str:
    suffix = path.suffix.casefold()
    if path.is_dir():
        raise ImportFailed(printable(path.name), "a folder: give the factions file itself")
    if suffix == ".json":
        return "json-map"
    if suffix == ".csv":
        return "csv-dated"
    raise ImportFailed(printable(path.name), "expected the JSON faction map (.json) or a dated CSV (.csv)")


def read_json_map(path: Path, summary: ImportSummary, limits: Limits) -> tuple[list[Membership], set[str], None]:
    """Memberships from the map (the later group wins), the names of the mayor's group; the map names no
    convocation."""
    name, text = read_text(path, summary)
    data = read_json(name, text, limits)
    groups = data.get("FRACTION_MAP") if isinstance(data, dict) else None
    if not isinstance(groups, dict):
        raise ImportFailed(f"{name}: FRACTION_MAP", "missing or not an object of faction -> [names]")
    chosen: dict[str, Membership] = {}
    groups_of: dict[str, list[str]] = defaultdict(list)
    mayors = set()
    for raw_group, names in groups.items():
        group = clean_text(raw_group, f"{name}: FRACTION_MAP")
        where = f"{name}: FRACTION_MAP.{group[:80]}"
        if not group or not isinstance(names, list) or not all(isinstance(deputy, str) for deputy in names):
            raise ImportFailed(where, "not a faction's name with a list of names")
        for i, raw_name in enumerate(names):
            deputy = clean_text(raw_name, f"{where}[{i}]")
            key = name_key(deputy)
            if key is None:
                raise ImportFailed(f"{where}[{i}]", f"not a name: {deputy[:40]!r}")
            summary.rows_read += 1
            if MAYOR.search(group):
                mayors.add(key)
            faction = None if NON_AFFILIATED.search(group) or MAYOR.search(group) else group
            if group not in groups_of[key]:
                groups_of[key].append(group)
            chosen[key] = Membership(Person(deputy), faction, None, None, f"{where}[{i}]")
    for key, listed in groups_of.items():
        if len(listed) > 1:
            summary.notes.append(f"{chosen[key].person.name} is in {' and '.join(listed)}: kept {listed[-1]} (the later group)")
    return list(chosen.values()), mayors, None


def read_dated_csv(path: Path, summary: ImportSummary, limits: Limits) -> tuple[list[Membership], set[str], int | None]:
    """Dated memberships and the convocation the file names, if any; ImportFailed at the line of a bad date,
    of a second convocation, or of an overlap with the same deputy's line."""
    name, text = read_text(path, summary)
    rows, named = [], None
    for line, row in csv_rows(name, text, ("deputy", "faction"), limits):
        where = f"{name}: line {line}"
        summary.rows_read += 1
        if name_key(row["deputy"]) is None:
            raise ImportFailed(where, f"not a name: {row['deputy'][:40]!r}")
        from_on = parse_date(row.get("from"), f"{where}, from", limits)
        to_on = parse_date(row.get("to"), f"{where}, to", limits)
        if from_on and to_on and from_on > to_on:
            raise ImportFailed(where, f"from {from_on} is after to {to_on}")
        if row.get("convocation"):
            number = convocation_number(row["convocation"], where)
            if named not in (None, number):
                raise ImportFailed(where, f"convocation {number}, while earlier lines name {named}: one per file")
            named = number
        faction = None if NON_AFFILIATED.search(row["faction"]) else row["faction"]
        rows.append(Membership(Person(row["deputy"], row.get("voterId") or None), faction, from_on, to_on, where))
    by_deputy = defaultdict(list)
    for membership in rows:
        by_deputy[membership.identity].append(membership)
    for periods in by_deputy.values():
        periods.sort(key=lambda m: m.from_on or dt.date.min)
        for earlier, later in zip(periods, periods[1:]):
            if earlier.to_on is None or (later.from_on or dt.date.min) <= earlier.to_on:
                raise ImportFailed(later.location, f"{later.person.name}: this period overlaps {earlier.location}")
    return rows, set(), named


def convocation_number(text: str, where: str) -> int:
    match = re.fullmatch(r"\s*(\d{1,3})(?:\s*-?\s*(?:го\s+)?скликання)?\s*", str(text), re.IGNORECASE)
    if not match or int(match[1]) == 0:
        raise ImportFailed(where, f"convocation is not a number or «N скликання»: {str(text)[:40]!r}")
    return int(match[1])


def _convocation_id(connection: Connection, named: int | None, memberships: list[Membership], where: str) -> int:
    """The convocation the memberships belong to (module docstring), creating a named one that is missing."""
    days = [m.from_on for m in memberships if m.from_on]
    if named is None:
        query = select(convocations.c.id).order_by(convocations.c.started_on.desc(), convocations.c.number.desc())
        if days:
            in_force = connection.execute(query.where(convocations.c.started_on <= min(days)).limit(1)).scalar()
            if in_force is not None:
                return in_force
        latest = connection.execute(query.limit(1)).scalar()
        if latest is None:
            raise ImportFailed(where, "no convocation in the database yet: name it (--convocation N, or a "
                                      "convocation column), or import its votes first")
        return latest
    found = connection.execute(select(convocations.c.id, convocations.c.started_on)
                               .where(convocations.c.number == named)).first()
    if found is not None:
        if days and min(days) < found.started_on:  # dated memberships show it was in force earlier
            connection.execute(update(convocations).where(convocations.c.id == found.id).values(started_on=min(days)))
        return found.id
    seats = len({m.identity for m in memberships})
    return connection.execute(insert(convocations).values(
        number=named, started_on=min(days, default=dt.date.today()), composition=seats)).inserted_primary_key[0]


def _faction_ids(connection: Connection, convocation_id: int, names: set[str]) -> dict[str, int]:
    """Faction name -> id in the convocation, creating missing factions with a palette colour."""
    ids = dict(connection.execute(select(factions.c.name, factions.c.id)
                                  .where(factions.c.convocation_id == convocation_id)).all())
    missing = sorted(names - set(ids))
    for i, name in enumerate(missing, start=len(ids)):
        ids[name] = connection.execute(insert(factions).values(
            convocation_id=convocation_id, name=name, color=PALETTE[i % len(PALETTE)])).inserted_primary_key[0]
    return ids


READERS = {"json-map": read_json_map, "csv-dated": read_dated_csv}


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None, limits: Limits,
        convocation: int | None = None) -> ImportSummary:
    summary = ImportSummary()
    memberships, mayors, named = READERS[fmt](path, summary, limits)
    where = printable(path.name)
    if convocation is not None and named not in (None, convocation):
        raise ImportFailed(where, f"--convocation {convocation}, while the file names convocation {named}")
    convocation_id = _convocation_id(connection, convocation or named, memberships, where)
    for membership in memberships:
        check_fits(factions, {"name": membership.faction}, membership.location)
        check_fits(deputies, {"name_key": membership.person.name, "voter_id": membership.person.voter_id},
                   membership.location)
    registry = DeputyRegistry(connection, convocation_id)
    deputy_ids = registry.resolve(m.person for m in memberships)
    faction_ids = _faction_ids(connection, convocation_id, {m.faction for m in memberships if m.faction})
    named_deputies = sorted({deputy_ids[m.person] for m in memberships})
    earlier_versions = select(import_batches.c.id).where(
        import_batches.c.source == "factions", import_batches.c.file_name == where, import_batches.c.id != batch_id)
    for start in range(0, len(named_deputies), 5000):
        connection.execute(delete(faction_memberships).where(or_(
            faction_memberships.c.deputy_id.in_(named_deputies[start:start + 5000]),
            faction_memberships.c.batch_id.in_(earlier_versions))))
    rows = [{"deputy_id": deputy_ids[m.person], "faction_id": faction_ids[m.faction],
             "from_on": m.from_on, "to_on": m.to_on, "batch_id": batch_id} for m in memberships if m.faction]
    if rows:
        connection.execute(insert(faction_memberships), rows)
    mayor_ids = [deputy_ids[m.person] for m in memberships if name_key(m.person.name) in mayors]
    if mayor_ids:
        connection.execute(update(deputies).where(deputies.c.id.in_(mayor_ids)).values(is_mayor=True))
    summary.rows_written = len(rows)
    summary.notes += registry.note()
    independent = sum(1 for m in memberships if m.faction is None and name_key(m.person.name) not in mayors)
    if independent:
        summary.notes.append(f"{independent} non-affiliated deputies: no faction membership")
    refresh_vote_summaries(connection, months=None)
    return summary
