"""Roll-call votes: the e-voting JSON export (one file per vote) and the Resolution 835 CSV pair.

This is the importer's entry (formats, detection, `run`) and its one writing path, `write_votes`. Each format is
read into `ParsedVote`s by its own module (votes_evoting.py, votes_csv835.py), then written here under the
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

An e-voting file that is not valid JSON is repaired where nothing must be guessed, else skipped while the rest
of the day imports (votes_evoting.py); the CSV pair is validated as a whole, so a bad line stops it, writing
nothing (votes_csv835.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import convocations, deputies, plenary_sessions, vote_choices, votes
from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.common import check_fits
from dashboard.writer.importers.files import ImportFailed, Limits, member_names, printable
from dashboard.writer.importers.reference import link_decisions
from dashboard.writer.importers.votes_csv835 import read_csv_835
from dashboard.writer.importers.votes_evoting import read_evoting
from dashboard.writer.importers.votes_parsed import ParsedVote
from dashboard.writer.names import DeputyRegistry, Person, fill_unknown, namesake_name
from dashboard.writer.vote_summaries import bulk_insert, refresh_vote_summaries

FORMATS = ("evoting-json", "csv-835")
CHUNK = 5000  # rows per executemany / ids per IN (...) list
UNTITLED = {"registration": "Реєстрація (у джерелі без назви)",
            "procedural": "Процедурне голосування (у джерелі без назви)"}


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


def untitled_kind(choices: list[tuple[Person | None, str]]) -> str:
    """An untitled motion is a registration when nobody voted against or abstained, else procedural."""
    return "procedural" if any(choice in ("against", "abstain") for _, choice in choices) else "registration"


def detect_format(path: Path) -> str:
    names = {PurePath(name).name.casefold() for name in member_names(path)}
    if names & {"motions.csv", "votings.csv"} and len(names) == 1:
        raise ImportFailed(printable(path.name), "give the folder or ZIP that holds motions.csv and votings.csv together")
    if {"motions.csv", "votings.csv"} <= names:
        return "csv-835"
    if any(name.endswith(".json") for name in names):
        return "evoting-json"
    raise ImportFailed(printable(path.name), "neither e-voting JSON files (YYMMDD_N.json) nor motions.csv + votings.csv")


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
    for vote in parsed:
        check_fits(votes, {"source_key": vote.source_key, "agenda_item": vote.agenda_item}, vote.location)
        check_fits(plenary_sessions, {"name": vote.session_name}, vote.location)
    convocation_ids = _convocation_ids(connection, parsed)
    session_ids = _session_ids(connection, parsed, convocation_ids)
    registries = {number: DeputyRegistry(connection, conv_id) for number, conv_id in convocation_ids.items()}
    days_seen: dict[int, set[dt.date]] = defaultdict(set)
    genders: dict[int, str] = {}
    namesakes: dict[str, str] = {}  # printed name -> the first vote where two slots carried it
    people: dict[int, dict[Person, None]] = defaultdict(dict)  # in file order: the first of two namesakes keeps the name
    for vote in parsed:
        people[vote.convocation].update((person, None) for person, _ in vote.choices if person)
        for slot, (person, _) in enumerate(vote.choices):
            if person:
                check_fits(deputies, {"name_key": person.name, "voter_id": person.voter_id},
                           f"{vote.location}: {vote.slot_label}[{slot}]")
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
