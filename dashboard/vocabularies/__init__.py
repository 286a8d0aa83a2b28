"""Vocabularies kept as configuration: one CSV per vocabulary (key, uk, en) beside this module, read here.

Rule: a page shows a key through its vocabulary's label; a key outside the vocabulary is shown as written
(a source's own word, such as a monitoring service's topic); an importer maps a source's word to a key by
the key itself or either label, in any case. The shipped files are defaults: a council keeps its own in the
folder the `vocabulary_dir` setting names, where a file of the same name replaces the shipped one.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

from dashboard.settings import PROJECT_ROOT, load_settings

FOLDER = Path(__file__).resolve().parent


@lru_cache(maxsize=64)
def path(name: str) -> Path:
    """The file a vocabulary is read from: the council's own in `vocabulary_dir`, else the shipped one (settings
    are read once per process; `reload` forgets them)."""
    own = load_settings().vocabulary_dir
    if own is not None and (own / f"{name}.csv").is_file():
        return own / f"{name}.csv"
    return FOLDER / f"{name}.csv"


def shown(name: str) -> str:
    """A vocabulary's file as a message names it: the shipped one from the project's folder, a council's in full."""
    file = path(name)
    return str(file.relative_to(PROJECT_ROOT)) if file.is_relative_to(PROJECT_ROOT) else str(file)


def rows(name: str) -> list[dict[str, str]]:
    """A vocabulary's rows (for files that are not key/uk/en vocabularies too)."""
    return _rows(path(name))


@lru_cache(maxsize=64)
def _rows(file: Path) -> list[dict[str, str]]:
    with file.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def labels(vocabulary: str) -> dict[str, dict[str, str]]:
    """A vocabulary file's labels: key -> {"uk": ..., "en": ...}, in the file's order."""
    return {row["key"]: {"uk": row["uk"], "en": row["en"]} for row in rows(vocabulary)}


def label(vocabulary: str, key: str | None, lang: str) -> str | None:
    """A key in words, or a source's word (a label of either language, as a petition's category is kept) in the
    page's language; a word outside the vocabulary as written, none as None."""
    if key is None:
        return None
    entry = labels(vocabulary).get(key) or labels(vocabulary).get(vocabulary_key(vocabulary, key) or "")
    return entry[lang] if entry else key


def vocabulary_key(vocabulary: str, value: str) -> str | None:
    """The key a source's word stands for (the key itself or either label, any case), None if unknown."""
    return _keys(path(vocabulary)).get(" ".join(value.split()).casefold())


@lru_cache(maxsize=64)
def _keys(file: Path) -> dict[str, str]:
    found = {}
    for row in reversed(_rows(file)):  # a word two rows share is the first row's
        for word in (row["key"], row["uk"], row["en"]):
            found[" ".join(word.split()).casefold()] = row["key"]
    return found


CLASSIFIER_FILES = {"uk": "dk021_uk.json", "en": "cpv_en.json"}
"""ДК 021 (the Ukrainian edition of the EU's CPV) in each language, vendored from ProZorro's standards
(`dk021/README.md`): the same codes, the Ukrainian names and the CPV's English ones."""


@lru_cache(maxsize=2)
def _classifier(lang: str) -> dict[str, str]:
    """Names by the code's eight digits: a code is found whatever its check digit or lack of one."""
    with (FOLDER / "dk021" / CLASSIFIER_FILES[lang]).open(encoding="utf-8") as handle:
        return {code[:8]: name for code, name in json.load(handle).items()}


def dk021_name(code: str | None, lang: str) -> str | None:
    """A ДК 021 code's name (`45450000-6` -> «Інші завершальні будівельні роботи»); None for an unknown code."""
    return _classifier(lang).get((code or "")[:8])


def dk021_division(division: str, lang: str) -> str:
    """A division's name by its two digits (`45` -> «Будівельні роботи та поточний ремонт»); unknown as written."""
    names = _classifier(lang)
    return names.get(f"{division}000000") or names.get(division * 4) or division


def reload() -> None:
    """Forget the files found and read, so the next reading follows the settings as they are now."""
    for cached in (path, _rows, _keys):
        cached.cache_clear()
