"""The demo council: a deterministic, realistic city council of 2015–2020, calibrated to the 2017 report.

`build(engine, scale, seed)` fills every table of `dashboard.schema` (import batches aside) and returns the
rows written per table. The same seed gives the same rows: every domain draws from its own
`numpy.random.default_rng([seed, domain])`, so changing one domain leaves the others alone. The 2017 figures
of KPIS.md hold for the public audience at scale 1; a few internal rows in every domain come on top.
`scale` multiplies votes (per session), pages, mentions, petitions and tenders, for benchmarks; on
PostgreSQL every table is written with COPY so that scale 100 (10M choices) stays a matter of minutes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import zlib
from collections.abc import Iterable, Sequence
from contextlib import contextmanager, nullcontext

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.schema import AddConstraint, CreateIndex, DropIndex

from dashboard import schema
from dashboard.writer import demo_data as data
from dashboard.writer.names import name_key
from dashboard.writer.vote_summaries import SUMMARY_TABLES, refresh_vote_summaries

CHOICES = ("for", "against", "abstain", "not_voting", "absent")
FOR, AGAINST, ABSTAIN, NOT_VOTING, ABSENT = range(5)
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
BIG_TABLES = (schema.vote_choices, schema.page_traffic_daily)  # 10M and 20M rows at scale 100


def build(engine: Engine, scale: int = 1, seed: int = 2017, progress: Console | None = None) -> dict[str, int]:
    """Fill an empty database (tables created) with the demo council; return rows written per table."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=progress) if progress is not None else None
    with engine.begin() as connection, (bar or nullcontext()):
        writer = _Writer(connection, bar)
        with _bulk_load(connection, BIG_TABLES):
            unit_ids = _units(writer)
            sessions = _session_days(_rng(seed, "calendar"))
            press_days = _public_events(writer, _rng(seed, "events"), unit_ids)
            _media(writer, _rng(seed, "media"), scale, unit_ids)
            _broadcasts(writer, _rng(seed, "broadcasts"), sessions, press_days, unit_ids)
            _website(writer, _rng(seed, "website"), scale, unit_ids, sessions)
            _petitions(writer, _rng(seed, "petitions"), scale, unit_ids)
            _council(writer, _rng(seed, "council"), scale, unit_ids, sessions)
            _tenders(writer, _rng(seed, "tenders"), scale, unit_ids)
            _consultations(writer, _rng(seed, "consultations"), unit_ids)
            _kpi_targets(writer)
        # Fresh tables have no planner statistics; the summaries' joins need them at scale.
        writer.step("Planner statistics", lambda: connection.execute(text("ANALYZE")))
        writer.step("Vote summaries", lambda: refresh_vote_summaries(connection))
        writer.step("Planner statistics", lambda: connection.execute(text("ANALYZE")))
        for table in SUMMARY_TABLES:
            writer.counts[table.name] = connection.execute(select(func.count()).select_from(table)).scalar_one()
        writer.reset_sequences()
    return writer.counts


@contextmanager
def _bulk_load(connection: Connection, tables):
    """On PostgreSQL, load the big tables without their foreign keys and secondary indexes, then restore them:
    one validation and one index build instead of a check and an index update per row."""
    if connection.dialect.name != "postgresql":
        yield
        return
    inspector = inspect(connection)
    for table in tables:
        for foreign_key in inspector.get_foreign_keys(table.name):
            connection.execute(text(f'ALTER TABLE {table.name} DROP CONSTRAINT "{foreign_key["name"]}"'))
        for index in table.indexes:
            connection.execute(DropIndex(index, if_exists=True))
    yield
    for table in tables:
        for index in sorted(table.indexes, key=lambda index: index.name):
            connection.execute(CreateIndex(index))
        for constraint in sorted(table.foreign_key_constraints, key=lambda fk: fk.column_keys):
            connection.execute(AddConstraint(constraint))


# --- Writing ------------------------------------------------------------------------------------------------


class _Writer:
    """Writes rows in large chunks: COPY on PostgreSQL, executemany on SQLite; counts what it wrote."""

    def __init__(self, connection: Connection, bar: Progress | None):
        self.connection = connection
        self.bar = bar
        self.postgres = connection.dialect.name == "postgresql"
        self.counts: dict[str, int] = {}

    def rows(self, table, columns: Sequence[str], rows: Iterable[tuple]) -> None:
        cursor = self.connection.connection.driver_connection.cursor()
        if self.postgres:
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:  # the driver's executemany, with the column types' own conversions (dates, booleans)
            dialect = self.connection.dialect
            processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in columns]
            cursor.executemany(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                               (tuple(convert(value) if convert else value for convert, value in zip(processors, row))
                                for row in rows))
        self.counts[table.name] = self.counts.get(table.name, 0) + max(cursor.rowcount, 0)
        cursor.close()

    def track(self, items: Sequence, description: str) -> Iterable:
        return self.bar.track(items, description=description) if self.bar else items

    def step(self, description: str, work) -> None:
        for _ in self.track([work], description):
            work()

    def reset_sequences(self) -> None:
        """Ids were given explicitly: move PostgreSQL's sequences past them so later imports can insert."""
        if not self.postgres:
            return
        for table in schema.metadata.sorted_tables:
            if "id" in table.c and table.c.id.primary_key:
                self.connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"))


def _rng(seed: int, domain: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(domain.encode())])


def _pick(rng: np.random.Generator, weights: dict, size: int) -> list:
    """`size` keys of `weights`, drawn with probability proportional to the values."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return [keys[i] for i in rng.choice(len(keys), size=size, p=p / p.sum())]


def _days(rng: np.random.Generator, start: dt.date, end: dt.date, size: int) -> list[dt.date]:
    """`size` random days in [start, end], sorted."""
    offsets = np.sort(rng.integers(0, (end - start).days + 1, size=size))
    return [start + dt.timedelta(days=int(o)) for o in offsets]


def _year_span(year: int, since: dt.date | None = None) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 1, 1)
    return (max(start, since) if since else start), dt.date(year, 12, 31)


def _fill(template: str, rng: np.random.Generator, year: int = 2017) -> str:
    return template.format(street=data.STREETS[int(rng.integers(len(data.STREETS)))], n=int(rng.integers(1, 40)),
                           year=year, next=year + 1)


def _person(rng: np.random.Generator) -> str:
    first = data.MALE_FIRST + data.FEMALE_FIRST
    return f"{data.SURNAMES[int(rng.integers(len(data.SURNAMES)))]} {first[int(rng.integers(len(first)))]}"


def _alphabetical(name: str) -> tuple:
    return tuple(UKRAINIAN_ALPHABET.find(ch) if ch in UKRAINIAN_ALPHABET else 100 + ord(ch) for ch in name.lower())


# --- Units --------------------------------------------------------------------------------------------------


def _units(writer: _Writer) -> dict[str, int]:
    ids = {code: i for i, (code, *_rest) in enumerate(data.UNITS, start=1)}
    writer.rows(schema.units, ("id", "code", "name_uk", "name_en", "parent_id", "edrpou"),
                ((ids[code], code, uk, en, ids.get(parent), edrpou) for code, uk, en, parent, edrpou in data.UNITS))
    return ids


def _buyer(code: str) -> tuple[str, str]:
    """ЄДРПОУ and name of whoever buys for a unit: the unit itself or its nearest ancestor with a code."""
    by_code = {row[0]: row for row in data.UNITS}
    row = by_code[code]
    while row[4] is None:
        row = by_code[row[3]]
    return row[4], row[1]


# --- Media and public events --------------------------------------------------------------------------------


def _public_events(writer: _Writer, rng: np.random.Generator, unit_ids: dict[str, int]) -> list[dt.date]:
    """Press conferences, «Гість в студії», meetings with foreign journalists, briefings; one internal row a
    year on top. Returns the days of public press conferences (they are streamed)."""
    rows, press_days = [], []
    for year, counts in data.EVENTS_PER_YEAR.items():
        kinds = ("press_conference", "guest_in_studio", "foreign_journalists", "briefing")
        for kind, count in zip(kinds, counts):
            for day in _days(rng, *_year_span(year), count):
                mayors = kind in ("guest_in_studio", "foreign_journalists") or (kind == "press_conference" and rng.random() < 0.6)
                unit = "EXEC" if mayors else _pick(rng, data.MENTION_UNITS, 1)[0]
                topic = data.EVENT_TOPICS[int(rng.integers(len(data.EVENT_TOPICS)))]
                rows.append((kind, day, data.EVENT_TITLES[kind].format(topic=topic), unit_ids[unit], True))
                if kind == "press_conference":
                    press_days.append(day)
        day = _days(rng, *_year_span(year), 1)[0]
        rows.append(("press_conference", day, "Робоча зустріч із журналістами (не для оприлюднення)",
                     unit_ids["PRESS"], False))
    rows.sort(key=lambda row: row[1])
    writer.rows(schema.public_events, ("id", "kind", "held_on", "title", "unit_id", "is_public"),
                ((i, *row) for i, row in enumerate(rows, start=1)))
    return sorted(press_days)


def _media(writer: _Writer, rng: np.random.Generator, scale: int, unit_ids: dict[str, int]) -> None:
    """Outlets (the report's with their kind and scope, plus news sites and others) and their mentions.
    Every outlet of the report covers the council in 2017; about 1% of mentions stay internal (unverified)."""
    outlets = data.REPORT_OUTLETS + data.OTHER_OUTLETS
    writer.rows(schema.outlets, ("id", "name", "name_key", "kind", "scope"),
                ((i, name, " ".join(name.lower().split()), kind, scope)
                 for i, (name, kind, scope) in enumerate(outlets, start=1)))
    reach = {"local": 6.0, "regional": 2.5, "national": 0.8, "international": 0.3}
    outlet_weight = {i: reach[scope] * (3.0 if kind == "online" else 1.0)
                     for i, (_name, kind, scope) in enumerate(outlets, start=1)}
    plan = []  # (day, outlet id, public)
    for year, per_year in data.MENTIONS_PER_YEAR.items():
        count = per_year * scale
        plan += zip(_days(rng, *_year_span(year), count), _pick(rng, outlet_weight, count), rng.random(count) > 0.01)
    covered_2017 = _days(rng, *_year_span(2017), len(data.REPORT_OUTLETS))
    plan += [(day, i, True) for i, day in enumerate(covered_2017, start=1)]
    plan.sort()
    units = _pick(rng, data.MENTION_UNITS, len(plan))
    topic_draws = rng.random(len(plan))
    bad_news = dict(data.MENTION_TONES, negative=2 * data.MENTION_TONES["negative"])  # utilities and roads
    tones = zip(_pick(rng, data.MENTION_TONES, len(plan)), _pick(rng, bad_news, len(plan)))
    numbers = rng.integers(2, 60, len(plan))

    def mentions():
        for i, ((day, outlet_id, public), unit, (tone, bad_tone)) in enumerate(zip(plan, units, tones)):
            topics = data.UNIT_TOPICS[unit]
            topic = topics[int(topic_draws[i] * len(topics))]
            title = data.MENTION_HEADLINES[topic].format(n=int(numbers[i]))
            url = f"https://media.example.org/{outlet_id}/{i + 1}" if outlets[outlet_id - 1][1] in ("online", "agency") else None
            yield (i + 1, outlet_id, day, title, url, unit_ids[unit], topic,
                   bad_tone if topic in ("utilities", "roads") else tone, bool(public))

    writer.rows(schema.media_mentions,
                ("id", "outlet_id", "published_on", "title", "url", "unit_id", "topic", "tone", "is_public"),
                mentions())


# --- Live streams -------------------------------------------------------------------------------------------


def _broadcasts(writer: _Writer, rng: np.random.Generator, sessions: list[dt.date], press_days: list[dt.date],
                unit_ids: dict[str, int]) -> None:
    """Streams of plenary sessions, the executive committee (2nd and 4th Wednesday), press conferences,
    standing committees and other events since September 2015. By the end of 2017 the public list holds
    exactly STREAMS_BY_2017 streams with STREAM_VIEWS_BY_2017 views; two test streams a year stay internal."""
    since, cutoff = data.STREAMING_SINCE, dt.date(2017, 12, 31)
    streams = [(day, "plenary", "Пленарне засідання міської ради", "COUNCIL") for day in sessions if day >= since]
    streams += [(day, "press_conference", "Прес-конференція", "PRESS") for day in press_days if day >= since]
    month = since
    while month <= data.LAST_DAY:
        wednesdays = [d for d in calendar.Calendar().itermonthdates(month.year, month.month)
                      if d.month == month.month and d.weekday() == 2]
        streams += [(wednesdays[i], "executive_committee", "Засідання виконавчого комітету", "EXEC") for i in (1, 3)
                    if i < len(wednesdays)]
        for committee in data.COMMITTEES:
            if rng.random() < 0.9:
                day = wednesdays[0] - dt.timedelta(days=int(rng.integers(0, 2)))
                streams.append((day, "other", f"Засідання постійної комісії {committee}", "COUNCIL"))
        month = (month.replace(day=28) + dt.timedelta(days=5)).replace(day=1)
    for year in data.YEARS:
        for day in _days(rng, *_year_span(year, since), 24):
            streams.append((day, "other", "Офіційний захід за участю міського голови", "EXEC"))
    early = [s for s in streams if s[0] <= cutoff]
    late = [s for s in streams if s[0] > cutoff]
    others = [i for i, s in enumerate(early) if s[1] == "other"]
    drop = set(rng.choice(others, size=max(0, len(early) - data.STREAMS_BY_2017), replace=False).tolist())
    early = [s for i, s in enumerate(early) if i not in drop]
    early += [(day, "other", "Офіційний захід за участю міського голови", "EXEC")
              for day in _days(rng, since, cutoff, data.STREAMS_BY_2017 - len(early))]
    streams = sorted(early) + sorted(late)

    typical = {"plenary": 180, "executive_committee": 45, "press_conference": 90, "other": 35}
    growth = {2015: 0.8, 2016: 0.9, 2017: 1.0, 2018: 1.4, 2019: 1.8, 2020: 2.6}
    views = np.array([typical[kind] * growth[day.year] for day, kind, *_ in streams]) * rng.lognormal(0, 0.45, len(streams))
    n_early = len(early)
    views[:n_early] = _round_to_total(views[:n_early], data.STREAM_VIEWS_BY_2017)
    tests = [(day, "other", "Тестова трансляція", "PRESS") for year in data.YEARS for day in _days(rng, *_year_span(year, since), 2)]

    def rows():
        for i, (day, kind, title, unit) in enumerate(streams + tests, start=1):
            started = dt.datetime.combine(day, dt.time(10 if kind == "plenary" else 14, 0))
            platform = "facebook" if day.year >= 2018 and rng.random() < 0.3 else "youtube"
            public = i <= len(streams)
            yield (i, started, kind, title, platform, f"https://video.example.org/{platform}/{i}",
                   int(views[i - 1]) if public else int(rng.integers(0, 5)), unit_ids[unit], public)

    writer.rows(schema.broadcasts, ("id", "started_at", "kind", "title", "platform", "url", "views", "unit_id", "is_public"),
                rows())


def _round_to_total(values: np.ndarray, total: int) -> np.ndarray:
    """Scale non-negative values to integers that add up to `total` exactly (largest remainders)."""
    scaled = values * (total / values.sum())
    floors = np.floor(scaled)
    short = int(total - floors.sum())
    floors[np.argsort(floors - scaled, kind="stable")[:short]] += 1
    return floors.astype(np.int64)


# --- Website ------------------------------------------------------------------------------------------------


def _website(writer: _Writer, rng: np.random.Generator, scale: int, unit_ids: dict[str, int],
             sessions: list[dt.date]) -> None:
    """Daily site totals, pages (general and per unit; `scale` copies of each), channels and devices.
    Visitors grow over the years with a weekly rhythm, a summer dip and session-day peaks; 2017 averages
    SITE_VISITORS[2017]. A few days of analytics outage have no rows at all."""
    days = [data.FIRST_DAY + dt.timedelta(days=i) for i in range((data.LAST_DAY - data.FIRST_DAY).days + 1)]
    days = [d for d in days if not any(start <= d <= end for start, end in data.SITE_OUTAGES)]
    mid_year = {year: dt.date(year, 7, 1).toordinal() for year in data.YEARS}
    base = np.interp([d.toordinal() for d in days], list(mid_year.values()), list(data.SITE_VISITORS.values()))
    weekday = np.array([1.1, 1.1, 1.08, 1.05, 1.0, 0.72, 0.64])[[d.weekday() for d in days]]
    season = np.array([0.86 if d.month in (7, 8) else 1.0 for d in days])
    plenary = set(sessions)
    session_day = np.array([1.3 if d in plenary else 1.0 for d in days])
    visitors = base * weekday * season * session_day * rng.lognormal(0, 0.08, len(days))
    in_2017 = np.array([d.year == 2017 for d in days])
    visitors[in_2017] *= data.SITE_VISITORS[2017] / visitors[in_2017].mean()
    visitors = np.round(visitors).astype(np.int64)
    visits = np.round(visitors * rng.uniform(1.18, 1.32, len(days))).astype(np.int64)

    pages = [(path, title, None) for path, title in data.GENERAL_PAGES]
    for code, name_uk, *_rest in data.UNITS:
        slug = "/units/" + code.lower()
        pages += [(slug + suffix, f"{name_uk}: {label}", unit_ids[code]) for suffix, label in data.UNIT_PAGES]
    weights = np.concatenate([rng.lognormal(1.5, 0.8, len(data.GENERAL_PAGES)),
                              rng.lognormal(-0.6, 1.1, len(pages) - len(data.GENERAL_PAGES))])
    weights[0] = weights.max() * 3  # the home page
    weights /= weights.sum()
    pages = [(path if copy == 0 else f"{path.rstrip('/')}/archive-{copy}", title if copy == 0 else f"{title} ({copy + 1})", unit)
             for copy in range(scale) for path, title, unit in pages]
    weights = np.tile(weights, scale)

    pageviews_per_day = np.zeros(len(days), dtype=np.int64)
    year_of = np.array([d.year for d in days])

    def page_rows():
        for year in writer.track(list(data.YEARS), "Page traffic"):
            at = np.flatnonzero(year_of == year)
            expected = (visits[at] * 2.6)[:, None] * weights[None, :]
            views = rng.poisson(expected)
            seen = np.maximum(1, rng.binomial(views, 0.8))
            pageviews_per_day[at] = views.sum(axis=1)
            for r, c in zip(*np.nonzero(views)):
                path, title, unit = pages[c]
                yield days[at[r]], path, title, unit, int(views[r, c]), int(seen[r, c])

    writer.rows(schema.page_traffic_daily, ("day", "path", "title", "unit_id", "pageviews", "visitors"), page_rows())
    bounce = rng.uniform(0.42, 0.6, len(days))
    duration = rng.uniform(110, 210, len(days))
    writer.rows(schema.site_traffic_daily, ("day", "visitors", "visits", "pageviews", "bounce_rate", "avg_visit_seconds"),
                ((d, int(visitors[i]), int(visits[i]), int(pageviews_per_day[i]), round(float(bounce[i]), 3),
                  round(float(duration[i]), 1)) for i, d in enumerate(days)))
    progress_by_year = {year: (year - 2015) / 5 for year in data.YEARS}
    _shares_by_day(writer, rng, schema.channel_traffic_daily, "channel", days, visits, data.CHANNELS,
                   {"social": [1 + 1.2 * progress_by_year[d.year] for d in days]})
    _shares_by_day(writer, rng, schema.device_traffic_daily, "device", days, visits, data.DEVICES,
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


# --- Petitions ----------------------------------------------------------------------------------------------


def _petitions(writer: _Writer, rng: np.random.Generator, scale: int, unit_ids: dict[str, int]) -> None:
    """E-petitions since the service opened: signatures grow fast then level off; about one in seven
    reaches the threshold within its term; most answers come within the law's ten working days, some late,
    a few never. By the end of 2017: PETITIONS_BY_2017 public petitions, PETITIONS_CONSIDERED_BY_2017 of
    them reached the threshold and were answered. Three a year stay internal (withdrawn by moderation)."""
    plan = []  # (submitted_on, public)
    for year, per_year in data.PETITIONS_PER_YEAR.items():
        span = _year_span(year, data.PETITIONS_SINCE)
        plan += [(day, True) for day in _days(rng, *span, per_year * scale)]
        plan += [(day, False) for day in _days(rng, *span, 3)]
    plan.sort()
    petitions = [_petition(rng, i, day, public, rng.random() < 0.15) for i, (day, public) in enumerate(plan, start=1)]
    _calibrate_considered(rng, petitions)

    def petition_rows():
        per_year: dict[int, int] = {}
        for p in petitions:
            per_year[p["submitted_on"].year] = per_year.get(p["submitted_on"].year, 0) + 1
            number = f"{p['submitted_on'].year}-{per_year[p['submitted_on'].year]:04d}"
            category = p["category"]
            unit, titles = data.PETITION_TOPICS[category]
            title = _fill(titles[int(rng.integers(len(titles)))], rng, p["submitted_on"].year)
            url = f"https://city.example.org/petitions/{number}#answer" if p["responded_on"] else None
            yield (p["id"], number, title, category, unit_ids[unit], p["submitted_on"], p["closes_on"], p["threshold"],
                   p["signatures"], p["status"], p["reached_on"], p["responded_on"], p["outcome"], url, p["public"])

    writer.rows(schema.petitions, ("id", "number", "title", "category", "unit_id", "submitted_on", "closes_on",
                                   "threshold", "signatures", "status", "threshold_reached_on", "responded_on",
                                   "outcome", "response_url", "is_public"), petition_rows())
    writer.rows(schema.petition_signature_snapshots, ("petition_id", "taken_on", "signatures"),
                (snapshot for p in petitions for snapshot in _snapshots(p)))
    writer.rows(schema.petition_authors_internal, ("petition_id", "author", "contact"),
                ((p["id"], _person(rng), f"author{p['id']:05d}@example.com") for p in petitions))


def _petition(rng: np.random.Generator, petition_id: int, submitted: dt.date, public: bool, reaches: bool) -> dict:
    """One petition's life: final signatures, the curve's pace, the day it reached the threshold, the answer."""
    threshold = [value for since, value in data.PETITION_THRESHOLDS if since <= submitted][-1]
    final = int(threshold * rng.uniform(1.0, 1.8)) if reaches else int(min(threshold - 1, rng.lognormal(3.6, 0.9)))
    pace = float(rng.uniform(2, 15))
    closes = submitted + dt.timedelta(days=data.PETITION_TERM_DAYS)
    category = _pick(rng, data.PETITION_CATEGORY_SHARES, 1)[0]
    petition = {"id": petition_id, "submitted_on": submitted, "closes_on": closes, "threshold": threshold,
                "final": final, "pace": pace, "public": public, "category": category}
    delay_kind = _pick(rng, {"on_time": 0.7, "late": 0.25, "never": 0.05}, 1)[0]
    delay = {"on_time": rng.integers(3, 15), "late": rng.integers(16, 70), "never": None}[delay_kind]
    petition["delay"] = None if delay is None else int(delay)
    petition["outcome_draw"] = _pick(rng, {"supported": 0.35, "partially": 0.4, "rejected": 0.25}, 1)[0]
    return _settle(petition)


def _signatures_on(p: dict, day: dt.date) -> int:
    days = min((day - p["submitted_on"]).days, data.PETITION_TERM_DAYS)
    term = data.PETITION_TERM_DAYS
    return int(round(p["final"] * (1 - math.exp(-days / p["pace"])) / (1 - math.exp(-term / p["pace"]))))


def _settle(p: dict) -> dict:
    """Dates and status that follow from the final signatures and the answer's delay."""
    last = min(p["closes_on"], data.LAST_DAY)
    p["signatures"] = _signatures_on(p, last)
    p["reached_on"] = next((p["submitted_on"] + dt.timedelta(days=d) for d in range((last - p["submitted_on"]).days + 1)
                            if _signatures_on(p, p["submitted_on"] + dt.timedelta(days=d)) >= p["threshold"]), None)
    answered = p["reached_on"] and p["delay"] is not None and p["reached_on"] + dt.timedelta(days=p["delay"]) <= data.LAST_DAY
    p["responded_on"] = p["reached_on"] + dt.timedelta(days=p["delay"]) if answered else None
    p["outcome"] = p["outcome_draw"] if answered else None
    if answered:
        p["status"] = "answered"
    elif p["reached_on"]:
        p["status"] = "threshold_reached"
    else:
        p["status"] = "collecting" if p["closes_on"] > data.LAST_DAY else "not_reached"
    return p


def _calibrate_considered(rng: np.random.Generator, petitions: list[dict]) -> None:
    """Make exactly PETITIONS_CONSIDERED_BY_2017 public petitions reached-and-answered by the end of 2017."""
    cutoff = dt.date(2017, 12, 31)

    def considered(p):
        return p["public"] and p["responded_on"] is not None and p["responded_on"] <= cutoff

    while (count := sum(map(considered, petitions))) != data.PETITIONS_CONSIDERED_BY_2017:
        if count > data.PETITIONS_CONSIDERED_BY_2017:
            pool = [p for p in petitions if considered(p)]
            p = pool[int(rng.integers(len(pool)))]
            p["final"] = int(p["threshold"] * 0.6)
        else:
            pool = [p for p in petitions if p["public"] and p["reached_on"] is None and p["submitted_on"] <= dt.date(2017, 9, 30)]
            p = pool[int(rng.integers(len(pool)))]
            p["final"], p["delay"] = int(p["threshold"] * 1.3), int(rng.integers(3, 15))
        _settle(p)


def _snapshots(p: dict) -> Iterable[tuple]:
    """Daily counts for the first two weeks, weekly after, and the last day of collection."""
    last = min(p["closes_on"], data.LAST_DAY)
    offsets = list(range(0, 14)) + list(range(14, (last - p["submitted_on"]).days, 7)) + [(last - p["submitted_on"]).days]
    for offset in sorted(set(offsets)):
        day = p["submitted_on"] + dt.timedelta(days=offset)
        yield p["id"], day, _signatures_on(p, day)


# --- Council, deputies and votes ----------------------------------------------------------------------------


def _session_days(rng: np.random.Generator) -> list[dt.date]:
    """Plenary days of the 7th convocation: spread over each year, on Thursdays, first on the start day."""
    days = [data.CONVOCATION_START, dt.date(2015, 12, 24)]
    for year, count in data.SESSIONS_PER_YEAR.items():
        if year == 2015:
            continue
        for i in range(count):
            target = dt.date(year, 1, 15) + dt.timedelta(days=int(i * 345 / count + rng.integers(-4, 5)))
            thursday = target + dt.timedelta(days=(3 - target.weekday()) % 7)
            days.append(thursday)
    assert len(set(days)) == len(days), "two sessions on one day"
    return sorted(days)


def _council(writer: _Writer, rng: np.random.Generator, scale: int, unit_ids: dict[str, int],
             sessions: list[dt.date]) -> None:
    """Convocation 7, its factions, deputies (with switches and replacements), sessions, votes, choices and
    decisions. Each vote draws a line per faction from a scenario (consensus, the coalition's line, the
    opposition's drafts...); each deputy follows the own faction's line unless absent or rebelling."""
    writer.rows(schema.convocations, ("id", "number", "started_on", "ended_on", "composition"),
                [(1, 7, data.CONVOCATION_START, None, data.COMPOSITION)])
    faction_ids = {short: i for i, (_name, short, _color, _camp) in enumerate(data.FACTIONS, start=1)}
    writer.rows(schema.factions, ("id", "convocation_id", "name", "short_name", "color"),
                ((faction_ids[short], 1, name, short, color) for name, short, color, _camp in data.FACTIONS))
    deputies = _deputies(writer, faction_ids)

    writer.rows(schema.plenary_sessions, ("id", "convocation_id", "held_on", "name"),
                ((index, 1, day, f"{index} сесія міської ради VII скликання") for index, day in enumerate(sessions, start=1)))
    vote_columns = ("id", "session_id", "source_key", "voted_at", "agenda_item", "title", "kind", "adopted", "unit_id",
                    "n_for", "n_against", "n_abstain", "n_not_voting", "n_present", "tally_mismatch", "is_public")
    budget_session = max(i for i, day in enumerate(sessions, start=1) if day.year == 2017)
    adopted_so_far, first_vote, decision_rows = 0, 1, []
    for index, day in enumerate(writer.track(sessions, "Votes"), start=1):
        office = sorted((d for d in deputies if d["from"] <= day and (d["to"] is None or day <= d["to"])),
                        key=lambda d: (not d["mayor"], _alphabetical(d["name"])))
        specs = _agenda(rng, scale, day, unit_ids, length=3 if index == budget_session else 1)
        for spec in specs:
            spec["public"] = not (index in data.UNPUBLISHED_ITEMS and spec["item"] == data.UNPUBLISHED_ITEMS[index])
        codes = _choices(rng, specs, office, day)
        tallies = [_tally(row, len(office), flagged=data.MISMATCHED_VOTES.get(index) == position)
                   for position, row in enumerate(codes)]
        adopted = [_adopted(spec["kind"], *tally[:3]) for spec, tally in zip(specs, tallies)]
        counted = np.cumsum([spec["kind"] == "decision" and spec["public"] and ok for spec, ok in zip(specs, adopted)])
        if index == budget_session:  # the long December session closes 2017 on the calibrated number of decisions
            cut = int(np.searchsorted(counted, data.DECISIONS_BY_2017 * scale - adopted_so_far)) + 1
            keep = list(range(min(cut, len(specs) - 1))) + [len(specs) - 1]
            specs, codes = [specs[i] for i in keep], codes[keep]
            tallies, adopted = [tallies[i] for i in keep], [adopted[i] for i in keep]
        adopted_so_far += int(counted[-1]) if index != budget_session else data.DECISIONS_BY_2017 * scale - adopted_so_far
        vote_rows, decision_no = [], 0
        for position, (spec, tally, ok) in enumerate(zip(specs, tallies, adopted)):
            vote_id = first_vote + position
            voted_at = dt.datetime.combine(day, dt.time(10, 0)) + dt.timedelta(minutes=3 * position + 20 * (position > len(specs) // 2))
            vote_rows.append((vote_id, index, f"demo:{day:%y%m%d}_{position + 1}", voted_at, spec["item"], spec["title"],
                              spec["kind"], ok, spec["unit"], *tally, spec["public"]))
            if spec["kind"] == "decision" and ok:
                decision_no += 1
                published = day + dt.timedelta(days=int(rng.integers(1, 12))) if rng.random() > 0.01 else None
                decision_rows.append((len(decision_rows) + 1, 1, vote_id, f"{decision_no}-{index}-VII", spec["title"], day,
                                      published, spec["unit"], spec["public"]))
        writer.rows(schema.votes, vote_columns, vote_rows)
        writer.rows(schema.vote_choices, ("vote_id", "slot", "deputy_id", "choice"), _choice_rows(first_vote, codes, office))
        first_vote += len(specs)
    writer.rows(schema.decisions, ("id", "convocation_id", "vote_id", "number", "title", "adopted_on", "published_on",
                                   "unit_id", "is_public"), decision_rows)


def _deputies(writer: _Writer, faction_ids: dict[str, int]) -> list[dict]:
    """Write the mayor, the 36 deputies and their replacements with their memberships; return them as dicts
    with the faction (column of DECISION_SCENARIOS) in force on each span."""
    start = data.CONVOCATION_START
    people = [{"name": data.MAYOR[0], "gender": data.MAYOR[1], "mayor": True, "behaviour": "mayor", "from": start,
               "to": None, "spans": []}]
    leaving = {out: (last, new, gender) for out, last, new, gender in data.REPLACEMENTS}
    switching = {name: (short, since) for name, short, since in data.SWITCHES}
    for name, gender, short, behaviour in data.DEPUTIES:
        person = {"name": name, "gender": gender, "mayor": False, "behaviour": behaviour, "from": start, "to": None}
        if name in switching:
            new_short, since = switching[name]
            person["spans"] = [(short, None, since - dt.timedelta(days=1)), (new_short, since, None)]
        else:
            person["spans"] = [(short, None, None)]
        people.append(person)
        if name in leaving:
            last, new_name, new_gender = leaving[name]
            person["to"] = last
            person["spans"][-1] = (*person["spans"][-1][:2], last)
            people.append({"name": new_name, "gender": new_gender, "mayor": False, "behaviour": "",
                           "from": last + dt.timedelta(days=1), "to": None,
                           "spans": [(person["spans"][-1][0], last + dt.timedelta(days=1), None)]})
    columns = {short: i for i, (_n, short, _c, _camp) in enumerate(data.FACTIONS)}
    memberships = []
    for deputy_id, person in enumerate(people, start=1):
        person["id"] = deputy_id
        person["spans"] = [(columns[short], since, until) for short, since, until in person["spans"]]
        memberships += [(deputy_id, faction_ids[data.FACTIONS[col][1]], since, until) for col, since, until in person["spans"]]
    writer.rows(schema.deputies, ("id", "convocation_id", "full_name", "name_key", "gender", "is_mayor", "mandate_from",
                                  "mandate_to"),
                ((p["id"], 1, p["name"], name_key(p["name"]), p["gender"], p["mayor"], p["from"], p["to"]) for p in people))
    writer.rows(schema.faction_memberships, ("id", "deputy_id", "faction_id", "from_on", "to_on"),
                ((i, *m) for i, m in enumerate(memberships, start=1)))
    return people


def _agenda(rng: np.random.Generator, scale: int, day: dt.date, unit_ids: dict[str, int], length: int) -> list[dict]:
    """The session's votes in order: registration, agenda procedure, items (amendments before their draft),
    a second registration after the break, more items, a closing procedural vote. `length` multiplies the
    items (the long December session)."""
    mean = data.DECISION_VOTES_PER_SESSION[day.year] * scale * length
    n_decisions = max(1, int(round(mean * rng.uniform(0.8, 1.2))))
    amended = set(rng.choice(n_decisions, size=min(n_decisions, data.AMENDMENTS_PER_SESSION * scale), replace=False).tolist())
    n_procedural = data.PROCEDURAL_PER_SESSION * scale

    def procedural():
        title = data.PROCEDURAL_TITLES[int(rng.integers(len(data.PROCEDURAL_TITLES)))]
        return {"kind": "procedural", "title": title, "item": None, "unit": None,
                "line": _scenario(rng, data.PROCEDURAL_SCENARIOS)}

    registration = {"kind": "registration", "title": "Реєстрація депутатів", "item": None, "unit": None,
                    "line": (FOR,) * 5}
    specs = [registration, procedural()]
    for item, unit in enumerate(_pick(rng, data.DECISION_UNITS, n_decisions)):
        templates = data.DECISION_TITLES[unit]
        title = _fill(templates[int(rng.integers(len(templates)))], rng, day.year)
        if item in amended:
            author = data.DEPUTIES[int(rng.integers(len(data.DEPUTIES)))][0].split()[0]
            specs.append({"kind": "amendment", "title": f"Поправка депутата {author} до проєкту «{title}»",
                          "item": str(item + 1), "unit": unit_ids[unit], "line": _scenario(rng, data.AMENDMENT_SCENARIOS)})
        specs.append({"kind": "decision", "title": title, "item": str(item + 1), "unit": unit_ids[unit],
                      "line": _scenario(rng, data.DECISION_SCENARIOS)})
        if item == n_decisions // 2:
            specs.append(dict(registration))
        if rng.random() < (n_procedural - 2) / n_decisions:
            specs.append(procedural())
    specs.append(procedural())
    return specs


def _scenario(rng: np.random.Generator, scenarios) -> tuple[int, ...]:
    shares = np.array([share for share, _line in scenarios])
    _share, line = scenarios[int(rng.choice(len(scenarios), p=shares / shares.sum()))]
    return tuple(CHOICES.index(choice) for choice in line)


def _choices(rng: np.random.Generator, specs: list[dict], office: list[dict], day: dt.date) -> np.ndarray:
    """Votes × deputies matrix of choice codes for one session."""
    columns = [_faction_column(d, day) for d in office]
    loyalty = np.array([data.LOYALTY[d["behaviour"]] for d in office])
    away = np.array([data.SESSION_ABSENCE[d["behaviour"]] for d in office])
    lines = np.array([spec["line"] for spec in specs])                     # votes × factions
    codes = lines[:, columns]                                             # votes × deputies
    kinds = np.array([spec["kind"] for spec in specs])
    shape = codes.shape
    deviates = (rng.random(shape) > loyalty[None, :]) & (kinds[:, None] != "registration")
    codes = np.where(deviates, (codes + rng.integers(1, 4, shape)) % 4, codes)
    not_pressed = np.where(kinds == "procedural", data.PROCEDURAL_NOT_PRESSED, data.NOT_PRESSED)
    codes = np.where(rng.random(shape) < not_pressed[:, None], NOT_VOTING, codes)
    absent = (rng.random(len(office)) < away)[None, :] | (rng.random(shape) < data.VOTE_ABSENCE)
    return np.where(absent, ABSENT, codes)


def _faction_column(deputy: dict, day: dt.date) -> int:
    """The deputy's faction (scenario column) on that day; the mayor follows the largest faction's line."""
    for column, since, until in deputy["spans"]:
        if (since is None or since <= day) and (until is None or day <= until):
            return column
    return 0


def _tally(row: np.ndarray, office_size: int, flagged: bool) -> tuple:
    """The source's counts (for, against, abstain, not voting, present) and its mismatch flag: a flagged vote's
    source counted one vote more than its list shows."""
    counts = np.bincount(row, minlength=5)
    n_for, n_against, n_abstain, n_not_voting = (int(x) for x in counts[:4])
    n_present = office_size - int(counts[ABSENT])
    if flagged:
        n_for, n_present = n_for + 1, n_present + 1
    return n_for, n_against, n_abstain, n_not_voting, n_present, flagged


def _adopted(kind: str, n_for: int, n_against: int, n_abstain: int) -> bool:
    """The e-voting system's result: decisions and amendments need a majority of the whole composition,
    procedural votes a simple majority of those who voted, registration a quorum."""
    if kind == "procedural":
        return n_for > n_against + n_abstain
    return n_for >= data.MAJORITY


def _choice_rows(first_vote: int, codes: np.ndarray, office: list[dict]) -> Iterable[tuple]:
    names = np.array(CHOICES, dtype=object)[codes]
    ids = [d["id"] for d in office]
    for position, row in enumerate(names.tolist()):
        vote_id = first_vote + position
        for slot, (deputy_id, choice) in enumerate(zip(ids, row), start=1):
            yield vote_id, slot, deputy_id, choice


# --- Procurement, consultations, targets --------------------------------------------------------------------


def _tenders(writer: _Writer, rng: np.random.Generator, scale: int, unit_ids: dict[str, int]) -> None:
    """ProZorro procurements by the units that buy (by ЄДРПОУ), with their contact points (internal).
    Mostly reports of direct contracts and below-threshold tenders; some cancelled or unsuccessful;
    those of the last two months may still be active. Five a year stay internal on top."""
    plan = []
    for year, per_year in data.TENDERS_PER_YEAR.items():
        plan += [(day, True) for day in _days(rng, *_year_span(year), per_year * scale)]
        plan += [(day, False) for day in _days(rng, *_year_span(year), 5)]
    plan.sort()
    methods = {i: share for i, (_m, _t, share, _v) in enumerate(data.TENDER_METHODS)}
    draws = zip(_pick(rng, data.TENDER_UNITS, len(plan)), _pick(rng, methods, len(plan)),
                _pick(rng, data.TENDER_STATUSES, len(plan)))
    per_day: dict[dt.date, int] = {}
    tenders, contacts = [], []
    for tender_id, ((day, public), (unit, method_index, status)) in enumerate(zip(plan, draws), start=1):
        method, method_type, _share, typical = data.TENDER_METHODS[method_index]
        cpv, title = data.TENDER_ITEMS[unit][int(rng.integers(len(data.TENDER_ITEMS[unit])))]
        if method_type == "reporting":
            status = "complete"
        if day >= dt.date(2020, 11, 1) and rng.random() < 0.5:
            status = "active"
        expected = round(float(typical * rng.lognormal(0, 0.6)), 2)
        competitive = method in ("open", "selective")
        bidders = int(1 + rng.poisson(2.2 if method_type != "belowThreshold" else 1.4)) if competitive else 1
        awarded = round(expected * float(rng.uniform(0.8, 0.99)), 2) if competitive else expected
        awarded_on = day + dt.timedelta(days=int(rng.integers(1, 6) if not competitive else rng.integers(12, 45)))
        if status != "complete":
            awarded, awarded_on = None, None
            bidders = 0 if status == "cancelled" and rng.random() < 0.5 else bidders
        per_day[day] = per_day.get(day, 0) + 1
        edrpou, buyer = _buyer(unit)
        tenders.append((tender_id, f"ocds-demo-UA-{day:%Y-%m-%d}-{per_day[day]:06d}-a", _fill(title, rng, day.year),
                        edrpou, buyer, unit_ids[unit], method, method_type, status, expected, awarded, "UAH", bidders,
                        day, awarded_on, cpv, public))
        contacts.append((tender_id, tender_id, _person(rng), f"zakupivli.{unit.lower()}@example.com",
                         f"+380 62 {int(rng.integers(200, 999))} {int(rng.integers(10, 99))} {int(rng.integers(10, 99))}"))
    writer.rows(schema.tenders, ("id", "ocid", "title", "buyer_edrpou", "buyer_name", "unit_id", "method", "method_type",
                                 "status", "expected_value", "awarded_value", "currency", "bidders", "published_on",
                                 "awarded_on", "cpv", "is_public"), tenders)
    writer.rows(schema.tender_contacts_internal, ("id", "tender_id", "name", "email", "phone"), contacts)


def _consultations(writer: _Writer, rng: np.random.Generator, unit_ids: dict[str, int]) -> None:
    """Public consultations, some with an online poll (2017: the report's 3); one internal draft a year."""
    rows = []
    for year, (online, offline) in data.CONSULTATIONS_PER_YEAR.items():
        kinds = [True] * online + [False] * offline + [None]  # None: an internal draft with a poll
        for day, poll in zip(_days(rng, *_year_span(year), len(kinds)), rng.permutation(np.array(kinds, dtype=object))):
            unit = _pick(rng, data.CONSULTATION_UNITS, 1)[0]
            template = data.CONSULTATION_TITLES[int(rng.integers(len(data.CONSULTATION_TITLES)))]
            ended = day + dt.timedelta(days=int(rng.integers(14, 45)))
            published = ended + dt.timedelta(days=int(rng.integers(5, 30))) if rng.random() < 0.85 else None
            responses = int(rng.integers(80, 1200)) if poll is not False else None
            rows.append((_fill(template, rng, year), unit_ids[unit], day, ended, poll is not False, responses,
                         published if poll is not None else None, poll is not None))
    rows.sort(key=lambda row: row[2])
    writer.rows(schema.consultations, ("id", "title", "unit_id", "started_on", "ended_on", "online_poll", "responses",
                                       "results_published_on", "url", "is_public"),
                ((i, *row[:7], f"https://city.example.org/consultations/{i}", row[7]) for i, row in enumerate(rows, start=1)))


def _kpi_targets(writer: _Writer) -> None:
    """Council-wide targets (unit empty) for 2016–2020."""
    rows = [(kpi, year, float(target)) for kpi, targets in data.KPI_TARGETS.items()
            for year, target in zip(range(2016, 2021), targets)]
    writer.rows(schema.kpi_targets, ("id", "kpi", "year", "unit_id", "target"),
                ((i, kpi, year, None, target) for i, (kpi, year, target) in enumerate(rows, start=1)))
