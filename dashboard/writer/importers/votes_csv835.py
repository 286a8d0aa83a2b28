"""The Resolution 835 open-data pair, motions.csv and votings.csv, read together into `ParsedVote`s.

The pair is validated as a whole: a bad line stops the import, writing nothing. Unlike the e-voting files it
names voters by `voterId` and prints gendered choices, so a repeated line is told from a contradicting one here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from dashboard.writer.importers import ImportSummary
from dashboard.writer.importers.files import ImportFailed, Limits, csv_rows, decode, members, parse_count, printable
from dashboard.writer.importers.values import parse_date
from dashboard.writer.importers.votes_parsed import (
    AGENDA_ITEM_CHARS,
    CHOICES,
    COUNTED,
    FEMININE,
    MASCULINE,
    ParsedVote,
    number_namesakes,
    parse_result,
)
from dashboard.writer.names import Person, name_key

COUNT_COLUMNS = (("votingFor", "n_for"), ("votingAgainst", "n_against"), ("votingAbstain", "n_abstain"),
                 ("notVoting", "n_not_voting"), ("absent", "n_absent"))
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
