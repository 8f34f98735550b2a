import pytest

from jumelage.engines.text import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nous cherchons un partenaire pour le segment sol d'un satellite", "fr"),
        ("Laboratoire d'optique adaptative et de photonique", "fr"),
        ("We are looking for a partner with experience in adaptive optics", "en"),
        ("Ground segment for Earth observation data", "en"),
        ("Разработка наземного сегмента для дистанционного зондирования Земли", "ru"),
        ("Лазеры для LIDAR и оптическая связь", "ru"),
        ("Télédétection et imagerie", "fr"),
    ],
)
def test_detect_language_tells_french_english_and_russian_apart(text, expected):
    assert detect_language(text) == expected


def test_detect_language_returns_the_default_without_evidence():
    assert detect_language("", default="fr") == "fr"
    assert detect_language("12345 !!", default="ru") == "ru"


def test_detect_language_keeps_russian_when_latin_acronyms_are_mixed_in():
    assert detect_language("Компания разрабатывает IoT, 5G и LIDAR") == "ru"
