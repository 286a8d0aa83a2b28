"""The one schema creates on both backends, with the columns docs/data-model.md asks of facts."""

import pytest
from sqlalchemy import inspect

from dashboard.db import write_engine
from dashboard.schema import INTERNAL_TABLES, metadata
from tests.support import postgres_database

UNIT_FACTS = ("media_mentions", "public_events", "site_pages", "broadcasts", "petitions", "votes", "decisions", "procurements",
              "consultations", "kpi_targets")


@pytest.fixture(params=("sqlite", "postgresql"))
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite'}"
    return postgres_database("vidkryto_schema_test")


def test_schema_creates_every_table(empty_url):
    engine = write_engine(empty_url)
    metadata.create_all(engine)
    assert set(inspect(engine).get_table_names()) == set(metadata.tables)
    metadata.create_all(engine)  # a second run keeps what exists
    engine.dispose()


def test_facts_carry_unit_and_publication_flags():
    for name in UNIT_FACTS:
        assert "unit_id" in metadata.tables[name].c, name
    for name in ("media_mentions", "petitions", "votes", "procurements", "consultations", "broadcasts"):
        assert "is_public" in metadata.tables[name].c, name


def test_personal_data_lives_in_internal_tables_only():
    assert set(INTERNAL_TABLES) == {"petition_authors_internal", "procurement_contacts_internal"}
    personal = {"author", "contact", "email", "phone"}
    for name, table in metadata.tables.items():
        if name not in INTERNAL_TABLES:
            assert not personal & set(table.c.keys()), name
