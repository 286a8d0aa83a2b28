"""A vote as both readers make it (`ParsedVote`), and the source's words they share: printed choices and results.

The e-voting JSON (votes_evoting.py) and the Resolution 835 pair (votes_csv835.py) print choices and results in
the same words; reading them here, once, keeps the two formats from drifting apart before `votes.write_votes`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from dashboard.writer.names import Person, name_key

AGENDA_ITEM_CHARS = 40  # votes.agenda_item

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
