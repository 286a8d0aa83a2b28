"""The parts of a view below its first screen (`ui.part`): closed, a part draws nothing but its label, and the
view's first screen is what a visitor waits for; opened from the link or by the reader, it draws its charts,
tables and downloads, and the link says so; an embedded element is found in a closed part."""

from __future__ import annotations

import pytest

from dashboard import embed
from dashboard.i18n import t
from dashboard.navigation import PAGES
from dashboard.ui import DOWNLOADS_KEY
from tests.page_checks import check_page

VIEWS = [(entry, tab) for entry in PAGES if entry.parts for tab in entry.sections or (None,)]
EXTRA = {"deputy": {"deputy": "2"}}


def offered(app) -> set[str]:
    return {name for name, _filters, _params in app.session_state[DOWNLOADS_KEY]}


@pytest.mark.parametrize(("entry", "tab"), VIEWS, ids=[f"{e.name}-{tab or ''}" for e, tab in VIEWS])
def test_a_closed_part_draws_its_label_alone_and_opens_from_the_link(run_page, entry, tab):
    params = {"year": "2017", **EXTRA.get(entry.name, {}), **({"tab": tab} if tab else {})}
    closed = run_page(entry.path, "public", open="", **params)
    check_page(closed, f"{entry.name}/{tab}/closed")
    names = {t(f"{entry.name}_part_{part}", "uk"): part for part in entry.parts}
    shown = {names[expander.label]: expander for expander in closed.expander if expander.label in names}
    if tab is None or tab == entry.sections[0]:
        assert shown, f"{entry.name}: no part on its first view"
    assert "open" not in closed.query_params
    assert all(not expander.children for expander in shown.values())
    for part in shown:
        opened = run_page(entry.path, "public", open=part, **params)
        check_page(opened, f"{entry.name}/{tab}/{part}")
        drawn = {names[expander.label]: len(expander.children) for expander in opened.expander if expander.label in names}
        assert drawn[part] and not any(drawn[other] for other in drawn if other != part), (entry.name, part, drawn)
        assert offered(opened) >= offered(closed)
        assert opened.query_params["open"] == part


def test_the_reader_opens_a_part_and_the_link_follows(run_page):
    app = run_page("pages/votes.py", "public", year="2017", open="")
    charts, tables = len(app.get("plotly_chart")), len(app.dataframe)
    assert (charts, tables) == (1, 0)  # the months chart alone on the first screen
    app.session_state["part_list"] = True  # what a click on «Усі голосування» sets
    app.run()
    assert len(app.dataframe) == 1 and "votes" in offered(app)
    assert app.query_params["open"] == "list"
    app.session_state["part_list"] = False
    app.run()
    assert len(app.dataframe) == 0 and "open" not in app.query_params


def test_a_part_label_is_in_the_page_language(run_page):
    app = run_page("pages/votes.py", "public", year="2017", lang="en", open="")
    assert [expander.label for expander in app.expander] == [t(f"votes_part_{part}", "en") for part in
                                                             ("margins", "closest", "list")]


def test_an_unknown_part_in_the_link_is_ignored_and_named(run_page):
    app = run_page("pages/votes.py", "public", year="2017", open="list,nonsense")
    assert any("open" in info.value for info in app.info)
    assert len(app.get("plotly_chart")) == 1 and "open" not in app.query_params


def test_an_embedded_element_is_found_in_a_closed_part(run_page):
    app = run_page("pages/votes.py", "public", year="2017", open="", chart="votes_by_unit")
    kind, figure = app.session_state[embed.STATE]["element"]
    assert kind == "chart" and figure.data[0].type == "bar"
