"""Recommendations through the app: cross-lingual, explained, filtered, translated."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from jumelage.matching import services
from jumelage.opportunities.models import CooperationProfile
from tests.opportunities.conftest import make_profile

FRENCH_NEED = (
    "Nous cherchons un partenaire pour le segment sol et la télédétection "
    "(observation de la Terre) à partir de petits satellites."
)
RUSSIAN_NEED = "Ищем партнёра: лидары для астрономии и телескопов."


def names(recommendations):
    return [rec.organisation.name for rec in recommendations]


def test_a_french_request_ranks_the_russian_described_organisation_first(built):
    recommendations = services.recommend_organisations(text=FRENCH_NEED, lang="fr")
    assert names(recommendations)[0] == "НИИ космического приборостроения"


def test_a_russian_request_ranks_the_french_described_organisation_first(built):
    recommendations = services.recommend_organisations(text=RUSSIAN_NEED, lang="ru")
    assert names(recommendations)[0] == "Optique Azur"


@pytest.mark.parametrize(
    ("lang", "concepts"),
    [
        ("fr", "segment sol, observation de la Terre"),
        ("en", "ground segment, Earth observation"),
        ("ru", "наземный сегмент, дистанционное зондирование Земли"),
    ],
)
def test_reasons_name_the_shared_concepts_in_the_readers_language(built, lang, concepts):
    first = services.recommend_organisations(text=FRENCH_NEED, lang=lang)[0]
    with translation.override(lang):
        expected = gettext("shares: %(concepts)s") % {"concepts": concepts}
    assert [(r.kind, r.code, r.text) for r in first.reasons] == [
        ("topic", "shares_concepts", expected)
    ]
    if lang == "en":
        assert expected == f"shares: {concepts}"


def test_network_reason_names_the_past_partner_and_project(built):
    recommendations = services.recommend_organisations(organisation=built["fr_optics"], lang="en")
    assert names(recommendations)[0] == "ООО Фотон-Сибирь"
    assert "worked with Optique Azur on project “Optics for small satellites”" in [
        r.text for r in recommendations[0].reasons
    ]
    assert built["fr_optics"].pk not in [rec.organisation_id for rec in recommendations]


def test_filters_and_exclusions_are_honoured(built):
    french_only = services.recommend_organisations(
        text=FRENCH_NEED, lang="en", filters={"country": ["FR"]}
    )
    assert names(french_only) == ["Marseille Space Data Lab"]
    labs = services.recommend_organisations(
        text=FRENCH_NEED, lang="en", filters={"kind": ["university"]}
    )
    assert names(labs) == ["Marseille Space Data Lab"]
    excluded = services.recommend_organisations(
        text=FRENCH_NEED, lang="en", exclude=[built["ru_lab"].pk]
    )
    assert "НИИ космического приборостроения" not in names(excluded)
    by_region = services.recommend_organisations(
        text=FRENCH_NEED, lang="en", filters={"region": ["RU-TOM"]}
    )
    assert names(by_region) == ["НИИ космического приборостроения"]


def test_profile_recommendations_include_complementary_offers_without_naming_them(
    built, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_profile(
            built["ru_laser"],
            status=CooperationProfile.Status.PUBLISHED,
            type="technology_offer",
            title="Волоконные лазеры для сварки",
            summary="Предлагаем волоконные лазеры.",
            description="Волоконный лазер и лазерная сварка алюминия.",
            language="ru",
        )
    request = make_profile(
        built["fr_bio"],
        type="technology_request",
        title="Laser à fibre pour le soudage",
        summary="Nous cherchons un laser à fibre.",
        description="Soudage laser de tôles fines.",
        partner_sought="Un fabricant de lasers à fibre.",
        language="fr",
    )
    recommendations = services.recommend_for_profile(profile=request, lang="en")
    first = recommendations[0]
    assert first.organisation.name == "ООО Фотон-Сибирь"
    texts = [r.text for r in first.reasons]
    assert "has published an offer that answers your request" in texts
    assert not any("Волоконные лазеры для сварки" in text for text in texts)


def test_draft_and_private_profiles_never_reach_the_index(
    built, member_user, django_capture_on_commit_callbacks
):
    from jumelage.matching import index as lifecycle

    with django_capture_on_commit_callbacks(execute=True):
        draft = make_profile(built["fr_bio"], title="Draft quasicrystal coatings")
        private = make_profile(
            built["fr_bio"],
            status=CooperationProfile.Status.PUBLISHED,
            visibility="private",
            title="Private quasicrystal coatings",
        )
    current = lifecycle.current_index()
    assert f"profile:{draft.pk}" not in current.profiles
    assert f"profile:{private.pk}" not in current.profiles
    found = services.recommend_organisations(text="quasicrystal coatings", lang="en")
    # Nothing in the index mentions quasicrystals: the engine falls back to weak signals.
    assert not any("quasicrystal" in r.text for rec in found for r in rec.reasons)
    biotech = [rec for rec in found if rec.organisation.name == "Provence Biotech"]
    assert all(r.code != "matching_terms" for rec in biotech for r in rec.reasons)
    assert "Provence Biotech" not in names(found)[:1]
