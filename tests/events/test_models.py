"""Model-level rules of events."""

from __future__ import annotations

import pytest
from django.db.models import RestrictedError

from jumelage.events.models import Meeting, MeetingRequest
from tests.events.test_scheduling import agree


def test_deleting_an_event_deletes_its_requests_and_meetings(event, host_a, visitor_a):
    agree(visitor_a, host_a)
    event.delete()
    assert Meeting.objects.count() == MeetingRequest.objects.count() == 0


def test_an_accepted_request_cannot_be_deleted_under_its_meeting(event, host_a, visitor_a):
    meeting = agree(visitor_a, host_a)
    with pytest.raises(RestrictedError):
        meeting.request.delete()
    assert Meeting.objects.count() == 1
