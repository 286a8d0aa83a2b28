"""The demo council's e-petitions: petitions, their signature snapshots and their authors (internal).

Rule: signatures grow fast then level off; about one in seven petitions reaches the threshold within its term;
for most of those the start of consideration is published a few days later (the others leave the law's clock
to start on the day the threshold was reached); most answers come within the law's ten working days, some late,
a few never, and a few answers record no outcome. By the end of 2017 exactly PETITIONS_CONSIDERED_BY_2017 public
petitions reached the threshold and were answered. A few public petitions that did not reach the threshold
were withdrawn by their authors; three a year stay internal (rejected at moderation, never published).
The working-day calendar of the law's clock is written beside them. Everything draws from the "petitions" stream.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import numpy as np

from dashboard import schema
from dashboard.metrics.petitions import calendar_rows
from dashboard.writer.demo.base import (
    FIRST_DAY,
    LAST_DAY,
    Writer,
    domain_rng,
    fill,
    person,
    pick,
    random_days,
    year_span,
)
from dashboard.writer.importers.petitions import calendar_last

# The service opened on PETITIONS_SINCE; by the end of 2017 the public list holds 98 + 132 = 230 petitions
# (at scale 1), PETITIONS_CONSIDERED_BY_2017 of which reached the threshold and were answered.
PETITIONS_SINCE = dt.date(2016, 3, 1)
PETITIONS_PER_YEAR = {2016: 98, 2017: 132, 2018: 120, 2019: 110, 2020: 95}
PETITIONS_CONSIDERED_BY_2017 = 30
PETITION_TERM_DAYS = 60
PETITION_OUTCOMES = {"supported": 0.33, "partially": 0.37, "rejected": 0.22, "unknown": 0.08}
PETITION_WITHDRAWN_SHARE = 0.04
"""Of the public petitions that closed below the threshold."""
PETITION_THRESHOLDS = ((dt.date(2016, 1, 1), 250), (dt.date(2019, 1, 1), 300))
# category -> (unit code, title templates)
PETITION_TOPICS = {
    "Благоустрій": ("HOUSING", ["Облаштувати дитячий майданчик на вул. {street}", "Відремонтувати тротуар на вул. {street}",
                                "Встановити лавки у сквері на вул. {street}"]),
    "Транспорт": ("TRANSPORT", ["Відновити автобусний маршрут № {n}", "Встановити світлофор на перехресті вул. {street}",
                                "Облаштувати велодоріжку вздовж вул. {street}"]),
    "Освіта": ("EDU", ["Відкрити додаткову групу в дитячому садку № {n}", "Облаштувати спортивний майданчик школи № {n}"]),
    "Охорона здоров'я": ("HEALTH", ["Продовжити години роботи амбулаторії № {n}", "Придбати обладнання для лікарні № {n}"]),
    "ЖКГ": ("HOUSING", ["Замінити ліфт у будинку на вул. {street}, {n}", "Провести освітлення на вул. {street}"]),
    "Культура і спорт": ("SPORT", ["Відкрити безкоштовну секцію в спортзалі № {n}", "Провести фестиваль вуличної музики"]),
    "Містобудування": ("ARCH", ["Не допустити забудови скверу на вул. {street}", "Зберегти історичну будівлю на вул. {street}, {n}"]),
    "Екологія": ("HOUSING", ["Заборонити вирубку дерев у парку на вул. {street}", "Встановити контейнери для сортування сміття"]),
    "Соціальний захист": ("SOCIAL", ["Запровадити пільговий проїзд для студентів", "Відкрити соціальну їдальню на вул. {street}"]),
}
# share of petitions per category
PETITION_CATEGORY_SHARES = {"Благоустрій": 26, "Транспорт": 15, "Освіта": 10, "Охорона здоров'я": 8, "ЖКГ": 14,
                            "Культура і спорт": 8, "Містобудування": 7, "Екологія": 7, "Соціальний захист": 5}


def write(writer: Writer, seed: int, scale: int, unit_ids: dict[str, int]) -> None:
    """Petitions with their signature snapshots and (internal) authors."""
    rng = domain_rng(seed, "petitions")
    plan = []  # (submitted_on, public)
    for year, per_year in PETITIONS_PER_YEAR.items():
        span = year_span(year, PETITIONS_SINCE)
        plan += [(day, True) for day in random_days(rng, *span, per_year * scale)]
        plan += [(day, False) for day in random_days(rng, *span, 3)]
    plan.sort()
    petitions = [_petition(rng, i, day, public, public and rng.random() < 0.15)
                 for i, (day, public) in enumerate(plan, start=1)]
    _calibrate_considered(rng, petitions)
    for p in petitions:
        if p["status"] == "not_reached" and p["public"] and rng.random() < PETITION_WITHDRAWN_SHARE:
            p["status"] = "withdrawn"

    def petition_rows():
        per_year: dict[int, int] = {}
        for p in petitions:
            per_year[p["submitted_on"].year] = per_year.get(p["submitted_on"].year, 0) + 1
            number = f"{p['submitted_on'].year}-{per_year[p['submitted_on'].year]:04d}"
            category = p["category"]
            unit, titles = PETITION_TOPICS[category]
            title = fill(titles[int(rng.integers(len(titles)))], rng, p["submitted_on"].year)
            url = f"https://city.example.org/petitions/{number}"
            answer = f"{url}#answer" if p["responded_on"] else None
            yield (p["id"], number, title, category, unit_ids[unit], p["submitted_on"], p["closes_on"], p["threshold"],
                   p["signatures"], p["status"], p["reached_on"], p["started_on"], p["responded_on"], p["outcome"], url,
                   answer, p["public"])

    writer.rows(schema.petitions, ("id", "number", "title", "category", "unit_id", "submitted_on", "closes_on",
                                   "threshold", "signatures", "status", "threshold_reached_on",
                                   "consideration_started_on", "responded_on", "outcome", "url", "response_url",
                                   "is_public"), petition_rows())
    writer.rows(schema.petition_signature_snapshots, ("petition_id", "taken_on", "signatures"),
                (snapshot for p in petitions for snapshot in _snapshots(p)))
    writer.rows(schema.petition_authors_internal, ("petition_id", "author", "contact"),
                ((p["id"], person(rng), f"author{p['id']:05d}@example.com") for p in petitions))
    writer.rows(schema.petition_working_days, ("day", "is_working", "ordinal"),
                calendar_rows(FIRST_DAY, calendar_last(LAST_DAY)))


def _petition(rng: np.random.Generator, petition_id: int, submitted: dt.date, public: bool, reaches: bool) -> dict:
    """One petition's life: final signatures, the curve's pace, the day it reached the threshold, the answer."""
    threshold = [value for since, value in PETITION_THRESHOLDS if since <= submitted][-1]
    final = int(threshold * rng.uniform(1.0, 1.8)) if reaches else int(min(threshold - 1, rng.lognormal(3.6, 0.9)))
    pace = float(rng.uniform(2, 15))
    closes = submitted + dt.timedelta(days=PETITION_TERM_DAYS)
    category = pick(rng, PETITION_CATEGORY_SHARES, 1)[0]
    petition = {"id": petition_id, "submitted_on": submitted, "closes_on": closes, "threshold": threshold,
                "final": final, "pace": pace, "public": public, "category": category}
    delay_kind = pick(rng, {"on_time": 0.7, "late": 0.25, "never": 0.05}, 1)[0]
    delay = {"on_time": rng.integers(3, 15), "late": rng.integers(16, 70), "never": None}[delay_kind]
    petition["delay"] = None if delay is None else int(delay)
    petition["outcome_draw"] = pick(rng, PETITION_OUTCOMES, 1)[0]
    petition["start_lag"] = int(rng.integers(1, 6)) if rng.random() < 0.6 else None
    return _settle(petition)


def _signatures_on(p: dict, day: dt.date) -> int:
    days = min((day - p["submitted_on"]).days, PETITION_TERM_DAYS)
    term = PETITION_TERM_DAYS
    return int(round(p["final"] * (1 - math.exp(-days / p["pace"])) / (1 - math.exp(-term / p["pace"]))))


def _settle(p: dict) -> dict:
    """Dates and status that follow from the final signatures and the answer's delay."""
    last = min(p["closes_on"], LAST_DAY)
    p["signatures"] = _signatures_on(p, last)
    p["reached_on"] = next((p["submitted_on"] + dt.timedelta(days=d) for d in range((last - p["submitted_on"]).days + 1)
                            if _signatures_on(p, p["submitted_on"] + dt.timedelta(days=d)) >= p["threshold"]), None)
    started = p["reached_on"] + dt.timedelta(days=p["start_lag"]) if p["reached_on"] and p["start_lag"] else None
    p["started_on"] = started if started and started <= LAST_DAY else None
    clock = p["started_on"] or p["reached_on"]
    answered = clock and p["delay"] is not None and clock + dt.timedelta(days=p["delay"]) <= LAST_DAY
    p["responded_on"] = clock + dt.timedelta(days=p["delay"]) if answered else None
    p["outcome"] = p["outcome_draw"] if answered else None
    if not p["public"]:
        p["status"] = "moderation_rejected"
    elif answered:
        p["status"] = "answered"
    elif p["reached_on"]:
        p["status"] = "under_consideration" if p["started_on"] else "reached"
    else:
        p["status"] = "collecting" if p["closes_on"] > LAST_DAY else "not_reached"
    return p


def _calibrate_considered(rng: np.random.Generator, petitions: list[dict]) -> None:
    """Make exactly PETITIONS_CONSIDERED_BY_2017 public petitions reached-and-answered by the end of 2017."""
    cutoff = dt.date(2017, 12, 31)

    def considered(p):
        return p["public"] and p["responded_on"] is not None and p["responded_on"] <= cutoff

    while (count := sum(map(considered, petitions))) != PETITIONS_CONSIDERED_BY_2017:
        if count > PETITIONS_CONSIDERED_BY_2017:
            pool = [p for p in petitions if considered(p)]
            p = pool[int(rng.integers(len(pool)))]
            p["final"] = int(p["threshold"] * 0.6)
        else:
            pool = [p for p in petitions if p["public"] and p["reached_on"] is None and p["submitted_on"] <= dt.date(2017, 9, 30)]
            p = pool[int(rng.integers(len(pool)))]
            p["final"], p["delay"] = int(p["threshold"] * 1.3), int(rng.integers(3, 15))
        _settle(p)


def _snapshots(p: dict) -> Iterable[tuple]:
    """Counts read daily for the first two weeks, weekly after, and on the last day of collection; kept, as the
    importer keeps them, only when the count changed."""
    last = min(p["closes_on"], LAST_DAY)
    offsets = list(range(0, 14)) + list(range(14, (last - p["submitted_on"]).days, 7)) + [(last - p["submitted_on"]).days]
    kept = None
    for offset in sorted(set(offsets)):
        day = p["submitted_on"] + dt.timedelta(days=offset)
        if (count := _signatures_on(p, day)) != kept:
            kept = count
            yield p["id"], day, count
