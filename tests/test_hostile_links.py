"""Hostile links, generated: for every page and every tab of the navigation table, links of random, oversized
(10,000 characters), repeated (`?year=2017&year=2018`) and hostile parameters (Markdown, HTML, `javascript:`,
unicode controls, NUL, very long unit lists, negative and huge numbers, unknown names), opened under AppTest
in the page's audience.

None raises or shows an error box; what a link carries is shown as text (no element holds an unescaped link,
image or HTML from it, no menu link or link of the page's own carries it on); every unknown name and every
value known to be malformed is named in the page's notice.

The links come from a seeded generator, so a failure names a link that can be opened again.
"""

import random
import re
from urllib.parse import parse_qsl

import pytest

from dashboard import links
from dashboard.i18n import t
from dashboard.navigation import PAGES
from dashboard.shell import shown_name
from dashboard.ui import text

LINKS_PER_VIEW = 6
SEED = 2017
LONG = 10_000

INJECTIONS = ["[council](http://evil.example/x)", "![pixel](http://evil.example/p.png)", "<img src=x onerror=alert(1)>",
              "<script>alert(1)</script>", "javascript:alert(1)", "**bold**", "`code`", "$$x$$", ":red[alarm]",
              "# heading", "<a href='http://evil.example'>x</a>"]
CONTROLS = ["\x00", "%00", "a\x00b", "\u202eevil", "\u200b", "\x1b[31m", "\r\nSet-Cookie: x=1", "\ufeff", "\x7f"]
NUMBERS = ["-1", "-2017", "0", "2147483648", str(2**63), "9" * 400, "1e309", "NaN", "inf", "-0", "0x7e1", "２０１７"]
BAD = [*INJECTIONS, *CONTROLS, *NUMBERS, "", "x" * LONG, "1" * LONG, "0001-01-01", "9999-12-31", "2017-02-30",
       "2017-13-01", "1990", "2101", "../../etc/passwd", "' OR 1=1 --", "uk,en", "ЗМІ", "🏛"]
"""Values no parser of a page accepts, except `unit`'s (any code list) and the free-text ones below."""
# `embed` and `embed_options` are Streamlit's own: it takes them out of the page's parameters itself.
TEXT_PARAMS = {"q", "category", "topic", "unit"}
"""Parameters of free text or of codes: a value is kept (as text, or dropped with a notice when no unit has it)."""
UNKNOWN = ["utm_source", "fbclid", "Year", "year ", "yéar", "x" * LONG, *INJECTIONS, *CONTROLS[:5]]
UNIT_LISTS = [",".join(f"U{i}" for i in range(3000)), ",,,," * 2000, "EDU," + "x" * LONG, "EDU,<script>,FIN"]
"""Unit lists refused whole (too many codes, none, one too long, one with markup); a known code repeated 5,000
times is taken once."""
HOSTILE_CHARS = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\ufeff<>\[\]]|javascript:|evil")
# What an injection looks like when it would be rendered: a link, an image, HTML, emphasis, colour, a heading.
UNESCAPED = re.compile(r"(?<!\\)(\]\(http://evil|<img|<script|<a href|\*\*bold|:red\[|^# heading|javascript:)", re.M)


def views() -> list[tuple]:
    """(page entry, tab or None) for every page and each of its tabs."""
    return [(entry, tab) for entry in PAGES for tab in (entry.sections or (None,))]


def _random_text(rng: random.Random) -> str:
    length = rng.choice([1, 3, 20, 300, LONG])
    alphabet = rng.choice(["ascii", "unicode", "digits"])
    if alphabet == "digits":
        return "".join(rng.choice("0123456789-.,e") for _ in range(length))
    high = 0x7F if alphabet == "ascii" else 0x2FFFF
    return "".join(chr(rng.randint(1, high)) for _ in range(length)).encode("utf-8", "replace").decode("utf-8", "replace")


def hostile_link(entry, tab, rng: random.Random) -> tuple[dict, set[str]]:
    """One link to the view: its parameters and the names its notice must give."""
    params = {"tab": tab} if tab and tab != entry.sections[0] else {}
    names = [name for name in entry.parsers if name not in params]
    must = {}  # name -> the value that must be refused
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["bad", "bad", "unknown", "repeated", "random", "units"])
        if kind == "unknown":
            name = rng.choice(UNKNOWN)
            params[name] = must[name] = rng.choice(BAD)
        elif kind == "units" and "unit" in names:
            params["unit"] = rng.choice([*UNIT_LISTS, ",".join(["EDU"] * 5000)])
            if params["unit"] in UNIT_LISTS:
                must["unit"] = params["unit"]
        elif kind == "repeated":
            name = rng.choice(names)
            params[name] = [rng.choice(["2017", "2018", *BAD[:6]]) for _ in range(rng.randint(2, 5))]
        elif kind == "random":
            params[rng.choice(names)] = _random_text(rng)
        else:
            name = rng.choice(names)
            params[name] = rng.choice(BAD)
            if name not in TEXT_PARAMS:
                must[name] = params[name]
    return params, {name for name, value in must.items() if params[name] is value}  # not replaced later


def _texts(app) -> list[str]:
    elements = [*app.markdown, *app.caption, *app.info, *app.warning, *app.success, *app.title, *app.header,
                *app.subheader, *app.toast]
    return [str(element.value) for element in elements] + [expander.label for expander in app.expander]


def _notice(app) -> str:
    """The text of the page's ignored-parameters notice, or empty."""
    starts = [t("link_ignored", lang, names="\x01").split("\x01")[0] for lang in ("uk", "en")]
    return next((str(info.value) for info in app.info if str(info.value).startswith(tuple(starts))), "")


def _link_queries(app) -> list[str]:
    """The query strings of every link the page drew (the menu's included)."""
    return [element.proto.query_string for element in app.get("page_link")]


def _carries_nothing_hostile(query: str) -> bool:
    """Every parameter a link carries on is one some page reads, its value parses there and holds nothing of a
    hostile link (markup, controls, a runaway length)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return all(any(not links.check_link({name: value}, entry.parsers)[1] for entry in PAGES)
               and len(value) <= 1000 and not HOSTILE_CHARS.search(value) for name, value in pairs)


@pytest.mark.parametrize(("entry", "tab"), views(), ids=[f"{e.name}-{tab or ''}" for e, tab in views()])
def test_hostile_links_open_every_page_and_tab(run_page, entry, tab):
    rng = random.Random(f"{SEED}-{entry.name}-{tab}")
    audience = "internal" if entry.internal else "public"
    for _ in range(LINKS_PER_VIEW):
        params, must = hostile_link(entry, tab, rng)
        where = (entry.path, {name[:60]: str(value)[:60] for name, value in params.items()})
        app = run_page(entry.path, audience, **params)
        assert not app.exception, (where, [e.value for e in app.exception])
        assert not app.error, (where, [e.value for e in app.error])
        assert app.title, where
        for shown in _texts(app):
            assert not UNESCAPED.search(shown), (where, shown[:300])
        notice = _notice(app)
        for name in must:
            assert text(shown_name(name)) in notice, (where, name[:60], notice[:300])
        for query in _link_queries(app):
            assert _carries_nothing_hostile(query), (where, query[:300])
        for name in app.query_params:
            assert name in entry.parsers, (where, "left in the address", name[:60])


def test_a_repeated_parameter_is_named_and_its_last_value_counts(run_page):
    app = run_page("pages/votes.py", "public", year=["2016", "2017"])
    assert not app.exception and "year" in app.info[0].value
    assert app.sidebar.selectbox(key="filter_year").value == 2017


def test_an_ignored_name_is_shown_short_and_without_invisible_characters(run_page):
    app = run_page("pages/votes.py", "public", **{"\u202eevil" + "x" * 5000: "1"})
    notice = app.info[0].value
    assert "\u202e" not in notice and "x" * 60 not in notice and "evil" in notice
