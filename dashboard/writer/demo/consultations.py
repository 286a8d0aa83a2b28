"""The demo council's public consultations, some with an online poll.

Rule: CONSULTATIONS_PER_YEAR public ones a year (2017: the report's 3 with an online poll), most with their
results published; one internal draft with a poll a year on top. Everything draws from the "consultations"
stream.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from dashboard import schema
from dashboard.metrics.consultations import consultation_identity
from dashboard.writer.demo.base import Writer, domain_rng, fill, pick, random_days, year_span

# How many consultations a unit holds.
CONSULTATION_UNITS = {"ARCH": 3, "HOUSING": 3, "TRANSPORT": 2, "EDU": 2, "ECON": 2, "CULTURE": 1, "EXEC": 2}

# Consultations per year: (with an online poll, without); 2017 pinned to the report's 3.
CONSULTATIONS_PER_YEAR = {2015: (0, 3), 2016: (1, 4), 2017: (3, 4), 2018: (4, 3), 2019: (5, 3), 2020: (6, 2)}
CONSULTATION_TITLES = ["Громадське обговорення проєкту детального плану території по вул. {street}",
                       "Обговорення Стратегії розвитку міста", "Громадський бюджет: вибір проєктів",
                       "Обговорення схеми руху громадського транспорту", "Перейменування вулиці {street}",
                       "Обговорення правил благоустрою міста", "Опитування щодо мережі шкіл"]


def write(writer: Writer, seed: int, unit_ids: dict[str, int]) -> None:
    rng = domain_rng(seed, "consultations")
    rows = []
    for year, (online, offline) in CONSULTATIONS_PER_YEAR.items():
        kinds = [True] * online + [False] * offline + [None]  # None: an internal draft with a poll
        for day, poll in zip(random_days(rng, *year_span(year), len(kinds)), rng.permutation(np.array(kinds, dtype=object))):
            unit = pick(rng, CONSULTATION_UNITS, 1)[0]
            template = CONSULTATION_TITLES[int(rng.integers(len(CONSULTATION_TITLES)))]
            ended = day + dt.timedelta(days=int(rng.integers(14, 45)))
            published = ended + dt.timedelta(days=int(rng.integers(5, 30))) if rng.random() < 0.85 else None
            responses = int(rng.integers(80, 1200)) if poll is not False else None
            rows.append((fill(template, rng, year), unit_ids[unit], day, ended, poll is not False, responses,
                         published if poll is not None else None, poll is not None))
    rows.sort(key=lambda row: row[2])
    urls = [f"https://city.example.org/consultations/{i}" for i in range(1, len(rows) + 1)]
    writer.rows(schema.consultations, ("id", "identity", "title", "unit_id", "started_on", "ended_on", "online_poll",
                                       "responses", "results_published_on", "url", "is_public"),
                ((i, consultation_identity(url, row[2], row[0]), *row[:7], url, row[7])
                 for i, (row, url) in enumerate(zip(rows, urls, strict=True), start=1)))
