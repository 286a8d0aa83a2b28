"""Deputy name keys: every spelling of one deputy meets, near-namesakes stay apart, empty slots have no key."""

import pytest

from dashboard.writer.names import clean_name, name_key


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
