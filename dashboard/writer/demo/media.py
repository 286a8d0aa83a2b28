"""The demo council in the media: outlets, their mentions of the council, and its public events.

Rule: the 2017 report's outlets keep the report's spelling (/work/shared/seed-report-2017.txt) and every one
of them covers the council in 2017; the 2017 events are the report's counts (12 press conferences, 5
«Гість в студії», 2 meetings with foreign journalists), with one internal row a year on top. Events draw
from the "events" stream, outlets and mentions from "media". Every kind, scope, tone and vocabulary topic
appears every year, in every unit of MENTION_UNITS, and a few mentions have no tone; every story has a URL (TV and print too: their sites), so
identities are URLs as the importer makes them (`dashboard.metrics.media`), and two events of one kind, day
and title are told apart by a number.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from dashboard import schema
from dashboard.metrics.media import event_identity, mention_identity, name_key
from dashboard.writer.demo.base import Writer, domain_rng, pick, random_days, year_span

# How much of the coverage (and of the events) a unit carries.
MENTION_UNITS = {"EXEC": 20, "COUNCIL": 12, "HOUSING": 14, "EDU": 10, "HEALTH": 9, "SOCIAL": 7, "CULTURE": 8,
                 "SPORT": 6, "TRANSPORT": 5, "FIN": 4, "ECON": 5, "PRESS": 4, "ASC": 3, "ARCH": 3}

# The report's outlets (name, kind, scope), in its spelling; then news sites and others.
REPORT_OUTLETS = [
    ("С-плюс", "tv", "local"), ("САТ", "tv", "local"), ("112 канал", "tv", "national"),
    ("Україна", "tv", "national"), ("Еспрессо ТВ", "tv", "national"), ("Інтер", "tv", "national"),
    ("Донбасс", "tv", "regional"), ("ДоТБ", "tv", "regional"), ("Громадське ТБ Донеччини", "tv", "regional"),
    ("СТБ", "tv", "national"), ("Новий канал", "tv", "national"), ("1+1", "tv", "national"),
    ("Урядовий кур'єр", "print", "national"), ("Голос України", "print", "national"),
    ("Знамя Индустрии", "print", "local"), ("Вести", "print", "regional"), ("ТВ+", "print", "local"),
    ("Газета обьявлений / Славянские ведомости", "print", "local"),
    ("Классное радио", "radio", "regional"),
]
OTHER_OUTLETS = [
    ("Новини міста", "online", "local"), ("Місто онлайн", "online", "local"), ("Східний вісник", "online", "regional"),
    ("Донеччина сьогодні", "online", "regional"), ("Громада.інфо", "online", "regional"),
    ("Новини країни", "online", "national"), ("Регіони онлайн", "online", "national"),
    ("Укрінформ", "agency", "national"), ("УНІАН", "agency", "national"),
    ("Радіо Схід", "radio", "regional"), ("Eastern Europe Today", "online", "international"),
    ("Deutsche Welle", "online", "international"),
]
UNIT_TOPICS = {
    "EXEC": ["council", "security", "investment", "budget"], "COUNCIL": ["council", "petitions"],
    "HOUSING": ["utilities", "roads", "environment"], "EDU": ["education"], "HEALTH": ["health"],
    "SOCIAL": ["social"], "CULTURE": ["culture"], "SPORT": ["sport"], "TRANSPORT": ["transport", "roads"],
    "FIN": ["budget"], "ECON": ["investment"], "PRESS": ["council", "petitions"], "ASC": ["council"],
    "ARCH": ["environment", "investment"],
}
MENTION_TONES = {"positive": 0.34, "neutral": 0.52, "negative": 0.14}
UNTONED_SHARE = 0.04
"""Mentions the monitoring service did not rate: left out of the tone shares."""
MENTIONS_PER_YEAR = {2015: 650, 2016: 900, 2017: 1050, 2018: 1100, 2019: 1150, 2020: 1250}
MENTION_HEADLINES = {
    "council": "Депутати міської ради розглянули {n} питань на черговій сесії",
    "budget": "Міський бюджет: на що спрямують {n} млн гривень",
    "utilities": "Оновлення тепломереж: роботи на {n} об'єктах",
    "roads": "Ремонт доріг: цього тижня — {n} вулиць",
    "transport": "Нові маршрути автобусів: {n} змін у розкладі",
    "education": "У {n} школах міста триває модернізація",
    "health": "Міська лікарня отримала {n} одиниць обладнання",
    "social": "Соціальна допомога: {n} родин отримали підтримку",
    "culture": "Фестиваль у центрі міста зібрав {n} гостей",
    "sport": "Міські змагання: {n} учасників",
    "security": "Безпечне місто: {n} нових камер спостереження",
    "investment": "Інвестиційний форум: {n} проєктів для міста",
    "petitions": "Електронна петиція набрала {n} підписів",
    "environment": "Екологічна акція: висаджено {n} дерев",
}

# Public events per year: (press conferences, «Гість в студії», foreign journalists, briefings).
EVENTS_PER_YEAR = {2015: (7, 3, 0, 14), 2016: (10, 4, 1, 18), 2017: (12, 5, 2, 20), 2018: (13, 6, 1, 22),
                   2019: (11, 6, 2, 21), 2020: (8, 4, 1, 30)}
EVENT_TITLES = {
    "press_conference": "Прес-конференція: {topic}",
    "guest_in_studio": "«Гість в студії»: міський голова відповідає на запитання",
    "foreign_journalists": "Зустріч міського голови з іноземними журналістами",
    "briefing": "Брифінг: {topic}",
}
EVENT_TOPICS = ["підсумки сесії", "підготовка до опалювального сезону", "бюджет міста", "ремонт доріг",
                "літнє оздоровлення дітей", "безпека в місті", "інвестиційні проєкти", "медична реформа"]


def write(writer: Writer, seed: int, scale: int, unit_ids: dict[str, int]) -> list[dt.date]:
    """Events, then outlets and mentions; returns the days of public press conferences (they are streamed)."""
    press_days = _public_events(writer, domain_rng(seed, "events"), unit_ids)
    _outlets_and_mentions(writer, domain_rng(seed, "media"), scale, unit_ids)
    return press_days


def _public_events(writer: Writer, rng: np.random.Generator, unit_ids: dict[str, int]) -> list[dt.date]:
    """Press conferences, «Гість в студії», meetings with foreign journalists, briefings; one internal row a
    year on top. Returns the days of public press conferences (they are streamed)."""
    rows, press_days = [], []
    for year, counts in EVENTS_PER_YEAR.items():
        kinds = ("press_conference", "guest_in_studio", "foreign_journalists", "briefing")
        for kind, count in zip(kinds, counts):
            for day in random_days(rng, *year_span(year), count):
                mayors = kind in ("guest_in_studio", "foreign_journalists") or (kind == "press_conference" and rng.random() < 0.6)
                unit = "EXEC" if mayors else pick(rng, MENTION_UNITS, 1)[0]
                topic = EVENT_TOPICS[int(rng.integers(len(EVENT_TOPICS)))]
                rows.append((kind, day, EVENT_TITLES[kind].format(topic=topic), unit_ids[unit], True))
                if kind == "press_conference":
                    press_days.append(day)
        day = random_days(rng, *year_span(year), 1)[0]
        rows.append(("press_conference", day, "Робоча зустріч із журналістами (не для оприлюднення)",
                     unit_ids["PRESS"], False))
    rows.sort(key=lambda row: row[1])
    seen: set[str] = set()
    for i, (kind, day, title, unit_id, public) in enumerate(rows):
        numbered, n = title, 1
        while event_identity(kind, day, numbered) in seen:
            n += 1
            numbered = f"{title} ({n})"
        seen.add(event_identity(kind, day, numbered))
        rows[i] = (event_identity(kind, day, numbered), kind, day, numbered, unit_id, public)
    writer.rows(schema.public_events, ("id", "identity", "kind", "held_on", "title", "unit_id", "is_public"),
                ((i, *row) for i, row in enumerate(rows, start=1)))
    return sorted(press_days)


def _outlets_and_mentions(writer: Writer, rng: np.random.Generator, scale: int, unit_ids: dict[str, int]) -> None:
    """Outlets (the report's with their kind and scope, plus news sites and others) and their mentions.
    Every outlet of the report covers the council in 2017; about 1% of mentions stay internal (unverified)."""
    outlets = REPORT_OUTLETS + OTHER_OUTLETS
    writer.rows(schema.outlets, ("id", "name", "name_key", "kind", "scope"),
                ((i, name, name_key(name), kind, scope)
                 for i, (name, kind, scope) in enumerate(outlets, start=1)))
    reach = {"local": 6.0, "regional": 2.5, "national": 0.8, "international": 0.3}
    outlet_weight = {i: reach[scope] * (3.0 if kind == "online" else 1.0)
                     for i, (_name, kind, scope) in enumerate(outlets, start=1)}
    plan = []  # (day, outlet id, public)
    for year, per_year in MENTIONS_PER_YEAR.items():
        count = per_year * scale
        plan += zip(random_days(rng, *year_span(year), count), pick(rng, outlet_weight, count), rng.random(count) > 0.01)
    covered_2017 = random_days(rng, *year_span(2017), len(REPORT_OUTLETS))
    plan += [(day, i, True) for i, day in enumerate(covered_2017, start=1)]
    plan.sort()
    units = pick(rng, MENTION_UNITS, len(plan))
    topic_draws = rng.random(len(plan))
    bad_news = dict(MENTION_TONES, negative=2 * MENTION_TONES["negative"])  # utilities and roads
    tones = zip(pick(rng, MENTION_TONES, len(plan)), pick(rng, bad_news, len(plan)))
    numbers = rng.integers(2, 60, len(plan))
    untoned = rng.random(len(plan)) < UNTONED_SHARE  # drawn last: the draws before keep their values

    def mentions():
        for i, ((day, outlet_id, public), unit, (tone, bad_tone)) in enumerate(zip(plan, units, tones)):
            topics = UNIT_TOPICS[unit]
            topic = topics[int(topic_draws[i] * len(topics))]
            title = MENTION_HEADLINES[topic].format(n=int(numbers[i]))
            url = f"https://media.example.org/{outlet_id}/{i + 1}"
            name = outlets[outlet_id - 1][0]
            rated = None if untoned[i] else bad_tone if topic in ("utilities", "roads") else tone
            yield (i + 1, mention_identity(url, name, day, title), outlet_id, day, title, url, unit_ids[unit], topic,
                   rated, bool(public))

    writer.rows(schema.media_mentions,
                ("id", "identity", "outlet_id", "published_on", "title", "url", "unit_id", "topic", "tone", "is_public"),
                mentions())
