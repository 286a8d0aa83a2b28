"""ProZorro procurement: `import procurement`, OCDS release and record packages in JSON, JSON Lines or a ZIP (or
folder) of them (`ocds.py` reads them, `procurement_rows.py` turns a release into rows).

Rules (docs/importing.md, "Procurement"):
- a procedure is its ocid: one seen again is merged with what the database holds, the release of the later date
  laid over the earlier (`procurement_rows.merged`), so an older file never overwrites a newer procedure and
  records then releases of the same procedures (or the reverse) end in the same rows; a procedure whose rows
  come out the same is not written again (its batch stays);
- its parts are rewritten whole when it changes: every part of the merged procedure is written anew, and its
  lots' bidders and awarded value are recounted (`writer/procurement_summaries.py`);
- a buyer is a unit by its ЄДРПОУ (`units.edrpou`); an unknown one is kept without a unit, counted in the
  summary and listed on the data-quality page (`procurement_unknown_buyers`);
- procedures are written 500 at a time as the file is read, so memory stays flat; a bad value anywhere stops the
  file and the transaction writes nothing of it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePath

from rich.console import Console
from sqlalchemy import String, bindparam, insert, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import procurements, units
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import delete_in, progress_bar
from dashboard.writer.importers.files import ImportFailed, Limits, folder_files, member_names, printable
from dashboard.writer.importers.ocds import JSON_LINES, compiled_releases
from dashboard.writer.importers.procurement_rows import (
    COLUMNS,
    HEAD,
    PARTS,
    Procedure,
    finished,
    in_order,
    procedure,
)
from dashboard.writer.procurement_summaries import refresh_lot_figures
from dashboard.writer.vote_summaries import bulk_insert

FORMATS = ("ocds-json", "ocds-jsonl")
BATCH = 500
"""Procedures written at a time: a chunk's stored rows are read in one query per table."""


def detect_format(path: Path) -> str:
    """JSON Lines when every file is .jsonl (.ndjson, .jl), else JSON; other files of a folder or ZIP are left
    out (and named in the summary)."""
    suffixes = {PurePath(name).suffix.casefold() for name in member_names(path)}
    if suffixes and suffixes <= set(JSON_LINES):
        return "ocds-jsonl"
    if suffixes & {".json", *JSON_LINES}:
        return "ocds-json"
    raise ImportFailed(printable(path.name), "expected OCDS packages: .json, JSON Lines (.jsonl) or a ZIP of them")


def _total_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(file.stat().st_size for file in folder_files(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    return path.stat().st_size


def _not_null(table, row: dict) -> dict:
    """A status the releases never gave is empty text in a column that must hold one."""
    return {name: "" if value is None and isinstance(table.c[name].type, String) and not table.c[name].nullable
            else value for name, value in row.items()}


class _Writer:
    """Procedures by ocid, merged with what the database holds and written a chunk at a time."""

    def __init__(self, connection: Connection, batch_id: int, summary: ImportSummary, advance):
        self.connection, self.batch_id, self.summary, self.advance = connection, batch_id, summary, advance
        self.units = {row.edrpou: row.id for row in connection.execute(
            select(units.c.id, units.c.edrpou).where(units.c.edrpou.is_not(None)))}
        self.pending: dict[str, Procedure] = {}
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}
        self.unknown_buyers: dict[str, int] = {}
        self.without_tender = 0

    def add(self, found: Procedure) -> None:
        ocid = found.head["ocid"]
        self.pending[ocid] = in_order(self.pending[ocid], found) if ocid in self.pending else found
        if len(self.pending) >= BATCH:
            self.flush()

    def _stored(self, ocids: list[str]) -> dict[str, tuple[int, Procedure, tuple]]:
        """ocid -> (id, the procedure as the database holds it, its rows as written)."""
        heads = {row.id: row for row in self.connection.execute(select(procurements).where(procurements.c.ocid.in_(ocids)))}
        parts: dict[int, dict[str, list[dict]]] = {row_id: {name: [] for name in PARTS} for row_id in heads}
        for name, table in PARTS.items():
            if heads:
                for row in self.connection.execute(select(table).where(table.c.procurement_id.in_(list(heads)))):
                    parts[row.procurement_id][name].append({column: row._mapping[column] for column in COLUMNS[name]})
        stored = {}
        for row_id, row in heads.items():
            head = {name: row._mapping[name] for name in HEAD}
            as_read = Procedure({**head, "status": head["status"] or None},
                                {name: [{column: value if value != "" or column in ("lot_key", "bid_key") else None
                                         for column, value in one.items()} for one in rows] or None
                                 for name, rows in parts[row_id].items()})
            stored[row.ocid] = (row_id, as_read, self._written(head | {"unit_id": row.unit_id}, parts[row_id]))
        return stored

    @staticmethod
    def _written(head: dict, parts: dict[str, list[dict] | None]) -> tuple:
        """What the database holds of a procedure, comparable whatever the order of its rows."""
        return (tuple(head[name] for name in (*HEAD, "unit_id")),
                tuple(tuple(sorted((tuple(row[column] for column in COLUMNS[name]) for row in parts[name] or ()),
                                   key=repr)) for name in PARTS))

    def _rows(self, found: Procedure) -> tuple[dict, dict[str, list[dict]]]:
        head = finished(found)
        head["unit_id"] = self.units.get(head["buyer_edrpou"])
        if head["unit_id"] is None:
            buyer = head["buyer_id"] or head["buyer_name"] or "(no buyer)"
            self.unknown_buyers[buyer] = self.unknown_buyers.get(buyer, 0) + 1
        self.without_tender += not head["status"]
        parts = {name: [_not_null(PARTS[name], row) for row in found.parts.get(name) or ()] for name in PARTS}
        return head, parts

    def flush(self) -> None:
        if not self.pending:
            return
        stored = self._stored(list(self.pending))
        new, changed = [], []
        for ocid, found in self.pending.items():
            if ocid in stored:
                row_id, earlier, written = stored[ocid]
                head, parts = self._rows(in_order(earlier, found))
                if self._written(head, parts) == written:
                    self.counts["unchanged"] += 1
                else:
                    changed.append((row_id, head, parts))
            else:
                new.append(self._rows(found))
        self.pending = {}
        ids = []
        if new:
            returned = self.connection.execute(insert(procurements).returning(procurements.c.id, procurements.c.ocid),
                                               [{**head, "batch_id": self.batch_id} for head, _parts in new])
            by_ocid = {row.ocid: row.id for row in returned}
            ids = [(by_ocid[head["ocid"]], parts) for head, parts in new]
        if changed:
            self.connection.execute(
                update(procurements).where(procurements.c.id == bindparam("row_id")).values(
                    {name: bindparam(f"new_{name}") for name in (*HEAD, "unit_id", "batch_id")}),
                [{"row_id": row_id, "new_batch_id": self.batch_id, **{f"new_{name}": value for name, value in head.items()}}
                 for row_id, head, _parts in changed])
            gone = [row_id for row_id, _head, _parts in changed]
            for table in PARTS.values():
                delete_in(self.connection, table.c.procurement_id, gone)
            ids += [(row_id, parts) for row_id, _head, parts in changed]
        for name, table in PARTS.items():
            columns = ("procurement_id", *COLUMNS[name])
            rows = [(row_id, *(row[column] for column in COLUMNS[name])) for row_id, parts in ids for row in parts[name]]
            if rows:
                bulk_insert(self.connection, table, columns, rows)
        refresh_lot_figures(self.connection, [row_id for row_id, _parts in ids])
        self.counts["new"] += len(new)
        self.counts["updated"] += len(changed)
        self.advance(len(new) + len(changed))


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    summary, ignored = ImportSummary(), []
    with progress_bar(progress, _total_bytes(path), "procurement (bytes)") as (reading, writing):
        writer = _Writer(connection, batch_id, summary, writing)
        for found in compiled_releases(path, fmt, limits, reading, lambda release, place: procedure(release, place, limits),
                                       ignored):
            writer.add(procedure(found.release, found.place, limits, found.first_date))
            summary.rows_read += 1
        writer.flush()
    if not summary.rows_read:
        raise ImportFailed(printable(path.name), "no releases or records in the file")
    counts = writer.counts
    summary.rows_written = counts["new"] + counts["updated"]
    summary.notes.append(f"procedures: {counts['new']:,} new, {counts['updated']:,} updated, "
                         f"{counts['unchanged']:,} unchanged")
    summary.skipped += [(name, "neither .json nor JSON Lines") for name in ignored]
    if writer.unknown_buyers:
        named = ", ".join(sorted(writer.unknown_buyers)[:5]) + (", …" if len(writer.unknown_buyers) > 5 else "")
        summary.notes.append(f"buyers that are no unit by ЄДРПОУ: {len(writer.unknown_buyers):,} ({named}), their "
                             f"procedures: {sum(writer.unknown_buyers.values()):,}; kept without a unit, listed on the "
                             "data-quality page")
    if writer.without_tender:
        summary.notes.append(f"procedures without a tender in their releases: {writer.without_tender:,}; status empty "
                             "and published_on from the earliest release, until their tender's release is imported")
    return summary
