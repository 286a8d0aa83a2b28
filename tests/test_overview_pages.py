"""The overview and methodology pages under AppTest, in both audiences."""

import re
from urllib.parse import unquote

import pytest

from dashboard.metrics.overview import KPIS

AUDIENCES = ("public", "internal")


def shown(app, title: str) -> str:
    """A card's value as the reader sees it (the page sets the noun in small type: `12 :small[...]`)."""
    value = next(m for m in app.metric if m.label.startswith(title)).value
    return value.replace(":small[", "").removesuffix("]")


def test_overview_2017_shows_the_report(run_page):
    app = run_page("pages/overview.py", "public", year="2017")
    assert not app.exception
    assert len(app.metric) == len(KPIS)
    assert shown(app, "Прес-конференції") == "12 прес-конференцій"
    assert shown(app, "Ефіри «Гість в студії»") == "5 ефірів"
    assert shown(app, "Закупівлі в ProZorro") == "900 закупівель"
    assert shown(app, "Пленарні засідання") == "31 засідання"
    assert not app.info  # a good link raises no notice
    assert any("kpi" in str(button.proto) for button in app.get("download_button"))


def test_overview_internal_adds_internal_rows(run_page):
    app = run_page("pages/overview.py", "internal", year="2017")
    assert not app.exception
    assert len(app.metric) == len(KPIS)
    number, noun = shown(app, "Прес-конференції").split(" ")
    assert int(number) > 12 and noun in ("прес-конференцій", "прес-конференції")


def test_overview_in_english(run_page):
    app = run_page("pages/overview.py", "public", year="2017", lang="en")
    assert not app.exception
    assert shown(app, "Press conferences") == "12 press conferences"


def test_overview_for_a_period_outside_the_data_is_ignored_with_the_notice(run_page):
    app = run_page("pages/overview.py", "public", **{"from": "2030-01-01", "to": "2030-12-31"})
    assert not app.exception
    notice = " ".join(info.value for info in app.info)
    assert "from" in notice and "to" in notice
    assert "Немає даних" not in {m.value for m in app.metric}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_bad_link_shows_a_notice(run_page, audience):
    app = run_page("pages/overview.py", audience, year="abc", colour="red")
    assert not app.exception
    notice = " ".join(info.value for info in app.info)
    assert "year" in notice and "colour" in notice
    assert len(app.metric) == len(KPIS)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_methodology(run_page, audience):
    app = run_page("pages/methodology.py", audience)
    assert not app.exception
    text = " ".join(block.value for block in app.markdown)
    assert "Індекс Райса" in text and "ст. 59" in text
    assert len(app.expander) >= len(KPIS)
    tables = " ".join(table.value.to_string() for table in app.table)
    assert "ще не імпортовано" in tables and "Медіамоніторинг" in tables


def test_a_card_and_its_table_print_the_same_rounded_number(run_page):
    """Visitors a day is an average (792.9…): the card prints it whole, and so does the KPI table below."""
    from dashboard.i18n import t

    app = run_page("pages/overview.py", "public", year="2017")
    title = t("kpi_website_daily_visitors", "uk")
    card = shown(app, title).split(" ")[0].replace("\u00a0", "")
    table = app.dataframe[-1].value
    row = table[(table.iloc[:, 0] == 2017) & (table.iloc[:, 1] == title)]
    assert float(row.iloc[0, 3]) == int(card) and float(row.iloc[0, 3]).is_integer()


def trends(app) -> list[str]:
    """The cards' trends: inline SVGs (the page draws them, not st.metric's Vega chart)."""
    return [block.value for block in app.html if 'class="kpi-trend"' in block.value]


def test_a_card_draws_its_trend_as_an_svg_that_says_its_values(run_page):
    app = run_page("pages/overview.py", "public", year="2017", lang="en")
    assert not app.exception
    drawn = trends(app)
    assert drawn and len(drawn) <= len(KPIS)
    assert not any(metric.proto.chart_data for metric in app.metric)  # no Vega chunk for a sparkline
    press = next(svg for svg in drawn if 'aria-label="Press conferences — ' in svg)
    assert 'role="img"' in press and "2017: 12" in press and "polyline" in unquote(press)
    assert "<script" not in "".join(drawn) and "on" not in {name[:2] for svg in drawn for name in
                                                             re.findall(r"\s([a-z-]+)=", svg)}

