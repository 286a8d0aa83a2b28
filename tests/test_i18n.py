"""Ukrainian formats and plurals (CLDR's, through Babel), and the message catalogue's integrity."""

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
                                         (12, "many"), (14, "many"), (21, "one"), (22, "few"), (111, "many"), (101, "one"),
                                         (14.5, "other"), (1.5, "other")])
def test_plural_forms(n, form):
    assert plural_form(n) == form


def test_numbers_dates_and_percentages():
    assert format_number(1234.5) == f"1{NBSP}234,5"
    assert format_number(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(None) == "—"
    assert format_percent(0.5423) == "54,2%" and format_percent(0.5423, "en") == "54.2%"
    assert format_number(2000) == f"2{NBSP}000" and format_number(-1234, "en") == "−1,234"
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


def test_a_fraction_takes_cldrs_form_of_the_printed_number():
    """«14,5 дня», never «дні»; a number printed whole takes the whole number's form; English has one and many."""
    assert count_noun(14.5, "petitions_days_noun", "uk") == "14,5 дня"
    assert count_noun(2.5, "petitions_working_days_noun", "uk") == "2,5 робочого дня"
    assert count_noun(14.5, "petitions_days_noun", "uk", decimals=0) == "14 днів"
    assert count_noun(1.5, "petitions_days_noun", "en") == "1.5 days"
    assert count_noun(1, "petitions_days_noun", "en") == "1 day"


def test_every_ukrainian_countable_noun_has_cldrs_four_forms():
    for key, entry in messages().items():
        if isinstance(entry["uk"], dict):
            assert set(entry["uk"]) == {"one", "few", "many", "other"}, key
            assert isinstance(entry["en"], str) or set(entry["en"]) == {"one", "many"}, key


def test_one_grouping_space_everywhere_is_cldrs():
    """Cards, tables (the browser's Intl, CLDR too) and charts group digits with U+00A0 in Ukrainian; never U+202F."""
    import plotly.graph_objects as go

    from dashboard.charts import ranked_bars, style

    assert "\u202f" not in format_number(1234567) + format_percent(12.345) + count_noun(1043, "petitions_noun", "uk")
    assert style(go.Figure(), "uk").layout.separators == f",{NBSP}"
    assert style(go.Figure(), "en").layout.separators == ".,"
    import polars as pl
    figure = ranked_bars(pl.DataFrame({"a": ["x"], "n": [20000]}), "a", "n", "uk")
    assert figure.layout.xaxis.exponentformat == "none" and figure.data[0].customdata == (f"20{NBSP}000",)


def test_a_bare_url_or_e_mail_cannot_become_a_link():
    """Streamlit links `http://…`, `www.…` and e-mails even when escaped: an invisible word joiner breaks them."""
    from dashboard.i18n import WORD_JOINER, escape_markdown

    shown = escape_markdown("http://evil.example/x www.evil.example a@evil.example")
    assert "://" not in shown and "www\\." not in shown and "@e" not in shown
    assert shown.replace(WORD_JOINER, "").replace("\\", "") == "http://evil.example/x www.evil.example a@evil.example"


@pytest.mark.parametrize(("name", "english", "says_convocation"), [
    ("5 сесія міської ради VII скликання", "Session 5, convocation VII", True),
    ("12 позачергова сесія Київської міської ради IX скликання", "Extraordinary session 12, convocation IX", True),
    ("3 сесія", "Session 3", False), ("пленарне засідання", "Plenary meeting", False),
    ("Засідання за зверненням", "Засідання за зверненням", False)])
def test_a_sessions_name_in_english_and_whether_it_says_its_convocation(name, english, says_convocation):
    from dashboard.i18n import names_convocation, session_name

    assert session_name(name, "uk") == name and session_name(name, "en") == english
    assert names_convocation(name) is says_convocation


def test_an_abbreviations_key_names_each_once():
    from dashboard.i18n import abbreviation_key

    pairs = [("ГП", "Громадянська платформа"), ("НМ", "Наше місто"), ("ГП", "Громадянська платформа"),
             (None, "Позафракційні"), ("Відповідальні", "Відповідальні")]
    assert abbreviation_key(pairs) == "ГП — Громадянська платформа · НМ — Наше місто"
