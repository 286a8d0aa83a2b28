"""Procurement queries on both backends: DOZORRO's indicators and the breakdowns over a hand-made council whose
answers are counted by hand below (a procedure with two lots, one of them cancelled; a single bidder; a
withdrawn bid; an unsuccessful procedure nobody bid on; a report; an active tender; an unpublished one; one from
another year), kept per lot as the writer keeps them, and on the demo council the overview's card against the page's count."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.schema import (
    procurement_awards,
    procurement_bids,
    procurement_contacts_internal,
    procurement_items,
    procurement_lots,
    procurements,
    units,
)
from dashboard.writer.procurement_summaries import refresh_lot_figures
from queries import procurement as q
from queries.overview import kpi_values
from tests.support import empty_database

YEAR = Filters.for_year(2017)
UNITS = [{"id": 1, "code": "EDU", "name_uk": "Управління освіти", "name_en": "Education", "edrpou": "11111111"},
         {"id": 2, "code": "HEALTH", "name_uk": "Управління охорони здоров'я", "name_en": "Health", "edrpou": "22222222"}]


def _procedure(id_, unit, method, method_type, status, expected, day, public=True):
    return {"id": id_, "ocid": f"ocds-test-UA-{id_}", "tender_id": f"UA-2017-0{id_}-01-000001-a", "title": f"Закупівля {id_}",
            "buyer_id": f"UA-EDR-{unit}", "buyer_edrpou": None, "buyer_name": "Замовник", "unit_id": unit,
            "method": method, "method_type": method_type, "status": status, "expected_value": expected,
            "currency": "UAH", "published_on": day, "is_public": public}


ROWS = {
    units: UNITS,
    procurements: [
        _procedure(1, 1, "open", "aboveThresholdUA", "complete", 1000, dt.date(2017, 2, 10)),
        _procedure(2, 1, "open", "belowThreshold", "complete", 200, dt.date(2017, 2, 20)),
        _procedure(3, 2, "open", "aboveThresholdUA", "unsuccessful", 300, dt.date(2017, 3, 5)),
        _procedure(4, 2, "limited", "reporting", "complete", 100, dt.date(2017, 3, 6)),
        _procedure(5, 1, "open", "belowThreshold", "active", 50, dt.date(2017, 12, 30)),
        _procedure(6, 1, "open", "belowThreshold", "complete", 999, dt.date(2017, 5, 1), public=False),
        _procedure(7, 1, "open", "belowThreshold", "complete", 1000, dt.date(2016, 5, 1)),
    ],
    procurement_lots: [
        {"procurement_id": 1, "lot_key": "a", "status": "complete", "expected_value": 600},
        {"procurement_id": 1, "lot_key": "b", "status": "cancelled", "expected_value": 400},
        *({"procurement_id": n, "lot_key": "", "status": s, "expected_value": v} for n, s, v in (
            (2, "complete", 200), (3, "unsuccessful", 300), (4, "complete", 100), (5, "active", 50),
            (6, "complete", 999), (7, "complete", 1000))),
    ],
    procurement_bids: [
        {"procurement_id": 1, "lot_key": "a", "bid_key": "1", "bidder_id": "UA-EDR-1", "status": "valid"},
        {"procurement_id": 1, "lot_key": "a", "bid_key": "2", "bidder_id": "UA-EDR-2", "status": "valid"},
        {"procurement_id": 1, "lot_key": "b", "bid_key": "3", "bidder_id": "UA-EDR-3", "status": "valid"},
        {"procurement_id": 2, "lot_key": "", "bid_key": "4", "bidder_id": "UA-EDR-1", "status": "valid"},
        {"procurement_id": 2, "lot_key": "", "bid_key": "5", "bidder_id": "UA-EDR-2", "status": "withdrawn"},
        *({"procurement_id": 6, "lot_key": "", "bid_key": f"6{n}", "bidder_id": f"UA-EDR-{n}", "status": "valid"}
          for n in (1, 2, 3)),
    ],
    procurement_awards: [
        {"procurement_id": 1, "lot_key": "a", "award_key": "1", "status": "cancelled", "value": 550},
        {"procurement_id": 1, "lot_key": "a", "award_key": "2", "status": "active", "value": 500},
        {"procurement_id": 2, "lot_key": "", "award_key": "3", "status": "active", "value": 190},
        {"procurement_id": 4, "lot_key": "", "award_key": "4", "status": "active", "value": 100},
        {"procurement_id": 6, "lot_key": "", "award_key": "5", "status": "active", "value": 900},
    ],
    procurement_items: [
        {"procurement_id": 1, "lot_key": "a", "cpv": "45450000-6"}, {"procurement_id": 1, "lot_key": "b", "cpv": "45230000-8"},
        {"procurement_id": 2, "lot_key": "", "cpv": "33600000-6"}, {"procurement_id": 3, "lot_key": "", "cpv": "33140000-3"},
        {"procurement_id": 3, "lot_key": "", "cpv": "45000000-7"}, {"procurement_id": 4, "lot_key": "", "cpv": "30190000-7"},
    ],
    procurement_contacts_internal: [{"procurement_id": 1, "name": "Петренко Петро", "email": "p@example.com"}],
}


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def engine(request, tmp_path_factory):
    writer = empty_database(request.param, request.node.name, tmp_path_factory.mktemp("pq"), "vidkryto_procure_q", ROWS)
    with writer.begin() as connection:  # as the importer does after writing: each lot's bidders and awarded value
        refresh_lot_figures(connection)
    writer.dispose()
    return read_engine(writer.url.render_as_string(hide_password=False))


def test_the_indicators_counted_by_hand(engine):
    row = q.indicators(engine, YEAR).row(0, named=True)
    assert (row["scope"], row["procedures"], row["expected_value"], row["awarded_value"]) == ("selection", 5, 1650, 790)
    assert row["competitive_value_share"] == pytest.approx(1550 / 1650)  # all but the report
    assert row["average_bidders"] == pytest.approx(3 / 3)  # lot a: 2, procedure 2: 1 (the withdrawn bid aside), 3: 0
    assert row["single_bidder_share"] == pytest.approx(1 / 2)  # of complete competitive lots: a and 2
    assert row["cancelled_share"] == pytest.approx(1 / 4) and row["unsuccessful_share"] == pytest.approx(1 / 4)
    assert row["awarded_to_expected"] == pytest.approx((500 + 190) / (600 + 200))  # the cancelled award aside


def test_a_unit_beside_the_council_and_the_internal_audience(engine):
    frame = q.indicators(engine, Filters.for_year(2017, units=("EDU",)))
    assert frame.select("scope", "procedures").rows() == [("selection", 3), ("council", 5)]
    assert frame["single_bidder_share"].to_list() == pytest.approx([0.5, 0.5])
    assert frame["unsuccessful_share"].to_list() == pytest.approx([0, 1 / 4])
    internal = q.indicators(engine, Filters.for_year(2017, audience="internal")).row(0, named=True)
    assert internal["procedures"] == 6 and internal["average_bidders"] == pytest.approx(6 / 4)


def test_no_procedure_gives_no_share(engine):
    row = q.indicators(engine, Filters.for_year(2015)).row(0, named=True)
    assert row["procedures"] == 0 and row["average_bidders"] is None and row["competitive_value_share"] is None


def test_per_month_and_unit(engine):
    assert q.per_month(engine, YEAR).rows() == [
        (dt.date(2017, 2, 1), "EDU", 2, 1200), (dt.date(2017, 3, 1), "HEALTH", 2, 400),
        (dt.date(2017, 12, 1), "EDU", 1, 50)]


def test_by_method(engine):
    assert q.by_method(engine, YEAR).rows() == [
        ("open", "aboveThresholdUA", 2, 1300, 500), ("open", "belowThreshold", 2, 250, 190),
        ("limited", "reporting", 1, 100, 100)]
    assert q.by_method(engine, YEAR, method="limited").rows() == [("limited", "reporting", 1, 100, 100)]


def test_categories_count_a_procedure_once_per_division(engine):
    assert q.categories(engine, YEAR).rows() == [("33", 2, 500), ("45", 2, 1300), ("30", 1, 100)]


def test_the_list_with_lots_bidders_awards_and_the_prozorro_link(engine):
    listed = q.procurement_list(engine, YEAR, status="complete")
    assert listed.select("tender_id", "lots", "bidders", "awarded_value").rows() == [
        ("UA-2017-04-01-000001-a", 1, 0, 100), ("UA-2017-02-01-000001-a", 1, 1, 190),
        ("UA-2017-01-01-000001-a", 2, 3, 500)]
    assert listed["prozorro_url"][0] == "https://prozorro.gov.ua/tender/UA-2017-04-01-000001-a"
    assert "email" not in listed.columns and q.procurement_list(engine, YEAR, limit=2).height == 2


def test_the_overview_card_counts_what_the_page_counts(demo_engine):
    for filters in (YEAR, Filters.for_year(2017, units=("EDU",)), Filters.for_year(2018, audience="internal")):
        card = kpi_values(demo_engine, filters).filter(kpi="procurements")["value"][0]
        assert card == q.indicators(demo_engine, filters)["procedures"][0]
    assert q.indicators(demo_engine, YEAR)["procedures"][0] == 900  # the council's report of 2017


def test_the_real_sample_imported_gives_the_open_tender_its_figures(tmp_path):
    """ProZorro's sample: the open tender's two lots, its two bids (both on one lot) and two active awards."""
    from dashboard.writer.importers import run_import
    from tests.support import PROJECT_ROOT

    writer = empty_database("sqlite", "sample", tmp_path, "vidkryto_procure_sample")
    run_import(writer, "procurement", PROJECT_ROOT / "data/samples/prozorro-ocds/records-10.json", None, None)
    engine = read_engine(writer.url.render_as_string(hide_password=False))
    listed = q.procurement_list(engine, Filters.all_time())
    assert listed.height == 10
    tender = listed.filter(tender_id="UA-2017-10-31-002726-a").row(0, named=True)
    assert (tender["lots"], tender["bidders"], tender["expected_value"], tender["awarded_value"]) == (2, 2, 323_540, 322_700)
    assert tender["prozorro_url"] == "https://prozorro.gov.ua/tender/UA-2017-10-31-002726-a"
