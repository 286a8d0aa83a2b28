"""The import framework: one transaction per file, a recorded batch, a summary, idempotency.

An importer is a function `(connection, path, file_format, batch_id, progress, limits, **options) ->
ImportSummary` registered in IMPORTERS under its source name (docs/formats.md). It raises `ImportFailed` naming
the file and line (or JSON path) when the file is bad; the transaction then writes nothing. It reports rows
it skipped, and problems the data-quality page should show, in the summary. Before a byte is hashed or
decompressed the file is held to the size caps (`files.check_sizes`); what stops a file and what is only
flagged is written down, per format, in docs/importing.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from dashboard.schema import import_batches, import_problems
from dashboard.writer.importers.files import ImportFailed, Limits, check_sizes, folder_files, printable

# source -> module under dashboard.writer.importers that defines `run` and `FORMATS`
IMPORTERS = {
    "units": "units",
    "targets": "reference",
    "decisions": "reference",
    "votes": "votes",
    "factions": "factions",
    "petitions": "petitions",
    "media": "media",
    "events": "media",
    "traffic": "website",
    "streams": "website",
    "page_units": "website",
    "consultations": "consultations",
    "procurement": "procurement",
}
__all__ = ("IMPORTERS", "ImportFailed", "ImportSummary", "file_hash", "run_import")


@dataclass
class ImportSummary:
    rows_read: int = 0
    rows_written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (location, reason)
    problems: list[tuple[str, str]] = field(default_factory=list)  # kept, but shown on the data-quality page
    notes: list[str] = field(default_factory=list)                 # e.g. deputies created
    unchanged: bool = False

    def render(self) -> str:
        if self.unchanged:
            return "This file was imported before; nothing changed."
        lines = [f"rows read: {self.rows_read:,}", f"rows written: {self.rows_written:,}",
                 f"rows skipped: {len(self.skipped):,}"]
        lines += [f"  skipped {location}: {reason}" for location, reason in self.skipped]
        lines += [f"  flagged {location}: {reason}" for location, reason in self.problems]
        lines += [f"  {note}" for note in self.notes]
        return "\n".join(lines)


def file_hash(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, in name order), read in chunks."""
    digest = hashlib.sha256()
    files = folder_files(path) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode("utf-8", "surrogateescape"))
        with file.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def run_import(engine: Engine, source: str, path: Path, file_format: str | None, progress: Console | None,
               **options) -> ImportSummary:
    """Import one file (or folder / ZIP) in one transaction and record its batch.

    `options` go to the importer (e.g. `convocation` for factions); one it does not take is refused.
    """
    module = importlib.import_module(f"dashboard.writer.importers.{IMPORTERS[source]}")
    limits = Limits.from_settings()
    check_sizes(path, limits)
    fmt = file_format or module.detect_format(path)
    if fmt not in module.FORMATS:
        raise ImportFailed(printable(path.name), f"unknown format {fmt[:40]!r}; one of: {', '.join(module.FORMATS)}")
    unknown = sorted(set(options) - set(getattr(module, "OPTIONS", ())))
    if unknown:
        raise ImportFailed(printable(path.name), f"{source} takes no option {', '.join(unknown)}")
    sha = file_hash(path)
    with engine.begin() as connection:
        seen = connection.execute(select(import_batches.c.id).where(
            import_batches.c.source == source, import_batches.c.sha256 == sha)).first()
        if seen:
            return ImportSummary(unchanged=True)
        batch_id = connection.execute(insert(import_batches).values(
            source=source, format=fmt, file_name=printable(path.name), sha256=sha,
            imported_at=dt.datetime.now())).inserted_primary_key[0]
        summary = module.run(connection, path, fmt, batch_id, progress, limits, **options)
        connection.execute(update(import_batches).where(import_batches.c.id == batch_id).values(
            rows_read=summary.rows_read, rows_written=summary.rows_written, rows_skipped=len(summary.skipped)))
        problems = summary.skipped + summary.problems
        if problems:
            connection.execute(insert(import_problems), [
                {"batch_id": batch_id, "location": location, "reason": reason} for location, reason in problems])
    return summary
