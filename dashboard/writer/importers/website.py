"""Website traffic, live streams and the path rules: `import traffic` (Matomo's reporting API with period=day as
JSON or CSV, Plausible's CSV export ZIP), `import streams` (a channel's broadcasts, CSV) and `import page_units`
(the path rules, CSV prefix, unit). This module is the entry (formats, detection, `run`); Matomo, Plausible,
the streams and the path rules are each read in their own website_*.py module, and traffic is written by
website_traffic.py.

Rules (docs/website.md):
- a file is read and checked whole before anything is written; a bad value stops it at its line or JSON path;
- a traffic file covers days (Matomo's dates, Plausible's visitors.csv), and in every table it fills those
  days' rows are replaced by its own; a day without visits (Matomo's `[]`, Plausible's zero) has no row, not
  zeros; rows equal to the stored ones are not rewritten, so a copy of an imported file writes nothing;
- unique visitors are stored per day as given and never summed; pageviews are `nb_pageviews`, else Matomo's
  `nb_actions` (which counts downloads and outlinks too: the summary says so);
- Plausible's pages, sources, channels and devices are totals over the export's period: that month's rows when
  the period is one calendar month, else the ZIP is refused (a daily split cannot be invented);
- a page is its path from the site root; after every traffic import the path rules (the ones last imported,
  else vocabularies/page_units.csv) are applied to every page; a rule naming a unit the database does not have
  is skipped and counted (the shipped rules are defaults, never a refusal), and a rules file with none clears them;
- a broadcast is `metrics.website.broadcast_identity`: listed again, its views (and other fields) are updated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from rich.console import Console
from sqlalchemy import select
from sqlalchemy.engine import Connection

from dashboard.schema import broadcasts, import_batches
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import progress_bar, read_text, write_by_identity
from dashboard.writer.importers.files import ImportFailed, Limits, printable, read_json
from dashboard.writer.importers.website_matomo import REPORTS, read_matomo, read_matomo_csv
from dashboard.writer.importers.website_plausible import read_plausible
from dashboard.writer.importers.website_rules import import_rules
from dashboard.writer.importers.website_streams import read_streams
from dashboard.writer.importers.website_traffic import write_traffic

FORMATS = ("csv", "matomo-json", *REPORTS, "plausible")


def detect_format(path: Path) -> str:
    name = printable(path.name)
    if path.is_dir():
        raise ImportFailed(name, "expected a file: a Matomo export (.json or .csv), a Plausible ZIP or a CSV")
    if zipfile.is_zipfile(path):
        return "plausible"
    suffix = path.suffix.casefold()
    if suffix not in (".json", ".csv"):
        raise ImportFailed(name, "expected a .json or .csv file or a ZIP")
    return "matomo-json" if suffix == ".json" else "csv"


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    """The three sources: `traffic`, `streams` and `page_units` (the batch says which)."""
    source = connection.execute(select(import_batches.c.source).where(import_batches.c.id == batch_id)).scalar_one()
    summary, name = ImportSummary(), printable(path.name)
    if source != "traffic" and fmt != "csv":
        raise ImportFailed(name, f"{source} takes a CSV file, not {fmt}")
    if fmt == "plausible":
        traffic = read_plausible(path, limits, summary)
        with progress_bar(progress, None, "traffic") as (_reading, writing):
            write_traffic(connection, traffic, batch_id, summary, writing)
        return summary
    text = read_text(path, summary)[1]
    if source == "page_units":
        import_rules(connection, name, text, limits, batch_id, summary)
        return summary
    with progress_bar(progress, None, source) as (reading, writing):
        if source == "streams":
            found = read_streams(connection, name, text, limits, summary, reading)
            write_by_identity(connection, broadcasts, found, source, name, batch_id, summary, writing)
            return summary
        if fmt == "csv":
            traffic = read_matomo_csv(name, text, limits, summary, reading)
        else:
            traffic = read_matomo(name, read_json(name, text, limits), fmt, limits, summary, reading)
        write_traffic(connection, traffic, batch_id, summary, writing)
    return summary
