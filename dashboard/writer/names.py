"""Deputy names: one key for every spelling of a deputy, and the registry that turns names into deputies.

The e-voting export writes one deputy as `Муха  В. В.`, `Муха В.В.` or `Муха В. В.`; the open-data CSV
writes `Муха Вадим Васильович`. All of them get the key `муха в.в.`: the surname, case-folded, and the
first letter of each other word. Near-namesakes (`Гончаров В.В.`, `Гончаров О.В.`) keep different keys.
Names are normalised to Unicode NFC first, so a «й» typed as «и» + combining breve (U+0306) is the same
letter. Apostrophes (' ’ ʼ ` ‘) become one, and Latin letters typed inside a Cyrillic name become their
Cyrillic twins. A name without a single letter (`. ....`, empty) is an unnamed slot: its key is None.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from dashboard.schema import deputies

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "′": "'"})
LATIN_LOOKALIKES = str.maketrans("AaBCcEeHIiKMOoPpTXxy", "АаВСсЕеНІіКМОоРрТХху")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD_SEPARATORS = re.compile(r"[\s.]+")


def clean_name(name: str) -> str:
    """The spelling kept for display: composed letters (NFC), spaces collapsed, one apostrophe."""
    return " ".join(unicodedata.normalize("NFC", name).translate(APOSTROPHES).split())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str | None:
    """`Муха  В. В.` -> `муха в.в.`; None when the name has no letter at all (an unnamed slot)."""
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


class DeputyRegistry:
    """The deputies of one convocation by name key; unknown names become deputies, in bulk.

    `created` lists the spellings of the deputies this registry created, for the import summary.
    """

    def __init__(self, connection: Connection, convocation_id: int):
        self.connection = connection
        self.convocation_id = convocation_id
        self.ids: dict[str, int] = dict(connection.execute(
            select(deputies.c.name_key, deputies.c.id).where(deputies.c.convocation_id == convocation_id)).all())
        self.created: list[str] = []

    def resolve(self, names: Iterable[str]) -> dict[str, int]:
        """Name key -> deputy id for every named spelling given, creating the missing deputies."""
        missing: dict[str, str] = {}
        for name in names:
            key = name_key(name)
            if key is not None and key not in self.ids and key not in missing:
                missing[key] = clean_name(name)
        if missing:
            rows = [{"convocation_id": self.convocation_id, "full_name": full, "name_key": key, "is_mayor": False}
                    for key, full in missing.items()]
            created = self.connection.execute(
                insert(deputies).returning(deputies.c.id, deputies.c.name_key, sort_by_parameter_order=True), rows)
            self.ids.update({row.name_key: row.id for row in created})
            self.created += sorted(missing.values())
        return self.ids

    def note(self) -> list[str]:
        """The summary's line about created deputies, if any."""
        if not self.created:
            return []
        return [f"deputies created ({len(self.created)}, no earlier match by name): {', '.join(self.created)}"]


def fill_unknown(connection: Connection, column: str, values: dict[int, object]) -> None:
    """Fill one deputies column (e.g. gender) for the given deputy ids where it is still empty."""
    if values:
        connection.execute(
            update(deputies).where(deputies.c.id == bindparam("deputy"), deputies.c[column].is_(None))
            .values({column: bindparam("value")}),
            [{"deputy": deputy, "value": value} for deputy, value in values.items()])
