"""The KPI catalogue and the pure logic of a KPI card: change, direction, target, trend, no data."""

import pytest

from dashboard.i18n import count_noun, messages
from dashboard.metrics.overview import BASES, BY_KEY, DELTA_STYLE, KPIS, SOURCES, card
from dashboard.writer.importers import IMPORTERS

# the KPI keys and bases that docs/kpis.md fixes (the demo generator and the export depend on them)
KPIS_MD = {
    "press_conferences": ("year", True), "guest_in_studio": ("year", True), "foreign_journalists": ("year", True),
    "outlets_covering": ("year", True), "website_daily_visitors": ("year", False),
    "live_streams": ("cumulative", False), "live_stream_views": ("cumulative", False),
    "procurements": ("year", True), "petitions_submitted": ("cumulative", True),
    "petitions_considered": ("cumulative", True), "plenary_sessions": ("convocation", False),
    "decisions": ("convocation", True), "consultations_online": ("year", True),
}


def test_every_kpi_comes_from_an_import_source_and_every_source_is_listed():
    assert {kpi.source for kpi in KPIS} <= set(SOURCES)
    assert set(IMPORTERS) <= set(SOURCES)  # procurement: a source of the catalogue still to come


def test_catalogue_is_kpis_md():
    assert {kpi.key: (kpi.basis, kpi.by_unit) for kpi in KPIS} == KPIS_MD
    assert all(kpi.basis in BASES for kpi in KPIS)
    assert [kpi.key for kpi in KPIS if kpi.cumulative] == [
        "live_streams", "live_stream_views", "petitions_submitted", "petitions_considered", "plenary_sessions",
        "decisions"]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_kpi_has_its_messages(lang):
    known = messages()
    for kpi in KPIS:
        for key in (kpi.title, kpi.counts, kpi.why_basis, f"kpi_basis_{kpi.basis}", f"method_source_{kpi.source}"):
            assert lang in known[key], key
        assert count_noun(2, kpi.noun, lang)


def test_nouns_agree_with_numbers():
    assert count_noun(12, BY_KEY["press_conferences"].noun, "uk") == "12 прес-конференцій"
    assert count_noun(1, BY_KEY["petitions_submitted"].noun, "uk") == "1 петиція"
    assert count_noun(2, BY_KEY["petitions_submitted"].noun, "uk") == "2 петиції"
    assert count_noun(1043, BY_KEY["decisions"].noun, "uk") == "1\u00a0043 рішення"
    assert count_noun(31, BY_KEY["plenary_sessions"].noun, "en") == "31 sessions"


def test_change_up_against_previous_year():
    shown = card({2015: 8, 2016: 10, 2017: 12}, 2017, target=15)
    assert (shown.value, shown.previous, shown.change, shown.direction) == (12, 10, 2, "up")
    assert shown.target_share == pytest.approx(0.8)
    assert shown.trend == (8, 10, 12)


def test_change_down_and_no_change():
    assert card({2016: 12, 2017: 9}, 2017).direction == "down"
    assert card({2016: 12, 2017: 9}, 2017).change == -3
    assert card({2016: 5, 2017: 5}, 2017).direction == "same"


def test_rounding_decides_the_direction():
    """A daily average that prints the same both years is no change, not a tiny rise."""
    shown = card({2016: 534.4, 2017: 534.45}, 2017)
    assert (shown.value, shown.change, shown.direction) == (534, 0, "same")


def test_no_data_state():
    shown = card({2015: 3, 2016: 4}, 2017, target=5)
    assert shown.value is None and shown.change is None and shown.direction is None
    assert shown.target_share is None
    assert shown.trend == (3, 4)


def test_no_previous_year():
    shown = card({2017: 7}, 2017)
    assert (shown.value, shown.previous, shown.change, shown.direction) == (7, None, None, None)


def test_zero_is_a_value_not_no_data():
    shown = card({2016: 2, 2017: 0}, 2017, target=0)
    assert (shown.value, shown.direction, shown.target_share) == (0, "down", None)


def test_trend_stops_at_the_chosen_year():
    assert card({2015: 1, 2016: 2, 2017: 3, 2018: 4}, 2016).trend == (1, 2)


def test_every_direction_has_a_style():
    assert set(DELTA_STYLE) == {"up", "down", "same"}
