"""Roll-call votes: the e-voting JSON export (one file per vote) and the Resolution 835 CSV pair.

Both formats are read into `ParsedVote`s, then written by one path (`write_votes`) that keeps the
rules below (docs/importing.md lists what stops a file and what is flagged):
- a vote is keyed by `source_key` (`evoting:<file stem>`, `csv835:<motion uid>`): an unchanged vote is
  left as it is, a changed one is updated in place and its choices replaced, so importing a day twice
  changes nothing and a corrected file replaces what its earlier version brought;
- the result is the source's word, never recomputed; the source's own counts are kept in n_for..n_absent
  and compared with the recount of the choices: a difference sets `tally_mismatch` and a problem line;
- every slot is kept at its position; an unnamed slot keeps its choice with no deputy (a problem line
  when it carries a vote, since it counts in the totals but belongs to nobody);
- a deputy is the source's `voterId` when it gives one; else the n-th slot under one name on a vote is the
  n-th deputy of that name (names.py), and such namesakes are reported, never merged;
- one deputy has one choice per vote (a unique key): a `votings.csv` line repeating another is skipped
  and reported, one that contradicts it stops the file;
- an untitled motion imports as a registration (nobody against or abstaining) or procedural vote under a
  placeholder title, flagged `untitled`;
- dates are `values.parse_date`'s (forms, plausible years): the e-voting `GLTime` may have a two-digit year
  and no time; the file name's YYMMDD is compared with it, and a disagreement keeps `GLTime` and flags
  `date_disagrees`;
- the decisions of the register that no vote adopted yet are linked again (`reference.link_decisions`);
- a deputy present in a file is a member on that day: mandate_from / mandate_to widen to cover it;
- a convocation missing from the database is created from `N скликання`: started_on is the first day
  seen (moved earlier when an earlier vote arrives), composition the number of slots in the list
  (for the CSV: the largest number of voters on one motion), which an editor may correct later.

E-voting files that are not valid JSON are repaired only where nothing must be guessed (see
`load_evoting_json`); a file that still cannot be read is skipped with its name and reason, and the rest
of the day imports. The CSV pair is validated as a whole: a bad line stops the import, writing nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import convocations, deputies, plenary_sessions, vote_choices, votes
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.files import (
    ImportFailed,
    Limits,
    clean_text,
    csv_rows,
    decode,
    json_failure,
    member_names,
    members,
    parse_count,
    parse_json,
    printable,
)
from dashboard.writer.importers.reference import link_decisions
from dashboard.writer.importers.values import as_datetime, parse_date, parse_datetime
from dashboard.writer.names import DeputyRegistry, Person, fill_unknown, name_key, namesake_name
from dashboard.writer.vote_summaries import bulk_insert, refresh_vote_summaries

FORMATS = ("evoting-json", "csv-835")
EVOTING_NAME = re.compile(r"^(\d{2})(\d{2})(\d{2})_\d+\.json$", re.IGNORECASE)
CHUNK = 5000  # rows per executemany / ids per IN (...) list
AGENDA_ITEM_CHARS = 40  # votes.agenda_item
REPAIR_MAX_BYTES = 1 << 20  # a vote file is about 10 KB; larger broken files are reported, not repaired
UNTITLED = {"registration": "Реєстрація (у джерелі без назви)",
            "procedural": "Процедурне голосування (у джерелі без назви)"}

# Printed choice (stripped, case-folded) -> schema choice. Absent is also any run of dots, "0" or "".
CHOICES = {
    "за": "for",
    "проти": "against",
    "утримався": "abstain", "утрималась": "abstain", "утрималася": "abstain",
    "не голосував": "not_voting", "не голосувала": "not_voting",
    "відсутній": "absent", "відсутня": "absent", "0": "absent", "": "absent",
}
FEMININE = {"утрималась", "утрималася", "не голосувала", "відсутня"}
MASCULINE = {"утримався", "не голосував", "відсутній"}
COUNTED = ("for", "against", "abstain", "not_voting")
COUNT_COLUMNS = (("votingFor", "n_for"), ("votingAgainst", "n_against"), ("votingAbstain", "n_abstain"),
                 ("notVoting", "n_not_voting"), ("absent", "n_absent"))

# The kind of a vote from its question, first match wins. Kyiv writes decisions as «За основу питання
# порядку денного про ...», so a bare «порядку денного» does not make a vote procedural; the agenda's
# own votes (adopting, adding to, reordering it) and the conduct of the sitting do. A title that is the
# decision's own («Про ...») is a decision even if it speaks of «перенесення» or «перерва».
KIND_RULES = (
    ("registration", r"реєстрац"),
    ("decision", r"^про "),  # the decision's own title, as the export prints some final votes
    ("amendment", r"поправк|\bза правку\b|\bправк[аиу] до\b"),
    ("procedural", r"процедурн|перерв|з голосу|регламент|черговіст|черговост|надання слова|припинення обговорення"
                   r"|тривалість (пленарного )?засідання|зняття з розгляду|повернення до|перенесення"
                   r"|прийняття порядку денного|порядок денний|до порядку д|наповнення порядку денного"),
)



def vote_kind(title: str) -> str:
    """registration / amendment / procedural / decision, by KIND_RULES."""
    text = title.casefold()
    return next((kind for kind, pattern in KIND_RULES if re.search(pattern, text)), "decision")


@lru_cache(maxsize=4096)
def parse_choice(printed: str) -> str | None:
    """The schema's choice for a printed one (`"За       "`, `"........."`, `"Утрималась"`); None if unknown."""
    word = " ".join(printed.split()).casefold()
    if word.strip(".") == "":
        return "absent"
    return CHOICES.get(word)


def parse_result(printed: str) -> bool | None:
    """The source's result (`" РІШЕННЯ НЕ ПРИЙНЯТЕ "`, `Прийнято`) as adopted or not; None if unknown."""
    words = " ".join(printed.split()).casefold().removeprefix("рішення ").strip()
    return {"прийняте": True, "прийнято": True, "не прийняте": False, "не прийнято": False}.get(words)


def untitled_kind(choices: list[tuple[Person | None, str]]) -> str:
    """An untitled motion is a registration when nobody voted against or abstained, else procedural."""
    return "procedural" if any(choice in ("against", "abstain") for _, choice in choices) else "registration"


@dataclass
class ParsedVote:
    """One vote as read from a source, before it meets the database."""

    source_key: str
    location: str  # the file (and motion) it came from, for problem lines
    convocation: int
    session_name: str
    voted_at: dt.datetime
    agenda_item: str | None
    title: str  # empty when the source gives none
    adopted: bool
    counts: dict[str, int]  # n_for, n_against, n_abstain, n_not_voting, n_present as the source states them
    choices: list[tuple[Person | None, str]]  # (who, or None for an unnamed slot; choice) by slot
    slot_label: str = "DPList"
    absent_stated: int | None = None  # the source's count of absent deputies, when it gives one
    genders: dict[Person, str] = field(default_factory=dict)  # f / m, from the printed forms
    date_problem: str | None = None  # how the vote's time and its file name disagree

    @property
    def day(self) -> dt.date:
        return self.voted_at.date()

    def recount(self) -> Counter:
        return Counter(choice for _, choice in self.choices)

    def mismatch(self) -> str | None:
        """How the source's counts differ from its list, or None when they agree."""
        recount = self.recount()
        stated = dict(self.counts)
        counted = {f"n_{name}": recount[name] for name in COUNTED}
        counted["n_present"] = sum(recount[name] for name in COUNTED)
        if self.absent_stated is not None:
            stated["n_absent"], counted["n_absent"] = self.absent_stated, recount["absent"]
        differ = [f"{name} {stated[name]} vs {counted[name]}" for name in stated if stated[name] != counted[name]]
        return ("stated vs recounted: " + ", ".join(differ)) if differ else None


def number_namesakes(choices: list[tuple[Person | None, str]]) -> list[tuple[Person | None, str]]:
    """Give the n-th slot under one name (no voterId) on a vote occurrence n: two slots are two people."""
    keys = [name_key(person.name) if person is not None and person.voter_id is None else None for person, _ in choices]
    named = [key for key in keys if key is not None]
    if len(set(named)) == len(named):
        return choices
    seen: Counter = Counter()
    numbered = []
    for key, (person, choice) in zip(keys, choices):
        if key is not None:
            seen[key] += 1
            person = person._replace(occurrence=seen[key])
        numbered.append((person, choice))
    return numbered


@lru_cache(maxsize=65536)
def named_person(printed: str) -> Person | None:
    """The person a printed e-voting name stands for, or None for an unnamed slot; cached, names repeat."""
    return Person(printed) if name_key(printed) else None


# --- Reading ---------------------------------------------------------------------------------------

def detect_format(path: Path) -> str:
    names = {PurePath(name).name.casefold() for name in member_names(path)}
    if names & {"motions.csv", "votings.csv"} and len(names) == 1:
        raise ImportFailed(printable(path.name), "give the folder or ZIP that holds motions.csv and votings.csv together")
    if {"motions.csv", "votings.csv"} <= names:
        return "csv-835"
    if any(name.endswith(".json") for name in names):
        return "evoting-json"
    raise ImportFailed(printable(path.name), "neither e-voting JSON files (YYMMDD_N.json) nor motions.csv + votings.csv")


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


def load_evoting_json(name: str, raw: bytes) -> tuple[dict, str | None]:
    """The file's object and, when it had to be repaired, how; ImportFailed when it cannot be read.

    Repairs, in order, each only when the file does not parse without it (and is no larger than
    REPAIR_MAX_BYTES): raw control characters inside strings are taken as the characters they are; then
    quotes inside text fields are escaped, where the field's end is known from the export's layout (one
    field per line, in a fixed set of names).
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(name, f"not UTF-8 at byte {error.start}") from None
    try:
        return parse_json(name, text), None
    except json.JSONDecodeError as error:
        failure = error
    if len(raw) <= REPAIR_MAX_BYTES:
        try:
            return parse_json(name, text, strict=False), "raw control characters inside a text field"
        except json.JSONDecodeError:
            pass
        requoted = TEXT_VALUE.sub(lambda m: m[1] + UNESCAPED_QUOTE.sub(r'\\"', m[2]) + '"', text)
        try:
            return parse_json(name, requoted, strict=False), "unescaped quotes (and control characters) inside text fields"
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
            data, repair = load_evoting_json(name, raw)
            vote = parse_evoting(name, data, limits)
        except ImportFailed as error:
            summary.skipped.append((error.location, f"vote not imported: {error.reason}"))
            continue
        parsed.append(vote)
        if repair:
            summary.problems.append((name, f"not valid JSON as published; repaired: {repair}"))
    return parsed


MOTION_COLUMNS = ("uid", "date", "convocation", "title", "votingResult")
VOTING_COLUMNS = ("motionUid", "voterName", "result")
NO_VOTE_RESULTS = {"не голосували", "не розглядали"}


def _read_motion(line: int, row: dict[str, str], limits: Limits) -> ParsedVote:
    """One motions.csv row as a vote without its choices; ImportFailed at the line when a value is unreadable."""
    where = f"motions.csv: line {line}"
    day = parse_date(row["date"], f"{where}, date", limits, required=True)
    convocation = re.match(r"\s*(\d{1,3})\b", row["convocation"])
    if not convocation:
        raise ImportFailed(where, f"convocation is not «N скликання»: {row['convocation'][:40]!r}")
    adopted = parse_result(row["votingResult"])
    if adopted is None:
        raise ImportFailed(where, f"unknown votingResult {row['votingResult'][:40]!r}")
    stated = {key: parse_count(row[column], f"{where}, {column}") if row.get(column) else None
              for column, key in COUNT_COLUMNS}
    agenda_item = row.get("number") or None
    if agenda_item and len(agenda_item) > AGENDA_ITEM_CHARS:
        raise ImportFailed(f"{where}, number", f"an agenda item of more than {AGENDA_ITEM_CHARS} characters")
    return ParsedVote(
        source_key=f"csv835:{row['uid']}", location=where, convocation=int(convocation[1]),
        session_name=row.get("legislativeSession") or "пленарне засідання",
        voted_at=dt.datetime.combine(day, dt.time()), agenda_item=agenda_item, title=row["title"], adopted=adopted,
        counts=stated, choices=[], slot_label="votings")


def read_csv_835(path: Path, summary: ImportSummary, advance: Callable[[], None], limits: Limits) -> list[ParsedVote]:
    """The motions + votings pair as votes; any bad line stops the import (ImportFailed).

    A votings line that repeats an earlier one (same motion and voterId, or without ids the same name and
    result) is skipped and reported; the same voterId twice on a motion with different results stops.
    """
    tables = {name.casefold(): raw for name, raw in
              members(path, lambda n: n.casefold() in ("motions.csv", "votings.csv"), limits)}
    if set(tables) != {"motions.csv", "votings.csv"}:
        raise ImportFailed(printable(path.name), "expected motions.csv and votings.csv together")
    texts = {}
    for name, raw in tables.items():
        texts[name], encoding = decode(name, raw)
        summary.notes.append(f"{name} read as {encoding}")
    motions: dict[str, ParsedVote] = {}
    not_held: dict[str, str] = {}
    for line, row in csv_rows("motions.csv", texts["motions.csv"], MOTION_COLUMNS, limits, may_be_empty=("title",)):
        advance()
        if row["uid"] in motions or row["uid"] in not_held:
            raise ImportFailed(f"motions.csv: line {line}", f"uid {row['uid'][:40]!r} appears twice")
        if row["votingResult"].casefold() in NO_VOTE_RESULTS:
            not_held[row["uid"]] = row["votingResult"]
            continue
        motions[row["uid"]] = _read_motion(line, row, limits)
    held_lines = Counter()
    first_line: dict[tuple, tuple[int, str]] = {}  # (motion, voterId or name and result) -> (line, choice)
    for line, row in csv_rows("votings.csv", texts["votings.csv"], VOTING_COLUMNS, limits):
        advance()
        where = f"votings.csv: line {line}"
        uid = row["motionUid"]
        if uid in not_held:
            held_lines[uid] += 1
            continue
        if uid not in motions:
            raise ImportFailed(where, f"motionUid {uid[:40]!r} is not in motions.csv")
        word = row["result"].casefold()
        choice = CHOICES.get(word)
        if choice is None or word in ("0", ""):
            raise ImportFailed(where, f"unknown result {row['result'][:40]!r}")
        if name_key(row["voterName"]) is None:
            raise ImportFailed(where, f"voterName has no name: {row['voterName'][:40]!r}")
        voter_id = row.get("voterId") or None
        same = (uid, "id", voter_id) if voter_id else (uid, "line", tuple(row.values()))
        if same in first_line:
            earlier, earlier_choice = first_line[same]
            if earlier_choice != choice:
                raise ImportFailed(where, f"voterId {voter_id!r} already voted on motion {uid!r} at line {earlier}, "
                                          "with another result")
            summary.skipped.append((where, f"repeats line {earlier}: one deputy has one choice per vote"))
            continue
        first_line[same] = (line, choice)
        person = Person(row["voterName"], voter_id)
        vote = motions[uid]
        vote.choices.append((person, choice))
        if word in FEMININE or word in MASCULINE:
            vote.genders[person] = "f" if word in FEMININE else "m"
    for uid, result in not_held.items():
        summary.skipped.append((f"motions.csv: {uid}", f"no vote held ({result}); {held_lines[uid]} votings lines"))
    parsed = []
    for vote in motions.values():
        if not vote.choices:
            summary.skipped.append((vote.location, "no votings lines for this motion"))
            continue
        numbered = number_namesakes(vote.choices)
        vote.genders = {new: vote.genders[old] for (old, _), (new, _) in zip(vote.choices, numbered)
                        if old in vote.genders}
        vote.choices = numbered
        recount = vote.recount()
        vote.absent_stated = vote.counts.pop("n_absent")
        for name in COUNTED:  # a count the motion leaves empty is the list's own
            if vote.counts[f"n_{name}"] is None:
                vote.counts[f"n_{name}"] = recount[name]
        vote.counts["n_present"] = sum(vote.counts[f"n_{name}"] for name in COUNTED)
        parsed.append(vote)
    summary.rows_read = len(motions) + len(not_held)
    return parsed


# --- Writing ---------------------------------------------------------------------------------------

def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _convocation_ids(connection: Connection, parsed: list[ParsedVote]) -> dict[int, int]:
    """Convocation number -> id, creating missing ones and moving started_on to the first day seen."""
    first_day: dict[int, dt.date] = {}
    slots: dict[int, int] = {}
    for vote in parsed:
        first_day[vote.convocation] = min(first_day.get(vote.convocation, vote.day), vote.day)
        slots[vote.convocation] = max(slots.get(vote.convocation, 0), len(vote.choices))
    known = {row.number: row for row in connection.execute(
        select(convocations.c.id, convocations.c.number, convocations.c.started_on)
        .where(convocations.c.number.in_(list(first_day))))}
    ids = {}
    for number, day in first_day.items():
        if number not in known:
            ids[number] = connection.execute(insert(convocations).values(
                number=number, started_on=day, composition=slots[number])).inserted_primary_key[0]
            continue
        ids[number] = known[number].id
        if known[number].started_on > day:
            connection.execute(update(convocations).where(convocations.c.id == ids[number]).values(started_on=day))
    return ids


def _session_ids(connection: Connection, parsed: list[ParsedVote], convocation_ids: dict[int, int]) -> dict[tuple, int]:
    """(convocation id, day, name) -> plenary session id, creating missing sessions."""
    wanted = {(convocation_ids[v.convocation], v.day, v.session_name) for v in parsed}
    days = sorted({day for _, day, _ in wanted})
    rows = connection.execute(select(plenary_sessions).where(plenary_sessions.c.held_on.in_(days))).all()
    ids = {(row.convocation_id, row.held_on, row.name): row.id for row in rows}
    missing = sorted(wanted - set(ids))
    if missing:
        created = connection.execute(
            insert(plenary_sessions).returning(plenary_sessions.c.id, sort_by_parameter_order=True),
            [{"convocation_id": c, "held_on": d, "name": n} for c, d, n in missing])
        ids.update(zip(missing, created.scalars()))
    return ids


def _widen_mandates(connection: Connection, days_seen: dict[int, set[dt.date]]) -> None:
    """A deputy in a file is a member that day: widen mandate_from / mandate_to to cover the days seen."""
    changes = []
    for chunk in _chunks(list(days_seen)):
        for row in connection.execute(select(deputies.c.id, deputies.c.mandate_from, deputies.c.mandate_to)
                                      .where(deputies.c.id.in_(chunk))):
            first, last = min(days_seen[row.id]), max(days_seen[row.id])
            new_from = min(first, row.mandate_from or first)
            new_to = max(last, row.mandate_to or last)
            if (new_from, new_to) != (row.mandate_from, row.mandate_to):
                changes.append({"deputy": row.id, "first": new_from, "last": new_to})
    if changes:
        connection.execute(update(deputies).where(deputies.c.id == bindparam("deputy"))
                           .values(mandate_from=bindparam("first"), mandate_to=bindparam("last")), changes)


VOTE_FIELDS = ("session_id", "voted_at", "agenda_item", "title", "kind", "adopted", "n_for", "n_against",
               "n_abstain", "n_not_voting", "n_present", "n_absent", "tally_mismatch", "untitled", "date_disagrees")


def _existing_votes(connection: Connection, keys: list[str]) -> dict[str, tuple[int, tuple, set]]:
    """source_key -> (id, vote fields, choices as a set of (slot, deputy, choice)) for votes already stored."""
    found = {}
    for chunk in _chunks(keys):
        for row in connection.execute(select(votes.c.id, votes.c.source_key, *(votes.c[f] for f in VOTE_FIELDS))
                                      .where(votes.c.source_key.in_(chunk))):
            found[row.source_key] = (row.id, tuple(row[2:]), set())
    by_id = {vote_id: choices for vote_id, _, choices in found.values()}
    for chunk in _chunks(list(by_id)):
        for row in connection.execute(select(vote_choices.c.vote_id, vote_choices.c.slot, vote_choices.c.deputy_id,
                                             vote_choices.c.choice).where(vote_choices.c.vote_id.in_(chunk))):
            by_id[row.vote_id].add((row.slot, row.deputy_id, row.choice))
    return found


def _vote_row(vote: ParsedVote, session_id: int, mismatch: str | None) -> dict:
    """The votes row of a parsed vote; an untitled one gets its kind from its choices and a placeholder title."""
    kind = untitled_kind(vote.choices) if not vote.title else vote_kind(vote.title)
    return {"session_id": session_id, "voted_at": vote.voted_at, "agenda_item": vote.agenda_item,
            "title": vote.title or UNTITLED[kind], "kind": kind, "adopted": vote.adopted, **vote.counts,
            "n_absent": vote.absent_stated, "tally_mismatch": mismatch is not None, "untitled": not vote.title,
            "date_disagrees": vote.date_problem is not None}


def _flag(vote: ParsedVote, summary: ImportSummary, kind: str) -> str | None:
    """Put the vote's oddities (counts, title, date) on the summary's problem lines; return the mismatch."""
    mismatch = vote.mismatch()
    if mismatch:
        summary.problems.append((vote.location, f"tallies differ from the list: {mismatch}"))
    if not vote.title:
        summary.problems.append((vote.location, f"no title: imported as a {kind} vote under a placeholder"))
    if vote.date_problem:
        summary.problems.append((vote.location, vote.date_problem))
    return mismatch


def write_votes(connection: Connection, parsed: list[ParsedVote], batch_id: int, summary: ImportSummary,
                advance: Callable[[int], None]) -> None:
    """Write parsed votes: sessions, deputies, votes and choices, then refresh the summaries of their months."""
    if not parsed:
        return
    keys = [vote.source_key for vote in parsed]
    repeated = [key for key, n in Counter(keys).items() if n > 1]
    if repeated:
        raise ImportFailed(parsed[0].location, f"the same vote appears twice: {', '.join(repeated[:5])}")
    convocation_ids = _convocation_ids(connection, parsed)
    session_ids = _session_ids(connection, parsed, convocation_ids)
    registries = {number: DeputyRegistry(connection, conv_id) for number, conv_id in convocation_ids.items()}
    days_seen: dict[int, set[dt.date]] = defaultdict(set)
    genders: dict[int, str] = {}
    namesakes: dict[str, str] = {}  # printed name -> the first vote where two slots carried it
    people: dict[int, dict[Person, None]] = defaultdict(dict)  # in file order: the first of two namesakes keeps the name
    for vote in parsed:
        people[vote.convocation].update((person, None) for person, _ in vote.choices if person)
    resolved = {number: registries[number].resolve(persons) for number, persons in people.items()}
    rows, choice_sets = [], []
    for vote in parsed:
        deputy_ids = resolved[vote.convocation]
        choices, day, voters = set(), vote.day, {}
        for slot, (person, choice) in enumerate(vote.choices):
            deputy = deputy_ids[person] if person else None
            choices.add((slot, deputy, choice))
            if deputy is None:
                if choice != "absent":
                    summary.problems.append((f"{vote.location}: {vote.slot_label}[{slot}]",
                                             f"a slot with no name carries a vote ({choice})"))
                continue
            if deputy in voters:
                raise ImportFailed(f"{vote.location}: {vote.slot_label}[{slot}]",
                                   f"{person.name!r} is the same deputy as slot {voters[deputy]}: one choice per vote")
            voters[deputy] = slot
            days_seen[deputy].add(day)
            if person.occurrence > 1:
                namesakes.setdefault(person.name, vote.location)
        genders.update({deputy_ids[person]: gender for person, gender in vote.genders.items()})
        session_id = session_ids[(convocation_ids[vote.convocation], vote.day, vote.session_name)]
        row = _vote_row(vote, session_id, None)
        row["tally_mismatch"] = _flag(vote, summary, row["kind"]) is not None
        rows.append(row)
        choice_sets.append(choices)
    for name, location in namesakes.items():
        summary.problems.append((location, f"two slots on one vote print as {name!r} and the source gives no voterId: "
                                           f"kept as two deputies, {name!r} and {namesake_name(name, 2)!r}"))
    for registry in registries.values():
        summary.notes += registry.note()
    fill_unknown(connection, "gender", genders)
    _widen_mandates(connection, days_seen)
    unnamed_absent = sum(1 for vote in parsed for person, choice in vote.choices if person is None and choice == "absent")
    if unnamed_absent:
        summary.notes.append(f"{unnamed_absent:,} slots with no name, all absent: kept without a deputy")

    existing = _existing_votes(connection, keys)
    fresh, changed, choice_rows = [], [], []
    for vote, row, choices in zip(parsed, rows, choice_sets):
        stored = existing.get(vote.source_key)
        if stored and stored[1] == tuple(row[f] for f in VOTE_FIELDS) and stored[2] == choices:
            continue
        if stored:
            changed.append({**{f"new_{f}": row[f] for f in VOTE_FIELDS}, "vote": stored[0], "batch": batch_id})
            choice_rows += [(stored[0], choices)]
        else:
            fresh.append((vote.source_key, row, choices))
    if changed:
        ids = [row["vote"] for row in changed]
        for chunk in _chunks(ids):
            connection.execute(delete(vote_choices).where(vote_choices.c.vote_id.in_(chunk)))
        connection.execute(update(votes).where(votes.c.id == bindparam("vote"))
                           .values(**{f: bindparam(f"new_{f}") for f in VOTE_FIELDS}, batch_id=bindparam("batch")), changed)
    for chunk in _chunks(fresh):
        connection.execute(insert(votes), [{**row, "source_key": key, "batch_id": batch_id} for key, row, _ in chunk])
        created = dict(connection.execute(select(votes.c.source_key, votes.c.id)
                                          .where(votes.c.source_key.in_([key for key, _, _ in chunk]))).all())
        choice_rows += [(created[key], choices) for key, _, choices in chunk]
    flat = [(vote_id, *choice) for vote_id, choices in choice_rows for choice in sorted(choices)]
    for chunk in _chunks(flat, 50000):
        bulk_insert(connection, vote_choices, ("vote_id", "slot", "deputy_id", "choice"), chunk)
        advance(len(chunk))
    summary.rows_written = len(fresh) + len(changed)
    unchanged = len(parsed) - summary.rows_written
    summary.notes.append(f"votes: {len(fresh):,} new, {len(changed):,} replaced, {unchanged:,} unchanged; "
                         f"choices written: {len(flat):,}")
    if summary.rows_written:
        refresh_vote_summaries(connection, months={vote.day.replace(day=1) for vote in parsed})
        linked = link_decisions(connection)
        if linked:
            summary.notes.append(f"{linked:,} decisions of the register linked to their roll-call vote")


@contextmanager
def _progress(console: Console | None, reading_total: int | None) -> Iterator[tuple[Callable, Callable]]:
    """Two advance callbacks (reading files, writing choices) on a rich progress bar, or silent ones."""
    if console is None:
        yield (lambda n=1: None), (lambda n=1: None)
        return
    with Progress(console=console, transient=True) as bar:
        reading = bar.add_task("reading", total=reading_total)
        writing = bar.add_task("writing choices", total=None)
        yield (lambda n=1: bar.advance(reading, n)), (lambda n=1: bar.advance(writing, n))


READERS = {"evoting-json": read_evoting, "csv-835": read_csv_835}


def run(connection: Connection, path: Path, fmt: str, batch_id: int, progress: Console | None,
        limits: Limits) -> ImportSummary:
    summary = ImportSummary()
    files = len(member_names(path)) if fmt == "evoting-json" else None
    with _progress(progress, files) as (advance_reading, advance_writing):
        parsed = READERS[fmt](path, summary, advance_reading, limits)
        write_votes(connection, parsed, batch_id, summary, advance_writing)
    return summary
