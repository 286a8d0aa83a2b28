"""The path rules (prefix -> unit): `import page_units` stores them, and every traffic import applies them.

`page_path` is here because a rule's prefix and a traffic file's page must be read into the same form to meet.
"""

from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from dashboard import vocabularies
from dashboard.metrics.website import sorted_rules, unit_for_path
from dashboard.schema import import_batches, site_page_rules, site_pages
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import check_fits, unit_ids
from dashboard.writer.importers.files import ImportFailed, Limits, csv_rows, normalised_header


def page_path(label: str) -> str:
    """A page's path from the site root: no query or fragment, no empty segment, no trailing slash."""
    path = label.split("?", 1)[0].split("#", 1)[0]
    return "/" + "/".join(segment for segment in path.split("/") if segment)


def apply_rules(connection: Connection, summary: ImportSummary) -> None:
    """Give every page the unit of its rule: the rules stored (imported with `import page_units`, or the demo's),
    none once an imported file cleared them, else the shipped vocabularies/page_units.csv (or the council's copy),
    whose rules naming a unit the database does not have are skipped and counted, never a refusal."""
    rules = connection.execute(select(site_page_rules.c.prefix, site_page_rules.c.unit_id)).all()
    imported = connection.execute(select(import_batches.c.id).where(import_batches.c.source == "page_units").limit(1))
    if rules or imported.first():
        source = "the rules imported with `import page_units`"
    else:
        ids, source = unit_ids(connection), vocabularies.shown("page_units")
        shipped = vocabularies.rows("page_units")
        unknown = [row["unit"] for row in shipped if row["unit"].casefold() not in ids]
        if unknown:
            summary.notes.append(f"{len(unknown)} path rules of {source} name units the database does not have, "
                                 f"skipped: {', '.join(sorted(set(unknown)))}")
        rules = [(row["prefix"], ids[row["unit"].casefold()]) for row in shipped if row["unit"].casefold() in ids]
    rules = sorted_rules(rules)
    pages = connection.execute(select(site_pages.c.id, site_pages.c.path, site_pages.c.unit_id)).all()
    wanted = {page.id: unit_for_path(page.path, rules) for page in pages}
    changed = [{"page": page.id, "unit": wanted[page.id]} for page in pages if page.unit_id != wanted[page.id]]
    if changed:
        connection.execute(update(site_pages).where(site_pages.c.id == bindparam("page"))
                           .values(unit_id=bindparam("unit")), changed)
    summary.notes.append(f"path rules from {source} applied to every page: {len(changed):,} changed unit")


def import_rules(connection: Connection, name: str, text: str, limits: Limits, batch_id: int,
                 summary: ImportSummary) -> None:
    """Store a rules file (prefix, unit) in place of the earlier rules, then apply it to every page. A rule naming a
    unit the database does not have is skipped and reported; a file with no rules clears them."""
    ids, found, line_of = unit_ids(connection), {}, {}
    for line, row in csv_rows(name, normalised_header(text), ("prefix", "unit"), limits):
        where = f"{name}: line {line}"
        if not row["prefix"].startswith("/"):
            raise ImportFailed(f"{where}, prefix", f"a path from the site root starts with '/': {row['prefix'][:60]!r}")
        prefix = page_path(row["prefix"])
        check_fits(site_page_rules, {"prefix": prefix}, where)
        if prefix in line_of:
            raise ImportFailed(f"{where}, prefix", f"{prefix} is also the rule of line {line_of[prefix]}")
        line_of[prefix] = line
        if row["unit"].casefold() in ids:
            found[prefix] = ids[row["unit"].casefold()]
        else:
            summary.skipped.append((f"{where}, unit", f"unit {row['unit'][:40]!r} is not in the database: rule skipped"))
    connection.execute(delete(site_page_rules))
    if found:
        connection.execute(insert(site_page_rules), [{"prefix": prefix, "unit_id": unit, "batch_id": batch_id}
                                                     for prefix, unit in found.items()])
    else:
        summary.notes.append(f"{name} holds no rule: the path rules are cleared, pages belong to no unit by path")
    summary.rows_read, summary.rows_written = len(line_of), len(found)
    apply_rules(connection, summary)
