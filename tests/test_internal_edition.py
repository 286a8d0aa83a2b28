"""The internal edition: the role an identity token gives, and what each role sees on the pages (AppTest, signed in
by standing in for `st.login`'s claims; the browser test signs in through a real OpenID Connect provider)."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest
from sqlalchemy import select

from dashboard import auth
from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.schema import units
from dashboard.settings import load_settings
from queries import queue, targets

SETTINGS = dataclasses.replace(load_settings(), audience="internal", mayor_office_email_domain="rada.example")
MAYOR = {"name": "Олена Мерська", "email": "olena@rada.example", "groups": ["vidkryto-mayor-office"]}
HEAD = {"name": "Іван Освітній", "email": "ivan@rada.example", "groups": ["staff", "vidkryto-unit-EDU"]}
OUTSIDER = {"name": "Петро Сторонній", "email": "petro@mail.example", "groups": ["staff"]}


@pytest.mark.parametrize(("claims", "role", "own"), [
    (MAYOR, auth.MAYOR_OFFICE, ()),
    (HEAD, auth.UNIT_HEAD, ("EDU",)),
    (OUTSIDER, auth.SIGNED_IN, ()),
    ({"email": "olena@rada.example", "email_verified": True}, auth.MAYOR_OFFICE, ()),
    ({"email": "olena@rada.example", "email_verified": False}, auth.SIGNED_IN, ()),
    ({"email": "x@evil-rada.example", "email_verified": True}, auth.SIGNED_IN, ()),
    ({"groups": "vidkryto-unit-FIN, vidkryto-unit-EDU"}, auth.UNIT_HEAD, ("EDU", "FIN")),
    ({"groups": ["vidkryto-unit-"]}, auth.SIGNED_IN, ()),
    ({}, auth.SIGNED_IN, ()),
], ids=["mayor-group", "unit-group", "other-group", "verified-domain", "unverified-domain", "lookalike-domain",
        "groups-as-text", "prefix-alone", "no-claims"])
def test_the_token_gives_the_role(claims, role, own):
    viewer = auth.role_from_claims(claims, SETTINGS)
    assert (viewer.role, viewer.own_units) == (role, own)
    assert viewer.audience == ("internal" if role in (auth.MAYOR_OFFICE, auth.UNIT_HEAD) else "public")


def test_the_claim_is_configured():
    custom = dataclasses.replace(SETTINGS, roles_claim="roles", mayor_office_group="Мерія", unit_group_prefix="unit:")
    assert auth.role_from_claims({"roles": ["Мерія"]}, custom).role == auth.MAYOR_OFFICE
    assert auth.role_from_claims({"roles": ["unit:02.4.1"]}, custom).own_units == ("02.4.1",)
    assert auth.role_from_claims(MAYOR, custom).role == auth.SIGNED_IN  # not its group, and the domain is unverified


@pytest.fixture
def signed_in(monkeypatch, run_page):
    """Run a page of the internal edition as the user these claims describe."""
    def run(claims: dict, page: str, **params):
        monkeypatch.setattr(auth, "login_configured", lambda: True)
        monkeypatch.setattr(auth, "claims", lambda: claims)
        monkeypatch.setenv("VIDKRYTO_MAYOR_OFFICE_EMAIL_DOMAIN", "rada.example")
        return run_page(page, "internal", local_demo=True, **params)
    return run


def _menu(app) -> set[str]:
    return {link.proto.page for link in app.sidebar.get("page_link")}


def _sidebar(app) -> str:
    return " ".join(caption.value for caption in app.sidebar.caption)


def test_the_mayors_office_sees_every_units_queue(signed_in):
    app = signed_in(MAYOR, "pages/queue.py", year="2017", tab="publishing")
    assert not app.exception and not app.error
    assert {"queue", "targets"} <= _menu(app)
    assert "Олена Мерська" in _sidebar(app) and "апарат міського голови" in _sidebar(app)
    shown = app.dataframe[0].value
    assert shown["unit"].nunique() > 3


def test_a_department_head_opens_with_the_own_unit_and_sees_its_hidden_rows_only(signed_in, demo_sqlite_url):
    app = signed_in(HEAD, "pages/queue.py", year="2017", tab="publishing")
    assert not app.exception and not app.error
    assert "Іван Освітній" in _sidebar(app) and "керівник підрозділу" in _sidebar(app)
    with read_engine(demo_sqlite_url).connect() as connection:
        edu = connection.execute(select(units.c.name_uk).where(units.c.code == "EDU")).scalar_one()
    assert app.sidebar.multiselect(key="filter_units").value == ["EDU"]
    assert set(app.dataframe[0].value["unit"]) == {edu}
    expected = queue.waiting_to_publish(read_engine(demo_sqlite_url), Filters.for_year(
        2017, units=("EDU",), audience="internal", own_units=("EDU",)))
    assert len(app.dataframe[0].value) == expected.height > 0


def test_a_department_head_compares_the_own_unit_with_the_council(signed_in, demo_sqlite_url):
    app = signed_in(HEAD, "pages/targets.py", year="2017", tab="units")
    assert not app.exception and not app.error
    table = app.dataframe[0].value
    assert table.iloc[0, 0] != table.iloc[1, 0] and table.shape[0] > 3  # own first, then the others, the council
    compared = targets.units_compared(read_engine(demo_sqlite_url), Filters.for_year(
        2017, audience="internal", own_units=("EDU",)))
    assert compared["unit"][0] == "EDU" and compared["unit"][-1] is None
    assert 0 < compared["media_share"][0] < 1  # a share of the council's mentions, not 100 % of its own


def test_someone_else_signed_in_sees_the_public_figures(signed_in, run_page, demo_sqlite_url):
    app = signed_in(OUTSIDER, "pages/overview.py", year="2017")
    assert not app.exception and not {"queue", "targets"} & _menu(app)
    assert "лише оприлюднене" in _sidebar(app)
    public = run_page("pages/overview.py", "public", year="2017")
    assert [m.value for m in app.metric] == [m.value for m in public.metric]
    mayor = signed_in(MAYOR, "pages/overview.py", year="2017")
    assert [m.value for m in mayor.metric] != [m.value for m in public.metric]


@pytest.mark.parametrize("page", ["pages/queue.py", "pages/targets.py"])
def test_internal_pages_are_not_there_for_the_public(run_page, page):
    app = run_page(page, "public")
    assert not app.exception and not {"queue", "targets"} & _menu(app)
    assert [title.value for title in app.title] != [{"pages/queue.py": "Черга"}.get(page, "Цілі й підрозділи")]


def test_the_queues_difference_is_the_unpublished_rows(demo_sqlite_url):
    engine = read_engine(demo_sqlite_url)
    filters = Filters.for_year(2017, audience="internal")
    difference = queue.kpi_difference(engine, filters)
    behind = queue.waiting_to_publish(engine, filters)
    hidden_events = behind.filter(pl.col("source") == "events").height
    press = difference.filter(pl.col("kpi") == "press_conferences").row(0, named=True)
    assert press["difference"] == press["internal"] - press["public"] and 0 < press["difference"] <= hidden_events
    assert queue.waiting_to_publish(engine, Filters.for_year(2017)).is_empty()
