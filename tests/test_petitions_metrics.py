"""The law's clock: working days with Ukraine's holidays, moved days off, working Saturdays and martial law;
the Python formulas against their SQL twins over the calendar table, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, literal, select

from dashboard.db import write_engine
from dashboard.metrics.petitions import (
    CALENDAR_EPOCH,
    answer_working_days,
    answer_working_days_sql,
    answered_on_time,
    answered_on_time_sql,
    calendar_rows,
    clock_start,
    clock_start_sql,
    days_to_threshold,
    days_to_threshold_sql,
    deadline,
    deadline_sql,
    is_working_day,
    working_days_between,
    working_days_late,
    working_days_sql,
)
from dashboard.schema import metadata, petition_working_days
from tests.support import postgres_database

D = dt.date


@pytest.mark.parametrize("day, working", [
    (D(2017, 3, 8), False),    # International Women's Day, a Wednesday
    (D(2017, 3, 11), False),   # an ordinary Saturday
    (D(2017, 5, 8), False),    # a Monday made a day off by the government order ...
    (D(2017, 5, 13), True),    # ... worked on this Saturday instead
    (D(2017, 1, 9), False),    # Christmas (7 January) fell on Saturday: the Monday is off
    (D(2017, 10, 16), False),  # Defender of Ukraine Day (Saturday 14.10) moved to Monday
    (D(2022, 3, 7), True),     # under martial law: the moved day off is worked ...
    (D(2022, 3, 8), True),     # ... and so is the holiday
    (D(2022, 3, 12), False),   # ... and the Saturday that was to be worked is a day of rest
    (D(2023, 8, 24), True),    # Independence Day, a Thursday, under martial law
    (D(2023, 8, 26), False),   # weekends stay weekends
])
def test_working_days(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize("start, due, why", [
    (D(2017, 3, 3), D(2017, 3, 20), "reached on a Friday; 8 March inside the ten days"),
    (D(2017, 5, 5), D(2017, 5, 22), "8 and 9 May off, Saturday 13 May worked"),
    (D(2023, 8, 18), D(2023, 9, 1), "martial law: 24 August is a working day"),
    (D(2022, 3, 4), D(2022, 3, 18), "martial law from 24.02.2022: 7 and 8 March worked"),
    (D(2017, 12, 22), D(2018, 1, 10), "Christmas (25.12), New Year and Orthodox Christmas (08.01) across the years"),
])
def test_deadline_is_the_tenth_working_day_after_the_start(start, due, why):
    assert deadline(start) == due, why
    assert working_days_between(start, due) == 10, why
    assert working_days_late(start, due) == 0 and working_days_late(start, due + dt.timedelta(days=1)) <= 1


def test_an_answer_on_the_days_off_after_the_term_is_on_time():
    start = D(2017, 3, 3)  # term ends Monday 20.03
    assert working_days_late(start, D(2017, 3, 19)) == -1  # the Sunday before: one working day left
    assert working_days_between(start, D(2017, 3, 21)) == 11


def test_counting_backwards_and_the_start_itself():
    assert working_days_between(D(2017, 5, 5), D(2017, 5, 5)) == 0
    assert working_days_between(D(2017, 5, 22), D(2017, 5, 5)) == -10


def test_clock_starts_on_the_published_start_else_on_the_threshold():
    assert clock_start(D(2017, 5, 5), D(2017, 5, 4)) == D(2017, 5, 5)
    assert clock_start(None, D(2017, 5, 4)) == D(2017, 5, 4)
    assert clock_start(None, None) is None


def test_calendar_ordinals_count_from_the_epoch_whatever_the_first_day():
    whole = {day: (working, ordinal) for day, working, ordinal in calendar_rows(D(2016, 1, 1), D(2018, 12, 31))}
    part = list(calendar_rows(D(2017, 5, 1), D(2017, 5, 31)))
    assert all(whole[day] == (working, ordinal) for day, working, ordinal in part)
    assert whole[D(2017, 5, 22)][1] - whole[D(2017, 5, 5)][1] == 10
    with pytest.raises(ValueError):
        next(calendar_rows(CALENDAR_EPOCH - dt.timedelta(days=1), D(2017, 1, 1)))


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def calendar_engine(request, tmp_path_factory):
    """A database holding only the working-day calendar of 2015–2024, on each backend."""
    url = (f"sqlite:///{tmp_path_factory.mktemp('calendar') / 'calendar.sqlite'}" if request.param == "sqlite"
           else postgres_database("vidkryto_calendar"))
    engine = write_engine(url)
    metadata.create_all(engine, tables=[petition_working_days])
    with engine.begin() as connection:
        connection.execute(insert(petition_working_days), [
            {"day": day, "is_working": working, "ordinal": ordinal}
            for day, working, ordinal in calendar_rows(D(2015, 1, 1), D(2024, 12, 31))])
    yield engine
    engine.dispose()


PAIRS = [(D(2017, 3, 3), D(2017, 3, 20)), (D(2017, 5, 5), D(2017, 6, 30)), (D(2016, 12, 30), D(2017, 1, 16)),
         (D(2018, 12, 21), D(2019, 1, 15)), (D(2022, 2, 18), D(2022, 3, 18)), (D(2023, 8, 18), D(2023, 9, 1)),
         (D(2020, 4, 17), D(2020, 4, 17)), (D(2017, 10, 2), D(2017, 12, 31))]


@pytest.mark.parametrize("start, end", PAIRS)
def test_sql_twins_agree_with_python(calendar_engine, start, end):
    stmt = select(working_days_sql(literal(start), literal(end)).label("between"),
                  deadline_sql(literal(start)).label("due"), deadline_sql(literal(start), 3).label("due3"),
                  clock_start_sql(literal(None, petition_working_days.c.day.type), literal(start)).label("clock"))
    with calendar_engine.connect() as connection:
        row = connection.execute(stmt).one()
    due = row.due if isinstance(row.due, dt.date) else dt.date.fromisoformat(row.due)
    due3 = row.due3 if isinstance(row.due3, dt.date) else dt.date.fromisoformat(row.due3)
    clock = row.clock if isinstance(row.clock, dt.date) else dt.date.fromisoformat(row.clock)
    assert row.between == working_days_between(start, end)
    assert due == deadline(start) and due3 == deadline(start, 3)
    assert clock == clock_start(None, start)


TIMINGS = [(D(2017, 3, 3), D(2017, 3, 20)), (D(2017, 3, 3), D(2017, 3, 21)), (D(2017, 3, 3), D(2017, 3, 1)),
           (None, D(2017, 3, 1)), (D(2017, 3, 3), None)]


@pytest.mark.parametrize("start, end", TIMINGS)
def test_an_interval_that_runs_backwards_or_lacks_an_end_is_unknown(calendar_engine, start, end):
    """Never a negative count of days: an answer before its clock, or a threshold before the submission, is unknown;
    the SQL twins say the same."""
    day = petition_working_days.c.day.type
    stmt = select(answer_working_days_sql(literal(start, day), literal(end, day)).label("days"),
                  answered_on_time_sql(literal(start, day), literal(end, day)).label("on_time"),
                  days_to_threshold_sql(literal(start, day), literal(end, day),
                                        calendar_engine.dialect.name).label("to_threshold"))
    with calendar_engine.connect() as connection:
        row = connection.execute(stmt).one()
    days = answer_working_days(start, end)
    assert days is None or days >= 0
    assert row.days == days
    assert (None if row.on_time is None else bool(row.on_time)) == answered_on_time(start, end)
    assert row.to_threshold == (days_to_threshold(start, end) if start else None)
