"""Consultation formulas: a consultation's identity, days to its results or awaiting them, the published share."""

from __future__ import annotations

import datetime as dt

from dashboard.metrics.consultations import consultation_identity, published_share, results_days, waiting_days

DAY = dt.date(2026, 3, 10)


def test_a_consultation_is_its_url_else_its_start_and_title():
    assert consultation_identity("https://www.Vyshneve.example/c/1/", DAY, "X") == "url:vyshneve.example/c/1"
    assert consultation_identity("http://vyshneve.example/c/1", dt.date(2020, 1, 1), "Y") == "url:vyshneve.example/c/1"
    assert consultation_identity(None, DAY, "  Обговорення   «Стратегії» ") == "item:2026-03-10|обговорення стратегії"
    assert consultation_identity("", DAY, "A") != consultation_identity("", DAY + dt.timedelta(days=1), "A")


def test_days_to_the_results_and_awaiting_them():
    ended = dt.date(2026, 3, 2)
    assert results_days(ended, dt.date(2026, 3, 16)) == 14
    assert results_days(None, dt.date(2026, 3, 16)) is None and results_days(ended, None) is None
    assert waiting_days(ended, None, dt.date(2026, 4, 1)) == 30
    assert waiting_days(ended, dt.date(2026, 3, 16), dt.date(2026, 4, 1)) is None  # published
    assert waiting_days(None, None, dt.date(2026, 4, 1)) is None                   # not ended
    assert waiting_days(dt.date(2026, 5, 1), None, dt.date(2026, 4, 1)) is None    # still running


def test_the_published_share_counts_ended_consultations():
    assert published_share(2, 3) == 2 / 3
    assert published_share(0, 0) is None
