"""The consultations page under AppTest on the demo council, in both audiences and languages: it draws, reads its
status filter from the link and writes it back, its cards give the page's datasets, and the public never sees an
unpublished consultation in any element or download."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.i18n import count_noun, format_number, messages, t
from dashboard.schema import consultations
from dashboard.settings import load_settings
from dashboard.ui import DOWNLOADS_KEY
from queries import consultations as q
from queries.datasets import all_datasets
from tests.page_checks import check_page, texts

PAGE = "pages/consultations.py"
PERIOD = (dt.date(2015, 1, 1), dt.date(2020, 12, 31))


@pytest.fixture(scope="module")
def hidden(demo_sqlite_url) -> set[str]:
    """The URLs of the consultations the public must never see."""
    with read_engine(demo_sqlite_url).connect() as connection:
        return set(connection.execute(select(consultations.c.url).where(~consultations.c.is_public)).scalars())


def metric(app, label: str) -> str:
    values = [m.value for m in app.metric if m.label == label]
    assert values, f"no metric {label!r} among {[m.label for m in app.metric]}"
    return values[0]


@pytest.mark.parametrize("lang", ("uk", "en"))
@pytest.mark.parametrize("audience", ("public", "internal"))
def test_the_page_draws_in_both_audiences_and_languages(run_page, demo_sqlite_url, audience, lang):
    app = run_page(PAGE, audience, year="2017", lang=lang)
    check_page(app, f"consultations/{lang}/{audience}")
    assert app.title[0].value == t("page_consultations", lang)
    shown = texts(app)
    assert [key for key in messages() if key.startswith("consultations_") and key in shown] == []
    assert len(app.get("plotly_chart")) == 3 and len(app.dataframe) == 3
    summary = q.summary(read_engine(demo_sqlite_url), Filters.for_year(2017, audience=audience)).row(0, named=True)
    assert metric(app, t("consultations_total", lang)) == count_noun(summary["consultations"], "consultations_noun", lang)
    assert metric(app, t("consultations_online", lang)) == format_number(summary["online_poll"], lang)
    if audience == "public":
        assert summary["online_poll"] == 3  # the report's three consultations with an online poll
    assert ("is_public" in app.dataframe[-1].value.columns) == (audience == "internal")
    if lang == "uk":
        assert "31.12.2017" in shown and not any(word in shown for word in ("Results", "Ongoing", "Consultations"))


def test_public_sees_no_unpublished_consultation_anywhere(run_page, demo_sqlite_url, hidden):
    assert hidden  # the demo holds a draft a year
    engine = read_engine(demo_sqlite_url)
    for params in ({"year": "2017"}, {"from": "2015-01-01", "to": "2020-12-31"}):
        app = run_page(PAGE, "public", **params)
        assert not app.exception
        assert not any(hidden & set(frame.value["url"]) for frame in app.dataframe if "url" in frame.value.columns)
        assert len(app.dataframe[-1].value) == q.summary(engine, Filters.for_year(2017) if "year" in params else
                                                         Filters(*PERIOD)).item(0, "consultations")
        for name, filters, dataset_params in app.session_state[DOWNLOADS_KEY]:
            frame = all_datasets()[name].rows(engine, filters, dataset_params, load_settings().base_url)
            assert not hidden & set(frame["url"] if "url" in frame.columns else []), name
            assert "is_public" not in frame.columns, name
    internal = run_page(PAGE, "internal", **{"from": "2015-01-01", "to": "2020-12-31"})
    assert hidden <= set(internal.dataframe[-1].value["url"])


def test_the_status_comes_from_the_link_and_goes_back_to_it(run_page):
    app = run_page(PAGE, "public", year="2017", status="published")
    assert not app.exception
    assert app.selectbox(key="consultations_status").value == "published"
    listed = app.dataframe[-1].value
    assert set(listed["status"]) == {t("consultations_status_published", "uk")}  # in words, in the page's language
    offered = {(name, tuple(params.items())) for name, _filters, params in app.session_state[DOWNLOADS_KEY]}
    assert offered == {(name, (("status", "published"),)) for name in (
        "consultations_results_times", "consultations_by_year", "consultations_by_unit", "consultations")}
    app.selectbox(key="consultations_status").set_value("awaiting").run()
    assert app.query_params["status"] == "awaiting"


def test_a_bad_status_in_the_link_is_ignored_and_named(run_page):
    app = run_page(PAGE, "public", year="2017", status="lost")
    assert not app.exception
    assert any("status" in info.value for info in app.info)


def test_no_consultations_for_the_filters(run_page):
    app = run_page(PAGE, "public", year="2017", unit="PRESS")
    assert not app.exception
    assert any(info.value == t("consultations_none", "uk") for info in app.info)
