"""The demo council's KPI targets: what the programme aims at, council-wide, year by year.

Rule: one target per KPI and year 2016–2020, with no unit (the whole council); nothing random.
"""

from __future__ import annotations

from dashboard import schema
from dashboard.writer.demo.base import Writer

# KPI -> targets for 2016, 2017, 2018, 2019, 2020
KPI_TARGETS = {
    "press_conferences": (10, 12, 12, 12, 12),
    "guest_in_studio": (4, 5, 6, 6, 6),
    "foreign_journalists": (1, 2, 2, 2, 2),
    "outlets_covering": (25, 28, 30, 30, 32),
    "website_daily_visitors": (450, 500, 600, 650, 700),
    "live_streams": (150, 300, 420, 540, 650),
    "live_stream_views": (8_000, 20_000, 30_000, 42_000, 55_000),
    "procurements": (700, 850, 900, 950, 1_000),
    "petitions_submitted": (80, 200, 320, 420, 520),
    "petitions_considered": (10, 25, 40, 55, 70),
    "plenary_sessions": (15, 30, 42, 54, 66),
    "decisions": (500, 1_000, 1_400, 1_800, 2_200),
    "consultations_online": (1, 3, 4, 5, 6),
}


def write(writer: Writer) -> None:
    rows = [(kpi, year, float(target)) for kpi, targets in KPI_TARGETS.items()
            for year, target in zip(range(2016, 2021), targets)]
    writer.rows(schema.kpi_targets, ("id", "kpi", "year", "unit_id", "target"),
                ((i, kpi, year, None, target) for i, (kpi, year, target) in enumerate(rows, start=1)))
