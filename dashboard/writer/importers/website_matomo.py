"""Matomo's reporting API exported with period=day: JSON of its four reports, and VisitsSummary.get as CSV.

A JSON file's report is recognised from its rows when no --format names it; a page report is a tree
(expanded=1) or flat rows (flat=1), and only its leaves count, since a folder's figures are its pages' sum.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable

from dashboard.metrics.website import source_key
from dashboard.schema import site_pages
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import check_fits
from dashboard.writer.importers.files import ImportFailed, Limits, clean_text, csv_rows, normalised_header
from dashboard.writer.importers.values import parse_date
from dashboard.writer.importers.website_rules import page_path
from dashboard.writer.importers.website_traffic import Traffic, parse_seconds, parse_share, parse_source, parse_visits

REPORTS = {"matomo-visits": "VisitsSummary.get", "matomo-pages": "Actions.getPageUrls",
           "matomo-referrers": "Referrers.getReferrerType", "matomo-devices": "DevicesDetection.getType"}
NO_URL = "page url not defined"  # Matomo's row for hits without a URL
ACTIONS_NOTE = "pageviews are nb_actions (the export has no nb_pageviews): they also count downloads and outlinks"


def _site_day(day: dt.date, value: dict, at: Callable[[str], str], summary: ImportSummary) -> tuple | None:
    """One day of VisitsSummary.get (JSON or CSV) as a site_traffic_daily row; None for a day without visits."""
    for key in ("nb_uniq_visitors", "nb_visits"):
        if key not in value:
            raise ImportFailed(at(key), "missing")
    pageviews_key = "nb_pageviews" if "nb_pageviews" in value else "nb_actions"
    if pageviews_key not in value:
        raise ImportFailed(at("nb_actions"), "missing (and no nb_pageviews)")
    visits = parse_visits(value["nb_visits"], at("nb_visits"))
    row = (day, parse_visits(value["nb_uniq_visitors"], at("nb_uniq_visitors")), visits,
           parse_visits(value[pageviews_key], at(pageviews_key)), parse_share(value.get("bounce_rate"), at("bounce_rate")),
           parse_seconds(value.get("avg_time_on_site"), at("avg_time_on_site")))
    if pageviews_key == "nb_actions" and ACTIONS_NOTE not in summary.notes:
        summary.notes.append(ACTIONS_NOTE)
    return row if visits else None


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
            path = page_path("/".join(segments))
            check_fits(site_pages, {"path": path}, f"{at}.label")
            yield path, parse_visits(row.get("nb_hits"), f"{at}.nb_hits")


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
            pairs = [(parse_source(kind, _label(row, f"{where}[{i}]"), f"{where}[{i}].label"),
                      parse_visits(row.get("nb_visits"), f"{where}[{i}].nb_visits"))
                     for i, row in enumerate(_rows_of(value, where))]
        for key, measure in pairs:
            found[day, key] += measure
        traffic.rows_read += len(pairs)
        advance()
    traffic.daily[kind] = {key: measure for key, measure in found.items() if measure}
    return traffic


def read_matomo_csv(name: str, text: str, limits: Limits, summary: ImportSummary, advance: Callable) -> Traffic:
    """VisitsSummary.get as CSV: a `date` column and the metric columns; a day with no figures has no row."""
    traffic, line_of = Traffic(site=[]), {}
    for line, row in csv_rows(name, normalised_header(text), ("date",), limits):
        where = f"{name}: line {line}"
        day = parse_date(row["date"], f"{where}, date", limits, required=True)
        if day in line_of:
            raise ImportFailed(f"{where}, date", f"{day} is also the day of line {line_of[day]}: one row a day")
        line_of[day] = line
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
