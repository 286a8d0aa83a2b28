"""The council's structural units: `import units` (CSV `code, name_uk, name_en, parent, edrpou`, or the Ukrainian
names of COLUMNS).

Rules (docs/importing.md, "Units"):
- the file is the council's whole list. A unit is its code (case aside): one renamed or moved to another parent
  keeps its id, so every fact keeps pointing at it, and its previous name and parent go to `unit_history`;
- a unit in the database that the file no longer holds is removed when nothing points to it (a fact of any
  table with `unit_id`, a KPI target, or a unit of the file under it); when something does, the file is refused,
  naming the unit and how many rows point to it;
- a parent is a code of the file or of the database; an unknown parent, a cycle, a repeated code, a code of more
  than 40 characters, or an ЄДРПОУ that is not 8 digits (kept as text, leading zeros and all) or is another
  unit's, stops the file at its line. An empty `name_en` is `name_uk`;
- procurement imported before its buyers' units (no unit by ЄДРПОУ then) is tied to them afterwards: a procedure
  without a unit whose buyer's ЄДРПОУ is now a unit's gets that unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import import_batches, metadata, procurements, unit_history, units
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import read_text, renamed_header
from dashboard.writer.importers.files import ImportFailed, Limits, csv_rows, printable

FORMATS = ("csv",)
COLUMNS = {
    "code": ("код", "код підрозділу", "шифр"),
    "name_uk": ("назва", "назва українською", "назва підрозділу", "найменування", "повна назва"),
    "name_en": ("назва англійською", "назва (англ.)", "англійська назва", "name", "english name", "name in english"),
    "parent": ("батьківський підрозділ", "підпорядкований", "підпорядкований підрозділу", "підпорядкування",
               "вищий підрозділ", "код батьківського підрозділу", "parent code"),
    "edrpou": ("єдрпоу", "код єдрпоу", "код за єдрпоу"),
}
"""Our column -> the names a council may write for it (any case, spaces or `_`)."""
CODE_CHARS = 40
EDRPOU = re.compile(r"[0-9]{8}")


@dataclass
class Unit:
    code: str
    name_uk: str
    name_en: str
    parent: str | None  # a code
    edrpou: str | None
    location: str

    @property
    def key(self) -> str:
        return self.code.casefold()


def detect_format(path: Path) -> str:
    if path.is_dir() or path.suffix.casefold() != ".csv":
        raise ImportFailed(printable(path.name), "expected a CSV file (.csv)")
    return "csv"


def read_units(name: str, text: str, limits: Limits) -> dict[str, Unit]:
    """The file's units by key, each checked on its own line (code, ЄДРПОУ, repeats)."""
    found: dict[str, Unit] = {}
    edrpou_line: dict[str, str] = {}
    for line, row in csv_rows(name, renamed_header(text, COLUMNS), ("code", "name_uk"), limits):
        where = f"{name}: line {line}"
        unit = Unit(row["code"], row["name_uk"], row.get("name_en") or row["name_uk"], row.get("parent") or None,
                    row.get("edrpou") or None, where)
        if len(unit.code) > CODE_CHARS:
            raise ImportFailed(f"{where}, code", f"a code of more than {CODE_CHARS} characters")
        if unit.key in found:
            raise ImportFailed(f"{where}, code", f"{unit.code!r} is also the code of {_line(found[unit.key])}")
        if unit.edrpou is not None:
            if not EDRPOU.fullmatch(unit.edrpou):
                raise ImportFailed(f"{where}, edrpou", f"an ЄДРПОУ code is 8 digits: {unit.edrpou[:20]!r}")
            if unit.edrpou in edrpou_line:
                raise ImportFailed(f"{where}, edrpou", f"{unit.edrpou} is also the ЄДРПОУ of {edrpou_line[unit.edrpou]}")
            edrpou_line[unit.edrpou] = _line(unit)
        found[unit.key] = unit
    if not found:
        raise ImportFailed(name, "no units in the file")
    return found


def _line(unit: Unit) -> str:
    return unit.location.rsplit(": ", 1)[-1]


def check_parents(found: dict[str, Unit], stored: dict[str, object]) -> None:
    """Every parent is a unit of the file or of the database, and no unit is its own ancestor."""
    for unit in found.values():
        if unit.parent and unit.parent.casefold() not in found and unit.parent.casefold() not in stored:
            raise ImportFailed(f"{unit.location}, parent", f"unknown parent {unit.parent[:40]!r}: not a code of the "
                                                          "file or of the database")
    for unit in found.values():
        seen, step = [unit.code], unit
        while step.parent and step.parent.casefold() in found:
            step = found[step.parent.casefold()]
            if step.key == unit.key:
                raise ImportFailed(f"{unit.location}, parent", f"a cycle: {' -> '.join([*seen, step.code])}")
            if step.code in seen:
                break  # a cycle that does not pass through this unit: reported at one of its own lines
            seen.append(step.code)


def _pointing(connection: Connection, ids: list[int]) -> dict[int, dict[str, int]]:
    """Unit id -> {table: rows pointing to it}, over every table with `unit_id` (its history aside)."""
    found: dict[int, dict[str, int]] = {}
    for table in metadata.sorted_tables:
        if "unit_id" not in table.c or table is unit_history:
            continue
        for unit, count in connection.execute(select(table.c.unit_id, func.count()).where(
                table.c.unit_id.in_(ids)).group_by(table.c.unit_id)):
            found.setdefault(unit, {})[table.name] = count
    return found


def remove_missing(connection: Connection, found: dict[str, Unit], stored: dict[str, object], name: str) -> list[str]:
    """Remove the stored units the file no longer holds, or refuse the file when rows point to any of them."""
    gone = {row.id: row for key, row in stored.items() if key not in found}
    if not gone:
        return []
    pointing = _pointing(connection, list(gone))
    for unit in found.values():
        parent = stored.get(unit.parent.casefold()) if unit.parent else None
        if parent is not None and parent.id in gone:
            pointing.setdefault(parent.id, {}).setdefault("units under it", 0)
            pointing[parent.id]["units under it"] += 1
    if pointing:
        named = [f"{gone[unit].code} ({gone[unit].name_uk}): {sum(tables.values()):,} rows "
                 f"({', '.join(f'{table} {count:,}' for table, count in sorted(tables.items()))})"
                 for unit, tables in sorted(pointing.items())]
        raise ImportFailed(name, f"{len(pointing)} units are not in the file, but rows point to them: "
                                 f"{'; '.join(named[:10])}. Keep them in the file, or move those rows first")
    ids = list(gone)
    connection.execute(update(units).where(units.c.parent_id.in_(ids)).values(parent_id=None))
    connection.execute(update(unit_history).where(unit_history.c.parent_id.in_(ids)).values(parent_id=None))
    connection.execute(delete(unit_history).where(unit_history.c.unit_id.in_(ids)))
    connection.execute(delete(units).where(units.c.id.in_(ids)))
    return sorted(row.code for row in gone.values())


def write(connection: Connection, found: dict[str, Unit], name: str, batch_id: int, summary: ImportSummary) -> None:
    stored = {row.code.casefold(): row for row in connection.execute(select(units))}
    check_parents(found, stored)
    removed = remove_missing(connection, found, stored, name)
    now = connection.execute(select(import_batches.c.imported_at).where(import_batches.c.id == batch_id)).scalar_one()
    new = [unit for key, unit in found.items() if key not in stored]
    moved_edrpou = [stored[key].id for key, unit in found.items() if key in stored and stored[key].edrpou != unit.edrpou]
    if moved_edrpou:  # first let go of the codes that move, so two units may swap theirs
        connection.execute(update(units).where(units.c.id.in_(moved_edrpou)).values(edrpou=None))
    for unit in new:
        connection.execute(insert(units).values(code=unit.code, name_uk=unit.name_uk, name_en=unit.name_en,
                                                edrpou=unit.edrpou))
    ids = {row.code.casefold(): row.id for row in connection.execute(select(units.c.code, units.c.id))}
    code_of = {row.id: row.code for row in stored.values()}
    changed = 0
    for key, unit in found.items():
        values = {"code": unit.code, "name_uk": unit.name_uk, "name_en": unit.name_en, "edrpou": unit.edrpou,
                  "parent_id": ids[unit.parent.casefold()] if unit.parent else None}
        old = stored.get(key)
        if old is None:
            connection.execute(update(units).where(units.c.id == ids[key]).values(parent_id=values["parent_id"]))
            continue
        if (old.name_uk, old.name_en, old.parent_id) != (unit.name_uk, unit.name_en, values["parent_id"]):
            connection.execute(insert(unit_history).values(unit_id=old.id, name_uk=old.name_uk, name_en=old.name_en,
                                                           parent_id=old.parent_id, replaced_at=now, batch_id=batch_id))
            summary.notes.append(f"unit {unit.code}: «{old.name_uk}» under {code_of.get(old.parent_id, '-')} -> "
                                 f"«{unit.name_uk}» under {unit.parent or '-'} (the previous kept in unit_history)")
        if old.id in moved_edrpou or any(getattr(old, column) != value for column, value in values.items()):
            connection.execute(update(units).where(units.c.id == old.id).values(**values))
            changed += 1
    summary.rows_read = len(found)
    summary.rows_written = len(new) + changed + len(removed)
    if new:
        summary.notes.append(f"{len(new):,} units created")
    if removed:
        summary.notes.append(f"{len(removed):,} units not in the file and with nothing pointing to them: removed "
                             f"({', '.join(removed[:20])})")


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    summary = ImportSummary()
    name, text = read_text(path, summary)
    write(connection, read_units(name, text, limits), name, batch_id, summary)
    _link_procurement(connection, summary)
    return summary


def _link_procurement(connection: Connection, summary: ImportSummary) -> None:
    """Procedures without a unit whose buyer's ЄДРПОУ is now a unit's get it (`import procurement` came first)."""
    by_edrpou = select(units.c.id).where(units.c.edrpou == procurements.c.buyer_edrpou).scalar_subquery()
    linked = connection.execute(update(procurements).where(
        procurements.c.unit_id.is_(None),
        procurements.c.buyer_edrpou.in_(select(units.c.edrpou).where(units.c.edrpou.is_not(None))))
        .values(unit_id=by_edrpou)).rowcount
    if linked:
        summary.notes.append(f"{linked:,} procurement procedures now belong to a unit by their buyer's ЄДРПОУ")

