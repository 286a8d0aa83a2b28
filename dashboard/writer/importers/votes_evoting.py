"""The e-voting JSON export, one file per vote: reading, repairing and parsing it into `ParsedVote`s.

The published files are not always valid JSON, so they are repaired here only where nothing must be guessed
(see `load_evoting_json`); a file that still cannot be read is skipped with its name and reason, and the rest
of the day imports. `GLTime` may have a two-digit year and no time; the file name's YYMMDD is compared with it,
and a disagreement keeps `GLTime` and is flagged.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePath

from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.files import (
    ImportFailed,
    Limits,
    clean_text,
    json_failure,
    members,
    parse_count,
    parse_json,
    unmarked_utf16,
)
from dashboard.writer.importers.values import as_datetime, parse_datetime
from dashboard.writer.importers.votes_parsed import (
    AGENDA_ITEM_CHARS,
    ParsedVote,
    number_namesakes,
    parse_choice,
    parse_result,
)
from dashboard.writer.names import Person, name_key

EVOTING_NAME = re.compile(r"^(\d{2})(\d{2})(\d{2})_\d+\.json$", re.IGNORECASE)
REPAIR_MAX_BYTES = 1 << 20  # a vote file is about 10 KB; larger broken files are reported, not repaired


@lru_cache(maxsize=65536)
def named_person(printed: str) -> Person | None:
    """The person a printed e-voting name stands for, or None for an unnamed slot; cached, names repeat."""
    return Person(printed) if name_key(printed) else None


def _evoting_order(name: str) -> tuple:
    stem = PurePath(name).stem
    day, _, number = stem.partition("_")
    return (day, int(number) if number.isdigit() else 0, stem)


TEXT_FIELDS = ("DocTime", "OrgName", "SName", "GLType", "GLTime", "PD_NPP", "PD_Fullname", "GL_Text",
               "GL_ResultType", "DPName", "DPGolos", "RESULT")
ALL_FIELDS = TEXT_FIELDS + ("DPList", "YESCnt", "NOCnt", "UTRCnt", "NGCnt", "TotalCnt")
# A text field's value runs from its opening quote to the quote that ends the line before the next field of
# the known layout (or the closing brace): inner quotes and line breaks in between belong to the text.
TEXT_VALUE = re.compile(
    r'(^[ \t]*"(?:' + "|".join(TEXT_FIELDS) + r')"[ \t]*:[ \t]*")(.*?)"(?=[ \t]*(?:,[ \t]*\r?\n[ \t]*"(?:'
    + "|".join(ALL_FIELDS) + r')"[ \t]*:|\r?\n[ \t]*\}))',
    re.MULTILINE | re.DOTALL)
UNESCAPED_QUOTE = re.compile(r'(?<!\\)"')


def load_evoting_json(name: str, raw: bytes, limits: Limits) -> tuple[dict, str | None]:
    """The file's object and, when it had to be repaired, how; ImportFailed when it cannot be read.

    Repairs, in order, each only when the file does not parse without it (and is no larger than
    REPAIR_MAX_BYTES): raw control characters inside strings are taken as the characters they are; then
    quotes inside text fields are escaped, where the field's end is known from the export's layout (one
    field per line, in a fixed set of names).
    """
    if unmarked := unmarked_utf16(raw):
        raise ImportFailed(name, f"{unmarked} without a byte-order mark, not UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(name, f"not UTF-8 at byte {error.start}") from None
    try:
        return parse_json(name, text, limits), None
    except json.JSONDecodeError as error:
        failure = error
    if len(raw) <= REPAIR_MAX_BYTES:
        try:
            return parse_json(name, text, limits, strict=False), "raw control characters inside a text field"
        except json.JSONDecodeError:
            pass
        requoted = TEXT_VALUE.sub(lambda m: m[1] + UNESCAPED_QUOTE.sub(r'\\"', m[2]) + '"', text)
        try:
            return parse_json(name, requoted, limits, strict=False), "unescaped quotes (and control characters) inside text fields"
        except json.JSONDecodeError as error:
            failure = error
    raise json_failure(name, failure)


CONVOCATION = re.compile(r"\b(\d{1,3})\s*-?\s*(?:го\s+)?скликан", re.IGNORECASE)


def file_day(name: str) -> dt.date | None:
    """The day a vote file's name gives (YYMMDD_N.json); None when those digits are not a date."""
    match = EVOTING_NAME.match(name)
    moment = as_datetime(f"{match[3]}.{match[2]}.{match[1]}")
    return moment.date() if moment else None


def parse_evoting(name: str, data: object, limits: Limits) -> ParsedVote:
    """One e-voting object as a vote; ImportFailed (naming the JSON path) when a field is missing or unknown."""

    def count(key: str) -> int:
        return parse_count(data.get(key), f"{name}: {key}")

    def text(key: str, required: bool = True) -> str | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise ImportFailed(f"{name}: {key}", "missing or not text")
        return clean_text(value, f"{name}: {key}")

    if not isinstance(data, dict):
        raise ImportFailed(name, "not a JSON object")
    session = text("SName")
    convocation = CONVOCATION.search(session)
    if not convocation:
        raise ImportFailed(f"{name}: SName", f"no «N скликання» in {session[:80]!r}")
    voted_at = parse_datetime(text("GLTime"), f"{name}: GLTime", limits, required=True)
    adopted = parse_result(text("RESULT"))
    if adopted is None:
        raise ImportFailed(f"{name}: RESULT", f"unknown result {data['RESULT'][:40]!r}")
    agenda_item = text("PD_NPP", required=False) or None
    if agenda_item and len(agenda_item) > AGENDA_ITEM_CHARS:
        raise ImportFailed(f"{name}: PD_NPP", f"an agenda item of more than {AGENDA_ITEM_CHARS} characters")
    slots = data.get("DPList")
    if not isinstance(slots, list):
        raise ImportFailed(f"{name}: DPList", "missing or not a list")
    choices = []
    for i, slot in enumerate(slots):
        printed, golos = (slot.get("DPName") or "", slot.get("DPGolos") or "") if isinstance(slot, dict) else (0, 0)
        if not isinstance(printed, str) or not isinstance(golos, str):
            raise ImportFailed(f"{name}: DPList[{i}]", "not an object with DPName and DPGolos as text")
        choice = parse_choice(golos)
        if choice is None:
            raise ImportFailed(f"{name}: DPList[{i}].DPGolos", f"unknown choice {golos[:40]!r}")
        choices.append((named_person(clean_text(printed, f"{name}: DPList[{i}].DPName")), choice))
    day = file_day(name)
    date_problem = None
    if day != voted_at.date():
        date_problem = (f"GLTime gives {voted_at.date()}, the file name {day}: kept GLTime's day" if day
                        else f"the file name is no date (YYMMDD): kept GLTime's day {voted_at.date()}")
    return ParsedVote(
        source_key=f"evoting:{PurePath(name).stem}",
        location=name,
        convocation=int(convocation[1]),
        session_name=session,
        voted_at=voted_at,
        agenda_item=agenda_item,
        title=text("GL_Text"),
        adopted=adopted,
        counts={"n_for": count("YESCnt"), "n_against": count("NOCnt"), "n_abstain": count("UTRCnt"),
                "n_not_voting": count("NGCnt"), "n_present": count("TotalCnt")},
        choices=number_namesakes(choices),
        date_problem=date_problem,
    )


def read_evoting(path: Path, summary: ImportSummary, advance: Callable[[], None], limits: Limits) -> list[ParsedVote]:
    """Every vote file of a folder / ZIP / single file; unreadable files go to summary.skipped."""
    files = sorted(members(path, lambda n: n.casefold().endswith(".json"), limits), key=lambda item: _evoting_order(item[0]))
    parsed = []
    for name, raw in files:
        advance()
        if not EVOTING_NAME.match(name):
            summary.skipped.append((name, "not a vote file (expected a name like YYMMDD_N.json)"))
            continue
        summary.rows_read += 1
        try:
            data, repair = load_evoting_json(name, raw, limits)
            vote = parse_evoting(name, data, limits)
        except ImportFailed as error:
            summary.skipped.append((error.location, f"vote not imported: {error.reason}"))
            continue
        parsed.append(vote)
        if repair:
            summary.problems.append((name, f"not valid JSON as published; repaired: {repair}"))
    return parsed
