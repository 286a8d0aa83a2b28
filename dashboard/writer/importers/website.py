"""Website traffic, live streams and the path rules: `import traffic` (Matomo's reporting API with period=day as
JSON or CSV, Plausible's CSV export ZIP), `import streams` (a channel's broadcasts, CSV) and `import page_units`
(the path rules, CSV prefix, unit).

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

import datetime as dt
import json
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from rich.console import Console
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from dashboard import vocabularies
from dashboard.metrics.website import (
    BROADCAST_KINDS,
    SOURCE_WORDS,
    broadcast_identity,
    sorted_rules,
    source_key,
    unit_for_path,
)
from dashboard.schema import (
    TRAFFIC_SUMMARIES,
    broadcasts,
    import_batches,
    site_page_rules,
    site_pages,
    site_traffic_daily,
)
from dashboard.vocabularies import vocabulary_key
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import (
    chunks,
    parse_public,
    progress_bar,
    unit_id,
    unit_ids,
    write_by_identity,
)
from dashboard.writer.importers.files import (
    ImportFailed,
    Limits,
    clean_text,
    csv_rows,
    decode,
    member_names,
    members,
    normalised_header,
    parse_count,
    printable,
    read_json,
)
from dashboard.writer.importers.values import parse_date, parse_datetime
from dashboard.writer.traffic_summaries import refresh_traffic_months
from dashboard.writer.vote_summaries import bulk_insert

REPORTS = {"matomo-visits": "VisitsSummary.get", "matomo-pages": "Actions.getPageUrls",
           "matomo-referrers": "Referrers.getReferrerType", "matomo-devices": "DevicesDetection.getType"}
FORMATS = ("csv", "matomo-json", *REPORTS, "plausible")
MAX_VISITS = 999_999_999
MAX_SECONDS = 10_000_000
PLATFORM_CHARS = 30
NO_URL = "page url not defined"  # Matomo's row for hits without a URL
PLAUSIBLE_TOTALS = {"pages.csv": "page", "channels.csv": "channel", "sources.csv": "channel", "devices.csv": "device"}
SITE_COLUMNS = ("day", "visitors", "visits", "pageviews", "bounce_rate", "avg_visit_seconds")
TABLES = {summary[2].removesuffix("_id"): summary for summary in TRAFFIC_SUMMARIES.values()}  # page / channel / device -> (daily, monthly, key, measure)
INSERT_CHUNK = 20_000


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


@dataclass
class Traffic:
    """What one traffic file brings: the days it covers, and the rows of each table it fills."""

    days: list[dt.date] = field(default_factory=list)
    site: list[tuple] | None = None  # SITE_COLUMNS
    daily: dict[str, dict[tuple[dt.date, str], int]] = field(default_factory=dict)  # kind -> (day, key) -> measure
    month: dt.date | None = None
    monthly: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> key -> measure, for `month`
    rows_read: int = 0


# --- Values -------------------------------------------------------------------------------------

def _share(value: object, where: str) -> float | None:
    """A percent ("54%" as Matomo writes it, 54 or "54.0" as Plausible does) as a share 0..1; empty: None."""
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip().removesuffix("%")) if isinstance(value, str) else value
    except ValueError:
        number = None
    if not isinstance(number, (int, float)) or isinstance(number, bool) or not 0 <= number <= 100:
        raise ImportFailed(where, f"not a percent from 0 to 100: {str(value)[:40]!r}")
    return round(number / 100, 6)


def _seconds(value: object, where: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value) if isinstance(value, str) else value
    except ValueError:
        number = None
    if not isinstance(number, (int, float)) or isinstance(number, bool) or not 0 <= number <= MAX_SECONDS:
        raise ImportFailed(where, f"not a number of seconds: {str(value)[:40]!r}")
    return float(number)


def _visits(value: object, where: str) -> int:
    return parse_count(value, where, MAX_VISITS)


def page_path(label: str) -> str:
    """A page's path from the site root: no query or fragment, no empty segment, no trailing slash."""
    path = label.split("?", 1)[0].split("#", 1)[0]
    return "/" + "/".join(segment for segment in path.split("/") if segment)


def _word(kind: str, label: str, where: str) -> str:
    key = source_key(kind, label)
    if key is None:
        raise ImportFailed(where, f"unknown {kind} {label[:60]!r}; add it to dashboard/vocabularies/"
                                  f"{SOURCE_WORDS[kind]}.csv")
    return key


ACTIONS_NOTE = "pageviews are nb_actions (the export has no nb_pageviews): they also count downloads and outlinks"


def _site_day(day: dt.date, value: dict, at: Callable[[str], str], summary: ImportSummary) -> tuple | None:
    """One day of VisitsSummary.get (JSON or CSV) as a site_traffic_daily row; None for a day without visits."""
    for key in ("nb_uniq_visitors", "nb_visits"):
        if key not in value:
            raise ImportFailed(at(key), "missing")
    pageviews_key = "nb_pageviews" if "nb_pageviews" in value else "nb_actions"
    if pageviews_key not in value:
        raise ImportFailed(at("nb_actions"), "missing (and no nb_pageviews)")
    visits = _visits(value["nb_visits"], at("nb_visits"))
    row = (day, _visits(value["nb_uniq_visitors"], at("nb_uniq_visitors")), visits,
           _visits(value[pageviews_key], at(pageviews_key)), _share(value.get("bounce_rate"), at("bounce_rate")),
           _seconds(value.get("avg_time_on_site"), at("avg_time_on_site")))
    if pageviews_key == "nb_actions" and ACTIONS_NOTE not in summary.notes:
        summary.notes.append(ACTIONS_NOTE)
    return row if visits else None


# --- Matomo -------------------------------------------------------------------------------------

def _matomo_days(name: str, data: object, limits: Limits) -> list[tuple[dt.date, str, object]]:
    """(day, JSON path, value) of a report with period=day over a date range: an object keyed by date."""
    if isinstance(data, dict) and data.get("result") == "error":
        raise ImportFailed(f"{name}: $", f"Matomo answered with an error: {str(data.get('message'))[:200]}")
    if not isinstance(data, dict) or not data:
        raise ImportFailed(f"{name}: $", "not an object keyed by date (export with period=day and a date range)")
    found = []
    for key, value in data.items():
        where = f"{name}: $[{json.dumps(key[:40], ensure_ascii=False)}]"
        found.append((parse_date(key, where, limits, required=True), where, value))
    return sorted(found, key=lambda item: item[0])


def _recognise(name: str, days: list[tuple[dt.date, str, object]]) -> str:
    """Which report the rows are from: the day's figures, `nb_hits` (pages), a segment or a known label."""
    for _day_, _where, value in days:
        if isinstance(value, dict) and value:
            return "matomo-visits"
        if isinstance(value, list) and value and isinstance(value[0], dict):
            row = value[0]
            segment, label = str(row.get("segment", "")), str(row.get("label", ""))
            if "nb_hits" in row:
                return "matomo-pages"
            if segment.startswith("referrerType==") or source_key("channel", label):
                return "matomo-referrers"
            if segment.startswith("deviceType==") or source_key("device", label):
                return "matomo-devices"
            break
    raise ImportFailed(name, f"cannot tell which Matomo report this is from its rows; give --format "
                             f"{' / '.join(REPORTS)}")


def _rows_of(value: object, where: str) -> list:
    if not isinstance(value, list):
        raise ImportFailed(where, "expected a list of rows, or [] (no data)")
    return value


def _label(row: object, where: str) -> str:
    if not isinstance(row, dict):
        raise ImportFailed(where, "expected an object with a label")
    if not isinstance(row.get("label"), str) or not row["label"].strip():
        raise ImportFailed(f"{where}.label", "missing or not text")
    return clean_text(row["label"], f"{where}.label")


def _leaves(rows: list, where: str, folder: tuple[str, ...], summary: ImportSummary):
    """(path, pageviews) of the leaves of an `expanded=1` tree (a folder's own figures are its children's
    sum, so only leaves count; a folder's `/index` leaf is the folder's own page), or of `flat=1` rows."""
    for i, row in enumerate(_rows_of(rows, where)):
        at = f"{where}[{i}]"
        label = _label(row, at)
        if label.casefold() == NO_URL:
            summary.skipped.append((at, "hits without a page URL (Matomo's 'Page URL not defined')"))
            continue
        segments = (*folder, *page_path(label).strip("/").split("/"))
        if "subtable" in row:
            yield from _leaves(row["subtable"], f"{at}.subtable", segments, summary)
        elif "idsubdatatable" in row:
            raise ImportFailed(at, f"folder {label[:60]!r} without its pages: export with expanded=1 (or flat=1)")
        else:
            if segments[-1:] == ("index",):
                segments = segments[:-1]
            yield page_path("/".join(segments)), _visits(row.get("nb_hits"), f"{at}.nb_hits")


def read_matomo(name: str, data: object, fmt: str, limits: Limits, summary: ImportSummary, advance: Callable) -> Traffic:
    days = _matomo_days(name, data, limits)
    report = fmt if fmt in REPORTS else _recognise(name, days)
    summary.notes.append(f"{name}: Matomo {REPORTS[report]}, {days[0][0]} … {days[-1][0]}"
                         + ("" if fmt in REPORTS else " (recognised from its rows)"))
    traffic = Traffic(days=[day for day, _where, _value in days])
    if report == "matomo-visits":
        traffic.site = []
        for day, where, value in days:
            if value == []:
                continue
            if not isinstance(value, dict):
                raise ImportFailed(where, "expected the day's figures (an object), or [] (no data)")
            row = _site_day(day, value, lambda key, where=where: f"{where}.{key}", summary)
            traffic.site += [row] if row else []
            traffic.rows_read += 1
            advance()
        return traffic
    kind = {"matomo-pages": "page", "matomo-referrers": "channel", "matomo-devices": "device"}[report]
    found: dict[tuple[dt.date, str], int] = defaultdict(int)
    for day, where, value in days:
        if kind == "page":
            pairs = list(_leaves(value, where, (), summary))
        else:
            pairs = [(_word(kind, _label(row, f"{where}[{i}]"), f"{where}[{i}].label"),
                      _visits(row.get("nb_visits"), f"{where}[{i}].nb_visits"))
                     for i, row in enumerate(_rows_of(value, where))]
        for key, measure in pairs:
            found[day, key] += measure
        traffic.rows_read += len(pairs)
        advance()
    traffic.daily[kind] = {key: measure for key, measure in found.items() if measure}
    return traffic


def read_matomo_csv(name: str, text: str, limits: Limits, summary: ImportSummary, advance: Callable) -> Traffic:
    """VisitsSummary.get as CSV: a `date` column and the metric columns; a day with no figures has no row."""
    traffic = Traffic(site=[])
    for line, row in csv_rows(name, normalised_header(text), ("date",), limits):
        where = f"{name}: line {line}"
        day = parse_date(row["date"], f"{where}, date", limits, required=True)
        traffic.days.append(day)
        figures = {column: value for column, value in row.items() if value and column != "date"}
        if figures:
            site = _site_day(day, figures, lambda column, where=where: f"{where}, {column}", summary)
            traffic.site += [site] if site else []
            traffic.rows_read += 1
        advance()
    if not traffic.days:
        raise ImportFailed(name, "no days in the file")
    summary.notes.append(f"{name}: Matomo VisitsSummary.get (CSV), {min(traffic.days)} … {max(traffic.days)}")
    return traffic


# --- Plausible ----------------------------------------------------------------------------------

def _plausible_days(member: str, rows: list[tuple[int, dict]], traffic: Traffic, limits: Limits,
                    summary: ImportSummary) -> None:
    """visitors.csv: consecutive days (one export interval), each day's site row unless it had no visitors."""
    columns = rows[0][1].keys() if rows else ()
    missing = [column for column in ("date", "visitors", "pageviews") if column not in columns]
    if missing:
        raise ImportFailed(f"{member}: line 1", f"missing column(s): {', '.join(missing)}")
    if "visits" not in columns:
        summary.notes.append(f"{member} has no visits column (an older Plausible export): visits left empty, "
                             "never taken from visitors")
    traffic.site = []
    for line, row in rows:
        where = f"{member}: line {line}"
        day = parse_date(row["date"], f"{where}, date", limits, required=True)
        if traffic.days and day != traffic.days[-1] + dt.timedelta(days=1):
            raise ImportFailed(f"{where}, date", f"{day} is not the day after {traffic.days[-1]}: "
                                                 "export with a daily interval")
        traffic.days.append(day)
        visitors = _visits(row["visitors"], f"{where}, visitors")
        visits = _visits(row["visits"], f"{where}, visits") if "visits" in row else None
        site = (day, visitors, visits, _visits(row["pageviews"], f"{where}, pageviews"),
                _share(row.get("bounce_rate"), f"{where}, bounce_rate"),
                _seconds(row.get("visit_duration"), f"{where}, visit_duration"))
        traffic.site += [site] if visitors else []
        traffic.rows_read += 1
    if not traffic.days:
        raise ImportFailed(member, "no days in the file")


def _whole_month(first: dt.date, last: dt.date) -> dt.date | None:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first if first.day == 1 and last == following - dt.timedelta(days=1) else None


def _plausible_totals(member: str, kind: str, rows: list[tuple[int, dict]], summary: ImportSummary) -> dict | None:
    """A totals file's rows as key -> measure; None (said in the summary) when it lacks the measure."""
    columns = rows[0][1].keys() if rows else ()
    label = next((column for column in ("name", kind, "source", "page") if column in columns), None)
    measure = "pageviews" if kind == "page" else "visits"
    if rows and label is None:
        raise ImportFailed(f"{member}: line 1", "missing column(s): name")
    if rows and measure not in columns:
        summary.notes.append(f"{member} has no {measure} column (an older Plausible export): not stored"
                             + ("" if kind == "page" else "; its visitors are unique visitors, not visits"))
        return None
    totals: dict[str, int] = defaultdict(int)
    as_referral = set()
    for line, row in rows:
        where = f"{member}: line {line}"
        if not row[label]:
            raise ImportFailed(where, f"empty {label}")
        if kind == "page":
            key = page_path(row[label])
        elif member.casefold() == "sources.csv" and source_key("channel", row[label]) is None:
            key = "referral"  # a site the service names by itself is a referring website
            as_referral.add(row[label])
        else:
            key = _word(kind, row[label], f"{where}, {label}")
        totals[key] += _visits(row[measure], f"{where}, {measure}")
    if as_referral:
        summary.notes.append(f"{member}: {len(as_referral):,} sources not in traffic_channel_sources.csv counted as "
                             f"referral: {', '.join(sorted(as_referral)[:10])}{' …' if len(as_referral) > 10 else ''}")
    return {key: value for key, value in totals.items() if value}


def read_plausible(path: Path, limits: Limits, summary: ImportSummary) -> Traffic:
    name = printable(path.name)
    if not zipfile.is_zipfile(path):
        raise ImportFailed(name, "a Plausible export is a ZIP of CSV files")
    texts = {member.casefold(): (member, decode(member, raw)[0])
             for member, raw in members(path, lambda n: n.casefold() in ("visitors.csv", *PLAUSIBLE_TOTALS), limits)}
    if "channels.csv" in texts and "sources.csv" in texts:
        texts.pop("sources.csv")
    ignored = [member for member in member_names(path) if PurePath(member).name.casefold() not in texts]
    if ignored:
        summary.notes.append(f"{name}: ignored {', '.join(ignored)}")
    if "visitors.csv" not in texts:
        raise ImportFailed(name, "no visitors.csv: not a Plausible export")
    traffic = Traffic()
    member, text = texts.pop("visitors.csv")
    _plausible_days(member, list(csv_rows(member, normalised_header(text), (), limits)), traffic, limits, summary)
    first, last = traffic.days[0], traffic.days[-1]
    traffic.month = _whole_month(first, last)
    for key, (member, text) in sorted(texts.items()):
        if traffic.month is None:
            raise ImportFailed(member, f"totals over {first} … {last}, which is not one calendar month: a daily split "
                                       "cannot be invented, so nothing of the ZIP is imported; export one calendar "
                                       "month (or a ZIP of visitors.csv alone)")
        rows = list(csv_rows(member, normalised_header(text), (), limits))
        totals = _plausible_totals(member, PLAUSIBLE_TOTALS[key], rows, summary)
        if totals is not None:
            traffic.monthly[PLAUSIBLE_TOTALS[key]] = totals
            traffic.rows_read += len(rows)
    summary.notes.append(f"{name}: Plausible, {first} … {last}"
                         + (f" (the month {traffic.month:%Y-%m})" if traffic.month else ""))
    return traffic


# --- Writing traffic ----------------------------------------------------------------------------

def _replace(connection: Connection, table, by: str, periods: list[dt.date], columns: tuple[str, ...],
             rows: list[tuple], batch_id: int, advance: Callable) -> int:
    """Make the rows of `periods` (values of column `by`) the file's own: nothing written when they already
    are, else the stored ones deleted and the file's inserted. Returns the rows written."""
    stored: set[tuple] = set()
    for part in chunks(periods, 500):
        stored.update(tuple(row) for row in connection.execute(
            select(*(table.c[column] for column in columns)).where(table.c[by].in_(part))))
    if stored == set(rows):
        return 0
    for part in chunks(periods, 500):
        connection.execute(delete(table).where(table.c[by].in_(part)))
    for part in chunks(rows, INSERT_CHUNK):
        bulk_insert(connection, table, (*columns, "batch_id"), [(*row, batch_id) for row in part])
        advance(len(part))
    return len(rows)


def _page_ids(connection: Connection, paths: set[str], summary: ImportSummary) -> dict[str, int]:
    """Every page's id by path, the new ones created (their unit comes from the rules afterwards)."""
    known = dict(connection.execute(select(site_pages.c.path, site_pages.c.id)).all())
    new = sorted(paths - known.keys())
    if not new:
        return known
    for part in chunks(new, INSERT_CHUNK):
        connection.execute(insert(site_pages), [{"path": path} for path in part])
    summary.notes.append(f"{len(new):,} pages created")
    return dict(connection.execute(select(site_pages.c.path, site_pages.c.id)).all())


def write_traffic(connection: Connection, traffic: Traffic, batch_id: int, summary: ImportSummary,
                  advance: Callable) -> None:
    written = 0
    if traffic.site is not None:
        written += _replace(connection, site_traffic_daily, "day", traffic.days, SITE_COLUMNS, traffic.site,
                            batch_id, advance)
    paths = set(traffic.monthly.get("page", {})) | {path for _day_, path in traffic.daily.get("page", {})}
    page_ids = _page_ids(connection, paths, summary)
    for kind, found in traffic.daily.items():
        daily, _monthly, key, measure = TABLES[kind]
        rows = [(day, page_ids[k] if kind == "page" else k, value) for (day, k), value in found.items()]
        written += _replace(connection, daily, "day", traffic.days, ("day", key, measure), rows, batch_id, advance)
    if traffic.daily:
        refresh_traffic_months(connection, traffic.days)
    for kind, found in traffic.monthly.items():
        _daily, monthly, key, measure = TABLES[kind]
        rows = [(traffic.month, page_ids[k] if kind == "page" else k, value) for k, value in found.items()]
        written += _replace(connection, monthly, "month", [traffic.month], ("month", key, measure), rows, batch_id,
                            advance)
    summary.rows_read, summary.rows_written = traffic.rows_read, written
    if not written:
        summary.notes.append("every row was already stored as the file has it: nothing written")
    apply_rules(connection, summary)


# --- Path rules ---------------------------------------------------------------------------------

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


# --- Live streams -------------------------------------------------------------------------------

def _kind(value: str, where: str) -> str:
    key = vocabulary_key("broadcast_kinds", value) or vocabulary_key("broadcast_kinds", "_".join(value.split()))
    if key is None:
        raise ImportFailed(where, f"unknown kind {value[:60]!r}; one of {', '.join(BROADCAST_KINDS)} or their "
                                  "words in dashboard/vocabularies/broadcast_kinds.csv")
    return key


def _live_views(row: dict, where: str) -> int | None:
    """The views while live (YouTube Studio's split), at most all views; empty: the export has no split."""
    if not (row.get("live_views") or "").strip():
        return None
    live = _visits(row["live_views"], f"{where}, live_views")
    if live > _visits(row.get("views") or "0", f"{where}, views"):
        raise ImportFailed(f"{where}, live_views", f"{live} live views, more than the stream's {row.get('views') or 0} views")
    return live


def read_streams(connection: Connection, name: str, text: str, limits: Limits, summary: ImportSummary,
                 advance: Callable) -> dict[str, dict]:
    """The file's broadcasts by identity (a stream listed twice: the later line, the earlier reported)."""
    ids, found, where_of = unit_ids(connection), {}, {}
    for line, row in csv_rows(name, normalised_header(text), ("started_at", "kind"), limits):
        where = f"{name}: line {line}"
        started = parse_datetime(row["started_at"], f"{where}, started_at", limits, required=True)
        title, url = row.get("title") or None, row.get("url") or None
        platform = row.get("platform", "").casefold() or None
        if platform and len(platform) > PLATFORM_CHARS:
            raise ImportFailed(f"{where}, platform", f"longer than {PLATFORM_CHARS} characters")
        identity = broadcast_identity(url, started, title)
        if identity in found:
            summary.skipped.append((where_of[identity], f"the same stream as line {line}: one broadcast"))
        found[identity] = {"identity": identity, "started_at": started, "kind": _kind(row["kind"], f"{where}, kind"),
                           "title": title, "platform": platform, "url": url,
                           "views": _visits(row.get("views") or "0", f"{where}, views"),
                           "live_views": _live_views(row, where),
                           "unit_id": unit_id(row.get("unit", ""), ids, where),
                           "is_public": parse_public(row.get("public") or row.get("is_public", ""), where)}
        where_of[identity] = where
        advance()
    if not found:
        raise ImportFailed(name, "no streams in the file")
    return found


# --- Running ------------------------------------------------------------------------------------

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
    text, encoding = decode(name, path.read_bytes())
    summary.notes.append(f"{name} read as {encoding}")
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
            traffic = read_matomo(name, read_json(name, text), fmt, limits, summary, reading)
        write_traffic(connection, traffic, batch_id, summary, writing)
    return summary
