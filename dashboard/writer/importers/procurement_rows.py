"""An OCDS release as the rows of the procurement tables, every value checked where it is written, and two such
procedures merged the way OCDS merges releases.

Rules (docs/importing.md, "Procurement"):
- `procurements`: tender.tenderID, title, procurementMethod, procurementMethodType, status and value; the buyer
  (`buyer`, else tender.procuringEntity) with its ЄДРПОУ from `UA-EDR-<8 digits>` (else the buyer party's UA-EDR
  identifier); published_on is tender.datePublished, else tenderPeriod.startDate, else the day in tenderID
  (`UA-YYYY-MM-DD-…`), else the day of the procedure's earliest release; released_at is the release's date in UTC;
- a procedure without lots is one lot of key "" with the tender's title, status and value; items keep their
  ДК 021 (CPV) code; a bid is one row per tenderer per related lot; an award's lot is `lotID` (ProZorro) or its first
  `relatedLots`, its supplier the first; contact points (name, e-mail, telephone) go to the internal table only;
- a value that is not a number (or not finite), a date that is not one or outside the window, text longer than its
  column, a NUL or a lone surrogate, an object where a list belongs (or the reverse) stops the file at its JSON path;
- a release says nothing of what it leaves out (OCDS releases are partial: ProZorro's contract release has no
  tender), so merging keeps what the earlier one said: the later one's values win where it has them, rows are
  matched by their key (a lot, a bid of a tenderer on a lot, an award, a contract, a party), items come whole with
  their tender, the lot "" gives way to real lots, and published_on is the earliest either says.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from sqlalchemy import String

from dashboard.metrics.procurement import status_key
from dashboard.schema import (
    procurement_awards,
    procurement_bids,
    procurement_contacts_internal,
    procurement_contracts,
    procurement_items,
    procurement_lots,
    procurements,
)
from dashboard.writer.importers.files import ImportFailed, Limits, clean_text
from dashboard.writer.importers.ocds import at
from dashboard.writer.importers.values import LOCAL_TIME, parse_date, parse_utc
from dashboard.writer.procurement_summaries import KEPT

EDRPOU = re.compile(r"UA-EDR-([0-9]{8})")
TENDER_DAY = re.compile(r"UA-([0-9]{4}-[0-9]{2}-[0-9]{2})-")
CPV_SCHEMES = {"дк021", "cpv"}
PARTS = {"lots": procurement_lots, "items": procurement_items, "bids": procurement_bids, "awards": procurement_awards,
         "contracts": procurement_contracts, "contacts": procurement_contacts_internal}
"""A procedure's parts: name -> its table (each row also has procurement_id)."""
KEYS = {"lots": ("lot_key",), "bids": ("bid_key", "lot_key", "bidder_id"), "awards": ("award_key",),
        "contracts": ("contract_key",), "contacts": ("party_id",)}
"""The columns that name a row within its procedure; items have none and come whole."""
COLUMNS = {name: tuple(column.name for column in table.c if column.name not in ("id", "procurement_id", *KEPT))
           for name, table in PARTS.items()}
"""What a release gives of each part (the lots' figures the writer keeps are counted after, not read)."""
HEAD = ("ocid", "tender_id", "title", "buyer_id", "buyer_edrpou", "buyer_name", "method", "method_type", "status",
        "expected_value", "currency", "published_on", "released_at")


@dataclass
class Procedure:
    """A procedure's row (None where the releases said nothing) and its parts (None: not in the releases), with
    the date of its earliest release (UTC), the last resort for published_on."""

    head: dict[str, object]
    parts: dict[str, list[dict] | None]
    first_date: dt.datetime | None = None
    places: list[str] = field(default_factory=list)


class _Reader:
    """Values of one release, each refused at its JSON path when it does not fit its column."""

    def __init__(self, place: str, limits: Limits):
        self.place, self.limits = place, limits

    def object(self, value: object, path: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ImportFailed(at(self.place, path), "not a JSON object")
        return value

    def list(self, value: object, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise ImportFailed(at(self.place, path), "not a list")
        return value

    def text(self, value: object, path: str, column) -> str | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ImportFailed(at(self.place, path), f"not text: {str(value)[:40]!r}")
        value = clean_text(value, at(self.place, path)) or None
        longest = column.type.length if isinstance(column.type, String) and column.type.length else \
            self.limits.field_chars
        if value and len(value) > longest:
            raise ImportFailed(at(self.place, path), f"{len(value):,} characters, longer than the {longest:,} "
                                                     f"{column.table.name}.{column.name} holds")
        return value

    def number(self, value: object, path: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ImportFailed(at(self.place, path), f"not a number: {str(value)[:40]!r}")
        return float(value)

    def day(self, value: object, path: str) -> dt.date | None:
        if value is not None and not isinstance(value, str):
            raise ImportFailed(at(self.place, path), f"not a date: {str(value)[:40]!r}")
        return parse_date(value, at(self.place, path), self.limits)

    def key(self, value: object, path: str, column) -> str:
        found = self.text(value, path, column)
        if found is None:
            raise ImportFailed(at(self.place, path), "no id")
        return found

def _status(status: str | None) -> str | None:
    """ProZorro's stage (`active.tendering`, `active.auction`…) as the OCDS status the pages filter by."""
    return status_key(status) if status else status


def procedure(release: dict, place: str, limits: Limits, first_date: dt.datetime | None = None) -> Procedure:
    """The rows of one release (or compiled release); `first_date`: its earliest release's date, if known."""
    read = _Reader(place, limits)
    has_tender = release.get("tender") is not None
    tender = read.object(release.get("tender"), "tender")
    value = read.object(tender.get("value"), "tender.value")
    buyer_path = "buyer" if release.get("buyer") is not None else "tender.procuringEntity"
    buyer = read.object(release.get("buyer") if buyer_path == "buyer" else tender.get("procuringEntity"), buyer_path)
    parties = [read.object(party, f"parties[{n}]") for n, party in enumerate(read.list(release.get("parties"), "parties"))]
    c = procurements.c
    head = {
        "ocid": read.key(release.get("ocid"), "ocid", c.ocid),
        "tender_id": read.text(tender.get("tenderID"), "tender.tenderID", c.tender_id),
        "title": read.text(tender.get("title"), "tender.title", c.title),
        "buyer_id": read.text(buyer.get("id"), f"{buyer_path}.id", c.buyer_id),
        "buyer_name": read.text(buyer.get("name"), f"{buyer_path}.name", c.buyer_name),
        "method": read.text(tender.get("procurementMethod"), "tender.procurementMethod", c.method),
        "method_type": read.text(tender.get("procurementMethodType"), "tender.procurementMethodType", c.method_type),
        "status": _status(read.text(tender.get("status"), "tender.status", c.status)),
        "expected_value": read.number(value.get("amount"), "tender.value.amount"),
        "currency": read.text(value.get("currency"), "tender.value.currency", c.currency),
        "published_on": _published_on(read, tender),
        "released_at": parse_utc(release.get("date"), at(place, "date"), limits) if release.get("date") else None,
    }
    head["buyer_edrpou"] = _edrpou(read, head["buyer_id"], parties)
    parts = {"lots": _lots(read, tender, head) if has_tender else None,
             "items": _items(read, tender) if "items" in tender else None,
             "bids": _bids(read, read.object(release.get("bids"), "bids")) if release.get("bids") is not None else None,
             "awards": _awards(read, release["awards"]) if release.get("awards") is not None else None,
             "contracts": _contracts(read, release["contracts"]) if release.get("contracts") is not None else None,
             "contacts": _contacts(read, parties) if parties else None}
    return Procedure(head, parts, first_date, [place])


def _published_on(read: _Reader, tender: dict) -> dt.date | None:
    period = read.object(tender.get("tenderPeriod"), "tender.tenderPeriod")
    day = read.day(tender.get("datePublished"), "tender.datePublished") or \
        read.day(period.get("startDate"), "tender.tenderPeriod.startDate")
    tender_day = TENDER_DAY.match(tender.get("tenderID") or "") if isinstance(tender.get("tenderID"), str) else None
    return day or (read.day(tender_day[1], "tender.tenderID") if tender_day else None)


def _edrpou(read: _Reader, buyer_id: str | None, parties: list[dict]) -> str | None:
    found = EDRPOU.fullmatch(buyer_id or "")
    if found:
        return found[1]
    for party in parties:
        identifier = party.get("identifier") if party.get("id") == buyer_id and buyer_id else None
        if isinstance(identifier, dict) and identifier.get("scheme") == "UA-EDR" and \
                re.fullmatch(r"[0-9]{8}", str(identifier.get("id", ""))):
            return str(identifier["id"])
    return None


def _lots(read: _Reader, tender: dict, head: dict) -> list[dict]:
    lots = [read.object(lot, f"tender.lots[{n}]") for n, lot in enumerate(read.list(tender.get("lots"), "tender.lots"))]
    if not lots:
        return [{"lot_key": "", "title": head["title"], "status": head["status"], "expected_value": head["expected_value"]}]
    c = procurement_lots.c
    return [{"lot_key": read.key(lot.get("id"), f"tender.lots[{n}].id", c.lot_key),
             "title": read.text(lot.get("title"), f"tender.lots[{n}].title", c.title),
             "status": _status(read.text(lot.get("status"), f"tender.lots[{n}].status", c.status)) or head["status"],
             "expected_value": read.number(read.object(lot.get("value"), f"tender.lots[{n}].value").get("amount"),
                                           f"tender.lots[{n}].value.amount")} for n, lot in enumerate(lots)]


def _items(read: _Reader, tender: dict) -> list[dict]:
    c, rows = procurement_items.c, []
    for n, item in enumerate(read.list(tender.get("items"), "tender.items")):
        path = f"tender.items[{n}]"
        item = read.object(item, path)
        classification = read.object(item.get("classification"), f"{path}.classification")
        scheme = str(classification.get("scheme") or "").replace(" ", "").casefold()
        rows.append({"lot_key": read.text(item.get("relatedLot"), f"{path}.relatedLot", c.lot_key) or "",
                     "cpv": read.text(classification.get("id"), f"{path}.classification.id", c.cpv)
                     if scheme in CPV_SCHEMES else None,
                     "description": read.text(item.get("description"), f"{path}.description", c.description),
                     "quantity": read.number(item.get("quantity"), f"{path}.quantity")})
    return rows


def _bids(read: _Reader, bids: dict) -> list[dict]:
    c, rows = procurement_bids.c, []
    for n, bid in enumerate(read.list(bids.get("details"), "bids.details")):
        path = f"bids.details[{n}]"
        bid = read.object(bid, path)
        lots = [read.text(lot, f"{path}.relatedLots[{k}]", c.lot_key)
                for k, lot in enumerate(read.list(bid.get("relatedLots"), f"{path}.relatedLots"))]
        lots = lots or [read.text(bid.get("relatedLot"), f"{path}.relatedLot", c.lot_key)]
        tenderers = [read.object(one, f"{path}.tenderers[{k}]")
                     for k, one in enumerate(read.list(bid.get("tenderers"), f"{path}.tenderers"))] or [{}]
        row = {"bid_key": read.key(bid.get("id"), f"{path}.id", c.bid_key),
               "status": read.text(bid.get("status"), f"{path}.status", c.status),
               "value": read.number(read.object(bid.get("value"), f"{path}.value").get("amount"), f"{path}.value.amount")}
        rows += [{**row, "lot_key": lot or "",
                  "bidder_id": read.text(tenderer.get("id"), f"{path}.tenderers[{k}].id", c.bidder_id),
                  "bidder_name": read.text(tenderer.get("name"), f"{path}.tenderers[{k}].name", c.bidder_name)}
                 for lot in lots for k, tenderer in enumerate(tenderers)]
    return rows


def _awards(read: _Reader, awards: object) -> list[dict]:
    c, rows = procurement_awards.c, []
    for n, award in enumerate(read.list(awards, "awards")):
        path = f"awards[{n}]"
        award = read.object(award, path)
        related = read.list(award.get("relatedLots"), f"{path}.relatedLots")
        supplier = read.object((read.list(award.get("suppliers"), f"{path}.suppliers") or [None])[0],
                               f"{path}.suppliers[0]")
        rows.append({"award_key": read.key(award.get("id"), f"{path}.id", c.award_key),
                     "lot_key": read.text(award.get("lotID"), f"{path}.lotID", c.lot_key)
                     or read.text(related[0] if related else None, f"{path}.relatedLots[0]", c.lot_key) or "",
                     "status": read.text(award.get("status"), f"{path}.status", c.status),
                     "value": read.number(read.object(award.get("value"), f"{path}.value").get("amount"),
                                          f"{path}.value.amount"),
                     "supplier_id": read.text(supplier.get("id"), f"{path}.suppliers[0].id", c.supplier_id),
                     "supplier_name": read.text(supplier.get("name"), f"{path}.suppliers[0].name", c.supplier_name),
                     "awarded_on": read.day(award.get("date"), f"{path}.date")})
    return rows


def _contracts(read: _Reader, contracts: object) -> list[dict]:
    c, rows = procurement_contracts.c, []
    for n, contract in enumerate(read.list(contracts, "contracts")):
        path = f"contracts[{n}]"
        contract = read.object(contract, path)
        rows.append({"contract_key": read.key(contract.get("id"), f"{path}.id", c.contract_key),
                     "award_key": read.text(contract.get("awardID"), f"{path}.awardID", c.award_key),
                     "status": read.text(contract.get("status"), f"{path}.status", c.status),
                     "value": read.number(read.object(contract.get("value"), f"{path}.value").get("amount"),
                                          f"{path}.value.amount"),
                     "signed_on": read.day(contract.get("dateSigned"), f"{path}.dateSigned")})
    return rows


def _contacts(read: _Reader, parties: list[dict]) -> list[dict]:
    c, rows = procurement_contacts_internal.c, []
    for n, party in enumerate(parties):
        path = f"parties[{n}]"
        point = read.object(party.get("contactPoint"), f"{path}.contactPoint")
        roles = [read.text(role, f"{path}.roles[{k}]", c.roles)
                 for k, role in enumerate(read.list(party.get("roles"), f"{path}.roles"))]
        row = {"party_id": read.text(party.get("id"), f"{path}.id", c.party_id),
               "roles": ",".join(filter(None, roles)) or None,
               "name": read.text(point.get("name"), f"{path}.contactPoint.name", c.name),
               "email": read.text(point.get("email"), f"{path}.contactPoint.email", c.email),
               "phone": read.text(point.get("telephone"), f"{path}.contactPoint.telephone", c.phone)}
        if row["name"] or row["email"] or row["phone"]:
            rows.append(row)
    return rows


# --- Merging ---------------------------------------------------------------------------------------------------

def _overlaid(earlier: dict, later: dict) -> dict:
    return {name: later.get(name) if later.get(name) is not None else earlier.get(name)
            for name in {**earlier, **later}}


def _keyed(name: str, earlier: list[dict], later: list[dict]) -> list[dict]:
    rows = {tuple(row[key] for key in KEYS[name]): row for row in earlier}
    for row in later:
        key = tuple(row[key] for key in KEYS[name])
        rows[key] = _overlaid(rows[key], row) if key in rows else row
    merged = list(rows.values())
    if name == "lots" and any(row["lot_key"] for row in merged):
        merged = [row for row in merged if row["lot_key"]]
    return merged


def merged(earlier: Procedure, later: Procedure) -> Procedure:
    """`later` laid over `earlier` (by their released_at), as ocdsmerge lays a later release over an earlier one."""
    head = _overlaid(earlier.head, later.head)
    days = [day for day in (earlier.head.get("published_on"), later.head.get("published_on")) if day]
    head["published_on"] = min(days) if days else None
    firsts = [day for day in (earlier.first_date, later.first_date) if day]
    parts = {}
    for name in PARTS:
        old, new = earlier.parts.get(name), later.parts.get(name)
        parts[name] = old if new is None else new if old is None or name == "items" else _keyed(name, old, new)
    return Procedure(head, parts, min(firsts) if firsts else None, earlier.places + later.places)


def in_order(one: Procedure, other: Procedure) -> Procedure:
    """The two merged, the one released later laid over the other (on a tie, `other`)."""
    one_at, other_at = one.head.get("released_at"), other.head.get("released_at")
    if one_at and other_at and one_at > other_at:
        return merged(other, one)
    return merged(one, other)


def finished(found: Procedure) -> dict:
    """The procurements row: published_on falls back to the earliest release's day (Kyiv), and a status the
    releases never gave (no tender in them) is empty."""
    head = {name: found.head.get(name) for name in HEAD}
    if head["published_on"] is None and found.first_date:
        head["published_on"] = found.first_date.replace(tzinfo=dt.UTC).astimezone(LOCAL_TIME).date()
    head["status"] = head["status"] or ""
    return head
