"""Website queries on both backends: known answers on a small hand-written fixture (uniques whose mean is not
their sum, page-days across a month's edge read through the monthly summaries, two units, an unpublished
stream, a plenary session nobody streamed) and, on the demo council, the 2017 report's figures."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.metrics.website import month_parts, previous_periods
from dashboard.schema import (
    broadcasts,
    channel_traffic_daily,
    convocations,
    device_traffic_daily,
    page_traffic_daily,
    page_traffic_monthly,
    plenary_sessions,
    site_pages,
    site_traffic_daily,
    units,
)
from dashboard.writer.traffic_summaries import refresh_traffic_months
from queries import website as q
from tests.support import empty_database

D = dt.date
UNITS = ({"id": 1, "code": "EDU", "name_uk": "Освіта", "name_en": "Education"},
         {"id": 2, "code": "HOUSING", "name_uk": "Житло", "name_en": "Housing"})
SITE = [  # 30 January 2017 is a Monday
    {"day": D(2017, 1, 30), "visitors": 100, "visits": 150, "pageviews": 300, "bounce_rate": 0.5, "avg_visit_seconds": 60},
    {"day": D(2017, 1, 31), "visitors": 200, "visits": 250, "pageviews": 400, "bounce_rate": 0.4, "avg_visit_seconds": 100},
    {"day": D(2017, 2, 1), "visitors": 300, "visits": 350, "pageviews": 500, "bounce_rate": None, "avg_visit_seconds": None},
    {"day": D(2017, 2, 2), "visitors": 400, "visits": 450, "pageviews": 600, "bounce_rate": 0.2, "avg_visit_seconds": 120},
    {"day": D(2017, 2, 6), "visitors": 500, "visits": 550, "pageviews": 700, "bounce_rate": None, "avg_visit_seconds": None},
]
PAGES = ({"id": 1, "path": "/", "title": "Головна", "unit_id": None},
         {"id": 2, "path": "/edu/news", "title": "Новини освіти", "unit_id": 1},
         {"id": 3, "path": "/housing", "title": "Житло", "unit_id": 2})
PAGE_DAYS = [D(2017, 1, 25) + dt.timedelta(days=i) for i in range(40)]  # 25 January to 5 March
PAGE_VIEWS = {1: lambda day: 10, 2: lambda day: 3, 3: lambda day: day.day}
APRIL_ONLY = {"month": D(2017, 4, 1), "page_id": 1, "pageviews": 777}  # a whole-month export, no days
STREAM = dict(platform="youtube", title="Трансляція")
BROADCASTS = (
    {"id": 1, "identity": "b1", "started_at": dt.datetime(2016, 12, 20, 14), "kind": "other", "views": 10, "live_views": 4,
     "unit_id": 1},
    {"id": 2, "identity": "b2", "started_at": dt.datetime(2017, 1, 31, 10), "kind": "plenary", "views": 100,
     "live_views": 60, "unit_id": None},
    {"id": 3, "identity": "b3", "started_at": dt.datetime(2017, 2, 1, 14), "kind": "press_conference", "views": 40,
     "live_views": None, "unit_id": 1},  # its source gives no live / on-demand split
    {"id": 4, "identity": "b4", "started_at": dt.datetime(2017, 2, 6, 14), "kind": "other", "views": 20, "live_views": 5,
     "unit_id": 2},
    {"id": 5, "identity": "b5", "started_at": dt.datetime(2017, 2, 9, 10), "kind": "plenary", "views": 5,
     "live_views": None, "unit_id": None, "is_public": False},  # a test stream of the second session, never published
)
SESSIONS = ({"id": 1, "convocation_id": 1, "held_on": D(2017, 1, 31), "name": "1 сесія"},
            {"id": 2, "convocation_id": 1, "held_on": D(2017, 2, 9), "name": "2 сесія"})
ROWS = {
    units: UNITS, site_traffic_daily: SITE, site_pages: PAGES,
    page_traffic_daily: [{"day": day, "page_id": page, "pageviews": views(day)} for day in PAGE_DAYS
                         for page, views in PAGE_VIEWS.items()],
    page_traffic_monthly: [APRIL_ONLY],
    channel_traffic_daily: [{"day": D(2017, 1, 31), "channel": "direct", "visits": 30},
                            {"day": D(2017, 1, 31), "channel": "search", "visits": 70},
                            {"day": D(2017, 2, 1), "channel": "direct", "visits": 50},
                            {"day": D(2017, 2, 1), "channel": "search", "visits": 150}],
    device_traffic_daily: [{"day": D(2017, 2, 1), "device": "desktop", "visits": 60},
                           {"day": D(2017, 2, 1), "device": "mobile", "visits": 40}],
    broadcasts: [{"is_public": True, **STREAM, **row} for row in BROADCASTS],
    convocations: [{"id": 1, "number": 7, "started_on": D(2015, 11, 1), "composition": 37}],
    plenary_sessions: SESSIONS,
}
EDGES = Filters(D(2017, 1, 30), D(2017, 3, 1))
WINTER = Filters(D(2017, 1, 1), D(2017, 2, 28))


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def hand(request, tmp_path_factory):
    """The fixture's rows and their monthly summaries, read through the dashboard's engine."""
    engine = empty_database(request.param, request.node.name, tmp_path_factory.mktemp("website"), "vidkryto_website_q",
                            ROWS)
    with engine.begin() as connection:
        refresh_traffic_months(connection)
    engine.dispose()
    return read_engine(engine.url.render_as_string(hide_password=False))


def test_a_period_is_its_whole_months_and_the_days_at_its_edges():
    assert month_parts(D(2017, 1, 1), D(2017, 12, 31)) == ((D(2017, 1, 1), D(2017, 12, 1)), ())
    assert month_parts(D(2017, 1, 30), D(2017, 3, 1)) == ((D(2017, 2, 1), D(2017, 2, 1)),
                                                          ((D(2017, 1, 30), D(2017, 1, 31)), (D(2017, 3, 1), D(2017, 3, 1))))
    assert month_parts(D(2017, 1, 15), D(2017, 1, 20)) == (None, ((D(2017, 1, 15), D(2017, 1, 20)),))
    assert month_parts(D(2017, 1, 2), D(2017, 2, 27)) == (None, ((D(2017, 1, 2), D(2017, 2, 27)),))
    assert previous_periods(D(2017, 1, 1), D(2017, 12, 31)) == {"previous": (D(2016, 1, 1), D(2016, 12, 31)),
                                                                "year_before": (D(2016, 1, 1), D(2016, 12, 31))}
    assert previous_periods(D(2016, 3, 1), D(2016, 3, 31))["previous"] == (D(2016, 2, 1), D(2016, 2, 29))
    assert previous_periods(D(2017, 1, 15), D(2017, 1, 20)) == {"previous": (D(2017, 1, 9), D(2017, 1, 14)),
                                                                "year_before": (D(2016, 1, 15), D(2016, 1, 20))}


@pytest.mark.parametrize(("date_from", "date_to"), [(D(2017, 1, 30), D(2017, 3, 1)), (D(2017, 2, 1), D(2017, 2, 28)),
                                                    (D(2017, 1, 31), D(2017, 1, 31)), (D(2017, 2, 15), D(2017, 3, 31)),
                                                    (D(2017, 1, 1), D(2017, 3, 31))])
def test_the_months_and_edges_helper_sums_what_the_days_sum(hand, date_from, date_to):
    filters = Filters(date_from, date_to)
    rows = q.monthly_rows(hand, "pages", filters)
    helper = select(rows.c.page_id, func.sum(rows.c.pageviews)).group_by(rows.c.page_id)
    days = (select(page_traffic_daily.c.page_id, func.sum(page_traffic_daily.c.pageviews))
            .where(page_traffic_daily.c.day.between(date_from, date_to)).group_by(page_traffic_daily.c.page_id))
    with hand.connect() as connection:
        assert dict(connection.execute(helper).all()) == dict(connection.execute(days).all())


def test_visitors_a_day_is_the_mean_of_the_days_never_their_sum(hand):
    four_days = Filters(D(2017, 1, 30), D(2017, 2, 2))
    assert q.summary(hand, four_days)["visitors_a_day"][0] == pytest.approx(250)  # the days add up to 1 000
    days = q.daily(hand, Filters(D(2017, 2, 1), D(2017, 2, 6)))
    assert days["day"].to_list() == [D(2017, 2, 1), D(2017, 2, 2), D(2017, 2, 6)]
    assert days["visitors_7d"].to_list() == pytest.approx([200, 250, 300])  # the days before the period count


def test_the_summary_against_the_previous_period_and_the_year_before(hand):
    rows = {row["period"]: row for row in q.summary(hand, Filters(D(2017, 2, 1), D(2017, 2, 28))).iter_rows(named=True)}
    now, before, year_ago = rows["current"], rows["previous"], rows["year_before"]
    assert (now["days"], now["visitors_a_day"], now["visits"], now["pageviews"]) == (3, pytest.approx(400), 1350, 1800)
    assert now["bounce_rate"] == pytest.approx(0.2) and now["change_visits"] is None
    assert (before["date_from"], before["date_to"], before["days"]) == (D(2017, 1, 1), D(2017, 1, 31), 2)
    assert before["bounce_rate"] == pytest.approx((0.5 * 150 + 0.4 * 250) / 400)  # weighted by the day's visits
    assert before["avg_visit_seconds"] == pytest.approx((60 * 150 + 100 * 250) / 400)
    assert before["change_visitors_a_day"] == pytest.approx(250 / 150)
    assert before["change_visits"] == pytest.approx(950 / 400)
    assert before["change_bounce_rate"] == pytest.approx(0.2 - 0.4375)
    assert (year_ago["date_from"], year_ago["days"], year_ago["visitors_a_day"]) == (D(2016, 2, 1), 0, None)
    assert year_ago["change_visitors_a_day"] is None


def test_the_weekly_rhythm(hand):
    cells = q.weekdays(hand, Filters(D(2017, 1, 30), D(2017, 2, 28)))
    assert cells.select("month", "weekday", "days", "visitors").rows() == [
        (D(2017, 1, 1), 1, 1, 100.0), (D(2017, 1, 1), 2, 1, 200.0), (D(2017, 2, 1), 1, 1, 500.0),
        (D(2017, 2, 1), 3, 1, 300.0), (D(2017, 2, 1), 4, 1, 400.0)]


def test_top_pages_and_units_across_a_month_edge(hand):
    pages = q.top_pages(hand, EDGES)
    assert pages.select("path", "unit", "pageviews").rows() == [("/housing", "HOUSING", 468), ("/", None, 310),
                                                                 ("/edu/news", "EDU", 93)]
    assert pages["share"][0] == pytest.approx(468 / 871)
    assert q.top_pages(hand, EDGES, limit=1).height == 1
    assert q.top_pages(hand, Filters(EDGES.date_from, EDGES.date_to, ("EDU",)))["path"].to_list() == ["/edu/news"]
    head = Filters(EDGES.date_from, EDGES.date_to, audience="internal", own_units=("EDU",))
    assert q.top_pages(hand, head)["path"][0] == "/edu/news"  # a department head's own pages first
    assert q.by_unit(hand, EDGES).select("unit", "pages", "pageviews").rows() == [("HOUSING", 1, 468), (None, 1, 310),
                                                                                   ("EDU", 1, 93)]
    assert q.by_unit(hand, head)["unit"][0] == "EDU"
    april = q.top_pages(hand, Filters(D(2017, 4, 1), D(2017, 4, 30)))
    assert april.select("page_id", "pageviews").rows() == [(1, 777)]  # a whole-month export counts for its month


def test_channels_and_devices_with_shares(hand):
    two_days = Filters(D(2017, 1, 31), D(2017, 2, 1))
    channels = q.channels(hand, two_days)
    assert channels.select("channel", "visits").rows() == [("search", 220), ("direct", 80)]
    assert channels["share"].to_list() == pytest.approx([220 / 300, 80 / 300])
    months = q.channels_by_month(hand, two_days, channel="direct")
    assert months.select("month", "visits").rows() == [(D(2017, 1, 1), 30), (D(2017, 2, 1), 50)]
    assert months["share"].to_list() == pytest.approx([0.3, 0.25])  # of all the month's visits
    assert q.channels(hand, two_days, channel="direct")["share"].to_list() == pytest.approx([80 / 300])
    devices = q.devices(hand, WINTER)
    assert devices.select("device", "visits").rows() == [("desktop", 60), ("mobile", 40)]
    assert q.devices_by_month(hand, WINTER)["share"].to_list() == pytest.approx([0.6, 0.4])


def test_broadcasts_by_kind_month_and_the_most_watched(hand):
    kinds = q.broadcast_kinds(hand, WINTER)
    assert kinds.select("kind", "broadcasts", "views").rows() == [("plenary", 1, 100), ("press_conference", 1, 40),
                                                                  ("other", 1, 20)]
    assert kinds["share"].to_list() == pytest.approx([100 / 160, 40 / 160, 20 / 160])
    assert kinds.select("live_views", "on_demand_views", "share_live").rows() == [(60, 40, 0.6), (None, None, None),
                                                                                (5, 15, 0.25)]
    internal = q.broadcast_kinds(hand, Filters(WINTER.date_from, WINTER.date_to, audience="internal"))
    assert internal.filter(internal["kind"] == "plenary")["views_per_broadcast"].to_list() == pytest.approx([52.5])
    months = q.broadcasts_by_month(hand, WINTER)
    assert months.select("month", "kind", "broadcasts").rows() == [
        (D(2017, 1, 1), "plenary", 1), (D(2017, 2, 1), "other", 1), (D(2017, 2, 1), "press_conference", 1)]
    assert q.top_broadcasts(hand, WINTER)["views"].to_list() == [100, 40, 20]
    assert q.top_broadcasts(hand, WINTER, kind="other")["broadcast_id"].to_list() == [4]
    assert q.top_broadcasts(hand, Filters(WINTER.date_from, WINTER.date_to, ("EDU",)))["unit"].to_list() == ["EDU"]


def test_running_totals_count_since_streaming_began(hand):
    totals = q.broadcasts_cumulative(hand, WINTER)
    assert totals.rows() == [(D(2017, 1, 1), 1, 100, 2, 110), (D(2017, 2, 1), 2, 60, 4, 170)]  # December 2016 counts
    internal = q.broadcasts_cumulative(hand, Filters(WINTER.date_from, WINTER.date_to, audience="internal"))
    assert internal.row(-1)[3:] == (5, 175)
    assert q.broadcasts_cumulative(hand, WINTER, kind="plenary").rows() == [(D(2017, 1, 1), 1, 100, 1, 100)]


def test_a_session_without_a_published_stream_is_a_gap(hand):
    public = q.plenary_streams(hand, WINTER)
    assert public.select("held_on", "streamed", "broadcasts", "views").rows() == [
        (D(2017, 2, 9), False, 0, 0), (D(2017, 1, 31), True, 1, 100)]
    internal = q.plenary_streams(hand, Filters(WINTER.date_from, WINTER.date_to, audience="internal"))
    assert internal["streamed"].to_list() == [True, True]
    head = Filters(WINTER.date_from, WINTER.date_to, ("EDU",), audience="internal", own_units=("EDU",))
    assert q.plenary_streams(hand, head)["streamed"].to_list() == [False, True]  # another unit's test stream hidden


def test_the_demo_2017_figures_are_the_reports(demo_engine):
    year = Filters.for_year(2017)
    assert round(q.summary(demo_engine, year)["visitors_a_day"][0]) == 545
    last = q.broadcasts_cumulative(demo_engine, year).row(-1, named=True)
    assert (last["month"], last["broadcasts_so_far"], last["views_so_far"]) == (D(2017, 12, 1), 316, 21_040)
    assert q.daily(demo_engine, year).height == 365 and q.weekdays(demo_engine, year).height == 84
    assert q.channels(demo_engine, year)["share"].sum() == pytest.approx(1.0)
    assert q.by_unit(demo_engine, year).height >= 10
    assert q.plenary_streams(demo_engine, year)["streamed"].to_list().count(False) == 1  # the demo's failed stream
