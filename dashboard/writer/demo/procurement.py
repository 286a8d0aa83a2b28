"""The demo council's procurement: ProZorro procedures of the units that buy, with their lots, bids, awards and
contracts, and their contact points (internal).

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


SUPPLIER_KINDS = ("ТОВ", "ПП", "ФОП", "ТОВ", "ПрАТ")
SUPPLIER_STEMS = ("Будсервіс", "Світло-Схід", "Медтехніка", "Дорбуд", "Продукт-Сервіс", "Офіс-Центр", "Енергоресурс",
                  "Зелене місто", "Школяр", "Фармація", "Інфотех", "Друкарня «Слово»", "Автошлях", "Комфорт-Буд")


def _suppliers(rng) -> list[tuple[str, str]]:
    """The market the demo's units buy from: party id and name."""
    return [(f"UA-EDR-{int(rng.integers(20_000_000, 44_999_999))}",
             f"{SUPPLIER_KINDS[n % len(SUPPLIER_KINDS)]} «{stem}{'' if n < len(SUPPLIER_STEMS) else f'-{n}'}»")
            for n, stem in enumerate(SUPPLIER_STEMS * 3)]


def write(writer: Writer, seed: int, scale: int, unit_ids: dict[str, int]) -> None:
    """Procedures with their lots, items, bids, awards and contracts, then their contact points.

    Competitive procedures (open, selective) take bids; a large one may have two or three lots, one of which can
    fail while the others complete. Limited and direct ones are reports of a contract: no bids, one award."""
    rng = domain_rng(seed, "tenders")
    suppliers = _suppliers(rng)
    plan = []
    for year, per_year in TENDERS_PER_YEAR.items():
        plan += [(day, True) for day in random_days(rng, *year_span(year), per_year * scale)]
        plan += [(day, False) for day in random_days(rng, *year_span(year), 5)]
    plan.sort()
    methods = {i: share for i, (_m, _t, share, _v) in enumerate(TENDER_METHODS)}
    draws = zip(pick(rng, TENDER_UNITS, len(plan)), pick(rng, methods, len(plan)),
                pick(rng, TENDER_STATUSES, len(plan)))
    per_day: dict[dt.date, int] = {}
    rows: dict[str, list] = {name: [] for name in ("procurements", "lots", "items", "bids", "awards", "contracts",
                                                   "contacts")}
    for procurement_id, ((day, public), (unit, method_index, status)) in enumerate(zip(plan, draws), start=1):
        method, method_type, _share, typical = TENDER_METHODS[method_index]
        competitive = method in ("open", "selective")
        if not competitive:
            status = "complete"
        if day >= dt.date(2020, 11, 1) and rng.random() < 0.5:
            status = "active"
        expected = round(float(typical * rng.lognormal(0, 0.6)), 2)
        per_day[day] = per_day.get(day, 0) + 1
        tender_id = f"UA-{day:%Y-%m-%d}-{per_day[day]:06d}-a"
        edrpou, buyer_name = buyer(unit)
        cpv, title = TENDER_ITEMS[unit][int(rng.integers(len(TENDER_ITEMS[unit])))]
        title = fill(title, rng, day.year)
        rows["procurements"].append((procurement_id, f"ocds-demo-{tender_id}", tender_id, title, f"UA-EDR-{edrpou}",
                                     edrpou, buyer_name, unit_ids[unit], method, method_type, status, expected, "UAH",
                                     day, public))
        lots = int(rng.choice([1, 2, 3], p=[0.6, 0.3, 0.1])) if competitive and expected > 500_000 else 1
        shares = rng.dirichlet([4.0] * lots)
        for n, share in enumerate(shares, start=1):
            lot_key = "" if lots == 1 else f"lot-{procurement_id}-{n}"
            lot_status = status
            if lots > 1 and status == "complete" and rng.random() < 0.15:
                lot_status = "unsuccessful" if rng.random() < 0.6 else "cancelled"
            lot_expected = round(expected * float(share), 2)
            rows["items"].append((procurement_id, lot_key, cpv, title, float(rng.integers(1, 50))))
            bidders = []
            if competitive and not (lot_status == "cancelled" and rng.random() < 0.5):
                count = 1 + int(rng.poisson(2.2 if method_type != "belowThreshold" else 1.4))
                bidders = [suppliers[i] for i in rng.choice(len(suppliers), size=min(count, 8), replace=False)]
            for b, (bidder_id, bidder_name) in enumerate(bidders, start=1):
                bid_value = round(lot_expected * float(rng.uniform(0.8, 1.0)), 2)
                rows["bids"].append((procurement_id, lot_key, f"bid-{procurement_id}-{n}-{b}", bidder_id, bidder_name,
                                     "valid", bid_value))
            lot_title = title if lots == 1 else f"{title}: лот {n}"
            if lot_status != "complete":
                rows["lots"].append((procurement_id, lot_key, lot_title, lot_status, lot_expected, len(bidders), None))
                continue
            winner = bidders[0] if bidders else suppliers[int(rng.integers(len(suppliers)))]
            discount = float(rng.uniform(0.8, 0.99)) if len(bidders) > 1 else float(rng.uniform(0.97, 1.0))
            awarded = round(lot_expected * (discount if competitive else 1.0), 2)
            awarded_on = day + dt.timedelta(days=int(rng.integers(12, 45) if competitive else rng.integers(0, 5)))
            award_key = f"award-{procurement_id}-{n}"
            rows["lots"].append((procurement_id, lot_key, lot_title, lot_status, lot_expected, len(bidders), awarded))
            rows["awards"].append((procurement_id, lot_key, award_key, "active", awarded, *winner, awarded_on))
            rows["contracts"].append((procurement_id, f"contract-{procurement_id}-{n}", award_key,
                                      "terminated" if rng.random() < 0.7 else "active", awarded,
                                      awarded_on + dt.timedelta(days=int(rng.integers(1, 12)))))
        rows["contacts"].append((procurement_id, f"UA-EDR-{edrpou}", "buyer,procuringEntity", person(rng),
                                 f"zakupivli.{unit.lower()}@example.com",
                                 f"+380 62 {int(rng.integers(200, 999))} {int(rng.integers(10, 99))} "
                                 f"{int(rng.integers(10, 99))}"))
    writer.rows(schema.procurements, ("id", "ocid", "tender_id", "title", "buyer_id", "buyer_edrpou", "buyer_name",
                                      "unit_id", "method", "method_type", "status", "expected_value", "currency",
                                      "published_on", "is_public"), rows["procurements"])
    writer.rows(schema.procurement_lots, ("procurement_id", "lot_key", "title", "status", "expected_value", "bidders",
                                          "awarded_value"), rows["lots"])  # the lot's figures as the writer keeps them
    writer.rows(schema.procurement_items, ("procurement_id", "lot_key", "cpv", "description", "quantity"),
                rows["items"])
    writer.rows(schema.procurement_bids, ("procurement_id", "lot_key", "bid_key", "bidder_id", "bidder_name", "status",
                                          "value"), rows["bids"])
    writer.rows(schema.procurement_awards, ("procurement_id", "lot_key", "award_key", "status", "value", "supplier_id",
                                            "supplier_name", "awarded_on"), rows["awards"])
    writer.rows(schema.procurement_contracts, ("procurement_id", "contract_key", "award_key", "status", "value",
                                               "signed_on"), rows["contracts"])
    writer.rows(schema.procurement_contacts_internal, ("procurement_id", "party_id", "roles", "name", "email",
                                                       "phone"), rows["contacts"])
