"""Faction membership: the collector's JSON map ({"FRACTION_MAP": {faction: [names]}}) or a dated CSV.

Rules (FORMATS.md, "Roll-call votes", 3):
- the memberships belong to the latest convocation in the database (import its votes first);
- a factions file is the truth for the deputies it names: their earlier memberships, and whatever an
  earlier version of the same file brought, are replaced; so a deputy never holds two memberships on one
  day, which the vote summaries assume;
- the JSON map has no dates (from_on / to_on stay empty). A name listed in two groups keeps the later
  group in file order (the map is appended to as deputies move), and the summary names each such deputy;
- a group of non-affiliated deputies («Позафракційні») is no faction: its members get no membership, like
  deputies the file does not mention. The mayor's group («... міський голова») marks the deputy as mayor;
- the CSV `deputy, faction, from, to` gives dates (YYYY-MM-DD or DD.MM.YYYY, empty: open); one deputy's
  periods must not overlap, or the import stops at the line;
- a name that matches no deputy creates one, and the summary lists it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import convocations, deputies, faction_memberships, factions, import_batches
from dashboard.writer.importers import ImportFailed, ImportSummary
from dashboard.writer.importers.votes import csv_rows
from dashboard.writer.names import DeputyRegistry, name_key
from dashboard.writer.vote_summaries import refresh_vote_summaries

FORMATS = ("json-map", "csv-dated")
NON_AFFILIATED = re.compile(r"позафракц|незалежн", re.IGNORECASE)
MAYOR = re.compile(r"міськ\w* голов", re.IGNORECASE)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


@dataclass
class Membership:
    name: str
    faction: str | None  # None: no faction (non-affiliated)
    from_on: dt.date | None
    to_on: dt.date | None
    location: str


def detect_format(path: Path) -> str:
    suffix = path.suffix.casefold()
    if suffix == ".json":
        return "json-map"
    if suffix == ".csv":
        return "csv-dated"
    raise ImportFailed(path.name, "expected the JSON faction map (.json) or a dated CSV (.csv)")


def read_json_map(path: Path, summary: ImportSummary) -> tuple[list[Membership], set[str]]:
    """Memberships from the map (the later group wins) and the names of the mayor's group."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFailed(f"{path.name}: line {getattr(error, 'lineno', 1)}", f"not valid JSON ({error})") from None
    groups = data.get("FRACTION_MAP") if isinstance(data, dict) else None
    if not isinstance(groups, dict):
        raise ImportFailed(f"{path.name}: FRACTION_MAP", "missing or not an object of faction -> [names]")
    chosen: dict[str, Membership] = {}
    groups_of: dict[str, list[str]] = defaultdict(list)
    mayors = set()
    for group, names in groups.items():
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ImportFailed(f"{path.name}: FRACTION_MAP.{group}", "not a list of names")
        for i, name in enumerate(names):
            key = name_key(name)
            if key is None:
                raise ImportFailed(f"{path.name}: FRACTION_MAP.{group}[{i}]", f"not a name: {name!r}")
            summary.rows_read += 1
            if MAYOR.search(group):
                mayors.add(name)
            faction = None if NON_AFFILIATED.search(group) or MAYOR.search(group) else group
            if group not in groups_of[key]:
                groups_of[key].append(group)
            chosen[key] = Membership(name, faction, None, None, f"{path.name}: FRACTION_MAP.{group}[{i}]")
    for key, listed in groups_of.items():
        if len(listed) > 1:
            summary.notes.append(f"{chosen[key].name} is in {' and '.join(listed)}: kept {listed[-1]} (the later group)")
    return list(chosen.values()), mayors


def _date(text: str, where: str) -> dt.date | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    raise ImportFailed(where, f"not a date (YYYY-MM-DD or DD.MM.YYYY): {text!r}")


def read_dated_csv(path: Path, summary: ImportSummary) -> tuple[list[Membership], set[str]]:
    """Dated memberships; ImportFailed at the line of a bad date or an overlap with the same deputy's line."""
    rows = []
    for line, row in csv_rows(path.name, path.read_bytes(), ("deputy", "faction")):
        where = f"{path.name}: line {line}"
        summary.rows_read += 1
        if name_key(row["deputy"]) is None:
            raise ImportFailed(where, f"not a name: {row['deputy']!r}")
        from_on, to_on = _date(row.get("from", ""), where), _date(row.get("to", ""), where)
        if from_on and to_on and from_on > to_on:
            raise ImportFailed(where, f"from {from_on} is after to {to_on}")
        faction = None if NON_AFFILIATED.search(row["faction"]) else row["faction"]
        rows.append(Membership(row["deputy"], faction, from_on, to_on, where))
    by_deputy = defaultdict(list)
    for membership in rows:
        by_deputy[name_key(membership.name)].append(membership)
    for periods in by_deputy.values():
        periods.sort(key=lambda m: m.from_on or dt.date.min)
        for earlier, later in zip(periods, periods[1:]):
            if earlier.to_on is None or (later.from_on or dt.date.min) <= earlier.to_on:
                raise ImportFailed(later.location, f"{later.name}: this period overlaps {earlier.location}")
    return rows, set()


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


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None) -> ImportSummary:
    if fmt not in READERS:
        raise ImportFailed(path.name, f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    summary = ImportSummary()
    memberships, mayors = READERS[fmt](path, summary)
    convocation_id = connection.execute(
        select(convocations.c.id).order_by(convocations.c.number.desc()).limit(1)).scalar()
    if convocation_id is None:
        raise ImportFailed(path.name, "no convocation in the database yet: import its votes first")
    registry = DeputyRegistry(connection, convocation_id)
    deputy_ids = registry.resolve(m.name for m in memberships)
    faction_ids = _faction_ids(connection, convocation_id, {m.faction for m in memberships if m.faction})
    named = sorted({deputy_ids[name_key(m.name)] for m in memberships})
    earlier_versions = select(import_batches.c.id).where(
        import_batches.c.source == "factions", import_batches.c.file_name == path.name, import_batches.c.id != batch_id)
    for start in range(0, len(named), 5000):
        connection.execute(delete(faction_memberships).where(or_(
            faction_memberships.c.deputy_id.in_(named[start:start + 5000]),
            faction_memberships.c.batch_id.in_(earlier_versions))))
    rows = [{"deputy_id": deputy_ids[name_key(m.name)], "faction_id": faction_ids[m.faction],
             "from_on": m.from_on, "to_on": m.to_on, "batch_id": batch_id} for m in memberships if m.faction]
    if rows:
        connection.execute(insert(faction_memberships), rows)
    if mayors:
        connection.execute(update(deputies).where(deputies.c.id.in_([deputy_ids[name_key(n)] for n in mayors]))
                           .values(is_mayor=True))
    summary.rows_written = len(rows)
    summary.notes += registry.note()
    independent = sum(1 for m in memberships if m.faction is None and m.name not in mayors)
    if independent:
        summary.notes.append(f"{independent} non-affiliated deputies: no faction membership")
    refresh_vote_summaries(connection, months=None)
    return summary
