"""Names in Ukrainian alphabetical order (А Б В Г Ґ Д Е Є Ж З И І Ї Й К …), the same in both databases and in Python.

PostgreSQL sorts with ICU's Ukrainian collation (`COLLATE "uk-x-icu"`); SQLite has none, so every connection
of `dashboard.db` registers one of that name that compares by `name_key`, and Polars and Python sort by the same
key (`alphabetical`, `sorted(..., key=name_key)`). Binary order would put Є, І, Ї before А.

`name_key` follows CLDR's Ukrainian rules as ICU applies them at its default strength: letters by the alphabet
(Cyrillic before Latin), case only breaking ties (lower first), spaces and punctuation before digits before
letters, and the text itself last, as PostgreSQL breaks ICU's ties. No Python binding of ICU installs from a
wheel here (PyICU builds against the system's ICU; pyuca's root order puts Ї beside І), so the rules are
written out, and tests hold them to PostgreSQL's ICU on the demo's names.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import polars as pl

COLLATION = "uk-x-icu"
"""PostgreSQL's ICU collation of Ukrainian, and the name the SQLite connections register for theirs."""
CYRILLIC = "абвгґдеєжзиіїйклмнопрстуфхцчшщъыьэюя"
"""The Ukrainian alphabet with the Russian letters at CLDR's places (ё sorts as е with an accent)."""
_LETTER = {letter: number for number, letter in enumerate(CYRILLIC)}
SPACE, DIGIT, CYRILLIC_LETTER, LATIN_LETTER, OTHER = range(5)


def _weights(char: str) -> tuple[tuple[int, int], int, int]:
    """(primary, secondary, tertiary) of one character: its group and place, its accent, its case."""
    lower = char.lower()
    case = int(char != lower)
    if lower in _LETTER:
        return (CYRILLIC_LETTER, _LETTER[lower]), 0, case
    base, *marks = unicodedata.normalize("NFD", lower) or lower
    accent = sum(map(ord, marks))
    if base in _LETTER:
        return (CYRILLIC_LETTER, _LETTER[base]), accent, case
    if base.isdigit():
        return (DIGIT, unicodedata.digit(base, 0)), accent, case
    if "a" <= base <= "z":
        return (LATIN_LETTER, ord(base)), accent, case
    if not base.isalnum():
        return (SPACE, ord(base)), accent, case
    return (OTHER, ord(base)), accent, case


@lru_cache(maxsize=65_536)
def name_key(text: str) -> tuple:
    """The sort key of a name: letters first, then accents, then case, then the text itself."""
    weights = [_weights(char) for char in text]
    return (tuple(w[0] for w in weights), tuple(w[1] for w in weights), tuple(w[2] for w in weights), text)


def compare(a: str, b: str) -> int:
    """SQLite's collation function: -1, 0 or 1 as `a` sorts before, with or after `b`."""
    first, second = name_key(a), name_key(b)
    return (first > second) - (first < second)


def _ranks(names: pl.Series) -> pl.Series:
    order = {name: rank for rank, name in enumerate(sorted(names.drop_nulls().unique().to_list(), key=name_key))}
    return names.replace_strict(order, default=None, return_dtype=pl.Int64)


def alphabetical(column: str) -> pl.Expr:
    """A sort key of a frame's column of names in Ukrainian order, for `frame.sort(...)` (nulls stay null)."""
    return pl.col(column).map_batches(_ranks, return_dtype=pl.Int64)
