"""Media queries on both backends against the hand-written files of tests/data/media (answers in its README),
and on the demo council: the report's 2017 outlets, every chart with something to show."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.schema import units
from dashboard.writer.demo.media import REPORT_OUTLETS
from dashboard.writer.importers import run_import
from queries import media as q
from tests.support import empty_database
from tests.test_import_media import DATA, UNITS

MARCH = Filters(dt.date(2017, 3, 1), dt.date(2017, 3, 31))
FILES = (("media", "mentions.csv"), ("media", "other-monitoring.csv"), ("media", "unpublished.csv"),
         ("events", "events.csv"))


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def hand(request, tmp_path_factory):
    """The four hand-written files imported into an empty database, read through the dashboard's engine."""
    engine = empty_database(request.param, request.node.name, tmp_path_factory.mktemp("media"), "vidkryto_media_q",
                            {units: UNITS})
    for source, name in FILES:
        run_import(engine, source, DATA / name, None, None)
    engine.dispose()
    return read_engine(engine.url.render_as_string(hide_password=False))


def test_mentions_per_outlet_with_shares_and_the_latest_item(hand):
    outlets = q.by_outlet(hand, MARCH)
    counts = dict(zip(outlets["outlet"], outlets["mentions"]))
    assert counts == {"ТРК «С-плюс»": 2, "Новини міста": 2, "Укрінформ": 1, "Голос України": 1, "Deutsche Welle": 1}
    assert outlets["share"].sum() == pytest.approx(1.0)
    row = outlets.filter(outlets["outlet"] == "Новини міста").row(0, named=True)
    assert row["share"] == pytest.approx(2 / 7) and row["first_on"] == dt.date(2017, 3, 2)
    assert (row["last_on"], row["latest_title"], row["latest_url"]) == (dt.date(2017, 3, 3), "Черговий брифінг мера", None)
    assert q.summary(hand, MARCH).row(0, named=True) == pytest.approx(
        {"mentions": 7, "outlets": 5, "toned": 5, "share_positive": 0.4, "share_neutral": 0.4, "share_negative": 0.2})


def test_the_audience_decides_what_counts(hand):
    assert q.summary(hand, Filters(MARCH.date_from, MARCH.date_to, audience="internal"))["mentions"][0] == 8
    head = Filters(MARCH.date_from, MARCH.date_to, audience="internal", own_units=("EXEC",))
    assert q.summary(hand, head)["mentions"][0] == 7  # another unit's unpublished row stays hidden
    own = Filters(MARCH.date_from, MARCH.date_to, audience="internal", own_units=("COUNCIL",))
    assert q.by_unit(hand, own)["unit"][0] == "COUNCIL"  # a department head's unit first


def test_over_time_by_week_and_kind_and_by_scope(hand):
    weeks = q.over_time(hand, MARCH, bucket="week", split="kind")
    assert {(row["bucket"], row["key"]): row["mentions"] for row in weeks.iter_rows(named=True)} == {
        (dt.date(2017, 2, 27), "tv"): 2, (dt.date(2017, 2, 27), "online"): 3,
        (dt.date(2017, 3, 6), "agency"): 1, (dt.date(2017, 3, 6), "print"): 1}
    scopes = q.over_time(hand, MARCH, bucket="month", split="scope")
    assert dict(zip(scopes["key"], scopes["mentions"])) == {"international": 1, "local": 4, "national": 2}
    days = q.over_time(hand, MARCH, bucket="day", split="kind", kind="tv")
    assert days["bucket"].to_list() == [dt.date(2017, 3, 1), dt.date(2017, 3, 2)]


def test_filters_narrow_every_figure(hand):
    assert q.summary(hand, MARCH, kind="online")["mentions"][0] == 3
    assert q.summary(hand, MARCH, scope="national", tone="positive")["mentions"][0] == 1
    assert q.summary(hand, MARCH, topic="roads")["mentions"][0] == 2
    assert q.summary(hand, Filters(MARCH.date_from, MARCH.date_to, ("HOUSING",)))["mentions"][0] == 2
    outlet = q.by_outlet(hand, MARCH)["outlet_id"][0]
    assert q.summary(hand, MARCH, outlet=outlet)["mentions"][0] == 2


def test_topics_units_and_tone(hand):
    topics = q.by_topic(hand, MARCH)
    assert dict(zip(topics["topic"], topics["mentions"])) == {None: 2, "roads": 2, "Благоустрій": 1, "budget": 1,
                                                              "council": 1}
    by_unit = q.by_unit(hand, MARCH)
    assert dict(zip(by_unit["unit"], by_unit["mentions"])) == {"HOUSING": 2, None: 2, "COUNCIL": 1, "ECON": 1, "EXEC": 1}
    tone = q.tone_by_month(hand, MARCH).row(0, named=True)
    assert tone == pytest.approx({"month": dt.date(2017, 3, 1), "toned": 5, "share_positive": 0.4, "share_neutral": 0.4,
                                  "share_negative": 0.2})


def test_the_stream_and_one_outlets_line(hand):
    stream = q.outlet_stream(hand, MARCH, bucket="month")
    assert stream["mentions"].sum() == 7 and stream["outlet"].n_unique() == 5
    outlet = q.by_outlet(hand, MARCH)["outlet_id"][0]
    line = q.outlet_line(hand, MARCH, bucket="week", line=outlet).select("bucket", "mentions", "all_mentions")
    assert line.rows() == [(dt.date(2017, 2, 27), 2, 5), (dt.date(2017, 3, 6), 0, 2)]
    assert q.outlet_line(hand, MARCH, line=None).is_empty()


def test_events_with_the_week_before_and_after(hand):
    events = {row["kind"]: row for row in q.events(hand, MARCH).iter_rows(named=True)}
    assert (events["press_conference"]["mentions_before"], events["press_conference"]["mentions_after"]) == (0, 5)
    assert events["press_conference"]["change"] is None
    assert (events["guest_in_studio"]["mentions_before"], events["guest_in_studio"]["mentions_after"]) == (5, 2)
    assert events["guest_in_studio"]["change"] == pytest.approx(0.4)
    assert (events["briefing"]["mentions_before"], events["briefing"]["mentions_after"]) == (0, 0)
    assert q.events(hand, MARCH, kind="tv")["mentions_after"].to_list() == [0, 0, 0, 2]  # newest first
    by_month = q.events_by_month(hand, MARCH)
    assert by_month["events"].sum() == 4 and by_month["month"].unique().to_list() == [dt.date(2017, 3, 1)]
    assert q.events_by_year(hand, MARCH).select("year", "events").sum().row(0) == (2017 * 4, 4)


def test_the_demo_2017_outlets_are_the_reports_and_every_chart_has_data(demo_engine):
    year = Filters.for_year(2017)
    names = set(q.by_outlet(demo_engine, year)["outlet"])
    assert {name for name, _kind, _scope in REPORT_OUTLETS} <= names
    for split, keys in (("kind", 5), ("scope", 4)):
        assert q.over_time(demo_engine, year, split=split)["key"].n_unique() == keys
    assert q.outlet_stream(demo_engine, year)["outlet"].n_unique() == 8
    assert q.tone_by_month(demo_engine, year).height == 12
    kinds = q.events_by_year(demo_engine, year)
    assert dict(zip(kinds["kind"], kinds["events"])) == {"briefing": 20, "foreign_journalists": 2, "guest_in_studio": 5,
                                                         "press_conference": 12}
    assert q.by_unit(demo_engine, year).height >= 10 and q.by_topic(demo_engine, year).height >= 10
