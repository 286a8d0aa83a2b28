"""The petitions page under AppTest on the demo council, in both audiences and languages: it draws, reads its
filters from the link, states the clock's assumption, and the public never sees an author, a contact or an
unpublished petition in any element or download."""

from __future__ import annotations

import polars as pl
import pytest
from sqlalchemy import select

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.i18n import messages, t
from dashboard.schema import petition_authors_internal, petitions
from dashboard.settings import load_settings
from dashboard.ui import DOWNLOADS_KEY
from queries.datasets import all_datasets
from queries.petitions import open_petitions

PAGE = "pages/petitions.py"
AUDIENCES = ("public", "internal")


@pytest.fixture(scope="module")
def secrets(demo_sqlite_url):
    """What the public must never see: every author and contact, and the numbers of unpublished petitions."""
    with read_engine(demo_sqlite_url).connect() as connection:
        people = connection.execute(select(petition_authors_internal.c.author, petition_authors_internal.c.contact)).all()
        hidden = connection.execute(select(petitions.c.number).where(~petitions.c.is_public)).scalars().all()
    return {"people": {value for row in people for value in row if value}, "hidden": set(hidden)}


def texts(app) -> str:
    """Every text the page shows: elements, metrics, and the cells of every table."""
    parts = [str(getattr(element, "value", "")) for kind in ("title", "subheader", "caption", "info", "markdown")
             for element in getattr(app, kind)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [str(box.options) for box in app.selectbox]
    return "\n".join(parts)


def metric(app, label: str) -> str:
    values = [m.value for m in app.metric if m.label == label]
    assert values, f"no metric {label!r} among {[m.label for m in app.metric]}"
    return values[0]


@pytest.mark.parametrize("lang", ("uk", "en"))
@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_page_draws_in_both_audiences_and_languages(run_page, audience, lang):
    app = run_page(PAGE, audience, year="2017", lang=lang)
    assert not app.exception
    assert app.title[0].value == t("page_petitions", lang)
    submitted = metric(app, t("petitions_submitted", lang))
    assert submitted.split()[-1] in ("петиції", "петицій", "петиція", "petitions")
    shown = texts(app)
    assert [key for key in messages() if key.startswith("petitions_") and key in shown] == []  # no raw keys
    written = "\n".join(str(element.value) for kind in ("caption", "info", "markdown") for element in getattr(app, kind))
    assert "None" not in written and "None" not in " ".join(f"{m.label} {m.value}" for m in app.metric)
    assert len(app.dataframe) >= 5
    assert any(t("petitions_clock_rule", lang).split()[0] in caption.value for caption in app.caption)


def test_public_sees_no_author_contact_or_unpublished_petition_anywhere(run_page, secrets, demo_sqlite_url):
    engine = read_engine(demo_sqlite_url)
    for params in ({"year": "2017"}, {"year": "2020"}, {"from": "2016-01-01", "to": "2020-12-31"}):
        app = run_page(PAGE, "public", **params)
        assert not app.exception
        shown = texts(app)
        assert not any(person in shown for person in secrets["people"])
        assert not any(number in shown for number in secrets["hidden"])
        for name, filters, dataset_params in app.session_state[DOWNLOADS_KEY]:
            frame = all_datasets()[name].rows(engine, filters, dataset_params, load_settings().base_url)
            written = frame.write_csv()
            assert not any(person in written for person in secrets["people"]), name
            assert not secrets["hidden"] & set(frame["number"] if "number" in frame.columns else []), name


def test_internal_sees_authors_in_the_list(run_page, secrets):
    app = run_page(PAGE, "internal", year="2017")
    assert not app.exception
    assert any(person in texts(app) for person in secrets["people"])


def test_filters_come_from_the_link_and_go_back_to_it(run_page):
    app = run_page(PAGE, "public", year="2017", status="answered", category="Транспорт")
    assert not app.exception
    assert app.selectbox(key="petitions_status").value == "answered"
    assert app.selectbox(key="petitions_category").value == "Транспорт"
    listed = [frame.value for frame in app.dataframe][-1]
    assert set(listed["status"]) == {t("petitions_status_answered", "uk")}  # in words, in the page's language
    assert set(listed["category"]) == {"Транспорт"}
    offered = {(name, tuple(sorted(params.items()))) for name, _filters, params in app.session_state[DOWNLOADS_KEY]}
    assert ("petitions", (("category", "Транспорт"), ("status", "answered"))) in offered


def test_a_bad_status_in_the_link_is_ignored_and_named(run_page):
    app = run_page(PAGE, "public", year="2017", status="lost")
    assert not app.exception
    assert any("status" in info.value for info in app.info)


def test_signature_history_follows_the_petition_in_the_link(run_page, demo_sqlite_url):
    collecting = open_petitions(read_engine(demo_sqlite_url), Filters.for_year(2017))["petition_id"].to_list()
    assert len(collecting) > 1
    app = run_page(PAGE, "public", year="2017", petition=str(collecting[1]))
    assert not app.exception
    assert app.selectbox(key="petitions_history").value == collecting[1]
    history = [params for name, _f, params in app.session_state[DOWNLOADS_KEY] if name == "petitions_signatures"]
    assert {"petition": collecting[1]} in history
    assert {} in history  # and every snapshot for the filters, as open data
    assert app.query_params["petition"] == str(collecting[1])


def test_no_petitions_for_the_filters(run_page):
    app = run_page(PAGE, "public", year="2015")
    assert not app.exception
    assert any(info.value == t("petitions_none", "uk") for info in app.info)


def test_awaiting_is_sorted_by_how_late(run_page):
    app = run_page(PAGE, "internal", **{"from": "2016-01-01", "to": "2017-12-31"})
    awaiting = next(frame.value for frame in app.dataframe if "working_days_late" in frame.value.columns)
    late = pl.Series(awaiting["working_days_late"]).to_list()
    assert late == sorted(late, reverse=True) and late[0] > 0
