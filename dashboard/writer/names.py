"""Deputy names: one key for every spelling of a deputy, and the registry that turns names into deputies.

The e-voting export writes one deputy as `Муха  В. В.`, `Муха В.В.` or `Муха В. В.`; the open-data CSV
writes `Муха Вадим Васильович`. All of them get the key `муха в.в.`: the surname, case-folded, and the
first letter of each other word. Near-namesakes (`Гончаров В.В.`, `Гончаров О.В.`) keep different keys.
Names are normalised to Unicode NFC first, so a «й» typed as «и» + combining breve (U+0306) is the same
letter. Apostrophes (' ’ ʼ ` ‘) become one, and Latin letters typed inside a Cyrillic name become their
Cyrillic twins. A name without a single letter (`. ....`, empty) is an unnamed slot: its key is None.

Namesakes: two deputies may print as the same surname and initials. Where the source gives an identity
(Resolution 835 `voterId`), it is the deputy and the name only a label. Where it gives none, the n-th slot
under one name on one vote is the n-th deputy of that name: the second gets the key `муха в.в. #2` and the
printed name `Муха В.В. (2)`, which reads back to the same key, so an exported file imports as it was.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import deputies

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "′": "'"})
LATIN_LOOKALIKES = str.maketrans("AaBCcEeHIiKMOoPpTXxy", "АаВСсЕеНІіКМОоРрТХху")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD_SEPARATORS = re.compile(r"[\s.]+")
NAMESAKE = re.compile(r"\s*\((\d{1,3})\)\s*$")


def clean_name(name: str) -> str:
    """The spelling kept for display: composed letters (NFC), spaces collapsed, one apostrophe."""
    return " ".join(unicodedata.normalize("NFC", name).translate(APOSTROPHES).split())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str | None:
    """`Муха  В. В.` -> `муха в.в.`, `Муха В.В. (2)` -> `муха в.в. #2`; None when the name has no letter at all
    (an unnamed slot)."""
    namesake = NAMESAKE.search(name)
    if namesake and int(namesake[1]) > 1:
        key = name_key(name[:namesake.start()])
        return key and f"{key} #{int(namesake[1])}"
    text = unicodedata.normalize("NFC", name).translate(APOSTROPHES)
    if CYRILLIC.search(text):
        text = text.translate(LATIN_LOOKALIKES)
    words = [word.strip("'-") for word in WORD_SEPARATORS.split(text)]
    words = [word for word in words if any(ch.isalpha() for ch in word)]
    if not words:
        return None
    # The surname is the first word longer than one letter, so "В. В. Муха" matches "Муха В.В." too.
    surname_at = next((i for i, word in enumerate(words) if len(word) > 1), 0)
    initials = [word[0] for i, word in enumerate(words) if i != surname_at]
    return (words[surname_at] + " " + "".join(f"{letter}." for letter in initials)).casefold().strip()


class Person(NamedTuple):
    """How a source names one deputy: the printed name, the source's identity if any, and for a name without
    one, which slot of that name on the vote it is (1 for the first)."""

    name: str
    voter_id: str | None = None
    occurrence: int = 1


def namesake_key(key: str, occurrence: int) -> str:
    return key if occurrence == 1 else f"{key} #{occurrence}"


def namesake_name(name: str, occurrence: int) -> str:
    return name if occurrence == 1 else f"{name} ({occurrence})"


class DeputyRegistry:
    """The deputies of one convocation by identity and by name key; unknown people become deputies, in bulk.

    A voterId seen for the first time takes the deputy of its name that has no voterId yet (one imported by
    name, e.g. from the e-voting JSON), else a new deputy under the next free namesake key. `created` lists
    the spellings of the deputies this registry created, for the import summary.
    """

    def __init__(self, connection: Connection, convocation_id: int):
        self.connection = connection
        self.convocation_id = convocation_id
        rows = connection.execute(select(deputies.c.id, deputies.c.name_key, deputies.c.voter_id)
                                  .where(deputies.c.convocation_id == convocation_id)).all()
        self.ids: dict[str, int] = {row.name_key: row.id for row in rows}
        self.by_voter: dict[str, int] = {row.voter_id: row.id for row in rows if row.voter_id is not None}
        self.voter_of: dict[int, str] = {row.id: row.voter_id for row in rows if row.voter_id is not None}
        self.created: list[str] = []

    def _place_voter(self, key: str, missing: dict, taken: set[int]) -> tuple[str, int, int | None]:
        """(namesake key, its number, an existing deputy to take) for a voterId seen for the first time; `taken`:
        the deputies already given a voterId in this call."""
        for n in itertools.count(1):
            candidate = namesake_key(key, n)
            if candidate in missing:
                continue
            deputy = self.ids.get(candidate)
            if deputy is None:
                return candidate, n, None
            if deputy not in self.voter_of and deputy not in taken:
                return candidate, n, deputy
        raise AssertionError("unreachable")

    def resolve(self, people: Iterable[str | Person]) -> dict[Person, int]:
        """Person (or plain name) -> deputy id for everyone named, creating the missing deputies."""
        wanted = [p for p in dict.fromkeys(Person(p) if isinstance(p, str) else p for p in people)
                  if name_key(p.name) is not None]
        missing: dict[str, tuple[Person, int]] = {}  # new name key -> (the person it is made for, namesake number)
        adopted: dict[str, int] = {}                 # voterId -> the existing deputy it is given to
        placed: set[str] = set()                     # the voterIds of `missing` and `adopted`
        taken: set[int] = set()                      # the deputies of `adopted`
        keys: dict[Person, str] = {}
        for person in wanted:
            key = name_key(person.name)
            if person.voter_id is None:
                keys[person] = namesake_key(key, person.occurrence)
                if keys[person] not in self.ids:
                    missing.setdefault(keys[person], (person, person.occurrence))
                continue
            if person.voter_id in self.by_voter or person.voter_id in placed:
                continue
            chosen, n, deputy = self._place_voter(key, missing, taken)
            if deputy is None:
                missing[chosen] = (person, n)
            else:
                adopted[person.voter_id] = deputy
                taken.add(deputy)
            placed.add(person.voter_id)
        if adopted:
            self.connection.execute(update(deputies).where(deputies.c.id == bindparam("deputy"))
                                    .values(voter_id=bindparam("voter")),
                                    [{"deputy": deputy, "voter": voter} for voter, deputy in adopted.items()])
            self._remember(adopted.items())
        if missing:
            rows = [{"convocation_id": self.convocation_id, "name_key": key, "voter_id": person.voter_id,
                     "full_name": namesake_name(clean_name(person.name), n), "is_mayor": False}
                    for key, (person, n) in missing.items()]
            created = self.connection.execute(
                insert(deputies).returning(deputies.c.id, deputies.c.name_key, deputies.c.voter_id,
                                           sort_by_parameter_order=True), rows)
            created = created.all()
            self.ids.update({row.name_key: row.id for row in created})
            self._remember((row.voter_id, row.id) for row in created if row.voter_id is not None)
            self.created += sorted(row["full_name"] for row in rows)
        return {person: self.by_voter[person.voter_id] if person.voter_id is not None else self.ids[keys[person]]
                for person in wanted}

    def _remember(self, pairs: Iterable[tuple[str, int]]) -> None:
        for voter, deputy in pairs:
            self.by_voter[voter] = deputy
            self.voter_of[deputy] = voter

    def note(self) -> list[str]:
        """The summary's line about created deputies, if any."""
        if not self.created:
            return []
        return [f"deputies created ({len(self.created)}, no earlier match by name or voterId): {', '.join(self.created)}"]


def fill_unknown(connection: Connection, column: str, values: dict[int, object]) -> None:
    """Fill one deputies column (e.g. gender) for the given deputy ids where it is still empty."""
    if values:
        connection.execute(
            update(deputies).where(deputies.c.id == bindparam("deputy"), deputies.c[column].is_(None))
            .values({column: bindparam("value")}),
            [{"deputy": deputy, "value": value} for deputy, value in values.items()])
