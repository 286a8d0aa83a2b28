"""The period filter's years: from the first to the last fact, on both backends."""

from dashboard.db import read_engine, write_engine
from dashboard.schema import metadata
from queries.periods import data_years


def test_demo_years_run_from_first_to_last_fact(demo_engine):
    assert data_years(demo_engine) == [2015, 2016, 2017, 2018, 2019, 2020]


def test_an_empty_database_has_no_years(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    metadata.create_all(write_engine(url))
    assert data_years(read_engine(url)) == []
