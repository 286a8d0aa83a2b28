"""Names in Ukrainian alphabetical order on both backends and in Python: a hand-made list, the demo's own names
against PostgreSQL's ICU, and the queries that list names."""

import polars as pl
from sqlalchemy import literal, select, union_all

from dashboard.alphabet import alphabetical, name_key
from dashboard.filters import Filters
from dashboard.schema import deputies, factions, outlets
from queries import deputies as deputy_queries
from queries.common import by_name

SHUFFLED = ["Єрмоленко", "Антоненко", "Іщенко", "Ґудзь", "Гончар", "Їжакевич", "Яковенко", "Шевченко", "Иваненко",
            "Ільїн", "Д'Анжело", "єрмоленко", "Smith"]
ALPHABETICAL = ["Антоненко", "Гончар", "Ґудзь", "Д'Анжело", "єрмоленко", "Єрмоленко", "Иваненко", "Ільїн", "Іщенко",
                "Їжакевич", "Шевченко", "Яковенко", "Smith"]


def sorted_by_database(engine, names: list[str]) -> list[str]:
    listed = union_all(*(select(literal(name).label("name")) for name in names)).subquery()
    with engine.connect() as connection:
        return connection.execute(select(listed.c.name).order_by(by_name(listed.c.name))).scalars().all()


def test_python_and_polars_sort_by_the_alphabet():
    assert sorted(SHUFFLED, key=name_key) == ALPHABETICAL
    frame = pl.DataFrame({"name": [*SHUFFLED, None], "n": range(len(SHUFFLED) + 1)})
    assert frame.sort(alphabetical("name"), nulls_last=True)["name"].to_list() == [*ALPHABETICAL, None]


def test_both_databases_sort_by_the_alphabet(demo_engine):
    assert sorted_by_database(demo_engine, SHUFFLED) == ALPHABETICAL


def test_the_demos_names_sort_as_in_python(demo_engine):
    """Every deputy, faction and outlet name of the demo: the database's order is Python's (on PostgreSQL, ICU's)."""
    with demo_engine.connect() as connection:
        for column in (deputies.c.full_name, factions.c.name, outlets.c.name):
            listed = connection.execute(select(column).order_by(by_name(column))).scalars().all()
            assert listed == sorted(listed, key=name_key), column


def test_lists_of_names_are_alphabetical(demo_engine):
    directory = deputy_queries.deputy_directory(demo_engine)["deputy"].to_list()
    assert directory == sorted(directory, key=name_key)
    attendance = deputy_queries.deputy_attendance(demo_engine, Filters.for_year(2017))["deputy"].to_list()
    assert attendance == sorted(attendance, key=name_key)
