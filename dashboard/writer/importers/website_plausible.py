"""Plausible's CSV export ZIP: visitors.csv's days, and the pages, sources or channels and devices totals.

The totals cover the export's whole period, so they are kept only when it is one calendar month; any other
period refuses the ZIP, since a daily split cannot be invented.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import defaultdict
from pathlib import Path, PurePath

from dashboard.metrics.website import source_key
from dashboard.schema import site_pages
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import check_fits
from dashboard.writer.importers.files import (
    ImportFailed,
    Limits,
    csv_rows,
    decode,
    member_names,
    members,
    normalised_header,
    printable,
)
from dashboard.writer.importers.values import parse_date
from dashboard.writer.importers.website_rules import page_path
from dashboard.writer.importers.website_traffic import Traffic, parse_seconds, parse_share, parse_source, parse_visits

PLAUSIBLE_TOTALS = {"pages.csv": "page", "channels.csv": "channel", "sources.csv": "channel", "devices.csv": "device"}


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
        visitors = parse_visits(row["visitors"], f"{where}, visitors")
        visits = parse_visits(row["visits"], f"{where}, visits") if "visits" in row else None
        site = (day, visitors, visits, parse_visits(row["pageviews"], f"{where}, pageviews"),
                parse_share(row.get("bounce_rate"), f"{where}, bounce_rate"),
                parse_seconds(row.get("visit_duration"), f"{where}, visit_duration"))
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
            check_fits(site_pages, {"path": key}, f"{where}, {label}")
        elif member.casefold() == "sources.csv" and source_key("channel", row[label]) is None:
            key = "referral"  # a site the service names by itself is a referring website
            as_referral.add(row[label])
        else:
            key = parse_source(kind, row[label], f"{where}, {label}")
        totals[key] += parse_visits(row[measure], f"{where}, {measure}")
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
