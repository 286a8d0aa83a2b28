"""The demo council's website and live streams: site, page, channel and device traffic by day, and broadcasts.

Rule: visitors grow over the years with a weekly rhythm, a summer dip and session-day peaks, and 2017 averages
SITE_VISITORS[2017]; by the end of 2017 the public broadcasts are exactly STREAMS_BY_2017 with
STREAM_VIEWS_BY_2017 views. Broadcasts draw from the "broadcasts" stream, traffic from "website".
"""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
from sqlalchemy import func, select

from dashboard import schema
from dashboard.metrics.website import broadcast_identity, page_rules, unit_for_path
from dashboard.writer.demo.base import FIRST_DAY, LAST_DAY, YEARS, Writer, domain_rng, random_days, year_span
from dashboard.writer.demo.units import UNITS
from dashboard.writer.traffic_summaries import refresh_traffic_months

# Live streams began in September 2015; by the end of 2017 the public list holds STREAMS_BY_2017 broadcasts
# with STREAM_VIEWS_BY_2017 views (the report's "over 300 ... 21 thousand").
STREAMING_SINCE = dt.date(2015, 9, 1)
STREAMS_BY_2017 = 316
STREAM_VIEWS_BY_2017 = 21_040
# The share of a stream's views watched live (the rest on demand, YouTube Studio's split), by kind.
LIVE_SHARE = {"plenary": 0.45, "executive_committee": 0.35, "press_conference": 0.6, "other": 0.5}
# Plenary sessions whose stream failed (year, the session's place in that year): the page shows them as gaps.
UNSTREAMED_SESSIONS = ((2017, 2), (2019, 5))
COMMITTEES = ["з питань бюджету та фінансів", "з питань житлово-комунального господарства",
              "з питань земельних відносин та архітектури", "з гуманітарних питань", "з питань регламенту та етики"]

# Daily unique visitors by year (the 2017 average is pinned to SITE_VISITORS[2017]); days without analytics.
SITE_VISITORS = {2015: 380, 2016: 455, 2017: 545, 2018: 610, 2019: 680, 2020: 860}
SITE_OUTAGES = [(dt.date(2016, 7, 9), dt.date(2016, 7, 12)), (dt.date(2019, 2, 3), dt.date(2019, 2, 4))]
GENERAL_PAGES = [
    ("/", "Головна"), ("/news", "Новини"), ("/announcements", "Оголошення"), ("/council/sessions", "Сесії ради"),
    ("/council/deputies", "Депутати"), ("/council/votes", "Поіменні голосування"),
    ("/council/decisions", "Рішення ради"), ("/executive/decisions", "Рішення виконкому"),
    ("/petitions", "Електронні петиції"), ("/video", "Трансляції"), ("/procurement", "Закупівлі"),
    ("/contacts", "Контакти"), ("/search", "Пошук"), ("/vacancies", "Вакансії"), ("/city", "Про місто"),
    ("/consultations", "Громадські обговорення"), ("/open-data", "Відкриті дані"), ("/mayor", "Міський голова"),
]
UNIT_PAGES = [("", "головна сторінка"), ("/news", "новини"), ("/documents", "документи"),
              ("/services", "послуги"), ("/contacts", "контакти")]
CHANNELS = {"direct": 0.32, "search": 0.41, "social": 0.17, "referral": 0.08, "email": 0.02}
DEVICES = {"desktop": 0.58, "mobile": 0.38, "tablet": 0.04}


def write(writer: Writer, seed: int, scale: int, unit_ids: dict[str, int], sessions: list[dt.date],
          press_days: list[dt.date]) -> None:
    """Broadcasts (plenary sessions and press conferences among them), then the traffic."""
    _broadcasts(writer, domain_rng(seed, "broadcasts"), sessions, press_days, unit_ids)
    _traffic(writer, domain_rng(seed, "website"), scale, unit_ids, sessions)


def _broadcasts(writer: Writer, rng: np.random.Generator, sessions: list[dt.date], press_days: list[dt.date],
                unit_ids: dict[str, int]) -> None:
    """Streams of plenary sessions (but UNSTREAMED_SESSIONS), the executive committee (2nd and 4th Wednesday),
    press conferences, standing committees and other events since September 2015. By the end of 2017 the public list holds
    exactly STREAMS_BY_2017 streams with STREAM_VIEWS_BY_2017 views; two test streams a year stay internal."""
    since, cutoff = STREAMING_SINCE, dt.date(2017, 12, 31)
    by_year = {year: [day for day in sessions if day.year == year] for year in YEARS}
    failed = {by_year[year][place] for year, place in UNSTREAMED_SESSIONS}
    streams = [(day, "plenary", "Пленарне засідання міської ради", "COUNCIL") for day in sessions
               if day >= since and day not in failed]
    streams += [(day, "press_conference", "Прес-конференція", "PRESS") for day in press_days if day >= since]
    month = since
    while month <= LAST_DAY:
        wednesdays = [d for d in calendar.Calendar().itermonthdates(month.year, month.month)
                      if d.month == month.month and d.weekday() == 2]
        streams += [(wednesdays[i], "executive_committee", "Засідання виконавчого комітету", "EXEC") for i in (1, 3)
                    if i < len(wednesdays)]
        for committee in COMMITTEES:
            if rng.random() < 0.9:
                day = wednesdays[0] - dt.timedelta(days=int(rng.integers(0, 2)))
                streams.append((day, "other", f"Засідання постійної комісії {committee}", "COUNCIL"))
        month = (month.replace(day=28) + dt.timedelta(days=5)).replace(day=1)
    for year in YEARS:
        for day in random_days(rng, *year_span(year, since), 24):
            streams.append((day, "other", "Офіційний захід за участю міського голови", "EXEC"))
    early = [s for s in streams if s[0] <= cutoff]
    late = [s for s in streams if s[0] > cutoff]
    others = [i for i, s in enumerate(early) if s[1] == "other"]
    drop = set(rng.choice(others, size=max(0, len(early) - STREAMS_BY_2017), replace=False).tolist())
    early = [s for i, s in enumerate(early) if i not in drop]
    early += [(day, "other", "Офіційний захід за участю міського голови", "EXEC")
              for day in random_days(rng, since, cutoff, STREAMS_BY_2017 - len(early))]
    streams = sorted(early) + sorted(late)

    typical = {"plenary": 180, "executive_committee": 45, "press_conference": 90, "other": 35}
    growth = {2015: 0.8, 2016: 0.9, 2017: 1.0, 2018: 1.4, 2019: 1.8, 2020: 2.6}
    views = np.array([typical[kind] * growth[day.year] for day, kind, *_ in streams]) * rng.lognormal(0, 0.45, len(streams))
    n_early = len(early)
    views[:n_early] = _round_to_total(views[:n_early], STREAM_VIEWS_BY_2017)
    tests = [(day, "other", "Тестова трансляція", "PRESS") for year in YEARS for day in random_days(rng, *year_span(year, since), 2)]

    def rows():
        for i, (day, kind, title, unit) in enumerate(streams + tests, start=1):
            started = dt.datetime.combine(day, dt.time(10 if kind == "plenary" else 14, 0))
            platform = "facebook" if day.year >= 2018 and rng.random() < 0.3 else "youtube"
            public = i <= len(streams)
            url = f"https://video.example.org/{platform}/{i}"
            watched = int(views[i - 1]) if public else int(rng.integers(0, 5))
            live = round(watched * float(np.clip(rng.normal(LIVE_SHARE[kind], 0.08), 0.05, 0.95)))
            yield (i, broadcast_identity(url, started, title), started, kind, title, platform, url, watched, live,
                   unit_ids[unit], public)

    writer.rows(schema.broadcasts, ("id", "identity", "started_at", "kind", "title", "platform", "url", "views",
                                    "live_views", "unit_id", "is_public"), rows())


def _round_to_total(values: np.ndarray, total: int) -> np.ndarray:
    """Scale non-negative values to integers that add up to `total` exactly (largest remainders)."""
    scaled = values * (total / values.sum())
    floors = np.floor(scaled)
    short = int(total - floors.sum())
    floors[np.argsort(floors - scaled, kind="stable")[:short]] += 1
    return floors.astype(np.int64)


def _traffic(writer: Writer, rng: np.random.Generator, scale: int, unit_ids: dict[str, int],
             sessions: list[dt.date]) -> None:
    """Daily site totals, pages (general and per unit; `scale` copies of each), channels and devices.
    Visitors grow over the years with a weekly rhythm, a summer dip and session-day peaks; 2017 averages
    SITE_VISITORS[2017]. A few days of analytics outage have no rows at all."""
    days = [FIRST_DAY + dt.timedelta(days=i) for i in range((LAST_DAY - FIRST_DAY).days + 1)]
    days = [d for d in days if not any(start <= d <= end for start, end in SITE_OUTAGES)]
    mid_year = {year: dt.date(year, 7, 1).toordinal() for year in YEARS}
    base = np.interp([d.toordinal() for d in days], list(mid_year.values()), list(SITE_VISITORS.values()))
    weekday = np.array([1.1, 1.1, 1.08, 1.05, 1.0, 0.72, 0.64])[[d.weekday() for d in days]]
    season = np.array([0.86 if d.month in (7, 8) else 1.0 for d in days])
    plenary = set(sessions)
    session_day = np.array([1.3 if d in plenary else 1.0 for d in days])
    visitors = base * weekday * season * session_day * rng.lognormal(0, 0.08, len(days))
    in_2017 = np.array([d.year == 2017 for d in days])
    visitors[in_2017] *= SITE_VISITORS[2017] / visitors[in_2017].mean()
    visitors = np.round(visitors).astype(np.int64)
    visits = np.round(visitors * rng.uniform(1.18, 1.32, len(days))).astype(np.int64)

    pages = list(GENERAL_PAGES)
    for code, name_uk, *_rest in UNITS:
        pages += [("/units/" + code.lower() + suffix, f"{name_uk}: {label}") for suffix, label in UNIT_PAGES]
    weights = np.concatenate([rng.lognormal(1.5, 0.8, len(GENERAL_PAGES)),
                              rng.lognormal(-0.6, 1.1, len(pages) - len(GENERAL_PAGES))])
    weights[0] = weights.max() * 3  # the home page
    weights /= weights.sum()
    pages = [(path if copy == 0 else f"{path.rstrip('/')}/archive-{copy}", title if copy == 0 else f"{title} ({copy + 1})")
             for copy in range(scale) for path, title in pages]
    weights = np.tile(weights, scale)
    writer.rows(schema.site_pages, ("id", "path", "title", "unit_id"),
                ((i, path, title, unit_ids.get(unit_for_path(path))) for i, (path, title) in enumerate(pages, start=1)))
    writer.rows(schema.site_page_rules, ("prefix", "unit_id"), ((prefix, unit_ids[unit]) for prefix, unit in page_rules()))

    pageviews_per_day = np.zeros(len(days), dtype=np.int64)
    year_of = np.array([d.year for d in days])

    def page_rows():
        for year in writer.track(list(YEARS), "Page traffic"):
            at = np.flatnonzero(year_of == year)
            expected = (visits[at] * 2.6)[:, None] * weights[None, :]
            views = rng.poisson(expected)
            pageviews_per_day[at] = views.sum(axis=1)
            for r, c in zip(*np.nonzero(views)):
                yield days[at[r]], int(c) + 1, int(views[r, c])

    writer.rows(schema.page_traffic_daily, ("day", "page_id", "pageviews"), page_rows())
    bounce = rng.uniform(0.42, 0.6, len(days))
    duration = rng.uniform(110, 210, len(days))
    writer.rows(schema.site_traffic_daily, ("day", "visitors", "visits", "pageviews", "bounce_rate", "avg_visit_seconds"),
                ((d, int(visitors[i]), int(visits[i]), int(pageviews_per_day[i]), round(float(bounce[i]), 3),
                  round(float(duration[i]), 1)) for i, d in enumerate(days)))
    progress_by_year = {year: (year - 2015) / 5 for year in YEARS}
    _shares_by_day(writer, rng, schema.channel_traffic_daily, "channel", days, visits, CHANNELS,
                   {"social": [1 + 1.2 * progress_by_year[d.year] for d in days]})
    _shares_by_day(writer, rng, schema.device_traffic_daily, "device", days, visits, DEVICES,
                   {"mobile": [1 + 0.9 * progress_by_year[d.year] for d in days]})


def _shares_by_day(writer, rng, table, column, days, visits, shares: dict[str, float], trends: dict[str, list]):
    """Split each day's visits into categories by shares (some growing over the years), with noise."""
    keys = list(shares)
    matrix = np.array([[shares[k] * (trends[k][i] if k in trends else 1.0) for k in keys] for i in range(len(days))])
    matrix *= rng.lognormal(0, 0.1, matrix.shape)
    matrix /= matrix.sum(axis=1, keepdims=True)
    counts = np.round(matrix * visits[:, None]).astype(np.int64)
    writer.rows(table, ("day", column, "visits"),
                ((d, keys[j], int(counts[i, j])) for i, d in enumerate(days) for j in range(len(keys))))


def summarise(writer: Writer) -> None:
    """The monthly page, channel and device sums of the days just written (the pages read them)."""
    writer.step("Traffic summaries", lambda: refresh_traffic_months(writer.connection))
    for _daily, monthly, *_ in schema.TRAFFIC_SUMMARIES.values():
        writer.counts[monthly.name] = writer.connection.execute(select(func.count()).select_from(monthly)).scalar_one()
