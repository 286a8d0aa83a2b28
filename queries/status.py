"""What is loaded: per import source, its batches, rows and years; per overview card, whether it has a value.

A council that starts from an empty database loads its sources one by one, in any order and any subset. This
answers "what do I have, and why is this card empty?" in one place, for `vidkryto status` and the data-quality
page alike. Sources are named as `vidkryto import <source>` names them.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import Integer, String, func, literal, select, union_all
from sqlalchemy.engine import Engine

from dashboard.filters import Filters
from dashboard.metrics.overview import KPIS
from dashboard.schema import (
    broadcasts,
    consultations,
    decisions,
    faction_memberships,
    import_batches,
    kpi_targets,
    media_mentions,
    petitions,
    procurements,
    public_events,
    site_page_rules,
    site_traffic_daily,
    units,
    votes,
)
from queries.common import fetch, visible, year_ends
from queries.datasets import Dataset
from queries.overview import kpi_values
from queries.shapes import Field

SOURCE_TABLES = {
    "units": (units, None),
    "targets": (kpi_targets, kpi_targets.c.year),
    "decisions": (decisions, decisions.c.adopted_on),
    "votes": (votes, votes.c.voted_at),
    "factions": (faction_memberships, None),
    "petitions": (petitions, petitions.c.submitted_on),
    "media": (media_mentions, media_mentions.c.published_on),
    "events": (public_events, public_events.c.held_on),
    "traffic": (site_traffic_daily, site_traffic_daily.c.day),
    "streams": (broadcasts, broadcasts.c.started_at),
    "page_units": (site_page_rules, None),
    "procurement": (procurements, procurements.c.published_on),
    "consultations": (consultations, consultations.c.started_on),
}
"""Each source's main table and the column that dates its rows (None: its rows have no date)."""

YEARS_NAMES = ("first_year", "last_year")
CARD_STATES = ("filled", "not_loaded", "nothing_counted")
"""A card's state (messages `quality_card_state_<state>`): it has a value, or why it has none."""


def sources(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per source: rows (that this audience sees), first_year, last_year, batches, last_import, last_file."""
    counted = union_all(*(
        select(literal(source, String).label("source"), func.count().label("rows"),
               *(year_ends(day, YEARS_NAMES) if day is not None
                 else (literal(None, Integer).label(name) for name in YEARS_NAMES)))
        .select_from(table).where(visible(table, filters))
        for source, (table, day) in SOURCE_TABLES.items()))
    rows = fetch(engine, counted)
    newest = (select(import_batches.c.source, import_batches.c.imported_at, import_batches.c.file_name,
                     func.count().over(partition_by=import_batches.c.source).label("batches"),
                     func.row_number().over(partition_by=import_batches.c.source,
                                            order_by=import_batches.c.id.desc()).label("rank"))
              .subquery())
    batches = fetch(engine, select(newest.c.source, newest.c.batches, newest.c.imported_at.label("last_import"),
                                   newest.c.file_name.label("last_file")).where(newest.c.rank == 1))
    order = {source: i for i, source in enumerate(SOURCE_TABLES)}
    return (rows.join(batches, on="source", how="left")
            .with_columns(pl.col("batches").fill_null(0), order=pl.col("source").replace_strict(order))
            .sort("order").drop("order"))


def cards(engine: Engine, filters: Filters) -> pl.DataFrame:
    """Per overview card: kpi, source, first_year and last_year with a value, target_years, and `state`:
    `filled`, or why it is empty: `not_loaded` (nothing of its source is loaded) or `nothing_counted` (the
    source is loaded, but holds no row the card counts)."""
    values = (kpi_values(engine, Filters.all_time(audience=filters.audience, own_units=filters.own_units))
              .group_by("kpi").agg(first_year=pl.col("year").min(), last_year=pl.col("year").max()))
    targets = fetch(engine, select(kpi_targets.c.kpi, func.count(func.distinct(kpi_targets.c.year))
                                   .label("target_years")).group_by(kpi_targets.c.kpi))
    loaded = dict(sources(engine, filters).select("source", "rows").iter_rows())
    frame = (pl.DataFrame({"kpi": [kpi.key for kpi in KPIS], "source": [kpi.source for kpi in KPIS]})
             .join(values, on="kpi", how="left").join(targets, on="kpi", how="left")
             .with_columns(pl.col("target_years").fill_null(0)))
    return frame.with_columns(state=pl.Series([
        "filled" if first is not None else "not_loaded" if not loaded.get(source) else "nothing_counted"
        for source, first in frame.select("source", "first_year").iter_rows()], dtype=pl.String))


YEARS = (Field("first_year", "quality_first_year", "year"), Field("last_year", "quality_last_year", "year"))
DATASETS = (
    Dataset("status_sources", sources, "data_quality", "What is loaded, per import source: rows, first_year, "
            "last_year, batches, last_import, last_file.", open_data=False,
            columns=(Field("source", "quality_source_name", labels="source_"), Field("rows", "quality_rows"), *YEARS,
                     Field("batches", "quality_batches"), Field("last_import", "quality_last_import", "datetime"),
                     Field("last_file", "quality_file"))),
    Dataset("status_cards", cards, "data_quality", "Per overview card: its source, the years with a value, the "
            "years with a target, and state (filled / not_loaded / nothing_counted).",
            open_data=False,
            columns=(Field("kpi", "quality_card", labels="kpi_"), Field("source", "quality_source_name", labels="source_"),
                     *YEARS, Field("target_years", "quality_target_years"),
                     Field("state", "quality_card_state", width="large", labels="quality_card_state_"))),
)
