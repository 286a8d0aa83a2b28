"""Ukrainian formats and plurals, and the message catalogue's integrity."""

import datetime as dt

import pytest

from dashboard.i18n import (
    NBSP,
    count_noun,
    format_date,
    format_number,
    format_percent,
    format_signed,
    messages,
    plural_form,
    t,
)


@pytest.mark.parametrize(("n", "form"), [(0, "many"), (1, "one"), (2, "few"), (4, "few"), (5, "many"), (11, "many"),
                                         (12, "many"), (14, "many"), (21, "one"), (22, "few"), (111, "many"), (101, "one")])
def test_plural_forms(n, form):
    assert plural_form(n) == form


def test_numbers_dates_and_percentages():
    assert format_number(1234.5) == f"1{NBSP}234,5"
    assert format_number(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(None) == "—"
    assert format_percent(0.5423) == f"54,2{NBSP}%"
    assert format_signed(3) == "+3"
    assert format_signed(-3.5) == "−3,5"
    assert format_date(dt.date(2017, 3, 8)) == "08.03.2017"
    assert format_date(dt.date(2017, 3, 8), "en") == "2017-03-08"


def test_every_message_has_both_languages():
    for key, entry in messages().items():
        assert entry.get("uk") and entry.get("en"), key


def test_count_nouns_use_the_right_form():
    plural_keys = [key for key, entry in messages().items() if isinstance(entry["uk"], dict)]
    assert plural_keys, "the catalogue has countable nouns"
    key = plural_keys[0]
    forms = messages()[key]["uk"]
    assert count_noun(1, key, "uk") == f"1 {forms['one']}"
    assert count_noun(2, key, "uk") == f"2 {forms['few']}"
    assert count_noun(5, key, "uk") == f"5 {forms['many']}"


def test_missing_key_shows_itself_and_placeholders_fill():
    assert t("no_such_message", "uk") == "no_such_message"
    assert "year" in t("link_ignored", "en", names="year")
