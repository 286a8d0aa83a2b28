"""What every domain of the demo council shares: the bulk writer, the random streams and the draws.

Rule: a domain draws only from its own `domain_rng(seed, key)`, so changing one domain leaves the others'
rows alone. The calendar (2015–2020), the streets that titles name and the people's names (all invented)
are common to several domains.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

import numpy as np
from rich.progress import Progress
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.schema import AddConstraint, CreateIndex, DropIndex

from dashboard import schema

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2020, 12, 31)
YEARS = range(2015, 2021)

STREETS = ["Шевченка", "Університетська", "Свободи", "Соборна", "Центральна", "Вокзальна", "Лесі Українки",
           "Героїв", "Садова", "Паркова", "Заводська", "Миру", "Набережна", "Козацька", "Сонячна"]
MALE_FIRST = ["Андрій", "Олександр", "Віктор", "Сергій", "Микола", "Олег", "Юрій", "Ігор", "Василь", "Дмитро",
              "Петро", "Богдан", "Роман", "Тарас", "Володимир"]
FEMALE_FIRST = ["Олена", "Наталія", "Ірина", "Тетяна", "Оксана", "Світлана", "Людмила", "Ганна", "Марія",
                "Юлія", "Валентина", "Лариса"]
SURNAMES = ["Бондар", "Ткаченко", "Кравець", "Олійник", "Шевчук", "Поліщук", "Мельничук", "Гнатюк", "Лисенко",
            "Савчук", "Руденко", "Марченко", "Кушнір", "Гордієнко", "Білик", "Яковенко", "Остапчук", "Дорошенко"]


class Writer:
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


@contextmanager
def bulk_load(connection: Connection, tables):
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
            # isolate_from_table=False: the schema's tables keep creating this key inline afterwards
            connection.execute(AddConstraint(constraint, isolate_from_table=False))


def domain_rng(seed: int, domain: str) -> np.random.Generator:
    """The domain's own random stream: keyed by the domain's name, not by the order domains are built in."""
    return np.random.default_rng([seed, zlib.crc32(domain.encode())])


def pick(rng: np.random.Generator, weights: dict, size: int) -> list:
    """`size` keys of `weights`, drawn with probability proportional to the values."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return [keys[i] for i in rng.choice(len(keys), size=size, p=p / p.sum())]


def random_days(rng: np.random.Generator, start: dt.date, end: dt.date, size: int) -> list[dt.date]:
    """`size` random days in [start, end], sorted."""
    offsets = np.sort(rng.integers(0, (end - start).days + 1, size=size))
    return [start + dt.timedelta(days=int(o)) for o in offsets]


def year_span(year: int, since: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The year's first and last day; the first no earlier than `since` (a service that opened mid-year)."""
    start = dt.date(year, 1, 1)
    return (max(start, since) if since else start), dt.date(year, 12, 31)


def fill(template: str, rng: np.random.Generator, year: int = 2017) -> str:
    """A title from its template: a random street and number, the year and the next."""
    return template.format(street=STREETS[int(rng.integers(len(STREETS)))], n=int(rng.integers(1, 40)),
                           year=year, next=year + 1)


def person(rng: np.random.Generator) -> str:
    """An invented «surname first-name» (petition authors, procurement contacts)."""
    first = MALE_FIRST + FEMALE_FIRST
    return f"{SURNAMES[int(rng.integers(len(SURNAMES)))]} {first[int(rng.integers(len(first)))]}"
