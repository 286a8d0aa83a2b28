"""Petition queries on both backends: known answers over the hand-written file (tests/data/petitions, answers in
its README), and on the demo council the SQL clock against the Python one and the audiences kept apart."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.metrics.petitions import answer_working_days, calendar_rows, deadline
from dashboard.schema import petition_working_days, petitions, units
from queries import data_quality
from queries import petitions as q
from tests.support import empty_database
from tests.test_import_petitions import CSV, UNITS

YEAR = Filters.for_year(2017)
INTERNAL = Filters.for_year(2017, audience="internal")


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def fixture_engine(request, tmp_path_factory):
    """The hand-written petitions, imported into a database with two units, read through the read-only engine."""
    from dashboard.writer.importers import run_import

    writer = empty_database(request.param, request.node.name, tmp_path_factory.mktemp("pq"), "vidkryto_petition_q",
                            {units: UNITS})
    run_import(writer, "petitions", CSV, None, None)
    writer.dispose()
    return read_engine(writer.url.render_as_string(hide_password=False))


def test_funnel_counts_and_shares(fixture_engine):
    steps = q.funnel(fixture_engine, YEAR)
    assert steps["step"].to_list() == ["submitted", "reached", "answered", "supported"]
    assert steps["petitions"].to_list() == [7, 4, 3, 1]  # P-8 was never published
    assert steps["share_of_submitted"].to_list() == pytest.approx([1, 4 / 7, 3 / 7, 1 / 7])
    assert steps["share_of_previous"].to_list()[1:] == pytest.approx([4 / 7, 3 / 4, 1 / 3])
    assert q.funnel(fixture_engine, INTERNAL)["petitions"][0] == 8


def test_summary_and_the_clock(fixture_engine):
    summary = q.petitions_summary(fixture_engine, YEAR).row(0, named=True)
    assert (summary["on_time"], summary["answered_any"], summary["answered_clock_assumed"]) == (2, 3, 1)
    assert summary["share_on_time"] == pytest.approx(2 / 3)
    assert summary["median_working_days_to_answer"] == 10  # 10, 10, 20
    assert summary["median_days_to_threshold"] == 30.5  # P-3 19 days, P-1 30, P-4 31, P-2 33


def test_summary_is_one_statement_and_empty_is_zeros(fixture_engine):
    """The summary's counts and medians come from one grouped statement (issue 20: a working-day lookup in every
    count and a statement per median cost ten times as much); a period without petitions is zeros, not nulls."""
    from sqlalchemy import event

    sent = []

    def record(connection, cursor, statement, *rest):
        sent.append(statement)

    event.listen(fixture_engine, "before_cursor_execute", record)
    try:
        q.petitions_summary(fixture_engine, YEAR)
    finally:
        event.remove(fixture_engine, "before_cursor_execute", record)
    assert len([statement for statement in sent if "petitions" in statement]) == 1
    empty = q.petitions_summary(fixture_engine, Filters(dt.date(1990, 1, 1), dt.date(1990, 12, 31))).row(0, named=True)
    assert empty["submitted"] == 0 and empty["on_time"] == 0 and empty["share_on_time"] is None
    assert empty["median_working_days_to_answer"] is None


def test_answer_times_against_the_term(fixture_engine):
    times = q.answer_times(fixture_engine, YEAR)
    assert times.rows() == [(10, 2, 1, True), (20, 1, 0, False)]  # P-1 (assumed) and P-2 on the 10th day; P-3 late


def test_awaiting_most_overdue_first_as_of_the_period_end(fixture_engine):
    waiting = q.awaiting(fixture_engine, YEAR)
    assert waiting["number"].to_list() == ["P-4"]
    row = waiting.row(0, named=True)
    assert row["as_of"] == dt.date(2017, 12, 31) and row["unit"] == "TRANSPORT" and row["clock_assumed"]
    assert row["deadline"] == dt.date(2017, 10, 17)  # Defender of Ukraine Day moved to Monday 16.10
    assert row["working_days_late"] == 52
    # as of 15.07.2017 P-3 (answered on 20.07) was still waiting: its 10 working days after 21.06 ended on 06.07
    # (28.06 a holiday), so by Saturday 15.07 it was 6 working days late; P-4 had not reached its threshold yet
    july = q.awaiting(fixture_engine, Filters(dt.date(2017, 1, 1), dt.date(2017, 7, 15)))
    assert july.select("number", "working_days_late").rows() == [("P-3", 6)]


def test_open_petitions_with_progress_and_days_left(fixture_engine):
    collecting = q.open_petitions(fixture_engine, YEAR)
    assert collecting.select("number", "signatures", "threshold", "days_left").rows() == [("P-5", 120, 250, 15)]
    assert collecting["progress"][0] == pytest.approx(0.48)
    spring = q.open_petitions(fixture_engine, Filters(dt.date(2017, 1, 1), dt.date(2017, 4, 15)))
    # P-1 reached its threshold on 03.03; P-2 (from 01.04) and P-6 collect, nearest to the threshold first
    assert spring["number"].to_list() == ["P-2", "P-6"]


def test_breakdowns_per_unit_and_category(fixture_engine):
    units = q.by_unit(fixture_engine, YEAR)
    housing = units.filter(pl.col("unit") == "HOUSING").row(0, named=True)
    assert (housing["petitions"], housing["reached"], housing["answered"], housing["on_time"]) == (3, 2, 2, 1)
    assert housing["median_working_days_to_answer"] == 15 and housing["share_on_time"] == pytest.approx(0.5)
    assert units["unit"].to_list() == ["HOUSING", "TRANSPORT", None]  # by petitions; no unit last
    head = q.by_unit(fixture_engine, Filters.for_year(2017, audience="internal", own_units=("TRANSPORT",)))
    assert head["unit"][0] == "TRANSPORT"  # a department head's own unit first
    categories = q.by_category(fixture_engine, YEAR)
    assert dict(categories.select("category", "petitions").rows()) == {"Благоустрій": 3, "Транспорт": 2, "Освіта": 1,
                                                                       "Культура": 1}


def test_filters_category_status_and_unit(fixture_engine):
    assert q.petition_list(fixture_engine, YEAR, category="Транспорт")["number"].to_list() == ["P-4", "P-2"]
    assert q.petition_list(fixture_engine, YEAR, status="answered")["number"].sort().to_list() == ["P-1", "P-2", "P-3"]
    housing = Filters.for_year(2017, units=("HOUSING",))
    assert q.funnel(fixture_engine, housing)["petitions"].to_list() == [3, 2, 2, 1]


def test_the_list_holds_every_step_and_authors_only_for_the_internal_audience(fixture_engine):
    public = q.petition_list(fixture_engine, YEAR)
    assert "author" not in public.columns and "P-8" not in public["number"].to_list()
    p3 = public.filter(pl.col("number") == "P-3").row(0, named=True)
    assert (p3["outcome"], p3["working_days_to_answer"], p3["on_time"]) == ("unknown", 20, False)
    assert p3["deadline"] == dt.date(2017, 7, 6) and not p3["clock_assumed"]
    assert public.filter(pl.col("number") == "P-5")["on_time"][0] is None  # no answer: neither on time nor late
    internal = q.petition_list(fixture_engine, INTERNAL)
    assert dict(internal.select("number", "author").rows())["P-8"] == "Прихована Авторка"


def test_signature_history_of_one_petition_and_of_all(fixture_engine):
    everything = q.signature_history(fixture_engine, YEAR)
    assert everything["number"].n_unique() == 7
    one = everything.filter(pl.col("number") == "P-5")["petition_id"][0]
    assert q.signature_history(fixture_engine, YEAR, petition=one).select("number", "signatures").rows() == [("P-5", 120)]
    hidden = q.petition_list(fixture_engine, INTERNAL).filter(pl.col("number") == "P-8")["petition_id"][0]
    assert q.signature_history(fixture_engine, YEAR, petition=hidden).is_empty()  # unpublished: not even by id


# --- Unknown timing: back-filled petitions, answers dated before their clock ----------------------

D = dt.date
BACK_FILLED = [  # (number, status, submitted, threshold reached, consideration started, answered)
    ("T-1", "answered", D(2017, 2, 1), D(2017, 3, 3), None, D(2017, 3, 20)),   # the 10th working day: on time
    ("T-2", "answered", D(2017, 2, 1), D(2017, 3, 3), None, D(2017, 3, 21)),   # the 11th: late
    ("B-1", "answered", D(2017, 2, 1), None, None, D(2017, 3, 1)),             # back-filled: no clock at all
    ("B-2", "under_consideration", D(2017, 2, 1), None, None, None),           # back-filled, awaiting
    ("B-3", "answered", D(2017, 2, 1), D(2017, 3, 3), None, D(2017, 3, 1)),    # answered before its clock
    ("B-4", "reached", D(2017, 2, 10), D(2017, 2, 1), None, None),             # a threshold before submission
]


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def back_filled_engine(request, tmp_path_factory):
    """The petitions above inserted directly (as an importer of earlier years may leave them), with the calendar."""
    rows = [{"number": number, "title": f"Петиція {number}", "submitted_on": submitted, "closes_on": None,
             "threshold": 100, "signatures": 100, "status": status, "threshold_reached_on": reached,
             "consideration_started_on": started, "responded_on": answered, "is_public": True}
            for number, status, submitted, reached, started, answered in BACK_FILLED]
    calendar = [{"day": day, "is_working": working, "ordinal": ordinal}
                for day, working, ordinal in calendar_rows(D(2016, 1, 1), D(2018, 12, 31))]
    writer = empty_database(request.param, request.node.name, tmp_path_factory.mktemp("bf"), "vidkryto_back_filled",
                            {petition_working_days: calendar, petitions: rows})
    writer.dispose()
    return read_engine(writer.url.render_as_string(hide_password=False))


def test_unknown_timing_is_left_out_of_the_medians_and_the_on_time_share(back_filled_engine):
    summary = q.petitions_summary(back_filled_engine, YEAR).row(0, named=True)
    assert summary["share_on_time"] == pytest.approx(1 / 2)  # T-1 of T-1 and T-2; never 100 % of one
    assert summary["median_working_days_to_answer"] == 10.5
    assert summary["median_days_to_threshold"] == 30  # T-1 and T-2; B-4's threshold before submission is unknown
    assert summary["timing_unknown"] == 3  # B-1, B-2, B-3
    assert q.answer_times(back_filled_engine, YEAR)["working_days"].to_list() == [10, 11]
    listed = q.petition_list(back_filled_engine, YEAR)
    assert listed["working_days_to_answer"].drop_nulls().min() >= 0
    assert listed.filter(pl.col("number").is_in(["B-1", "B-3"]))["on_time"].to_list() == [None, None]
    assert q.by_category(back_filled_engine, YEAR)["share_on_time"].to_list() == [pytest.approx(1 / 2)]
    unknown = data_quality.petitions_unknown_timing(back_filled_engine, YEAR)
    assert sorted(unknown["number"]) == ["B-1", "B-2", "B-3"]


# --- On the demo council ------------------------------------------------------------------------

def test_the_sql_clock_equals_the_python_clock_on_every_demo_petition(demo_engine):
    listed = q.petition_list(demo_engine, Filters.all_time(audience="internal")).filter(pl.col("clock_start").is_not_null())
    assert listed.height > 50
    for row in listed.iter_rows(named=True):
        assert row["deadline"] == deadline(row["clock_start"]), row["number"]
        if row["responded_on"]:
            assert row["working_days_to_answer"] == answer_working_days(row["clock_start"], row["responded_on"])


def test_demo_has_every_status_and_the_page_has_something_to_show(demo_engine):
    listed = q.petition_list(demo_engine, Filters.all_time(audience="internal"))
    assert set(listed["status"]) == {"collecting", "not_reached", "reached", "under_consideration", "answered",
                                     "withdrawn", "moderation_rejected"}
    answered = listed.filter(pl.col("responded_on").is_not_null())
    assert answered["on_time"].any() and not answered["on_time"].all()
    assert "unknown" in answered["outcome"].to_list() and answered["clock_assumed"].any()
    assert not q.signature_history(demo_engine, YEAR).is_empty()


@pytest.mark.parametrize("dataset", [d for d in q.DATASETS])
def test_public_datasets_hold_no_unpublished_petition(demo_engine, dataset):
    hidden = set(q.petition_list(demo_engine, Filters.all_time(audience="internal"))
                 .filter(pl.col("status") == "moderation_rejected")["number"])
    frame = dataset.query(demo_engine, YEAR)
    if "number" in frame.columns:
        assert not hidden & set(frame["number"]), dataset.name
    assert "author" not in frame.columns
