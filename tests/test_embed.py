"""One element of a page alone (`?embed=true&chart=<dataset>`): the chart drawn before that dataset's download, or
its table, with a source line and a link back to the full view; a name the page does not draw is a plain-text
notice; every download popover offers the element's embed link and code."""

from __future__ import annotations

from dashboard import embed
from dashboard.i18n import t
from tests.page_checks import check_page

PROCUREMENT = "pages/procurement.py"


def element(app):
    return app.session_state[embed.STATE]["element"]


def test_a_chart_alone_with_its_source_and_the_way_back(run_page):
    app = run_page(PROCUREMENT, "public", year="2017", chart="procurement_by_method")
    check_page(app, "embed/chart")
    kind, figure = element(app)
    assert kind == "chart" and figure.data[0].type == "bar"
    assert any(caption.value.startswith("Джерело: «Відкрито», сторінка «Закупівлі»") for caption in app.caption)
    back = [md.value for md in app.markdown if t("embed_full_view", "uk") in md.value]
    assert back and "chart=" not in back[0] and "year=2017" in back[0]


def test_a_table_alone_in_another_tab(run_page):
    app = run_page(PROCUREMENT, "public", year="2017", tab="list", chart="procurements")
    check_page(app, "embed/table")
    kind, table = element(app)
    assert kind == "table" and table[0] == "procurements"


def test_a_name_the_page_does_not_draw(run_page):
    app = run_page(PROCUREMENT, "public", year="2017", chart="petitions_funnel")  # another page's dataset
    assert any("chart" in info.value for info in app.info)  # the notice names the ignored parameter
    assert app.session_state[embed.STATE] is None  # and the page is drawn in full
    absent = run_page(PROCUREMENT, "public", year="2017", chart="procurement_categories")  # in a tab not open
    assert absent.session_state[embed.STATE]["element"] is None
    assert any("procurement_categories" in text.value for text in absent.text)


def test_the_embed_link_and_code():
    address = embed.link("https://rada.example", "procurement", {"year": 2017, "method": "open"}, "procurement_by_method")
    assert address == ("https://rada.example/procurement?year=2017&method=open&embed=true&chart=procurement_by_method")
    assert embed.link("https://rada.example", "overview", {}, "kpi") == "https://rada.example/?embed=true&chart=kpi"
    assert embed.code(address).startswith(f'<iframe src="{address}"')
