"""The events API: events, requests and agendas behind the same rules as the pages."""

from __future__ import annotations

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from jumelage.accounts.models import ApiToken
from jumelage.api.errors import install_error_handlers
from jumelage.events import services
from jumelage.events.api import router
from jumelage.events.models import Meeting, MeetingRequest
from jumelage.events.rules import SYSTEM
from tests.factories import UserFactory


@pytest.fixture(scope="module")
def api_client():
    api = NinjaAPI(urls_namespace="events-api-tests")
    install_error_handlers(api)
    api.add_router("/events", router)
    return TestClient(api)


def bearer(user) -> dict[str, str]:
    _token, key = ApiToken.issue(user=user, name="tests")
    return {"Authorization": f"Bearer {key}"}


def test_anyone_lists_public_events_without_participants(api_client, event, visitor_a):
    response = api_client.get("/events/")
    assert response.status_code == 200
    [item] = response.json()
    assert (item["title"], item["time_zone"], item["is_organiser"]) == (
        "PACA B2B day",
        "Europe/Paris",
        False,
    )
    assert item["sessions"][0]["slot_count"] == 4
    assert "Ivanova" not in response.content.decode()


def test_participant_requests_and_the_recipient_accepts_with_a_slot(
    api_client, event, host_a, visitor_a
):
    response = api_client.post(
        f"/events/{event.pk}/requests",
        json={"recipient": host_a.pk, "message": "Optics", "priority": "must"},
        headers=bearer(visitor_a.person.user),
    )
    assert response.status_code == 201, response.content
    request_id = response.json()["id"]
    assert response.json()["status"] == "pending"
    response = api_client.get(
        f"/events/{event.pk}/requests/{request_id}/slots", headers=bearer(host_a.person.user)
    )
    assert [s["starts_at"] for s in response.json()] == [
        "2026-12-01T09:00:00+01:00",
        "2026-12-01T09:25:00+01:00",
        "2026-12-01T09:50:00+01:00",
        "2026-12-01T10:15:00+01:00",
    ]
    slot = event.sessions.get().slots.get(index=1)
    response = api_client.post(
        f"/events/{event.pk}/requests/{request_id}/accept",
        json={"slot": slot.pk},
        headers=bearer(host_a.person.user),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"
    response = api_client.get(f"/events/{event.pk}/agenda", headers=bearer(visitor_a.person.user))
    assert response.status_code == 200
    [meeting] = response.json()["meetings"]
    assert meeting["with_participant"]["name"] == "Jean Dupont"
    assert meeting["starts_at"] == "2026-12-01T09:25:00+01:00"
    assert (
        meeting["uid"] == f"jumelage-event-{event.pk}-meeting-{Meeting.objects.get().pk}@jumelage"
    )


def test_requester_cannot_accept_their_own_request(api_client, event, host_a, visitor_a):
    request = services.send_request(actor=SYSTEM, requester=visitor_a, recipient=host_a)
    response = api_client.post(
        f"/events/{event.pk}/requests/{request.pk}/accept",
        json={},
        headers=bearer(visitor_a.person.user),
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You may not do this in this event."}
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING


def test_outsiders_get_nothing_private(api_client, event, host_a, visitor_a):
    request = services.send_request(actor=SYSTEM, requester=visitor_a, recipient=host_a)
    outsider = UserFactory(username="api-outsider")
    headers = bearer(outsider)
    assert api_client.get(f"/events/{event.pk}/requests", headers=headers).status_code == 403
    assert api_client.get(f"/events/{event.pk}/agenda", headers=headers).status_code == 403
    response = api_client.post(f"/events/{event.pk}/requests/{request.pk}/decline", headers=headers)
    assert response.status_code == 404
    response = api_client.post(
        f"/events/{event.pk}/requests", json={"recipient": host_a.pk}, headers=headers
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING
    assert MeetingRequest.objects.count() == 1


def test_anonymous_writes_are_refused_with_401(api_client, event, host_a):
    response = api_client.post(f"/events/{event.pk}/requests", json={"recipient": host_a.pk})
    assert response.status_code == 401
    assert MeetingRequest.objects.count() == 0


def test_participant_reads_only_their_own_agenda(
    api_client, event, visitor_a, visitor_b, organiser
):
    response = api_client.get(
        f"/events/{event.pk}/agenda?participant={visitor_b.pk}",
        headers=bearer(visitor_a.person.user),
    )
    assert response.status_code == 403
    response = api_client.get(
        f"/events/{event.pk}/agenda?participant={visitor_b.pk}", headers=bearer(organiser)
    )
    assert response.status_code == 200
    assert response.json()["participant"]["name"] == "Ivan Petrov"


def test_domain_refusals_are_400_with_the_message(api_client, event, host_a, visitor_a, visitor_b):
    response = api_client.post(
        f"/events/{event.pk}/requests",
        json={"recipient": visitor_b.pk},
        headers=bearer(visitor_a.person.user),
    )
    assert response.status_code == 400
    assert "do not let" in response.json()["detail"]
    assert MeetingRequest.objects.count() == 0


def test_the_router_describes_itself_in_openapi():
    api = NinjaAPI(urls_namespace="events-openapi-tests")
    api.add_router("/events", router)
    paths = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    assert sorted(paths) == [
        "/api/v1/events/",
        "/api/v1/events/{event_id}",
        "/api/v1/events/{event_id}/agenda",
        "/api/v1/events/{event_id}/requests",
        "/api/v1/events/{event_id}/requests/{request_id}/accept",
        "/api/v1/events/{event_id}/requests/{request_id}/decline",
        "/api/v1/events/{event_id}/requests/{request_id}/slots",
    ]


def test_the_mounted_api_serves_events_with_the_browser_session(event, host_a, visitor_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(visitor_a.person.user)
    response = client.get(f"/api/v1/events/{event.pk}/agenda")
    assert response.status_code == 200
    assert response.json()["participant"]["name"] == "Olga Ivanova"
    response = client.post(
        f"/api/v1/events/{event.pk}/requests",
        data={"recipient": host_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 403  # a browser write must carry the CSRF token
    assert MeetingRequest.objects.count() == 0
