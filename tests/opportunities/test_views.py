"""Profile pages: drafting through the form, the workflow buttons, lists and API."""

import pytest
from django.urls import path
from ninja import NinjaAPI
from ninja.testing import TestClient

from jumelage.api.errors import install_error_handlers
from jumelage.directory.models import Sector
from jumelage.notifications.models import Notification
from jumelage.opportunities.api import router
from jumelage.opportunities.models import CooperationProfile, SavedSearch
from tests.api.conftest import bearer

Status = CooperationProfile.Status

api = NinjaAPI(urls_namespace="opportunities-tests")
install_error_handlers(api)
api.add_router("/profiles", router)


@pytest.fixture
def api_client():
    return TestClient(api)


def test_member_drafts_submits_and_the_manager_publishes_through_the_pages(
    client, member_user, member_company, ecosystem_manager
):
    Sector.objects.create(code="photonics")
    client.force_login(member_user)
    response = client.post(
        "/en/profiles/new/",
        {
            "organisation": member_company.pk,
            "type": "technology_request",
            "title": "Fibre lasers for welding",
            "summary": "We seek fibre laser sources.",
            "description": "Welding of thin aluminium sheets.",
            "partner_sought": "A manufacturer of fibre lasers.",
            "partnership_types": ["commercial", "technical"],
            "partner_kinds": ["company"],
            "language": "en",
            "visibility": "public",
            "sector_codes": [Sector.objects.get().pk],
            "activity_codes": "27.90",
            "keywords_text": "fibre laser\nwelding",
        },
    )
    profile = CooperationProfile.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/profiles/{profile.pk}/"
    assert profile.keywords == ["fibre laser", "welding"]
    assert list(profile.activities.values_list("code", flat=True)) == ["27.90"]
    assert profile.created_by == member_user and profile.status == Status.DRAFT

    client.post(f"/en/profiles/{profile.pk}/workflow/submit/")
    client.force_login(ecosystem_manager)
    queue = client.get("/en/profiles/review/").content.decode()
    assert "Fibre lasers for welding" in queue
    client.post(f"/en/profiles/{profile.pk}/workflow/publish/")
    assert CooperationProfile.objects.get().status == Status.PUBLISHED
    assert Notification.objects.filter(recipient=member_user, kind="profile_published").exists()


def test_outsider_posting_a_transition_is_refused(client, outsider_user, published):
    client.force_login(outsider_user)
    assert client.post(f"/en/profiles/{published.pk}/workflow/close/").status_code == 403
    assert CooperationProfile.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_form_reports_the_limits(client, member_user, member_company):
    client.force_login(member_user)
    response = client.post(
        "/en/profiles/new/",
        {
            "organisation": member_company.pk,
            "type": "business_offer",
            "title": "t",
            "summary": "s" * 501,
            "description": "d",
            "partnership_types": ["commercial"],
            "language": "en",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 500 characters (it has 501)." in response.content.decode()
    assert not CooperationProfile.objects.exists()


def test_saving_a_search_from_the_list(client, outsider_user):
    client.force_login(outsider_user)
    client.post(
        "/en/profiles/searches/?q=optics&type=technology_offer", {"name": "Optics", "alerts": "on"}
    )
    search = SavedSearch.objects.get()
    assert (search.user, search.q, search.type, search.alerts) == (
        outsider_user,
        "optics",
        "technology_offer",
        True,
    )


def test_api_lists_only_public_profiles_anonymised(
    api_client, outsider_user, member_user, published, draft, private_profile
):
    anonymous = api_client.get("/profiles").json()
    assert [item["id"] for item in anonymous["items"]] == [published.pk]
    assert anonymous["items"][0]["organisation"] is None
    assert anonymous["items"][0]["country"] == "FR"
    for profile in (draft, private_profile):
        assert (
            api_client.get(f"/profiles/{profile.pk}", headers=bearer(outsider_user)).status_code
            == 404
        )
    own = api_client.get(f"/profiles/{published.pk}", headers=bearer(member_user)).json()
    assert own["organisation"]["name"] == "Optique Azur SAS"


def test_api_interest_then_acceptance_reveals_contacts(
    api_client, outsider_user, outsider_company, member_user, published
):
    sent = api_client.post(
        f"/profiles/{published.pk}/interests",
        json={"organisation_id": outsider_company.pk, "message": "Interested"},
        headers=bearer(outsider_user),
    )
    assert sent.status_code == 201 and sent.json()["contacts"] is None
    decided = api_client.post(
        f"/profiles/interests/{sent.json()['id']}/decision",
        json={"accept": True},
        headers=bearer(member_user),
    )
    assert decided.status_code == 200
    emails = {contact["email"] for contact in decided.json()["contacts"]}
    assert emails == {"member@example.org", "outsider@example.org"}


def test_api_refuses_an_outsider_publishing(api_client, outsider_user, draft):
    response = api_client.post(
        f"/profiles/{draft.pk}/transitions",
        json={"action": "publish"},
        headers=bearer(outsider_user),
    )
    assert response.status_code == 404


urlpatterns = [path("api/", api.urls)]


@pytest.mark.urls("tests.opportunities.test_views")
def test_openapi_schema_describes_the_profile_operations(client):
    schema = client.get("/api/openapi.json").json()
    assert sorted(schema["paths"]) == [
        "/api/profiles",
        "/api/profiles/interests",
        "/api/profiles/interests/{interest_id}/decision",
        "/api/profiles/{profile_id}",
        "/api/profiles/{profile_id}/interests",
        "/api/profiles/{profile_id}/transitions",
    ]


def test_profile_list_queries_do_not_grow_with_the_profiles(
    client, member_user, member_company, outsider_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.opportunities.conftest import make_profile

    client.force_login(outsider_user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/profiles/").status_code == 200
        return len(queries)

    make_profile(member_company, status=Status.PUBLISHED)
    count()  # the first page also reads the countries of the filter, kept for the next
    few = count()
    for n in range(5):
        make_profile(member_company, status=Status.PUBLISHED, title=f"Profile {n}")
    assert count() == few
