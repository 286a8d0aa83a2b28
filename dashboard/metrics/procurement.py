"""Procurement: DOZORRO's procuring-entity indicators, each a plain function with its SQL twin.

Rules (docs/procurement.md):
- A procedure is competitive when its `procurementMethod` is open or selective; limited (negotiation, a report
  of a contract) and direct (price quotation) ones are not.
- Competition is counted per lot (a procedure without lots is one lot). A competitive lot is *decided* when its
  bidding is over: complete, unsuccessful or cancelled; still active lots are left out.
- Average bidders: distinct bidders per decided competitive lot that was not cancelled (0 where nobody bid).
- Single-bidder share: of complete competitive lots, those with exactly one bidder.
- Cancelled and unsuccessful shares: of decided competitive lots.
- Competitive share by value: the expected value of competitive procedures over that of all procedures.
- Awarded against expected: the active awards' value over the expected value of the same lots, competitive
  lots with an active award only. Its complement is what is called "savings", and it depends on the buyer's own
  estimate: a generous estimate makes large savings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import and_, case, func
from sqlalchemy.sql import ColumnElement

from dashboard.metrics.common import share, share_sql

METHODS = ("open", "selective", "limited", "direct")
"""OCDS `procurementMethod`, in the order pages show them."""
COMPETITIVE = ("open", "selective")
STATUSES = ("planning", "planned", "active", "complete", "unsuccessful", "cancelled", "withdrawn")
"""OCDS `tenderStatus` (ProZorro's `active.tendering`, `active.auction`… are `active`)."""
DECIDED = ("complete", "unsuccessful", "cancelled")
INDICATORS = ("competitive_value_share", "average_bidders", "single_bidder_share", "cancelled_share",
              "unsuccessful_share", "awarded_to_expected")
"""The indicators in the order the page lists them (messages `procurement_indicator_<key>`)."""
NOT_BIDS = ("invited", "withdrawn")
"""Bid statuses that are no offer: a lot's bidders are the distinct bidders of its other bids."""
PROZORRO_TENDER = "https://prozorro.gov.ua/tender/{tender_id}"


class Lot(NamedTuple):
    method: str | None
    status: str
    bidders: int
    expected: float | None
    awarded: float | None  # the lot's active awards, None when it has none


def status_key(status: str) -> str:
    """A procedure's or lot's status as the tenderStatus codelist has it (`active.auction` -> `active`)."""
    return status.split(".", 1)[0]


def is_competitive(method: str | None) -> bool:
    return method in COMPETITIVE


def is_competitive_sql(method) -> ColumnElement:
    return method.in_(COMPETITIVE)


def indicators(lots: Iterable[Lot], procedures: Iterable[tuple[str | None, float | None]]) -> dict[str, float | None]:
    """Every indicator over lots and procedures ((method, expected value) each); None where its whole is empty."""
    lots = [lot for lot in lots if is_competitive(lot.method)]
    decided = [lot for lot in lots if lot.status in DECIDED]
    bid_on = [lot for lot in decided if lot.status != "cancelled"]
    complete = [lot for lot in decided if lot.status == "complete"]
    awarded = [lot for lot in lots if lot.awarded is not None]
    procedures = list(procedures)
    return {
        "competitive_value_share": share(sum(value or 0 for method, value in procedures if is_competitive(method)),
                                         sum(value or 0 for _method, value in procedures)),
        "average_bidders": share(sum(lot.bidders for lot in bid_on), len(bid_on)),
        "single_bidder_share": share(sum(lot.bidders == 1 for lot in complete), len(complete)),
        "cancelled_share": share(sum(lot.status == "cancelled" for lot in decided), len(decided)),
        "unsuccessful_share": share(sum(lot.status == "unsuccessful" for lot in decided), len(decided)),
        "awarded_to_expected": share(sum(lot.awarded for lot in awarded), sum(lot.expected or 0 for lot in awarded)),
    }


def _sum(value, condition) -> ColumnElement:
    """The sum of `value` over rows meeting the condition (0, never NULL, for none)."""
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def _count(condition) -> ColumnElement:
    return _sum(1, condition)


def lot_indicators_sql(method, status, bidders, expected, awarded) -> dict[str, ColumnElement]:
    """The SQL twin of `indicators`' lot part: aggregates over rows of lots (columns as `Lot`)."""
    competitive = is_competitive_sql(method)
    decided = and_(competitive, status.in_(DECIDED))
    bid_on = and_(decided, status != "cancelled")
    complete = and_(competitive, status == "complete")
    has_award = and_(competitive, awarded.is_not(None))

    return {
        "average_bidders": share_sql(_sum(bidders, bid_on), _count(bid_on)),
        "single_bidder_share": share_sql(_count(and_(complete, bidders == 1)), _count(complete)),
        "cancelled_share": share_sql(_count(and_(decided, status == "cancelled")), _count(decided)),
        "unsuccessful_share": share_sql(_count(and_(decided, status == "unsuccessful")), _count(decided)),
        "awarded_to_expected": share_sql(_sum(awarded, has_award), _sum(func.coalesce(expected, 0), has_award)),
    }


def competitive_value_share_sql(method, expected) -> ColumnElement:
    """The SQL twin of `indicators`' procedure part: aggregates over rows of procedures."""
    value = func.coalesce(expected, 0)
    return share_sql(_sum(value, is_competitive_sql(method)), func.coalesce(func.sum(value), 0))
