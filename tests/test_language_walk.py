"""Every page and tab in English has no interface text in Cyrillic, and in Ukrainian no English interface words.

The walk reads every text an element carries (labels, help, options, Markdown, tables, chart titles, axes, legends
and hovers) from AppTest on the demo. Texts from the council's own data that have no other language (names of
people, factions and outlets, titles of votes, petitions, stories, procedures) are exempt: the exemption is read
from the database's own columns, so a label from a vocabulary or the catalogue is never exempt."""

from __future__ import annotations

import json
import re

import pytest
from google.protobuf.message import Message
from sqlalchemy import create_engine, select

from dashboard import schema as s
from dashboard.i18n import short_name
from dashboard.metrics.overview import BY_KEY
from dashboard.navigation import PAGES
from queries.datasets import all_datasets

WALKS = [(entry.name, tab) for entry in PAGES for tab in entry.sections or (None,)]
DATA_COLUMNS = (s.deputies.c.full_name, s.factions.c.name, s.factions.c.short_name, s.outlets.c.name,
                s.votes.c.title, s.votes.c.agenda_item, s.decisions.c.title, s.media_mentions.c.title,
                s.media_mentions.c.topic, s.public_events.c.title, s.petitions.c.title, s.procurements.c.title,
                s.procurements.c.buyer_name, s.procurement_lots.c.title, s.procurement_items.c.description,
                s.consultations.c.title, s.broadcasts.c.title, s.site_pages.c.title, s.site_pages.c.path,
                s.broadcasts.c.platform, s.petition_authors_internal.c.author)
"""The data's own texts that have no English (or Ukrainian) form: shown as written in either language."""
SCRIPT = {"en": re.compile(r"[А-Яа-яЁёЄєІіЇїҐґ]"), "uk": re.compile(r"[A-Za-z]")}
"""The other language's script: Cyrillic on an English page, Latin on a Ukrainian one."""
WORDS = {"en": re.compile(r"[А-Яа-яЁёЄєІіЇїҐґ][А-Яа-яЁёЄєІіЇїҐґ'’ʼ\- ]*"),
         "uk": re.compile(r"\b[A-Za-z][a-z]{2,}(?:[ '\-][A-Za-z]+)*\b")}
"""Interface words of the other language (on a Ukrainian page an abbreviation such as CSV is no English word)."""
CODE = re.compile(r"`[^`]*`|:\w+\[|\b\w+\.(?:csv|json|parquet|xlsx|zip|toml)\b|https?://\S+|^\S*\?\S+=\S*$")
"""Inline code (a command, a setting's name), a file's name, a link and Streamlit's `:small[` directives are no
language."""
MARKDOWN_ESCAPE = re.compile(r"\\(.)")
"""A text of the data in Markdown is escaped (`ui.text`): read as written."""
LATIN_ON_UKRAINIAN = {
    "Vidkryto", "ProZorro", "DOZORRO", "Matomo", "Plausible", "Parquet", "Rice", "Agreement Index", "Excel",
    "Google Sheets", "Streamlit", "Plotly", "Polars", "YouTube", "Facebook", "Telegram", "Instagram", "Twitter",
    "English", "Hix", "Noury", "Roland", "max", "e-dem", "YouTube Studio",
}
"""Latin words a Ukrainian page may carry: names of services, formats, indices and their authors, written as their
makers do, and the language switch's «English»."""
TEXT_FIELDS = {"body", "label", "help", "options", "content", "placeholder", "caption", "delta", "delta_description",
               "title", "text", "display_text", "default_value"}
"""The fields of Streamlit's elements that a reader sees (ids, keys, icons and page paths are not text)."""
TRACE_TEXTS = ("name", "x", "y", "text", "customdata", "hovertext", "labels")


@pytest.fixture(scope="module")
def exempt(demo_sqlite_url) -> list[str]:
    """The data's own texts, longest first (so a title goes before a name inside it)."""
    engine = create_engine(demo_sqlite_url)
    with engine.connect() as connection:
        values = {value for column in DATA_COLUMNS for value in connection.execute(select(column).distinct()).scalars()
                  if value}
        values |= {short_name(name) for name in connection.execute(select(s.deputies.c.full_name)).scalars()}
    engine.dispose()
    addresses = {*all_datasets(), *BY_KEY}  # a dataset's name and a KPI's key (a row of `kpi`) are identifiers
    return sorted(values | addresses, key=len, reverse=True)


def _strings(message: Message):
    for field, value in message.ListFields():
        items = [value] if isinstance(value, (str, bytes, Message)) or not hasattr(value, "__len__") else value
        for item in items:
            if isinstance(item, Message):
                yield from _strings(item)
            elif isinstance(item, str) and field.name in TEXT_FIELDS:
                yield item


def _flat(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif isinstance(value, list):
        for item in value:
            yield from _flat(item)
    elif isinstance(value, str):
        yield value


def _chart_texts(spec: dict):
    """A figure's titles, axis titles, annotations and legend, and each trace's names, categories and hovers."""
    layout = spec.get("layout", {})
    for key, part in layout.items():
        if key == "title" or key.startswith(("xaxis", "yaxis")):
            yield from _flat(part.get("title", {}) if key != "title" else part)
    for annotation in layout.get("annotations", []):
        yield annotation.get("text", "")
    for trace in spec.get("data", []):
        for key in TRACE_TEXTS:
            yield from _flat(trace.get(key))
        yield from _flat(trace.get("colorbar", {}).get("title", {}))


def shown_texts(app) -> list[str]:
    """Every text the run put on the page: each element's readable fields, table headers and cells, chart texts."""
    found: list[str] = []
    stack = [app._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if node.type == "dataframe":
            frame = node.value
            found += [config.get("label", "") for config in json.loads(proto.columns or "{}").values()]
            found += [str(cell) for column in frame.columns for cell in frame[column] if isinstance(cell, str)]
        elif node.type == "plotly_chart":
            found += list(_chart_texts(json.loads(proto.spec)))
        elif isinstance(proto, Message) and node.type != "html":  # app.py's one script, no text
            found += list(_strings(proto))
    return found


def foreign(texts: list[str], lang: str, exempt: list[str]) -> set[str]:
    """Words of the other language's script (Cyrillic on English pages, English on Ukrainian ones) once every text
    of the data is taken out of each text; a title cut with «…» is the data's too."""
    script, allowed = SCRIPT[lang], LATIN_ON_UKRAINIAN if lang == "uk" else {"Українська"}  # the language switch
    values = [value for value in exempt if script.search(value)]
    found = set()
    for text in texts:
        text = CODE.sub(" ", MARKDOWN_ESCAPE.sub(r"\1", text))
        if not script.search(text) or text in values:
            continue
        for value in [*values, *sorted(allowed, key=len, reverse=True)]:
            if value in text:
                text = text.replace(value, " ")
        found |= {word.strip(" -'") for word in WORDS[lang].findall(text)
                  if not (f"{word}…" in text and any(word.strip() in value for value in values))}
    return {word for word in found if word}


@pytest.mark.parametrize("lang", ["en", "uk"])
@pytest.mark.parametrize(("page", "tab"), WALKS, ids=[f"{p}-{t}" if t else p for p, t in WALKS])
def test_every_page_speaks_its_language(run_page, exempt, page, tab, lang):
    params = {"lang": lang, "year": "2017", **({"tab": tab} if tab else {})}
    params |= {"vote": "1"} if page == "vote" else {"deputy": "1"} if page == "deputy" else {}
    app = run_page(f"pages/{page}.py", "internal", **params)
    assert not app.exception, [e.value for e in app.exception]
    found = foreign(shown_texts(app), lang, exempt)
    assert not found, sorted(found)
