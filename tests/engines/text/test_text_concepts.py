import pytest

from jumelage.engines.text import (
    SECTORS,
    activities,
    activity_label,
    default_vocabulary,
    sector_label,
)
from jumelage.engines.text.concepts import parse_concepts


@pytest.fixture(scope="module")
def vocabulary():
    return default_vocabulary()


def concepts_of(vocabulary, text, lang):
    return [match.concept for match in vocabulary.match(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("photonique", "fr"), ("photonics", "en"), ("фотоника", "ru"), ("фотоники", "ru")],
)
def test_photonics_is_found_in_three_languages(vocabulary, text, lang):
    assert concepts_of(vocabulary, text, lang) == ["photonics"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nous développons le segment sol pour l'observation de la Terre.", "fr"),
        ("We build the ground segment for Earth observation.", "en"),
        ("Мы создаем наземный сегмент для дистанционного зондирования Земли.", "ru"),
    ],
)
def test_earth_observation_and_ground_segment_meet_across_languages(vocabulary, text, lang):
    assert sorted(concepts_of(vocabulary, text, lang)) == ["earth_observation", "ground_segment"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Traitement de données satellitaires et segment sol", "fr"),
        ("Satellite data processing and ground segment", "en"),
        ("Обработка спутниковых данных и наземный сегмент", "ru"),
    ],
)
def test_satellite_data_meets_earth_observation_in_three_languages(vocabulary, text, lang):
    assert sorted(concepts_of(vocabulary, text, lang)) == ["earth_observation", "ground_segment"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("une plateforme satellitaire", "fr"), ("спутниковое оборудование", "ru")],
)
def test_the_adjective_of_satellite_is_the_satellite_concept(vocabulary, text, lang):
    assert "satellite" in concepts_of(vocabulary, text, lang)


def test_longest_label_wins(vocabulary):
    assert concepts_of(vocabulary, "un laser à fibre", "fr") == ["fibre_laser"]
    assert concepts_of(vocabulary, "a fibre laser", "en") == ["fibre_laser"]


def test_english_terms_inside_a_french_text_are_found(vocabulary):
    found = concepts_of(vocabulary, "Expertise en machine learning et cybersécurité", "fr")
    assert found == ["machine_learning", "cybersecurity"]


def test_matches_keep_the_words_of_the_text(vocabulary):
    match = vocabulary.match("наземного сегмента", "ru")[0]
    assert match.words == ("наземного", "сегмента")


def test_labels_in_each_language(vocabulary):
    concept = vocabulary["earth_observation"]
    assert concept.label("fr") == "observation de la Terre"
    assert concept.label("ru") == "дистанционное зондирование Земли"
    assert vocabulary.label("adaptive_optics", "de") == "adaptive optics"


def test_vocabulary_covers_the_seed_sectors_with_three_languages(vocabulary):
    assert len(vocabulary) >= 200
    for concept in vocabulary:
        assert concept.sectors and set(concept.sectors) <= set(SECTORS)
        assert all(concept.labels[lang] for lang in ("en", "fr", "ru")), concept.id
    sectors = {sector for concept in vocabulary for sector in concept.sectors}
    assert sectors == set(SECTORS)


def test_activity_labels_are_trilingual():
    assert (
        activity_label("26.70", "en")
        == "Manufacture of optical instruments and photographic equipment"
    )
    assert activity_label("26.70", "fr") == "Fabrication de matériels optique et photographique"
    assert activity_label("30.30", "ru").startswith("Производство летательных аппаратов")
    assert activity_label("26.70.1", "ru") == activity_label("26.70", "ru")
    assert activity_label("99.99") is None
    assert len(activities()) > 900


def test_sector_labels():
    assert sector_label("photonics", "fr") == "photonique"
    assert sector_label("aerospace", "ru") == "авиакосмическая отрасль"
    assert sector_label("unknown") == "unknown"


def test_parse_concepts_names_the_bad_line():
    with pytest.raises(ValueError, match="line 2: unknown sector 'space'"):
        parse_concepts(["# comment", "x | space | a | b | c | "])
    with pytest.raises(ValueError, match="line 1: expected 6 fields"):
        parse_concepts(["x | aerospace | a"])
