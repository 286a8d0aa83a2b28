"""Deputy name keys: every spelling of one deputy meets, near-namesakes stay apart, empty slots have no key."""

import datetime as dt
import unicodedata

import pytest
from sqlalchemy import func, insert, select

from dashboard.db import write_engine
from dashboard.schema import convocations, deputies, metadata
from dashboard.writer.names import DeputyRegistry, clean_name, name_key

COMPOSED = "Бойко Йосип Вікторович"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)  # «й» and «Й» as и / И + combining breve (U+0306)


@pytest.mark.parametrize("spelling", ["Муха  В. В.", "Муха В.В.", "Муха В. В.", "МУХА В.В.", "Муха Вадим Васильович",
                                      " Муха В.В. ", "В. В. Муха"])
def test_spellings_of_one_deputy_share_a_key(spelling):
    assert name_key(spelling) == "муха в.в."


@pytest.mark.parametrize("spelling", ["Ар'єва Я. В.", "Ар’єва Я.В.", "Арʼєва Я. В.", "Ар`єва Я.В.", "Ар‘єва Яна Вікторівна"])
def test_apostrophe_variants_meet(spelling):
    assert name_key(spelling) == "ар'єва я.в."


def test_latin_lookalikes_inside_a_cyrillic_name_meet():
    assert name_key("Kличкo B.B.") == name_key("Кличко В. В.")  # K, o, B typed in Latin


def test_near_namesakes_stay_apart():
    assert name_key("Гончаров В. В.") != name_key("Гончаров О.В.")
    assert name_key("Ярмоленко Ю.О.") != name_key("Ярмоленко І.О.")
    assert name_key("Ярош З.В.") != name_key("Ярошенко Р.В.")


@pytest.mark.parametrize("slot", [". .. ..", ". ....", "", "   ", "..."])
def test_a_slot_without_letters_has_no_key(slot):
    assert name_key(slot) is None


def test_clean_name_keeps_the_spelling_but_tidies_it():
    assert clean_name("Ар’єва  Я.  В. ") == "Ар'єва Я. В."


def test_a_decomposed_letter_meets_its_composed_twin():
    assert DECOMPOSED != COMPOSED and "\u0306" in DECOMPOSED
    assert name_key(DECOMPOSED) == name_key(COMPOSED) == "бойко й.в."
    assert name_key("Бои\u0306ко Й. В.") == name_key("Бойко Й.В.")


def test_a_decomposed_initial_keeps_its_letter():
    """Without NFC the initial of «Й» + breve would be a bare «И»: a false match with another deputy."""
    assert name_key("Бойко И\u0306. В.") != name_key("Бойко И. В.")


def test_clean_name_composes_letters():
    assert clean_name(DECOMPOSED) == COMPOSED


def test_a_decomposed_spelling_makes_no_second_deputy(tmp_path):
    engine = write_engine(f"sqlite:///{tmp_path / 'names.sqlite'}")
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(convocations).values(id=1, number=9, started_on=dt.date(2020, 12, 3), composition=121))
        DeputyRegistry(connection, convocation_id=1).resolve([COMPOSED])
        DeputyRegistry(connection, convocation_id=1).resolve([DECOMPOSED, "Бойко Й. В."])  # a later import
        rows = connection.execute(select(deputies.c.full_name, func.count()).group_by(deputies.c.full_name)).all()
    assert rows == [(COMPOSED, 1)]
