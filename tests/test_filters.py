"""Filters from a link: the one pure function pages and `export` share (period bounds, unit codes, all time)."""

import datetime as dt

from dashboard.filters import ALL_TIME, Filters, filters_from_link, period_from_link

YEARS = [2015, 2016, 2017, 2018, 2019, 2020]
CODES = ["FIN", "EDU"]


def test_a_year_is_that_calendar_year_and_the_default_is_the_last_year():
    assert period_from_link({"year": 2017}, YEARS) == ((dt.date(2017, 1, 1), dt.date(2017, 12, 31)), [])
    assert period_from_link({}, YEARS) == ((dt.date(2020, 1, 1), dt.date(2020, 12, 31)), [])
    assert period_from_link({}, YEARS, default=ALL_TIME) == (ALL_TIME, [])
    assert Filters.for_year(2017).year == 2017 and Filters(dt.date(2017, 1, 1), dt.date(2017, 6, 30)).year is None


def test_out_of_range_and_reversed_periods_are_ignored_by_name():
    assert period_from_link({"year": 1999}, YEARS)[1] == ["year"]
    (start, end), ignored = period_from_link({"from": dt.date(1, 1, 1), "to": dt.date(2017, 3, 1)}, YEARS)
    assert ignored == ["from"] and (start, end) == (dt.date(2015, 1, 1), dt.date(2017, 3, 1))
    assert period_from_link({"from": dt.date(9999, 12, 31)}, YEARS)[1] == ["from"]
    period, ignored = period_from_link({"from": dt.date(2018, 1, 1), "to": dt.date(2017, 1, 1)}, YEARS)
    assert ignored == ["from", "to"] and period == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_units_are_codes_and_unknown_codes_are_named():
    filters, ignored = filters_from_link({"year": 2017, "unit": ("FIN", "NOPE")}, YEARS, CODES, "public")
    assert filters == Filters(dt.date(2017, 1, 1), dt.date(2017, 12, 31), ("FIN",), "public")
    assert ignored == ["unit"]
    assert filters_from_link({"unit": ("EDU",)}, YEARS, CODES, "internal", ("EDU",))[0].own_units == ("EDU",)
