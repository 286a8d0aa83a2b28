"""Website metrics: path rules match whole segments (the longest rule wins), a broadcast's identity, and the
channel and device words of the analytics services mapped to the vocabularies' keys."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import vocabularies
from dashboard.metrics.website import (
    BROADCAST_KINDS,
    CHANNELS,
    DEVICES,
    SOURCE_WORDS,
    broadcast_identity,
    page_rules,
    sorted_rules,
    source_key,
    unit_for_path,
)

RULES = sorted_rules([("/edu/", "EDU"), ("/edu/schools", "SCHOOLS"), ("/news", "PRESS")])


@pytest.mark.parametrize(("path", "unit"), [
    ("/edu", "EDU"), ("/edu/news", "EDU"), ("/education", None), ("/edu-news", None),
    ("/edu/schools/5", "SCHOOLS"), ("/edu/schoolsx", "EDU"), ("/", None), ("/news", "PRESS"),
])
def test_rules_match_whole_segments_and_the_longest_wins(path, unit):
    assert unit_for_path(path, RULES) == unit


def test_a_root_rule_covers_every_page_and_the_shipped_rules_are_longest_first():
    assert unit_for_path("/anything/at/all", sorted_rules([("/", "EXEC"), ("/news", "PRESS")])) == "EXEC"
    assert unit_for_path("/council/sessions") == "COUNCIL" and unit_for_path("/units/council/news") == "COUNCIL"
    lengths = [len(prefix) for prefix, _unit in page_rules()]
    assert lengths == sorted(lengths, reverse=True)


def test_a_broadcast_is_its_url_else_its_start_and_title():
    start = dt.datetime(2017, 3, 2, 10, 0, 30)
    assert broadcast_identity(" https://YouTube.example/watch/ ", start, "x") == "url:https://youtube.example/watch"
    assert broadcast_identity("", start, "  Пленарне   засідання ") == "at:2017-03-02T10:00|пленарне засідання"
    assert broadcast_identity(None, start, None) == "at:2017-03-02T10:00|"


@pytest.mark.parametrize(("kind", "word", "key"), [
    ("channel", "Direct Entry", "direct"), ("channel", "search engines", "search"), ("channel", "Websites", "referral"),
    ("channel", "Direct / None", "direct"), ("channel", "Organic Social", "social"), ("channel", "Google", "search"),
    ("channel", "Кампанії", "campaign"), ("channel", "email", "email"), ("channel", "news.example", None),
    ("device", "Smartphone", "mobile"), ("device", "Phablet", "mobile"), ("device", "TV", "other"),
    ("device", "Desktop", "desktop"), ("device", "Планшет", "tablet"), ("device", "Hologram", None),
])
def test_service_words_map_to_vocabulary_keys(kind, word, key):
    assert source_key(kind, word) == key


def test_every_configured_word_names_a_key_of_its_vocabulary():
    for kind, keys in (("channel", CHANNELS), ("device", DEVICES)):
        assert {row["key"] for row in vocabularies.rows(SOURCE_WORDS[kind])} <= set(keys), kind
    assert BROADCAST_KINDS == ("plenary", "executive_committee", "press_conference", "other")
