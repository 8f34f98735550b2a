"""Transliteration systems and the transliteration-invariant key."""

import pytest

from jumelage.engines.screening import skeleton, transliterate, transliterations
from jumelage.engines.screening.translit import skeletons


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("icao", "Iurii Shchukin"),
        ("bgn", "Yuriy Shchukin"),
        ("gost_b", "Yurij Shhukin"),
        ("scientific", "Jurij Ščukin"),
        ("french", "Iouriï Chtchoukin"),
    ],
)
def test_each_system_writes_the_cyrillic_name_its_own_way(system, expected):
    assert transliterate("Юрий Щукин", system) == expected


def test_bgn_writes_initial_ye_and_gost_b_writes_c_before_front_vowels():
    assert transliterate("Елена Цыганова", "bgn") == "Yelena Tsyganova"
    assert transliterate("Цыганов Кузнецов", "gost_b") == "Cy'ganov Kuzneczov"


def test_upper_case_names_stay_upper_case():
    assert transliterate("ЩУКИН", "icao") == "SHCHUKIN"


def test_transliterations_is_empty_for_latin_text():
    assert transliterations("Ivanov") == {}
    assert set(transliterations("Иванов")) == {"icao", "bgn", "gost_b", "scientific", "french"}


def test_unknown_system_is_refused():
    with pytest.raises(ValueError, match="unknown transliteration system"):
        transliterate("Иван", "klingon")


@pytest.mark.parametrize(
    "spellings",
    [
        ["юрий", "yuriy", "iurii", "jurij", "yury", "iouri"],
        ["щукин", "shchukin", "shhukin", "ščukin"],
        ["хохлов", "khokhlov", "xoxlov", "chochlov"],
        ["кузнецов", "kuznetsov", "kuzneczov", "kuznecov"],
        ["фёдор", "fyodor", "fedor", "fiodor", "fjodor"],
        ["жуков", "zhukov", "žukov", "joukov"],
        ["чайковский", "tchaikovsky", "chaykovskiy", "čajkovskij", "tchaïkovski"],
        ["мария", "mariya", "mariia", "maria"],
    ],
)
def test_spellings_of_one_cyrillic_word_share_a_key(spellings):
    cyrillic_key = skeleton(spellings[0])
    for spelling in spellings[1:]:
        assert cyrillic_key in skeletons(spelling), spelling


def test_different_names_keep_different_keys():
    assert skeleton("иванов") != skeleton("иванова")
    assert skeleton("petrov") != skeleton("petrenko")
