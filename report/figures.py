"""The figures of the yearly report, each with where it comes from: the registered dataset whose export holds it,
the filters of that export, and the import batches whose rows it counts.

Rules: a figure is a KPI of the overview (`queries.overview.kpi_table`, the `kpi` dataset) for the year and the
year before, with its target; the outlets that covered the council are the media page's `media_outlets` rows of
the year. A figure without a row has no data (None), never a zero. Batches are those of the KPI's source whose
rows fall in what the figure counts (the year, or everything up to its end for a running total); rows the demo
wrote have no batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl
from sqlalchemy import DateTime, Integer, and_, func, select, true
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.metrics.overview import KPIS
from dashboard.schema import convocations, import_batches
from queries.common import fetch
from queries.media import by_outlet
from queries.overview import kpi_table, over_years
from queries.status import SOURCE_TABLES


@dataclasses.dataclass(frozen=True)
class Batch:
    file_name: str
    imported_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Figure:
    """One number of the report and its trace."""

    key: str                        # a KPI key
    value: float | None             # None: no data for the year
    previous: float | None
    target: float | None
    dataset: str                    # the registered dataset whose export holds it
    params: dict[str, str]          # that export's link parameters (year, unit)
    batches: tuple[Batch, ...]


@dataclasses.dataclass(frozen=True)
class Report:
    year: int
    units: tuple[str, ...]
    figures: dict[str, Figure]
    outlets: pl.DataFrame           # outlet, kind, mentions of the year, most mentioned first
    convocation: int | None         # the convocation in force at the year's end


def _batches(engine: Engine, source: str, basis: str, year: int) -> tuple[Batch, ...]:
    """The imports whose rows of `source` the figure counts: the year's, or all up to its end (a running total)."""
    table, day = SOURCE_TABLES[source]
    in_scope = true()
    if day is not None:
        start = dt.date(year, 1, 1) if basis == "year" else dt.date(1, 1, 1)
        if isinstance(day.type, DateTime):
            in_scope = and_(day >= dt.datetime.combine(start, dt.time.min), day < dt.datetime(year + 1, 1, 1))
        elif isinstance(day.type, Integer):  # a year column (targets)
            in_scope = day.between(start.year, year)
        else:
            in_scope = day.between(start, dt.date(year, 12, 31))
    used = select(table.c.batch_id).where(table.c.batch_id.is_not(None), in_scope).distinct()
    rows = fetch(engine, select(import_batches.c.file_name, import_batches.c.imported_at)
                 .where(import_batches.c.id.in_(used)).order_by(import_batches.c.imported_at))
    return tuple(Batch(*row) for row in rows.iter_rows())


def _convocation(engine: Engine, year: int) -> int | None:
    found = fetch(engine, select(func.max(convocations.c.number).label("number"))
                  .where(convocations.c.started_on <= dt.date(year, 12, 31)))
    return found["number"][0]


def gather(engine: Engine, filters: Filters) -> Report:
    """Every figure of the report for the year of `filters` (its period's last year) and its units."""
    year = filters.date_to.year
    table = kpi_table(engine, over_years(filters, year - 1, year))
    values = {(row["year"], row["kpi"]): row for row in table.iter_rows(named=True)}
    params = {"year": str(year), **({"unit": ",".join(filters.units)} if filters.units else {})}
    figures = {}
    for kpi in KPIS:
        now, before = values.get((year, kpi.key)), values.get((year - 1, kpi.key))
        figures[kpi.key] = Figure(kpi.key, now and now["value"], before and before["value"], now and now["target"],
                                  "kpi", params, _batches(engine, kpi.source, kpi.basis, year))
    outlets = by_outlet(engine, over_years(filters, year, year)).select("outlet", "kind", "mentions")
    return Report(year, filters.units, figures, outlets, _convocation(engine, year))
