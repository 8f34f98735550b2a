import pytest

from jumelage.engines.text import ascii_fold, search_key, search_tokens, to_latin


def test_to_latin_follows_icao_and_keeps_case():
    assert to_latin("Томск") == "Tomsk"
    assert to_latin("Щукин") == "Shchukin"


@pytest.mark.parametrize("spelling", ["Томск", "Tomsk", "Tomskiy", "Tomskij", "Томский"])
def test_spellings_of_tomsk_give_one_token(spelling):
    assert search_tokens(spelling) == search_tokens("Tomsk")


def test_skolkovo_in_both_scripts_gives_one_key():
    assert search_key("Сколково") == search_key("Skolkovo")


def test_accents_and_apostrophes_do_not_matter():
    assert search_key("Université Côte d'Azur") == search_key("UNIVERSITE COTE D AZUR")


def test_search_key_has_spaces_at_both_ends_and_prefix_matches():
    key = search_key("Томский политехнический университет", "TPU")
    assert key.startswith(" ") and key.endswith(" ")
    for token in search_tokens("Tomskij univ"):
        assert " " + token in key


def test_search_key_is_empty_without_words():
    assert search_key("", "--") == ""


def test_ascii_fold_transliterates_and_drops_diacritics():
    assert ascii_fold("Côte Москва") == "cote moskva"
