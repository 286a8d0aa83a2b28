"""A consultation's identity: its URL, else its start and title."""

from __future__ import annotations

import datetime as dt

from dashboard.metrics.consultations import consultation_identity

DAY = dt.date(2026, 3, 10)


def test_a_consultation_is_its_url_else_its_start_and_title():
    assert consultation_identity("https://www.Vyshneve.example/c/1/", DAY, "X") == "url:vyshneve.example/c/1"
    assert consultation_identity("http://vyshneve.example/c/1", dt.date(2020, 1, 1), "Y") == "url:vyshneve.example/c/1"
    assert consultation_identity(None, DAY, "  Обговорення   «Стратегії» ") == "item:2026-03-10|обговорення стратегії"
    assert consultation_identity("", DAY, "A") != consultation_identity("", DAY + dt.timedelta(days=1), "A")
