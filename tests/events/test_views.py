"""Pages and permissions: organiser, participant, outsider — exact status codes, nothing changed."""

from __future__ import annotations

import pytest

from jumelage.events import services
from jumelage.events.models import Event, Meeting, MeetingRequest, Participant, ScheduleRun
from jumelage.events.rules import SYSTEM
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def meeting(host_a, visitor_a):
    request = services.send_request(
        actor=SYSTEM, requester=visitor_a, recipient=host_a, message="Lidar"
    )
    return services.accept_request(actor=SYSTEM, request=request)


@pytest.fixture
def outsider(db):
    return UserFactory(username="stranger")


def url(event, suffix=""):
    return f"/en/events/{event.pk}/{suffix}"


ORGANISER_PAGES = ["setup/", "schedule/", "table-plan/", "analytics/", "meetings.csv", "edit/"]


@pytest.mark.parametrize("suffix", ORGANISER_PAGES)
def test_organiser_pages_open_for_the_organiser(client, event, organiser, meeting, suffix):
    client.force_login(organiser)
    response = client.get(url(event, suffix))
    assert response.status_code == 200


@pytest.mark.parametrize("suffix", ORGANISER_PAGES)
def test_organiser_pages_are_forbidden_to_participants(client, event, visitor_a, meeting, suffix):
    client.force_login(visitor_a.person.user)
    assert client.get(url(event, suffix)).status_code == 403


@pytest.mark.parametrize(
    "suffix", [*ORGANISER_PAGES, "participants/", "requests/", "agenda/", "suggestions/"]
)
def test_outsiders_see_nothing_private(client, event, outsider, meeting, suffix):
    client.force_login(outsider)
    assert client.get(url(event, suffix)).status_code == 403


def test_anonymous_visitors_see_the_public_event_but_not_its_participants(client, event, meeting):
    response = client.get(url(event))
    assert response.status_code == 200
    assert b"Marseille, Palais du Pharo" in response.content
    assert b"Ivanova" not in response.content
    response = client.get(url(event, "participants/"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_private_event_is_not_found_for_outsiders(client, event, outsider):
    event.is_public = False
    event.save()
    client.force_login(outsider)
    assert client.get(url(event)).status_code == 404
    assert client.get("/en/events/").content.count(b"PACA B2B day") == 0


def test_programme_managers_of_the_events_programme_are_organisers(
    client, event, programme_manager, meeting
):
    client.force_login(programme_manager)
    assert client.get(url(event, "schedule/")).status_code == 200


def test_participant_sees_own_agenda_but_not_another_participants(
    client, event, host_a, visitor_a, visitor_b, meeting
):
    client.force_login(visitor_a.person.user)
    assert client.get(url(event, f"agenda/{visitor_a.pk}.ics")).status_code == 200
    assert client.get(url(event, f"agenda/{visitor_b.pk}.ics")).status_code == 403
    assert client.get(url(event, f"agenda/{visitor_b.pk}.pdf")).status_code == 403
    # `?participant=` is only honoured for organisers.
    response = client.get(url(event, "agenda/") + f"?participant={visitor_b.pk}")
    assert response.status_code == 200
    assert "Olga Ivanova" in response.content.decode()
    assert "Ivan Petrov" not in response.content.decode()


def test_participant_cannot_accept_a_request_sent_to_someone_else(
    client, event, host_a, host_b, visitor_a
):
    request = services.send_request(actor=SYSTEM, requester=visitor_a, recipient=host_a)
    client.force_login(host_b.person.user)
    response = client.post(url(event, f"requests/{request.pk}/accept/"), {})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING
    assert Meeting.objects.count() == 0


def test_outsider_cannot_run_or_publish_the_schedule(client, event, outsider, visitor_a, meeting):
    for user in (outsider, visitor_a.person.user):
        client.force_login(user)
        response = client.post(url(event, "schedule/run/"), {"time_limit": 2})
        assert response.status_code == 403
    assert ScheduleRun.objects.count() == 0


def test_participant_cannot_move_or_check_in_meetings(client, event, visitor_a, meeting):
    slot = event.sessions.get().slots.first()
    client.force_login(visitor_a.person.user)
    response = client.post(
        url(event, f"meetings/{meeting.pk}/move/"),
        {"version": event.schedule_version, "slot": slot.pk, "action": "move"},
    )
    assert response.status_code == 403
    response = client.post(url(event, f"meetings/{meeting.pk}/check-in/"), {"attendance": "held"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.attendance) == (None, "unknown")


def test_registration_waits_for_the_organisers_approval(client, event, organiser, member_company):
    user = UserFactory(username="newcomer")
    person = PersonFactory(
        organisation=member_company, user=user, first_name="Sophie", last_name="Laurent"
    )
    client.force_login(user)
    response = client.post(url(event, "register/"), {"side": "host", "note": "optics"})
    assert response.status_code == 302
    participant = Participant.objects.get(person=person)
    assert participant.status == Participant.Status.PENDING
    assert client.get(url(event, "requests/new/")).status_code == 403
    client.force_login(organiser)
    response = client.post(
        url(event, f"participants/{participant.pk}/decide/"), {"decision": "approve"}
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == Participant.Status.APPROVED


def test_organiser_creates_an_event_with_sessions_and_tables(client, programme_manager):
    client.force_login(programme_manager)
    response = client.post(
        "/en/events/new/",
        {
            "title": "Tomsk delegation",
            "slug": "tomsk",
            "place": "Nice",
            "time_zone": "Europe/Paris",
            "start_date": "2026-12-02",
            "end_date": "2026-12-02",
            "scheduling_mode": "organiser",
            "visiting_may_request_host": "on",
            "host_may_request_visiting": "on",
            "request_expiry_hours": 48,
            "max_open_requests": 5,
            "tables": 4,
            "is_public": "on",
            "registration_open": "on",
        },
    )
    event = Event.objects.get(slug="tomsk")
    assert response.status_code == 302
    assert event.tables.count() == 4
    response = client.post(
        f"/en/events/{event.pk}/setup/",
        {
            "label": "Matin",
            "day": "2026-12-02",
            "start": "09:30",
            "slot_minutes": 30,
            "break_minutes": 0,
            "slot_count": 6,
        },
    )
    assert response.status_code == 302
    session = event.sessions.get()
    assert session.slots.count() == 6
    assert (
        session.slots.last().starts_at.isoformat() == "2026-12-02T11:00:00+00:00"
    )  # 12:00 in Paris


def test_event_with_a_bad_time_zone_is_refused(client, programme_manager):
    client.force_login(programme_manager)
    response = client.post(
        "/en/events/new/",
        {
            "title": "X",
            "slug": "x",
            "place": "Nice",
            "time_zone": "Mars/Olympus",
            "start_date": "2026-12-02",
            "end_date": "2026-12-01",
            "scheduling_mode": "organiser",
            "request_expiry_hours": 48,
            "max_open_requests": 5,
            "tables": 4,
        },
    )
    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()
    assert not Event.objects.filter(slug="x").exists()


def test_full_flow_pages_render(client, event, organiser, host_a, visitor_a, meeting):
    client.force_login(visitor_a.person.user)
    for suffix in [
        "",
        "participants/",
        "requests/",
        "requests/new/",
        "suggestions/",
        "agenda/",
        "availability/",
    ]:
        assert client.get(url(event, suffix)).status_code == 200, suffix
    client.force_login(host_a.person.user)
    response = client.get(url(event, f"meetings/{meeting.pk}/pick/"))
    assert response.status_code == 200
    slot = event.sessions.get().slots.get(index=1)
    response = client.post(url(event, f"meetings/{meeting.pk}/pick/"), {"slot": slot.pk})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.slot == slot
    client.force_login(organiser)
    response = client.post(url(event, f"meetings/{meeting.pk}/check-in/"), {"attendance": "held"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.attendance == "held"
    assert client.get(url(event, "table-plan/")).status_code == 200


def test_organiser_schedule_page_refuses_a_stale_move_with_a_clear_message(
    client, event, organiser, meeting
):
    slots = list(event.sessions.get().slots.order_by("index"))
    client.force_login(organiser)
    version = event.schedule_version
    client.post(
        url(event, f"meetings/{meeting.pk}/move/"),
        {"version": version, "slot": slots[0].pk, "action": "move"},
    )
    response = client.post(
        url(event, f"meetings/{meeting.pk}/move/"),
        {"version": version, "slot": slots[2].pk, "action": "move"},
        follow=True,
    )
    assert "Someone else changed this event&#x27;s schedule" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.slot == slots[0]


@pytest.mark.parametrize("language", ["fr", "en", "ru"])
def test_pages_render_in_every_language(client, event, organiser, visitor_a, meeting, language):
    client.force_login(organiser)
    for suffix in ["", "schedule/", "table-plan/", "analytics/", "participants/", "requests/"]:
        response = client.get(f"/{language}/events/{event.pk}/{suffix}")
        assert response.status_code == 200, suffix
        assert f'<html lang="{language}">' in response.content.decode()
    client.force_login(visitor_a.person.user)
    response = client.get(f"/{language}/events/{event.pk}/agenda/")
    assert response.status_code == 200
