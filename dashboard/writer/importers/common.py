"""What the importers of identified rows share: column names in either language, units by code or name, the
public flag, writing rows by their identity, and the progress bar.

Rules: a unit is its code or its name in either language (case aside), and an unknown one stops the file at
its line; `public` is yes / no (and their Ukrainian words, true / false, 1 / 0), empty meaning yes; a row is
its identity, so a file imported again writes nothing, and a corrected file (the same name) updates what
changed and removes what it no longer holds.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import String, Table, UniqueConstraint, bindparam, delete, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import import_batches, units
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.files import ImportFailed, decode, printable
from dashboard.writer.vote_summaries import bulk_insert

CHUNK = 2_000
KEY_BYTES = 2_000
"""The longest text a unique key column holds, in UTF-8 bytes: PostgreSQL refuses an index entry over 2,704."""
PUBLIC_WORDS = {"yes": True, "true": True, "1": True, "так": True, "no": False, "false": False, "0": False, "ні": False}


def parse_yes_no(value: str, where: str, column: str, empty: bool) -> bool:
    """yes / no (так / ні, true / false, 1 / 0, case aside); `empty` when the cell is empty."""
    value = value.casefold()
    if not value:
        return empty
    if value not in PUBLIC_WORDS:
        raise ImportFailed(f"{where}, {column}", f"not yes / no: {value[:20]!r}")
    return PUBLIC_WORDS[value]


def read_text(path: Path, summary: ImportSummary) -> tuple[str, str]:
    """A one-file import's printable name and text, decoded once for every importer; the summary says how."""
    name = printable(path.name)
    text, encoding = decode(name, path.read_bytes())
    summary.notes.append(f"{name} read as {encoding}")
    return name, text


def parse_public(value: str, where: str) -> bool:
    return parse_yes_no(value, where, "public", True)


def header_key(name: str) -> str:
    """A column's name with case, runs of spaces and `_` set aside: `Name_UK`, `name uk`."""
    return " ".join(name.replace("_", " ").split()).casefold()


def renamed_header(text: str, columns: dict[str, tuple[str, ...]]) -> str:
    """The CSV with its header's names read through `columns` (our name -> the other names a council writes for it,
    in either language; `header_key` aside); a name outside them is kept as written."""
    head, newline, rest = text.partition("\n")
    ending = "\r" if head.endswith("\r") else ""
    head = head.removesuffix("\r")
    delimiter = ";" if head.count(";") > head.count(",") else ","
    ours = {header_key(word): name for name, words in columns.items() for word in (name, *words)}
    names = next(csv.reader([head], delimiter=delimiter), [])
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(
        [ours.get(header_key(name), name.strip()) for name in names])
    return out.getvalue() + ending + newline + rest


def unit_ids(connection: Connection) -> dict[str, int]:
    """A unit's code, or its name in either language (case aside) -> its id."""
    found = {}
    for row in connection.execute(select(units.c.id, units.c.code, units.c.name_uk, units.c.name_en)):
        for word in (row.code, row.name_uk, row.name_en):
            found[word.casefold()] = row.id
    return found


def unit_id(value: str, ids: dict[str, int], where: str) -> int | None:
    if not value:
        return None
    if value.casefold() not in ids:
        raise ImportFailed(f"{where}, unit", f"unknown unit {value[:40]!r} (a code or a name; `import units` first)")
    return ids[value.casefold()]


@lru_cache(maxsize=64)
def _bounds(table: Table) -> dict[str, tuple[int, str]]:
    """A table's text columns with a bound, from the schema: String(N) in characters, a unique key's text in bytes."""
    keyed = {column.name for column in table.primary_key.columns}
    keyed |= {column.name for rule in (*table.constraints, *table.indexes) if isinstance(rule, UniqueConstraint)
              or getattr(rule, "unique", False) for column in rule.columns}
    bounds = {}
    for column in table.c:
        if isinstance(column.type, String) and column.type.length:
            bounds[column.name] = (column.type.length, "characters")
        elif isinstance(column.type, String) and column.name in keyed:
            bounds[column.name] = (KEY_BYTES, "bytes")
    return bounds


def check_fits(table: Table, row: dict, where: str) -> None:
    """Refuse a row whose text does not fit its column (a String(N), or a unique key's index entry) at its line,
    before anything is written: the database would otherwise stop the import with its own error."""
    for column, (most, unit) in _bounds(table).items():
        value = row.get(column)
        if isinstance(value, str) and (size := len(value) if unit == "characters" else len(value.encode())) > most:
            key = f" (a unique key{', made from the row' if column == 'identity' else ''})" if unit == "bytes" else ""
            raise ImportFailed(f"{where}, {column}", f"{size:,} {unit}, more than the {most:,} that "
                                                     f"{table.name}.{column} holds{key}")


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def delete_in(connection: Connection, column, values: list) -> None:
    """Delete the rows of `column`'s table whose `column` is one of `values`, a chunk a statement: one statement binds
    at most 32,766 values on a stock SQLite and 65,535 on PostgreSQL, fewer than a corrected file may drop."""
    for part in chunks(values):
        connection.execute(delete(column.table).where(column.in_(part)))


def update_rows(connection: Connection, table: Table, keys: tuple[str, ...], rows: list[dict]) -> None:
    """Set each row's other values where its `keys` match, in one executemany (the bound names stay clear of the
    columns' own, which SQLAlchemy reserves for SET)."""
    if not rows:
        return
    fields = [name for name in rows[0] if name not in keys]
    connection.execute(update(table).where(*(table.c[key] == bindparam(f"key_{key}") for key in keys)).values(
        {name: bindparam(f"new_{name}") for name in fields}),
        [{**{f"key_{key}": row[key] for key in keys}, **{f"new_{name}": row[name] for name in fields}} for row in rows])


def write_by_identity(connection: Connection, table, found: dict[str, dict], source: str, name: str, batch_id: int,
                      summary: ImportSummary, advance: Callable[[int], None]) -> None:
    """Insert new identities, update changed ones, and remove what an earlier version of the file brought
    that this one no longer holds; rows that did not change keep their batch."""
    fields = [column for column in next(iter(found.values())) if column != "identity"]
    stored = {}
    for part in chunks(list(found)):
        stored.update({row.identity: row for row in connection.execute(
            select(table.c.id, table.c.identity, *(table.c[f] for f in fields)).where(table.c.identity.in_(part)))})
    new = [{**row, "batch_id": batch_id} for identity, row in found.items() if identity not in stored]
    changed = [{**{f: row[f] for f in fields}, "id": stored[identity].id, "batch_id": batch_id}
               for identity, row in found.items() if identity in stored
               and any(getattr(stored[identity], f) != row[f] for f in fields)]
    names = tuple(new[0]) if new else ()
    for part in chunks(new, CHUNK * 10):
        bulk_insert(connection, table, names, [tuple(row[name] for name in names) for row in part])
        advance(len(part))
    update_rows(connection, table, ("id",), changed)
    earlier = select(import_batches.c.id).where(import_batches.c.source == source, import_batches.c.file_name == name,
                                                import_batches.c.id != batch_id)
    gone = [row.id for row in connection.execute(select(table.c.id, table.c.identity).where(
        table.c.batch_id.in_(earlier))) if row.identity not in found]
    delete_in(connection, table.c.id, gone)
    summary.rows_read = len(found) + len(summary.skipped)
    summary.rows_written = len(new) + len(changed) + len(gone)
    if changed:
        summary.notes.append(f"{len(changed):,} rows updated")
    if gone:
        summary.notes.append(f"{len(gone):,} rows of an earlier version of {name} are no longer in it: removed")


@contextmanager
def progress_bar(console: Console | None, total: int | None, what: str) -> Iterator[tuple[Callable, Callable]]:
    """Two advance callbacks (reading rows, writing rows) on a rich progress bar, or silent ones."""
    if console is None:
        yield (lambda n=1: None), (lambda n=1: None)
        return
    with Progress(console=console, transient=True) as bar:
        reading = bar.add_task(f"reading {what}", total=total)
        writing = bar.add_task(f"writing {what}", total=None)
        yield (lambda n=1: bar.advance(reading, n)), (lambda n=1: bar.advance(writing, n))
