"""The procurement page under AppTest on the demo council, in both audiences and languages, every tab: it draws,
its totals are the queries' (the report's 900 procedures of 2017 for the public), a unit is shown beside the
council, its filters come from the link, and the public never sees a contact point or an unpublished procedure."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.db import read_engine
from dashboard.i18n import format_number, messages, t
from dashboard.metrics.procurement import INDICATORS
from dashboard.navigation import BY_NAME
from dashboard.schema import procurement_contacts_internal, procurements
from dashboard.settings import load_settings
from dashboard.ui import DOWNLOADS_KEY
from queries.datasets import all_datasets
from tests.page_checks import texts

PAGE = "pages/procurement.py"
SECTIONS = BY_NAME["procurement"].sections


@pytest.fixture(scope="module")
def secrets(demo_sqlite_url):
    """What the public must never see: every contact point, and the numbers of unpublished procedures."""
    with read_engine(demo_sqlite_url).connect() as connection:
        contacts = connection.execute(select(procurement_contacts_internal.c.name, procurement_contacts_internal.c.email,
                                             procurement_contacts_internal.c.phone)).all()
        hidden = connection.execute(select(procurements.c.tender_id).where(~procurements.c.is_public)).scalars().all()
    return {"people": {value for row in contacts for value in row if value}, "hidden": set(hidden)}


def metric(app, label: str) -> str:
    values = [m.value for m in app.metric if m.label == label]
    assert values, f"no metric {label!r} among {[m.label for m in app.metric]}"
    return values[0]


@pytest.mark.parametrize("lang", ("uk", "en"))
@pytest.mark.parametrize("audience", ("public", "internal"))
@pytest.mark.parametrize("section", SECTIONS)
def test_every_tab_draws_in_both_audiences_and_languages(run_page, audience, lang, section):
    app = run_page(PAGE, audience, year="2017", lang=lang, tab=section)
    assert not app.exception
    assert app.title[0].value == t("page_procurement", lang)
    shown = texts(app)
    assert [key for key in messages() if key.startswith(("procurement_", "method_procurement")) and key in shown] == []
    assert "None" not in shown and "nan" not in shown.split()
    if section == "competition":
        assert len(app.metric) == 3 + len(INDICATORS)
    else:
        assert app.dataframe or app.get("plotly_chart")


@pytest.mark.parametrize("audience, expected", (("public", 900), ("internal", 905)))
def test_2017_counts_the_reports_procedures(run_page, audience, expected):
    """The council's report counts 900 procedures in 2017; five more stay internal in the demo."""
    app = run_page(PAGE, audience, year="2017")
    assert metric(app, t("procurement_procedures", "uk")) == format_number(expected, "uk")


def test_a_unit_is_shown_beside_the_whole_council(run_page):
    app = run_page(PAGE, "public", year="2017", unit="EDU")
    assert not app.exception
    council = [caption.value for caption in app.caption if caption.value.startswith("Уся рада:")]
    assert len(council) == len(INDICATORS)
    assert int(metric(app, t("procurement_procedures", "uk")).replace("\u00a0", "")) < 900


def test_public_sees_no_contact_point_or_unpublished_procedure_anywhere(run_page, secrets, demo_sqlite_url):
    engine = read_engine(demo_sqlite_url)
    assert secrets["people"] and secrets["hidden"]
    for section in SECTIONS:
        app = run_page(PAGE, "public", **{"from": "2015-01-01", "to": "2020-12-31"}, tab=section)
        assert not app.exception
        shown = texts(app)
        assert not any(person in shown for person in secrets["people"])
        assert not any(number in shown for number in secrets["hidden"])
        for name, filters, params in app.session_state[DOWNLOADS_KEY]:
            written = all_datasets()[name].rows(engine, filters, params, load_settings().base_url).write_csv()
            assert not any(person in written for person in secrets["people"]), name
            assert not any(number in written for number in secrets["hidden"]), name


def test_filters_come_from_the_link_and_go_back_to_it(run_page):
    app = run_page(PAGE, "public", year="2017", method="open", status="cancelled", tab="list")
    assert not app.exception
    assert app.selectbox(key="procurement_method").value == "open"
    assert app.selectbox(key="procurement_status").value == "cancelled"
    listed = app.dataframe[-1].value
    assert len(listed) > 0 and set(listed["status"]) == {t("procurement_status_cancelled", "uk")}
    assert all(url.startswith("https://prozorro.gov.ua/tender/UA-2017-") for url in listed["prozorro_url"])
    offered = {(name, tuple(sorted(params.items()))) for name, _filters, params in app.session_state[DOWNLOADS_KEY]}
    assert ("procurements", (("method", "open"), ("status", "cancelled"))) in offered


def test_a_bad_method_in_the_link_is_ignored_and_named(run_page):
    app = run_page(PAGE, "public", year="2017", method="auction")
    assert not app.exception
    assert any("method" in info.value for info in app.info)
    assert app.selectbox(key="procurement_method").value is None


def test_categories_carry_their_dk021_names(run_page):
    app = run_page(PAGE, "public", year="2017", tab="categories")
    table = app.dataframe[-1].value
    names = dict(zip(table["division"], table["division_name"]))
    assert names["45"] == "Будівельні роботи та поточний ремонт"


def test_no_procurement_for_the_filters(run_page):
    app = run_page(PAGE, "public", year="2017", status="withdrawn")  # the demo withdraws none
    assert not app.exception
    assert any(info.value == t("procurement_none", "uk") for info in app.info)


def test_buyers_with_and_without_a_unit_on_every_tab(run_page, tmp_path):
    """The council's own procedures beside ProZorro's sample, whose buyers are no unit: «Без підрозділу» in the
    chart's legend and the list, never a crash."""
    from dashboard.writer.importers import run_import
    from dashboard.writer.public_database import publish
    from tests.page_checks import check_page, figures
    from tests.support import PROJECT_ROOT, empty_database

    writer = empty_database("sqlite", "mixed", tmp_path, "vidkryto_procure_mixed")
    for source, path in (("units", "data/samples/council/units.csv"), ("procurement", "data/samples/council/procurement.json"),
                         ("procurement", "data/samples/prozorro-ocds/records-10.json")):
        run_import(writer, source, PROJECT_ROOT / path, None, None)
    url = f"sqlite:///{tmp_path / 'public.sqlite'}"  # the public edition reads what publish writes
    publish(writer, url)
    for section in SECTIONS:
        app = run_page(PAGE, "public", database_url=url, tab=section, **{"from": "2017-01-01", "to": "2026-12-31"})
        check_page(app, f"mixed/{section}")
        if section == "time":
            assert t("no_unit", "uk") in {trace.get("name") for figure in figures(app) for trace in figure["data"]}
        if section == "list":
            assert t("no_unit", "uk") in texts(app)
