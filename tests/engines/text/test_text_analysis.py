from jumelage.engines.text import analyse, normalise, stem_words, stopwords, tokenize


def test_french_plural_and_singular_share_a_stem():
    assert analyse("photonique", "fr") == analyse("photoniques", "fr")
    assert analyse("lasers", "fr") == analyse("laser", "fr")


def test_english_inflections_share_a_stem():
    assert analyse("observations", "en") == analyse("observation", "en") == ["observ"]


def test_russian_cases_share_a_stem():
    assert analyse("лазерами", "ru") == analyse("лазеры", "ru") == analyse("лазер", "ru")
    assert analyse("наземного сегмента", "ru") == analyse("наземный сегмент", "ru")


def test_stopwords_and_domain_noise_are_dropped():
    assert analyse("Nous cherchons un partenaire pour la photonique", "fr") == ["photon"]
    assert analyse("We are looking for a partner in photonics", "en") == ["photon"]
    assert analyse("Ищем партнера в области фотоники", "ru") == ["фотоник"]


def test_latin_words_in_a_russian_text_are_stemmed_as_english():
    assert analyse("лазеры для lasers", "ru") == ["лазер", "laser"]


def test_accents_are_folded_after_stemming():
    assert analyse("sécurité", "fr") == analyse("securite", "fr")


def test_elisions_and_single_letter_prefixes_are_handled():
    assert tokenize("l'optique d'Azur et l'e-santé") == ["optique", "azur", "et", "esanté"]


def test_normalise_folds_yo_and_quotes():
    assert normalise("Ёлка’s") == "елка's"


def test_stem_words_keeps_short_i_in_russian():
    assert stem_words(["йод"], "ru") == ["йод"]


def test_stopwords_exist_for_the_three_languages():
    assert {"le", "la"} <= stopwords("fr")
    assert {"the", "of"} <= stopwords("en")
    assert {"и", "в"} <= stopwords("ru")
