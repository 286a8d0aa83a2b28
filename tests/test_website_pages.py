"""The website page under AppTest: both audiences and languages, every link parameter read, a bad one ignored
with the notice, labels in words (no vocabulary keys, no `None`), the public never shown an unpublished stream."""

import pytest
from sqlalchemy import select

from dashboard.db import read_engine
from dashboard.i18n import messages
from dashboard.navigation import BY_NAME
from dashboard.schema import broadcasts
from dashboard.ui import DOWNLOADS_KEY
from queries.datasets import all_datasets

SECTIONS = BY_NAME["website"].sections
PAGE = "pages/website.py"


def texts(app) -> str:
    """Every text the page wrote: markdown, captions, warnings, metrics, tables."""
    parts = [element.value for element in (*app.markdown, *app.caption, *app.subheader, *app.header, *app.title,
                                            *app.warning)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    parts += [frame.value.to_csv(index=False, header=False) for frame in app.dataframe]
    return "\n".join(str(part) for part in parts)


def sections(run_page, audience: str, **link) -> dict[str, object]:
    """The page opened at each of its sections (the link's `tab`)."""
    return {section: run_page(PAGE, audience, tab=section, **link) for section in SECTIONS}


@pytest.mark.parametrize("audience", ["public", "internal"])
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_page_draws_in_both_audiences_and_languages(run_page, audience, lang):
    apps = sections(run_page, audience, year="2017", lang=lang)
    sentence = "У середньому 545 відвідувачів на день у 2017 році." if lang == "uk" else "On average 545 visitors a day in 2017."
    offered = set()
    for section, app in apps.items():
        assert not app.exception, section
        assert app.title[0].value == ("Сайт і трансляції" if lang == "uk" else "Website and streams")
        shown = texts(app)
        assert "None" not in shown and not [key for key in messages() if key.startswith("website_") and key in shown]
        assert "executive_committee" not in shown and "press_conference" not in shown
        assert sentence in shown, section  # the summary stands above every section
        assert app.query_params.get("tab") == (None if section == SECTIONS[0] else section)
        offered |= {name for name, _filters, _params in app.session_state[DOWNLOADS_KEY]}
    streams = texts(apps["streams"])
    if audience == "public":  # the internal edition counts the unpublished test streams too
        assert ("316 трансляцій, 21\u00a0040 переглядів" if lang == "uk" else "316 streams, 21,040 views") in streams
    assert ("Пошукові системи" if lang == "uk" else "Search engines") in texts(apps["sources"])
    assert ("Без трансляції: 02.03.2017." if lang == "uk" else "Not streamed: 2017-03-02.") in streams
    assert offered == {name for name, dataset in all_datasets().items() if dataset.page == "website"}


def test_only_the_open_section_is_drawn(run_page):
    visitors, streams = run_page(PAGE, "public", year="2017"), run_page(PAGE, "public", year="2017", tab="streams")
    drawn = {name for name, _filters, _params in visitors.session_state[DOWNLOADS_KEY]}
    assert {"website_summary", "website_daily", "website_weekdays"} == drawn
    assert "website_daily" not in {name for name, _filters, _params in streams.session_state[DOWNLOADS_KEY]}


def test_every_view_is_a_link(run_page):
    sources = run_page(PAGE, "public", year="2017", channel="social", kind="plenary", unit="COUNCIL", tab="sources")
    streams = run_page(PAGE, "public", year="2017", channel="social", kind="plenary", unit="COUNCIL", tab="streams")
    for app in (sources, streams):
        assert not app.exception and not app.info
        for name, value in (("channel", "social"), ("kind", "plenary"), ("unit", "COUNCIL")):
            assert app.query_params[name] == value, name
        assert any("усього сайту" in caption.value for caption in app.caption)  # site figures do not follow units
    assert {name: params for name, _f, params in sources.session_state[DOWNLOADS_KEY]}["website_channels_by_month"] == {
        "channel": "social"}
    assert {name: params for name, _f, params in streams.session_state[DOWNLOADS_KEY]}["website_broadcasts"] == {
        "kind": "plenary"}


def test_a_bad_link_opens_with_defaults_and_says_so(run_page):
    app = run_page(PAGE, "public", year="2017", channel="carrier-pigeon", kind="concert", tab="weather")
    assert not app.exception
    assert all(name in app.info[0].value for name in ("channel", "kind", "tab"))
    assert not {"channel", "kind", "tab"} & set(app.query_params)
    assert "website_daily" in {name for name, _filters, _params in app.session_state[DOWNLOADS_KEY]}


def test_the_public_never_sees_unpublished_streams(run_page, demo_sqlite_url):
    with read_engine(demo_sqlite_url).connect() as connection:
        hidden = connection.execute(select(broadcasts.c.title).where(~broadcasts.c.is_public)).scalars().all()
    assert hidden
    title = hidden[0]
    public = run_page(PAGE, "public", year="2017", kind="other", tab="streams")
    internal = run_page(PAGE, "internal", year="2017", kind="other", tab="streams")
    assert title not in texts(public) and title in texts(internal)
