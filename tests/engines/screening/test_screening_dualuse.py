"""Dual-use triage of cooperation topics in English, French and Russian."""

import pytest

from jumelage.engines.screening import NO_INDICATOR, POSSIBLE_DUAL_USE, check_dual_use
from jumelage.engines.screening.dualuse import detect_language


@pytest.mark.parametrize(
    ("text", "categories", "found"),
    [
        (
            "Joint development of liquid-propellant rocket engines for small launch vehicles",
            ("annex-i-9", "ru-annex-vii", "ru-annex-xi"),
            {"liquid propellant rocket", "rocket engines", "launch vehicles"},
        ),
        (
            "Quantum key distribution over metropolitan fibre networks",
            ("annex-i-5-2", "ru-annex-vii"),
            {"Quantum key distribution"},
        ),
        (
            "Scale-up of a fermenter line for vaccine production in a BSL-3 facility",
            ("annex-i-1c351",),
            {"fermenter", "BSL 3"},
        ),
    ],
)
def test_english_topics_are_flagged_with_their_categories(text, categories, found):
    result = check_dual_use(text)

    assert result.status == POSSIBLE_DUAL_USE
    assert result.message == "possible dual-use — needs review"
    assert result.category_codes == categories
    assert {match.found for match in result.matches} == found


def test_french_topic_with_inflected_terms_is_flagged():
    result = check_dual_use(
        "Conception de gyroscopes à fibre optique pour la navigation inertielle des drones"
    )

    assert result.status == POSSIBLE_DUAL_USE
    assert result.category_codes == ("annex-i-7", "annex-i-9", "ru-annex-vii", "ru-annex-xi")
    assert {match.term for match in result.matches} >= {
        "gyroscope à fibre optique",
        "navigation inertielle",
        "drone",
    }
    assert all(match.language == "fr" for match in result.matches)


def test_russian_inflections_match_the_dictionary_forms():
    result = check_dual_use("Разработка ракетных двигателей для ракет-носителей лёгкого класса")

    assert result.status == POSSIBLE_DUAL_USE
    assert result.category_codes == ("annex-i-9", "ru-annex-vii", "ru-annex-xi")
    found = {match.found for match in result.matches}
    assert {"ракетных двигателей", "ракет носителей"} <= found


def test_russian_lasers_and_encryption_give_two_annex_i_categories():
    result = check_dual_use("Совместная разработка волоконных лазеров и систем шифрования")

    assert result.category_codes == ("annex-i-5-2", "annex-i-6", "ru-annex-vii")
    assert [category.title for category in result.categories] == [
        "Information security",
        "Sensors and lasers",
        "Russia: advanced technology items",
    ]


def test_russian_biological_topic_points_to_1c351():
    result = check_dual_use("Изучение патогенов растений и масштабирование биореакторов")

    assert result.category_codes == ("annex-i-1c351",)


def test_benign_topics_give_no_indicator_and_never_a_clearance():
    for text in (
        "Organic farming cooperative for apple juice production and local tourism",
        "Coopération culturelle entre les musées de Marseille et de Kazan",
        "Обмен студентами в области истории искусства и музееведения",
    ):
        result = check_dual_use(text)
        assert result.status == NO_INDICATOR
        assert result.message == "no indicator found"
        assert result.categories == ()
        assert result.matches == ()


def test_acronyms_match_only_in_capitals():
    assert check_dual_use("Low-cost SAR satellites for flood mapping").status == POSSIBLE_DUAL_USE
    assert check_dual_use("The sar of the region").status == NO_INDICATOR


def test_language_detection_uses_script_and_stop_words():
    assert detect_language("Разработка лазеров") == ("ru",)
    assert detect_language("the design of the engine") == ("en",)
    assert detect_language("la conception du moteur et des aubes") == ("fr",)


def test_result_carries_the_vocabulary_version():
    assert check_dual_use("radar").vocabulary_version.startswith("2026-11")


def test_unsupported_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        check_dual_use("Raketentriebwerk", languages=("de",))
