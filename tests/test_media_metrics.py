"""Media formulas: name keys and aliases, story identities, vocabularies, and each SQL twin against its Python
formula on both backends (time buckets, the seven-day windows, tone shares)."""

import datetime as dt

import pytest
from sqlalchemy import Date, literal, select, union_all

from dashboard import vocabularies
from dashboard.metrics import media
from dashboard.metrics.common import share
from queries.common import fetch

DAYS = [dt.date(2016, 2, 29), dt.date(2017, 1, 1), dt.date(2017, 1, 2), dt.date(2017, 3, 5), dt.date(2017, 12, 31),
        dt.date(2020, 12, 28)]


def test_name_keys_ignore_case_spaces_and_quotes():
    assert media.name_key("ТРК  «С-плюс»") == media.name_key('трк "с-плюс"') == "трк с-плюс"
    assert media.name_key("Урядовий кур'єр") == media.name_key("Урядовий  кур’єр")
    assert media.outlet_key("ТРК «С-плюс»") == media.outlet_key("С-плюс") == "с-плюс"  # an alias
    assert media.outlet_key("Нове ТБ") == "нове тб"


def test_a_story_is_its_url_else_outlet_day_and_title():
    day = dt.date(2017, 3, 1)
    assert media.mention_identity("https://www.News.example/a/", "X", day, "T") == \
           media.mention_identity("http://news.example/a", "Y", dt.date(2018, 1, 1), "Other") == "url:news.example/a"
    assert media.mention_identity("https://news.example/A", "X", day, "T") != media.mention_identity(
        "https://news.example/a", "X", day, "T")  # a path keeps its case
    assert media.mention_identity(None, "ТРК «С-плюс»", day, "Сесія  ради") == \
           media.mention_identity("", "с-плюс", day, "сесія ради") == "item:с-плюс|2017-03-01|сесія ради"


def test_vocabularies_are_configuration_shown_through_their_labels():
    assert vocabularies.label("media_topics", "roads", "uk") == "Дороги" and vocabularies.label("media_topics", "roads", "en") == "Roads"
    assert vocabularies.label("media_topics", "Благоустрій", "en") == "Благоустрій"  # kept as written
    assert vocabularies.label("media_topics", None, "uk") is None
    assert vocabularies.vocabulary_key("media_tones", " Позитивна ") == "positive"
    assert vocabularies.vocabulary_key("media_tones", "furious") is None
    assert list(vocabularies.labels("media_tones")) == list(media.TONES)


def test_buckets_and_windows():
    assert media.bucket_start(dt.date(2017, 1, 1), "week") == dt.date(2016, 12, 26)  # a Sunday: its week's Monday
    assert media.bucket_start(dt.date(2017, 1, 2), "week") == dt.date(2017, 1, 2)
    assert media.bucket_start(dt.date(2017, 3, 5), "month") == dt.date(2017, 3, 1)
    assert media.window(dt.date(2017, 3, 1), "before") == (dt.date(2017, 2, 22), dt.date(2017, 2, 28))
    assert media.window(dt.date(2017, 3, 1), "after") == (dt.date(2017, 3, 1), dt.date(2017, 3, 7))
    assert media.attention_change(6, 3) == 2.0 and media.attention_change(4, 0) is None


def test_tone_shares_count_only_rated_mentions():
    assert media.tone_shares(["positive", "positive", "negative", None]) == {
        "positive": share(2, 3), "neutral": 0.0, "negative": share(1, 3)}
    assert media.tone_shares([None]) == {"positive": None, "neutral": None, "negative": None}


@pytest.mark.parametrize("bucket", media.BUCKETS)
def test_bucket_sql_twin(demo_engine, bucket):
    dialect = demo_engine.dialect.name
    stmt = union_all(*(select(media.bucket_start_sql(literal(day, Date), bucket, dialect).label("start"))
                       for day in DAYS))
    got = fetch(demo_engine, select(stmt.subquery().c.start))["start"].to_list()
    assert got == [media.bucket_start(day, bucket) for day in DAYS]


@pytest.mark.parametrize("side", ("before", "after"))
def test_window_sql_twin(demo_engine, side):
    dialect = demo_engine.dialect.name
    for day in DAYS:
        first, last = media.window_sql(literal(day, Date), side, dialect)
        row = fetch(demo_engine, select(first.label("first"), last.label("last"))).row(0)
        assert row == media.window(day, side), day


def test_tone_share_sql_twin(demo_engine):
    tones = ["positive", "positive", "negative", None, "neutral", "positive"]
    rows = union_all(*(select(literal(tone).label("tone")) for tone in tones)).subquery()
    tone = rows.c.tone
    stmt = select(*(media.tone_share_sql(tone, name).label(name) for name in media.TONES)).select_from(rows)
    assert fetch(demo_engine, stmt).row(0, named=True) == pytest.approx(media.tone_shares(tones))
