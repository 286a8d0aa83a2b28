"""Procurement formulas: the Python indicators over lots read row by row equal their SQL twins (through
`queries.procurement.indicators`) on the demo council, on both backends; the small rules on their own."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import select

from dashboard.filters import Filters
from dashboard.metrics.procurement import Lot, indicators, is_competitive, status_key
from dashboard.schema import procurement_awards, procurement_bids, procurement_lots, procurements, units
from queries import procurement as q


def _python_indicators(engine, year: int, unit: str | None, public: bool) -> dict:
    """Every lot of the year built in Python from the raw rows, then the plain formulas."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    with engine.connect() as connection:
        unit_id = connection.execute(select(units.c.id).where(units.c.code == unit)).scalar() if unit else None
        chosen = {row.id: row for row in connection.execute(select(procurements)) if start <= row.published_on <= end
                  and (row.is_public or not public) and (unit_id is None or row.unit_id == unit_id)}
        bidders, awarded = defaultdict(set), defaultdict(float)
        for bid in connection.execute(select(procurement_bids)):
            if bid.status not in ("invited", "withdrawn"):
                bidders[bid.procurement_id, bid.lot_key].add(bid.bidder_id or bid.bid_key)
        for award in connection.execute(select(procurement_awards)):
            if award.status == "active":
                awarded[award.procurement_id, award.lot_key] += award.value
        lots = [Lot(chosen[lot.procurement_id].method, lot.status, len(bidders[lot.procurement_id, lot.lot_key]),
                    lot.expected_value, awarded.get((lot.procurement_id, lot.lot_key)))
                for lot in connection.execute(select(procurement_lots)) if lot.procurement_id in chosen]
    return indicators(lots, [(row.method, row.expected_value) for row in chosen.values()])


@pytest.mark.parametrize("year, unit, public", ((2017, None, True), (2018, "EDU", True), (2020, None, False)))
def test_python_and_sql_agree_on_the_demo(demo_engine, year, unit, public):
    filters = Filters.for_year(year, units=(unit,) if unit else (), audience="public" if public else "internal")
    by_sql = q.indicators(demo_engine, filters).row(0, named=True)
    by_python = _python_indicators(demo_engine, year, unit, public)
    assert by_python.keys() <= by_sql.keys()
    for key, value in by_python.items():
        assert by_sql[key] == pytest.approx(value), key
    assert all(value is not None for value in by_python.values())


def test_empty_wholes_give_none_never_a_division_by_zero():
    assert set(indicators([], []).values()) == {None}
    only_reports = indicators([Lot("limited", "complete", 0, 100.0, 100.0)], [("limited", 100.0)])
    assert only_reports["competitive_value_share"] == 0 and only_reports["average_bidders"] is None


def test_the_small_rules():
    assert status_key("active.auction") == "active" and status_key("complete") == "complete"
    assert is_competitive("open") and is_competitive("selective")
    assert not is_competitive("limited") and not is_competitive("direct") and not is_competitive(None)
