"""The report page under AppTest on the demo council, in both audiences and languages: the section with its note
numbers, the table, a chart per part, the notes, and the downloads; a unit's report follows the unit filter."""

from __future__ import annotations

import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.metrics.scorecard import INDICATORS
from dashboard.ui import LISTING_ROWS
from queries.scorecard import lowering
from tests.page_checks import check_page, texts

PAGE = "pages/report.py"


@pytest.mark.parametrize("lang", ("uk", "en"))
@pytest.mark.parametrize("audience", ("public", "internal"))
def test_the_report_draws_in_both_audiences_and_languages(run_page, audience, lang):
    app = run_page(PAGE, audience, year="2017", lang=lang)
    check_page(app, f"report/{audience}/{lang}")
    assert app.title[0].value == t("report_title", lang, year=2017)
    shown = texts(app)
    assert ("конференцій¹" if lang == "uk" else "conferences¹") in shown  # the figure with its note's number
    assert t("report_notes_title", lang) in shown and len(app.get("plotly_chart")) == 8
    assert "Набір даних «kpi»" in shown or "Dataset «kpi»" in shown


def test_a_units_report_follows_the_unit_filter(run_page):
    app = run_page(PAGE, "public", year="2017", unit="EDU")
    check_page(app, "report/unit")
    assert app.title[0].value.endswith("2017, Управління освіти")


@pytest.mark.parametrize("lang", ("uk", "en"))
@pytest.mark.parametrize("audience", ("public", "internal"))
def test_the_scorecard_tab(run_page, audience, lang):
    app = run_page(PAGE, audience, year="2017", lang=lang, tab="scorecard")
    check_page(app, f"scorecard/{audience}/{lang}")
    labels = [metric.label for metric in app.metric]
    assert labels == [t(f"scorecard_indicator_{key}", lang) for key in INDICATORS]
    assert all(metric.value.endswith("%") for metric in app.metric)
    assert len(app.dataframe) == 2  # the scorecard and the rows that lower it


@pytest.mark.parametrize("lang", ("uk", "en"))
def test_the_list_of_lowering_rows_shows_its_first_rows_and_says_so(run_page, demo_sqlite_url, lang):
    """The demo's 2017 has 723 rows that lower the scorecard: the page draws the first LISTING_ROWS, in the
    query's order, and says the download holds them all."""
    app = run_page(PAGE, "public", year="2017", lang=lang, tab="scorecard")
    every = lowering(read_engine(demo_sqlite_url), Filters.for_year(2017, audience="public"))
    assert every.height > LISTING_ROWS
    shown = app.dataframe[1].value
    assert len(shown) == LISTING_ROWS
    assert list(shown["day"].astype(str)) == [str(day) for day in every["day"].head(LISTING_ROWS)]
    rows = "200 рядків" if lang == "uk" else "200 rows"
    assert t("listing_first", lang, rows=rows) in [caption.value for caption in app.caption]
