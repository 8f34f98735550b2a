"""Meeting requests: sending, answering, expiry, the cap, booking rules, notices."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.events import services
from jumelage.events.models import Meeting, MeetingRequest
from jumelage.notifications.models import Notification


def test_request_notifies_the_requested_person_in_app_and_by_email(
    host_a, visitor_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.send_request(
            actor=visitor_a.person.user,
            requester=visitor_a,
            recipient=host_a,
            message="Photonics for satellites",
            priority=MeetingRequest.Priority.MUST,
        )
    assert request.status == MeetingRequest.Status.PENDING
    assert request.expires_at - request.created_at == pytest.approx(
        timedelta(hours=72), abs=timedelta(seconds=5)
    )
    notice = Notification.objects.get(recipient=host_a.person.user)
    assert notice.kind == Notification.Kind.REQUEST_RECEIVED
    assert [m.to for m in mailoutbox] == [["hosta@example.org"]]
    assert "Olga Ivanova" in mailoutbox[0].subject
    assert "Photonics for satellites" in mailoutbox[0].body


def test_email_is_written_in_the_recipients_language(
    host_a, visitor_a, mailoutbox, django_capture_on_commit_callbacks
):
    user = host_a.person.user
    user.language = "fr"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=host_a)
    assert mailoutbox[0].to == ["hosta@example.org"]
    # The French catalogue may not be compiled yet; the body must still be rendered.
    assert "Olga Ivanova" in mailoutbox[0].body


def test_accept_creates_an_unplaced_meeting_and_tells_the_requester(
    host_a, visitor_a, mailoutbox, django_capture_on_commit_callbacks
):
    request = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.accept_request(actor=host_a.person.user, request=request)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    assert (meeting.first, meeting.second, meeting.slot) == (visitor_a, host_a, None)
    assert [m.to for m in mailoutbox] == [["visitora@example.org"]]


def test_accept_with_a_slot_puts_the_meeting_on_both_agendas(event, host_a, visitor_a):
    slot = event.sessions.get().slots.get(index=2)
    request = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    version = event.schedule_version
    meeting = services.accept_request(actor=host_a.person.user, request=request, slot=slot)
    event.refresh_from_db()
    assert (meeting.slot, meeting.table.number) == (slot, 1)
    assert event.schedule_version == version + 1


def test_mutual_requests_make_one_mutual_meeting(host_a, visitor_a):
    first = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    second = services.send_request(
        actor=host_a.person.user,
        requester=host_a,
        recipient=visitor_a,
        priority=MeetingRequest.Priority.MUST,
    )
    meeting = services.accept_request(actor=host_a.person.user, request=first)
    second.refresh_from_db()
    assert second.status == MeetingRequest.Status.ACCEPTED
    assert (meeting.mutual, meeting.must_meet) == (True, True)
    assert Meeting.objects.count() == 1


def test_decline_tells_the_requester_and_creates_no_meeting(
    host_a, visitor_a, mailoutbox, django_capture_on_commit_callbacks
):
    request = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_request(actor=host_a.person.user, request=request)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.DECLINED
    assert Meeting.objects.count() == 0
    assert [m.to for m in mailoutbox] == [["visitora@example.org"]]


def test_only_the_recipient_may_answer(host_a, host_b, visitor_a):
    request = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    for user in (visitor_a.person.user, host_b.person.user):
        with pytest.raises(PermissionDenied):
            services.accept_request(actor=user, request=request)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING
    assert Meeting.objects.count() == 0


def test_pending_requests_expire_and_cannot_be_accepted_after(host_a, visitor_a):
    request = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    later = timezone.now() + timedelta(hours=73)
    with pytest.raises(DomainError, match="no longer waiting"):
        services.accept_request(actor=host_a.person.user, request=request, now=later)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.EXPIRED
    assert Meeting.objects.count() == 0


def test_expire_requests_command_expires_only_what_is_due(host_a, host_b, visitor_a, capsys):
    due = services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=host_a)
    fresh = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_b
    )
    MeetingRequest.objects.filter(pk=due.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("expire_requests")
    assert capsys.readouterr().out.strip() == "1 request expired."
    due.refresh_from_db()
    fresh.refresh_from_db()
    assert (due.status, fresh.status) == ("expired", "pending")


def test_request_list_expires_on_read(client, host_a, visitor_a):
    request = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(visitor_a.person.user)
    response = client.get(f"/en/events/{host_a.event_id}/requests/")
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.EXPIRED


def test_cap_on_open_requests_refuses_the_next_one(event, host_a, host_b, visitor_a):
    event.max_open_requests = 1
    event.save()
    services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=host_a)
    visitor_a.event.refresh_from_db()
    with pytest.raises(DomainError, match="1 request waiting"):
        services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=host_b)
    assert MeetingRequest.objects.filter(requester=visitor_a).count() == 1


def test_expired_requests_no_longer_count_against_the_cap(event, host_a, host_b, visitor_a):
    event.max_open_requests = 1
    event.save()
    first = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_a
    )
    MeetingRequest.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    visitor_a.event.refresh_from_db()
    second = services.send_request(
        actor=visitor_a.person.user, requester=visitor_a, recipient=host_b
    )
    assert second.status == MeetingRequest.Status.PENDING


def test_booking_rules_refuse_a_side_that_may_not_request(event, host_a, visitor_a, visitor_b):
    event.host_may_request_visiting = False
    event.save()
    host_a.event.refresh_from_db()
    with pytest.raises(DomainError, match="do not let"):
        services.send_request(actor=host_a.person.user, requester=host_a, recipient=visitor_a)
    visitor_a.event.refresh_from_db()
    with pytest.raises(DomainError, match="do not let"):
        services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=visitor_b)
    assert MeetingRequest.objects.count() == 0


def test_a_second_request_to_the_same_person_is_refused(host_a, visitor_a):
    services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=host_a)
    with pytest.raises(DomainError, match="already requested"):
        services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=host_a)
    assert MeetingRequest.objects.count() == 1


def test_unapproved_participants_cannot_request(event, host_a, visitor_a):
    visitor_a.status = visitor_a.Status.PENDING
    visitor_a.save()
    with pytest.raises(PermissionDenied):
        services.send_request(actor=visitor_a.person.user, requester=visitor_a, recipient=host_a)
    assert MeetingRequest.objects.count() == 0
