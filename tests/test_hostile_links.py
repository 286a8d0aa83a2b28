"""Hostile links, generated: every page, a few hundred links of out-of-range, malformed and Markdown-laden
parameters, opened under AppTest. None raises, none shows a traceback, and what a link carries is shown
as text: no element holds an unescaped Markdown link or image, or raw HTML, from the link.

The links come from a seeded generator, so a failure names a link that can be opened again.
"""

import random
import re
import time

from dashboard.navigation import PAGES

LINKS_PER_PAGE = 24
TIME_BOUND_S = 240
INJECTIONS = ["[council](http://evil.example/x)", "![pixel](http://evil.example/p.png)", "<img src=x onerror=alert(1)>",
              "**bold**", "`code`", "$$x$$", ":red[alarm]"]
VALUES = ["", "0", "-1", "2147483647", "2147483648", str(2**63), str(10**30), "1e9", "NaN", "0001-01-01",
          "9999-12-31", "2017-02-30", "2017-13-01", "1990", "2101", "2017,2016", "x" * 5000, "\x00", "%00",
          "ЗМІ", "🏛", "../../etc/passwd", "' OR 1=1 --", "uk,en", "en", "EDU,EDU,XYZ", ",,,", *INJECTIONS]


UNESCAPED = re.compile(r"(?<!\\)(\]\(http://evil|<img|\*\*bold|:red\[)")
"""What the injections look like when they would be rendered: a link, an image, HTML, emphasis, colour."""


def hostile_links(seed: int = 2017) -> list[tuple[str, dict[str, str]]]:
    """(page path, parameters) pairs: each page's own parameter names and some unknown ones, hostile values."""
    rng = random.Random(seed)
    result = []
    for entry in PAGES:
        names = [*entry.parsers, *INJECTIONS, "utm_source", "embed"]
        for _ in range(LINKS_PER_PAGE):
            chosen = rng.sample(names, k=rng.randint(1, 4))
            result.append((entry.path, {name: rng.choice(VALUES) for name in chosen}))
    return result


def _texts(app) -> list[str]:
    elements = [*app.markdown, *app.caption, *app.info, *app.warning, *app.error, *app.success, *app.title,
                *app.header, *app.subheader]
    return [str(element.value) for element in elements]


def test_hostile_links_open_every_page_without_an_exception(run_page):
    links = hostile_links()
    started, opened = time.monotonic(), {entry.path: 0 for entry in PAGES}
    for path, params in links:
        if time.monotonic() - started > TIME_BOUND_S:
            break
        app = run_page(path, "public", **params)
        assert not app.exception, (path, params, [e.value for e in app.exception])
        for shown in _texts(app):
            assert not UNESCAPED.search(shown), (path, params, shown)
        opened[path] += 1
    assert min(opened.values()) >= LINKS_PER_PAGE // 3, f"too few links opened in {TIME_BOUND_S} s: {opened}"
