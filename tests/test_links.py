"""Links: the parsers of every link parameter, the check that names what it ignored, one URL builder."""

import datetime as dt

import pytest

from dashboard import links
from dashboard.navigation import BY_NAME, PAGES, page_url


def test_check_link_keeps_good_values_and_names_the_rest_in_link_order():
    good, ignored = links.check_link(
        {"year": "2017", "lang": "de", "utm_source": "x", "unit": "FIN,EDU", "from": "2017-02-30"},
        links.FILTER_PARAMS)
    assert good == {"year": 2017, "unit": ("FIN", "EDU")}
    assert ignored == ["lang", "utm_source", "from"]


@pytest.mark.parametrize("text", ["0", "-1", str(2**31), str(2**63), "1e3", "x"])
def test_ids_outside_the_integer_range_of_both_backends_are_refused(text):
    with pytest.raises(ValueError):
        links.parse_id(text)


def test_the_one_url_builder():
    assert page_url("vote", {"vote": 12, "lang": "en", "q": ""}) == "vote?vote=12&lang=en"
    assert page_url("overview", {"year": "2017"}) == "?year=2017"
    assert page_url("overview") == "./"
    assert page_url("vote", {"vote": 3}, "https://vidkryto.example") == "https://vidkryto.example/vote?vote=3"
    with pytest.raises(KeyError):
        page_url("nowhere")


def test_filters_travel_with_every_link():
    assert links.carried({"year": "2017", "unit": "FIN", "vote": "3", "lang": "en"}) == {
        "lang": "en", "year": "2017", "unit": "FIN"}


def test_every_page_reads_the_filters_and_its_own_parameters():
    for entry in PAGES:
        assert set(links.FILTER_PARAMS) <= set(entry.parsers)
        assert entry.path == f"pages/{entry.name}.py"
    assert BY_NAME["deputy"].parsers["with"]("5") == 5
    assert links.parse_date("2017-03-01") == dt.date(2017, 3, 1)
