"""Every reason code of the engine has its own translatable sentence in the application."""

import pytest

from jumelage.engines.matching import REASON_CODES
from jumelage.matching.reasons import translate_reason

PARAMS = {
    "concepts": ["optics"],
    "terms": ["laser"],
    "activities": ["Manufacture of optical instruments"],
    "codes": ["photonics"],
    "sectors": ["photonics"],
    "partner": "LAM",
    "project": "262",
    "project_title": "Adaptive optics",
    "projects": 3,
    "title": "Adaptive optics",
    "kind": "university",
    "via": "CNRS",
    "place": "Marseille",
    "partners": ["LAM", "CNES"],
    "count": 2,
    "words": ["grenoble"],
}


@pytest.mark.parametrize("code", sorted(REASON_CODES))
def test_each_reason_code_has_its_own_sentence(code):
    sentence = translate_reason(code, PARAMS, fallback="FALLBACK")
    assert sentence != "FALLBACK"
    assert "%(" not in sentence


def test_network_reach_sentences_name_the_intermediary_and_the_place():
    assert translate_reason("partner_of_partner", PARAMS) == "worked with CNRS, a partner of LAM"
    assert (
        translate_reason("same_city", PARAMS) == "based in Marseille, like your partners LAM, CNES"
    )
    single = {**PARAMS, "partners": ["LAM"], "count": 1}
    assert (
        translate_reason("same_region", single)
        == "based in the region Marseille, like your partner LAM"
    )
    assert translate_reason("name_like_partner", PARAMS) == (
        "its name shares “grenoble” with your partner LAM"
    )
