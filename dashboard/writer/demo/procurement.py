"""The demo council's procurement: ProZorro tenders of the units that buy, and their contact points (internal).

Rule: a unit buys by its own ЄДРПОУ or its nearest ancestor's; mostly reports of direct contracts and
below-threshold tenders, some cancelled or unsuccessful, those of the last two months possibly still active;
2017 publishes the report's 900 (times the scale), and five a year stay internal on top. Everything draws from
the "tenders" stream.
"""

from __future__ import annotations

import datetime as dt

from dashboard import schema
from dashboard.writer.demo.base import Writer, domain_rng, fill, person, pick, random_days, year_span
from dashboard.writer.demo.units import buyer

# How much of the buying a unit does (one without an ЄДРПОУ buys through its nearest ancestor with one).
TENDER_UNITS = {"EDU": 30, "HOUSING": 22, "HEALTH": 14, "EXEC": 10, "SOCIAL": 6, "CULTURE": 6, "FIN": 2,
                "COUNCIL": 4, "TRANSPORT": 4, "DIGITAL": 2}

# Procurements published per year (2017 pinned to the report's 900).
TENDERS_PER_YEAR = {2015: 310, 2016: 720, 2017: 900, 2018: 960, 2019: 1010, 2020: 980}
# (procurementMethod, procurementMethodType, share, typical expected value in UAH)
TENDER_METHODS = [
    ("limited", "reporting", 0.52, 18_000), ("open", "belowThreshold", 0.31, 95_000),
    ("open", "aboveThresholdUA", 0.11, 1_400_000), ("open", "aboveThresholdEU", 0.01, 9_000_000),
    ("limited", "negotiation", 0.02, 600_000), ("limited", "negotiation.quick", 0.01, 300_000),
    ("selective", "competitiveDialogueUA", 0.005, 4_000_000), ("direct", "priceQuotation", 0.015, 60_000),
]
TENDER_ITEMS = {
    "EDU": [("15800000-6", "Продукти харчування для закладів освіти"), ("39160000-1", "Шкільні меблі"),
            ("45450000-6", "Ремонт приміщень школи № {n}")],
    "HOUSING": [("45230000-8", "Капітальний ремонт дороги по вул. {street}"), ("09310000-5", "Електрична енергія"),
                ("77310000-6", "Послуги з озеленення")],
    "HEALTH": [("33600000-6", "Лікарські засоби"), ("33140000-3", "Медичні матеріали"),
               ("33100000-1", "Медичне обладнання")],
    "EXEC": [("30190000-7", "Канцелярське приладдя"), ("09130000-9", "Паливо для службового транспорту"),
             ("79340000-9", "Рекламні послуги")],
    "SOCIAL": [("15800000-6", "Продуктові набори"), ("30190000-7", "Канцтовари")],
    "CULTURE": [("92310000-7", "Організація міських свят"), ("22110000-4", "Друковані книги")],
    "FIN": [("48000000-8", "Програмне забезпечення")], "COUNCIL": [("30210000-4", "Комп'ютерна техніка")],
    "TRANSPORT": [("34920000-2", "Дорожнє обладнання")], "DIGITAL": [("72260000-5", "Послуги з розробки сайту")],
}
TENDER_STATUSES = {"complete": 0.87, "cancelled": 0.07, "unsuccessful": 0.06}  # recent ones may still be "active"


def write(writer: Writer, seed: int, scale: int, unit_ids: dict[str, int]) -> None:
    """Tenders, then their contact points."""
    rng = domain_rng(seed, "tenders")
    plan = []
    for year, per_year in TENDERS_PER_YEAR.items():
        plan += [(day, True) for day in random_days(rng, *year_span(year), per_year * scale)]
        plan += [(day, False) for day in random_days(rng, *year_span(year), 5)]
    plan.sort()
    methods = {i: share for i, (_m, _t, share, _v) in enumerate(TENDER_METHODS)}
    draws = zip(pick(rng, TENDER_UNITS, len(plan)), pick(rng, methods, len(plan)),
                pick(rng, TENDER_STATUSES, len(plan)))
    per_day: dict[dt.date, int] = {}
    tenders, contacts = [], []
    for tender_id, ((day, public), (unit, method_index, status)) in enumerate(zip(plan, draws), start=1):
        method, method_type, _share, typical = TENDER_METHODS[method_index]
        cpv, title = TENDER_ITEMS[unit][int(rng.integers(len(TENDER_ITEMS[unit])))]
        if method_type == "reporting":
            status = "complete"
        if day >= dt.date(2020, 11, 1) and rng.random() < 0.5:
            status = "active"
        expected = round(float(typical * rng.lognormal(0, 0.6)), 2)
        competitive = method in ("open", "selective")
        bidders = int(1 + rng.poisson(2.2 if method_type != "belowThreshold" else 1.4)) if competitive else 1
        awarded = round(expected * float(rng.uniform(0.8, 0.99)), 2) if competitive else expected
        awarded_on = day + dt.timedelta(days=int(rng.integers(1, 6) if not competitive else rng.integers(12, 45)))
        if status != "complete":
            awarded, awarded_on = None, None
            bidders = 0 if status == "cancelled" and rng.random() < 0.5 else bidders
        per_day[day] = per_day.get(day, 0) + 1
        edrpou, buyer_name = buyer(unit)
        tenders.append((tender_id, f"ocds-demo-UA-{day:%Y-%m-%d}-{per_day[day]:06d}-a", fill(title, rng, day.year),
                        edrpou, buyer_name, unit_ids[unit], method, method_type, status, expected, awarded, "UAH", bidders,
                        day, awarded_on, cpv, public))
        contacts.append((tender_id, tender_id, person(rng), f"zakupivli.{unit.lower()}@example.com",
                         f"+380 62 {int(rng.integers(200, 999))} {int(rng.integers(10, 99))} {int(rng.integers(10, 99))}"))
    writer.rows(schema.tenders, ("id", "ocid", "title", "buyer_edrpou", "buyer_name", "unit_id", "method", "method_type",
                                 "status", "expected_value", "awarded_value", "currency", "bidders", "published_on",
                                 "awarded_on", "cpv", "is_public"), tenders)
    writer.rows(schema.tender_contacts_internal, ("id", "tender_id", "name", "email", "phone"), contacts)
