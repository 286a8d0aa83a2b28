"""The demo council: a deterministic, realistic city council of 2015–2020, calibrated to the 2017 report.

`build(engine, scale, seed)` fills every table of `dashboard.schema` (import batches aside) and returns the
rows written per table. One module per domain (units, overview, votes, media, website, petitions,
procurement, consultations) holds that domain's catalogue and writes its tables; `base` holds what they share.
The same seed gives the same rows: every domain draws from its own `domain_rng(seed, key)`, so changing one
domain leaves the others alone. The 2017 figures of docs/kpis.md hold for the public audience at scale 1; a few
internal rows in every domain come on top. Everything is invented except the outlets that the 2017 report
names; deputies, mayor, petition authors and officials are fictional people. `scale` multiplies votes (per
session), pages, mentions, petitions and procurements, for benchmarks; on PostgreSQL every table is written with
COPY so that scale 100 (10M choices) stays a matter of minutes.
"""

from __future__ import annotations

from contextlib import nullcontext

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard import schema
from dashboard.writer.demo import consultations, media, overview, petitions, procurement, units, votes, website
from dashboard.writer.demo.base import Writer, bulk_load

BIG_TABLES = (schema.vote_choices, schema.page_traffic_daily)  # 10M and 20M rows at scale 100


def build(engine: Engine, scale: int = 1, seed: int = 2017, progress: Console | None = None) -> dict[str, int]:
    """Fill an empty database (tables created) with the demo council; return rows written per table."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=progress) if progress is not None else None
    with engine.begin() as connection, (bar or nullcontext()):
        writer = Writer(connection, bar)
        with bulk_load(connection, BIG_TABLES):
            unit_ids = units.write(writer)
            sessions = votes.session_days(seed)
            press_days = media.write(writer, seed, scale, unit_ids)
            website.write(writer, seed, scale, unit_ids, sessions, press_days)
            petitions.write(writer, seed, scale, unit_ids)
            votes.write(writer, seed, scale, unit_ids, sessions)
            procurement.write(writer, seed, scale, unit_ids)
            consultations.write(writer, seed, unit_ids)
            overview.write(writer)
        # Fresh tables have no planner statistics; the summaries' joins need them at scale, the pages after.
        writer.step("Planner statistics", lambda: connection.execute(text("ANALYZE")))
        votes.summarise(writer)
        website.summarise(writer)
        writer.step("Planner statistics", lambda: connection.execute(text("ANALYZE")))
        writer.reset_sequences()
    return writer.counts
