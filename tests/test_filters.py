"""Link parameters: good values parsed, unknown or malformed ones named and ignored."""

import datetime as dt

from dashboard.filters import Filters, check_link, parse_codes, parse_date, parse_language, parse_year

PARSERS = {"year": parse_year, "from": parse_date, "unit": parse_codes, "lang": parse_language}


def test_good_parameters_are_parsed():
    good, ignored = check_link({"year": "2017", "from": "2017-02-01", "unit": "EDU,HEALTH", "lang": "en"}, PARSERS)
    assert good == {"year": 2017, "from": dt.date(2017, 2, 1), "unit": ("EDU", "HEALTH"), "lang": "en"}
    assert ignored == []


def test_unknown_and_malformed_parameters_are_ignored_by_name():
    good, ignored = check_link({"year": "abc", "from": "2017-13-40", "utm_source": "x", "lang": "de", "unit": ""}, PARSERS)
    assert good == {}
    assert sorted(ignored) == ["from", "lang", "unit", "utm_source", "year"]


def test_year_filters_know_their_year():
    assert Filters.for_year(2017).year == 2017
    assert Filters(dt.date(2017, 1, 1), dt.date(2017, 6, 30)).year is None
    assert Filters.for_year(2017).public_only
    assert not Filters.for_year(2017, audience="internal").public_only
