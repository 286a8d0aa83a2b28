"""Vocabularies kept as configuration: one CSV per vocabulary (key, uk, en) beside this module, read here.

Rule: a page shows a key through its vocabulary's label; a key outside the vocabulary is shown as written
(a source's own word, such as a monitoring service's topic); an importer maps a source's word to a key by
the key itself or either label, in any case.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def rows(name: str) -> list[dict[str, str]]:
    """A configuration file of this folder, as its rows (for files that are not key/uk/en vocabularies)."""
    with (FOLDER / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=16)
def labels(vocabulary: str) -> dict[str, dict[str, str]]:
    """A vocabulary file's labels: key -> {"uk": ..., "en": ...}, in the file's order."""
    return {row["key"]: {"uk": row["uk"], "en": row["en"]} for row in rows(vocabulary)}


def label(vocabulary: str, key: str | None, lang: str) -> str | None:
    """A key in words; a key outside the vocabulary as written, none as None."""
    if key is None:
        return None
    entry = labels(vocabulary).get(key)
    return entry[lang] if entry else key


@lru_cache(maxsize=4096)
def vocabulary_key(vocabulary: str, value: str) -> str | None:
    """The key a source's word stands for (the key itself or either label, any case), None if unknown."""
    wanted = " ".join(value.split()).casefold()
    for key, entry in labels(vocabulary).items():
        if wanted in (key.casefold(), entry["uk"].casefold(), entry["en"].casefold()):
            return key
    return None
