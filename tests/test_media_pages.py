"""The media page under AppTest: both audiences and languages, every link parameter read, nothing unpublished
shown to the public, labels in words (no vocabulary keys, no `None`)."""

import pytest
from sqlalchemy import select

from dashboard.db import read_engine
from dashboard.navigation import BY_NAME
from dashboard.schema import media_mentions, public_events
from dashboard.ui import DOWNLOADS_KEY
from queries.datasets import all_datasets

SECTIONS = BY_NAME["media"].sections
PAGE = "pages/media.py"


def texts(app) -> str:
    """Every text the page wrote: markdown, captions, metrics, tables."""
    parts = [element.value for element in (*app.markdown, *app.caption, *app.subheader, *app.title)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    parts += [frame.value.to_csv(index=False, header=False) for frame in app.dataframe]  # labels: column_config
    return "\n".join(str(part) for part in parts)


@pytest.mark.parametrize("audience", ["public", "internal"])
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_page_draws_in_both_audiences_and_languages(run_page, audience, lang):
    offered, shown = set(), []
    for section in SECTIONS:
        app = run_page(PAGE, audience, year="2017", lang=lang, tab=section)
        assert not app.exception, section
        assert app.title[0].value == ("ЗМІ" if lang == "uk" else "Media")
        assert app.query_params.get("tab") == (None if section == SECTIONS[0] else section)
        shown.append(texts(app))
        offered |= {name for name, _filters, _params in app.session_state[DOWNLOADS_KEY]}
    shown = "\n".join(shown)
    assert "None" not in shown and "press_conference" not in shown and "utilities" not in shown
    assert ("Комунальні послуги" if lang == "uk" else "Utilities") in shown
    assert offered == {name for name, dataset in all_datasets().items() if dataset.page == "media"}


def test_only_the_open_section_is_drawn(run_page):
    app = run_page(PAGE, "public", year="2017")
    assert {name for name, _filters, _params in app.session_state[DOWNLOADS_KEY]} == {"media_outlets"}


def test_every_view_is_a_link(run_page):
    app = run_page(PAGE, "public", year="2017", kind="online", scope="local", tone="negative", topic="roads",
                   bucket="week", split="scope", measure="share", line="20", tab="time")
    assert not app.exception and not app.info
    for name, value in (("kind", "online"), ("scope", "local"), ("tone", "negative"), ("topic", "roads"),
                        ("bucket", "week"), ("split", "scope"), ("measure", "share"), ("line", "20"), ("tab", "time")):
        assert app.query_params[name] == value, name
    params = {name: params for name, _filters, params in app.session_state[DOWNLOADS_KEY]}
    assert params["media_over_time"] == {"kind": "online", "scope": "local", "topic": "roads", "tone": "negative",
                                         "bucket": "week", "split": "scope"}


def test_a_bad_link_opens_with_defaults_and_says_so(run_page):
    app = run_page(PAGE, "public", year="2017", kind="blog", bucket="hour")
    assert not app.exception
    assert "kind" in app.info[0].value and "bucket" in app.info[0].value


def test_the_public_never_sees_unpublished_rows(run_page, demo_sqlite_url):
    engine = read_engine(demo_sqlite_url)
    with engine.connect() as connection:
        hidden_events = set(connection.execute(select(public_events.c.title).where(~public_events.c.is_public)).scalars())
        hidden = connection.execute(select(media_mentions.c.published_on).where(~media_mentions.c.is_public)).scalars().all()
    assert hidden and hidden_events
    public = run_page(PAGE, "public", year="2017", tab="events")
    internal = run_page(PAGE, "internal", year="2017", tab="events")
    assert not any(title in texts(public) for title in hidden_events)
    assert any(title in texts(internal) for title in hidden_events)
    count = {app: int("".join(ch for ch in app.metric[0].value if ch.isdigit())) for app in (public, internal)}
    hidden_2017 = sum(1 for day in hidden if day.year == 2017)
    assert count[internal] - count[public] == hidden_2017 > 0
