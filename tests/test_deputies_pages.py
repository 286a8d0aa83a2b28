"""The deputies ranking, a deputy's profile and the agreement page under AppTest, in both audiences."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.i18n import count_noun, format_percent
from queries import agreement
from queries import deputies as q

AUDIENCES = ("public", "internal")
YEAR = "2016"


@pytest.fixture(scope="module")
def ranking(demo_sqlite_url) -> pl.DataFrame:
    return q.deputy_attendance(read_engine(demo_sqlite_url), Filters.for_year(int(YEAR)))


def person(ranking: pl.DataFrame, name: str) -> dict:
    return ranking.filter(pl.col("deputy") == name).row(0, named=True)


def texts(elements) -> str:
    """The elements' text as the reader sees it (Markdown escapes removed)."""
    return " ".join(str(element.value) for element in elements).replace("\\", "")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_deputies_ranking(run_page, ranking, audience):
    app = run_page("pages/deputies.py", audience, year=YEAR)
    assert not app.exception
    assert "Показано: 37 депутатів." in texts(app.caption)
    table = app.dataframe[0].value
    absentee = person(ranking, "Онищенко Роман Вікторович")
    shown = table[table["deputy"] == "Онищенко Роман Вікторович"].iloc[0]
    # the table shows shares as percent points with one decimal
    assert shown["attendance"] == pytest.approx(round(absentee["attendance"] * 100, 1)) and 50 < shown["attendance"] < 100
    assert "rebellions" not in table  # the setting's default counts «не голосував»: that column, labelled so
    assert shown["rebellions_with_not_voting"] == absentee["rebellions_with_not_voting"]
    assert table["attendance"].is_monotonic_decreasing
    assert not app.info


def test_deputies_switch_and_faction_filter_are_in_the_link(run_page, ranking):
    faction = person(ranking, "Харченко Олександр Іванович")["faction_id"]
    app = run_page("pages/deputies.py", "public", year=YEAR, nv="0", faction=str(faction), sort="rebellions")
    assert not app.exception
    table = app.dataframe[0].value
    assert set(table["faction"]) == {"Громадянська платформа"} and len(table) == 7
    rebel = person(ranking, "Юрченко Микола Петрович")
    assert table.iloc[0]["deputy"] == "Юрченко Микола Петрович"
    assert table.iloc[0]["rebellions"] == rebel["rebellions"] < rebel["rebellions_with_not_voting"]
    assert app.query_params["nv"] == "0" and app.query_params["faction"] == str(faction)


def test_deputies_bad_link_is_ignored_with_a_notice(run_page):
    app = run_page("pages/deputies.py", "public", year=YEAR, sort="height", faction="x")
    assert not app.exception
    notice = texts(app.info)
    assert "sort" in notice and "faction" in notice
    assert "Показано: 37 депутатів." in texts(app.caption)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_deputy_profile(run_page, ranking, audience):
    rebel = person(ranking, "Тимошенко Володимир Петрович")
    app = run_page("pages/deputy.py", audience, year=YEAR, deputy=str(rebel["deputy_id"]))
    assert not app.exception
    assert app.title[0].value == "Тимошенко Володимир Петрович"
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Відвідуваність"] == format_percent(rebel["attendance"])
    assert metrics["Лояльність фракції"] == format_percent(rebel["loyalty_with_not_voting"])
    assert int(metrics["Відходи від лінії фракції"]) == rebel["rebellions_with_not_voting"] > 0
    assert "Відповідальні" in texts(app.caption)
    assert "Де депутат відійшов від лінії фракції" in [expander.label for expander in app.expander]
    assert len(app.dataframe[-1].value) == min(100, rebel["rebellions_with_not_voting"])


def test_deputy_side_by_side(run_page, ranking):
    first, second = (person(ranking, name) for name in ("Тимошенко Володимир Петрович", "Харченко Олександр Іванович"))
    app = run_page("pages/deputy.py", "public", year=YEAR, deputy=str(first["deputy_id"]),
                   **{"with": str(second["deputy_id"])})
    assert not app.exception
    assert "Поруч: Тимошенко Володимир Петрович і Харченко Олександр Іванович" in texts(app.subheader)
    assert "Згода між ними:" in texts(app.caption)


def test_deputy_switched_faction_shows_both(run_page, demo_sqlite_url):
    ranking_2017 = q.deputy_attendance(read_engine(demo_sqlite_url), Filters.for_year(2017))
    switcher = person(ranking_2017, "Юрченко Микола Петрович")
    app = run_page("pages/deputy.py", "public", year="2017", deputy=str(switcher["deputy_id"]))
    assert not app.exception
    factions = texts(app.caption)
    assert "Громадянська платформа (від початку скликання — 28.02.2017)" in factions
    assert "Відповідальні (01.03.2017 — досі)" in factions


@pytest.mark.parametrize("audience", AUDIENCES)
def test_deputy_unknown_id_shows_a_notice(run_page, audience):
    app = run_page("pages/deputy.py", audience, year=YEAR, deputy="999999")
    assert not app.exception
    assert "Депутата з номером 999999 у базі немає" in texts(app.warning)
    assert [title.value for title in app.title] == ["Профіль депутата"]


def test_deputy_malformed_id_is_ignored(run_page):
    app = run_page("pages/deputy.py", "public", year=YEAR, deputy="abc")
    assert not app.exception
    assert "deputy" in texts(app.info)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_agreement_page(run_page, demo_sqlite_url, audience):
    app = run_page("pages/agreement.py", audience, year=YEAR)
    assert not app.exception
    sections = [s.value for s in app.subheader][:1] + [expander.label for expander in app.expander]
    assert sections == ["Матриця згоди", "Карта позицій", "Депутати, які голосують однаково"]
    filters = Filters.for_year(int(YEAR), audience=audience)
    used = agreement.positions_map(read_engine(demo_sqlite_url), filters)["votes_used"][0]
    assert f"({count_noun(used, 'map_votes', 'uk')};" in texts(app.caption)
    alike = app.dataframe[-1].value
    assert len(alike) == 15 and alike["share"].iloc[0] > 90


def test_agreement_page_for_a_period_without_votes(run_page):
    app = run_page("pages/agreement.py", "public", **{"from": "2015-01-01", "to": "2015-06-30"})
    assert not app.exception
    assert "замало спірних голосувань" in texts(app.info)
