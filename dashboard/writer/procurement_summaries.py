"""Each lot's bidders and awarded value, kept on `procurement_lots` by the writer.

Counting distinct bidders per lot means sorting every bid of the period: at 100 times the city's scale that is
0.8 s of a page's budget (docs/data-model.md, «Summaries»). So the writer keeps the two figures on the lot after
every procurement import, for the procedures it wrote, and the demo after it builds; the pages read them as
columns. Rules: `dashboard.metrics.procurement` (`NOT_BIDS`, active awards).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import Connection

from dashboard.metrics.procurement import NOT_BIDS
from dashboard.schema import procurement_awards, procurement_bids, procurement_lots

CHUNK = 5_000
KEPT = ("bidders", "awarded_value")
"""The columns of `procurement_lots` kept here, never read from a file."""


def refresh_lot_figures(connection: Connection, procurement_ids: Iterable[int] | None = None) -> None:
    """Recount bidders and the awarded value of the lots of these procedures (None: of every procedure)."""
    L, B, A = procurement_lots.c, procurement_bids.c, procurement_awards.c
    bidders = (select(func.count(func.distinct(func.coalesce(B.bidder_id, B.bid_key))))
               .where(B.procurement_id == L.procurement_id, B.lot_key == L.lot_key,
                      func.coalesce(B.status, "").not_in(NOT_BIDS)).scalar_subquery())
    awarded = (select(func.sum(A.value))
               .where(and_(A.procurement_id == L.procurement_id, A.lot_key == L.lot_key, A.status == "active"))
               .scalar_subquery())
    statement = update(procurement_lots).values(bidders=bidders, awarded_value=awarded)
    if procurement_ids is None:
        connection.execute(statement)
        return
    ids = list(procurement_ids)
    for start in range(0, len(ids), CHUNK):
        connection.execute(statement.where(L.procurement_id.in_(ids[start:start + CHUNK])))
