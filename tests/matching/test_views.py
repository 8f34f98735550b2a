"""The partner search page, "Partners for you", feedback buttons and the API."""

import pytest
from django.urls import path
from ninja import NinjaAPI
from ninja.testing import TestClient

from jumelage.api.errors import install_error_handlers
from jumelage.matching.api import router
from jumelage.matching.models import Feedback
from jumelage.opportunities.models import CooperationProfile
from tests.api.conftest import bearer
from tests.opportunities.conftest import make_profile

api = NinjaAPI(urls_namespace="matching-tests")
install_error_handlers(api)
api.add_router("/matching", router)

FRENCH_NEED = "Partenaire pour le segment sol et l'observation de la Terre par petits satellites."


def test_search_page_ranks_and_explains_in_the_page_language(client, built):
    page = client.get("/ru/partners/", {"text": FRENCH_NEED, "lang": "fr"}).content.decode()
    first = page.index("НИИ космического приборостроения")
    assert first < page.index("Marseille Space Data Lab")
    assert "наземный сегмент, дистанционное зондирование Земли" in page


def test_search_page_filters_by_country(client, built):
    page = client.get("/en/partners/", {"text": FRENCH_NEED, "country": "FR"}).content.decode()
    assert "НИИ космического приборостроения" not in page
    assert "Marseille Space Data Lab" in page


def test_partners_for_you_on_an_organisation(client, built):
    shell = client.get("/en/partners/for/", {"organisation": built["fr_optics"].pk})
    html = shell.content.decode()
    assert shell.status_code == 200 and 'id="partners-for-you"' in html
    assert "ООО Фотон-Сибирь" in html
    assert "worked with Optique Azur on project “Optics for small satellites”" in html


def test_partners_for_you_on_a_draft_is_for_its_owner_only(
    client, built, member_user, outsider_user
):
    from jumelage.accounts.models import Role
    from tests.factories import give_role

    give_role(member_user, Role.Kind.MEMBER, organisation=built["fr_bio"])
    draft = make_profile(
        built["fr_bio"], title="Lidar draft", description="Lidars pour télescopes", language="fr"
    )
    client.force_login(outsider_user)
    assert client.get("/en/partners/for/", {"profile": draft.pk}).status_code == 404
    client.force_login(member_user)
    html = client.get("/en/partners/for/", {"profile": draft.pk}).content.decode()
    assert "Optique Azur" in html


def test_profile_page_includes_the_partners_block(client, built):
    profile = make_profile(built["fr_bio"], status=CooperationProfile.Status.PUBLISHED)
    html = client.get(f"/en/profiles/{profile.pk}/").content.decode()
    assert f'hx-get="/en/partners/for/?profile={profile.pk}"' in html


def test_feedback_buttons_store_the_verdict(client, built, member_user):
    client.force_login(member_user)
    response = client.post(
        "/en/partners/feedback/",
        {
            "result": built["ru_lab"].pk,
            "relevant": "0",
            "query": FRENCH_NEED,
            "query_lang": "fr",
            "rank": 1,
            "score": 0.1,
        },
    )
    assert response.status_code == 200
    assert "marked as not relevant" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (
        feedback.user,
        feedback.result,
        feedback.relevant,
        feedback.query,
        feedback.subject,
    ) == (member_user, built["ru_lab"], False, FRENCH_NEED, "text")


def test_anonymous_feedback_is_refused(client, built):
    response = client.post(
        "/en/partners/feedback/", {"result": built["ru_lab"].pk, "relevant": "1"}
    )
    assert response.status_code == 403
    assert not Feedback.objects.exists()


@pytest.fixture
def api_client():
    return TestClient(api)


def test_api_recommends_with_translated_reasons(api_client, built):
    response = api_client.get(
        "/matching/recommendations",
        query_params={"text": FRENCH_NEED, "country": ["RU"], "top": 3},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    first = response.json()[0]
    assert (first["ref"], first["country"]) == ("ru:lab", "RU")
    assert first["reasons"] == [
        {
            "kind": "topic",
            "code": "shares_concepts",
            "text": "shares: ground segment, Earth observation",
        }
    ]


def test_api_does_not_reveal_drafts(api_client, built, outsider_user):
    draft = make_profile(built["fr_bio"], title="Lidar draft")
    response = api_client.get(
        f"/matching/profiles/{draft.pk}/partners", headers=bearer(outsider_user)
    )
    assert response.status_code == 404


def test_api_feedback_needs_a_caller(api_client, built, member_user):
    body = {"result_id": built["ru_lab"].pk, "relevant": True, "query": "lidar"}
    assert api_client.post("/matching/feedback", json=body).status_code == 401
    assert (
        api_client.post("/matching/feedback", json=body, headers=bearer(member_user)).status_code
        == 201
    )
    assert Feedback.objects.get().relevant is True


def test_visitors_of_a_public_profile_do_not_learn_its_owner_from_the_reasons(client, built):
    profile = make_profile(
        built["fr_optics"],
        status=CooperationProfile.Status.PUBLISHED,
        title="Optique adaptative",
        description="Optique adaptative et lidars pour télescopes et petits satellites.",
        language="fr",
    )
    html = client.get("/en/partners/for/", {"profile": profile.pk}).content.decode()
    assert "Optique Azur" not in html
    assert "worked with" not in html


urlpatterns = [path("api/", api.urls)]


@pytest.mark.urls("tests.matching.test_views")
def test_openapi_schema_describes_the_matching_operations(client):
    schema = client.get("/api/openapi.json").json()
    assert sorted(schema["paths"]) == [
        "/api/matching/feedback",
        "/api/matching/organisations/{organisation_id}/partners",
        "/api/matching/profiles/{profile_id}/partners",
        "/api/matching/recommendations",
    ]
