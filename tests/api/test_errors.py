"""Domain errors at the API's edge: each kind of refusal has its own status and message."""

from __future__ import annotations

import pytest
from django.utils import translation
from ninja import NinjaAPI, Router, Schema
from ninja.testing import TestClient

from jumelage.api.errors import RETRY_AFTER_SECONDS, install_error_handlers
from jumelage.compliance.services import Blocked
from jumelage.core.errors import InputError
from jumelage.events import services as event_services
from jumelage.events.models import Event, Meeting, Side
from jumelage.matching.services import IndexNotReady
from tests.api.conftest import bearer
from tests.events.conftest import make_event, make_participant
from tests.factories import UserFactory


class VersionIn(Schema):
    version: int


router = Router()


@router.post("/meetings/{int:meeting_id}/unschedule")
def unschedule(request, meeting_id: int, payload: VersionIn):
    """Take a meeting out of the schedule the caller read at `version` (the pages' service)."""
    meeting = Meeting.objects.select_related("event").get(pk=meeting_id)
    event_services.place_meeting(
        actor=request.auth, meeting=meeting, slot=None, expected_version=payload.version
    )
    return {"slot": meeting.slot_id}


@router.get("/recommendations")
def recommendations(request):
    raise IndexNotReady("Recommendations are being prepared; come back in a few minutes.")


@router.post("/blocked")
def blocked(request):
    raise Blocked("“Zavod” has a confirmed sanctions hit: this cannot be done with it.")


@router.post("/files")
def bad_file(request):
    raise InputError(
        "partners.jsonl, line 3, field “country”: must be an ISO 3166-1 alpha-2 code",
        file="partners.jsonl",
        line=3,
        field="country",
    )


@pytest.fixture(scope="module")
def api_client():
    from jumelage.api.auth import AUTHENTICATED

    api = NinjaAPI(urls_namespace="api-errors-tests", auth=AUTHENTICATED)
    install_error_handlers(api)
    api.add_router("/", router)
    return TestClient(api)


@pytest.fixture
def placed_meeting(programme):
    event = make_event(programme)
    host = make_participant(
        event, username="host", first="Jean", last="Dupont", side=Side.HOST, country="FR"
    )
    visitor = make_participant(
        event, username="visitor", first="Olga", last="Ivanova", side=Side.VISITING, country="RU"
    )
    slot = event.sessions.get().slots.order_by("starts_at").first()
    return Meeting.objects.create(
        event=event, first=host, second=visitor, slot=slot, table=event.tables.first()
    )


@pytest.fixture
def organiser(placed_meeting):
    user = UserFactory(username="organiser")
    placed_meeting.event.organisers.add(user)
    return user


def test_a_schedule_changed_since_it_was_read_is_409_and_nothing_moves(
    api_client, placed_meeting, organiser
):
    event = placed_meeting.event
    read_version = event.schedule_version
    Event.objects.filter(pk=event.pk).update(schedule_version=read_version + 1)

    response = api_client.post(
        f"/meetings/{placed_meeting.pk}/unschedule",
        json={"version": read_version},
        headers=bearer(organiser),
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Someone else changed this event's schedule since you opened it. Nothing "
        "was saved: reload the page to see the current schedule, then try again."
    }
    placed_meeting.refresh_from_db()
    assert placed_meeting.slot_id is not None
    assert Event.objects.get(pk=event.pk).schedule_version == read_version + 1


def test_the_schedule_conflict_is_told_in_the_callers_language(
    api_client, placed_meeting, organiser
):
    event = placed_meeting.event
    Event.objects.filter(pk=event.pk).update(schedule_version=event.schedule_version + 1)

    with translation.override("fr"):
        response = api_client.post(
            f"/meetings/{placed_meeting.pk}/unschedule",
            json={"version": event.schedule_version},
            headers=bearer(organiser),
        )

    assert response.status_code == 409
    assert response.json()["detail"].startswith(
        "Quelqu'un d'autre a modifié le planning de cet événement"
    )


def test_a_current_schedule_version_is_saved(api_client, placed_meeting, organiser):
    response = api_client.post(
        f"/meetings/{placed_meeting.pk}/unschedule",
        json={"version": placed_meeting.event.schedule_version},
        headers=bearer(organiser),
    )

    assert response.status_code == 200
    assert response.json() == {"slot": None}
    placed_meeting.refresh_from_db()
    assert placed_meeting.slot_id is None


def test_an_outsider_is_refused_with_403_before_the_version_is_looked_at(
    api_client, placed_meeting, outsider_user
):
    response = api_client.post(
        f"/meetings/{placed_meeting.pk}/unschedule",
        json={"version": placed_meeting.event.schedule_version - 1},
        headers=bearer(outsider_user),
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "You may not do this in this event."}


def test_work_that_is_still_being_prepared_is_503_with_retry_after(api_client, outsider_user):
    response = api_client.get("/recommendations", headers=bearer(outsider_user))

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {
        "detail": "Recommendations are being prepared; come back in a few minutes."
    }


def test_an_action_blocked_by_a_sanctions_hit_is_403(api_client, outsider_user):
    response = api_client.post("/blocked", headers=bearer(outsider_user))

    assert response.status_code == 403
    assert response.json() == {
        "detail": "“Zavod” has a confirmed sanctions hit: this cannot be done with it."
    }


def test_bad_input_in_a_file_is_422_naming_the_field(api_client, outsider_user):
    response = api_client.post("/files", headers=bearer(outsider_user))

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Some fields are not valid.",
        "errors": [
            {
                "field": "country",
                "message": "partners.jsonl, line 3, field “country”: must be an ISO 3166-1 "
                "alpha-2 code",
            }
        ],
    }
