"""Who may see and do what in an event: the one place these rules live.

- an organiser (a programme manager of the event's programme, a user named among the
  event's organisers, or a superuser) runs everything of the event;
- a participant sees the event's approved participants, their own requests, meetings and
  agenda, and acts on them;
- everyone else sees only what is public: title, dates, place of a publicly listed event.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jumelage.directory import rules as directory_rules
from jumelage.events.models import Event, Meeting, MeetingRequest, Participant


class _System:
    """The platform itself acting (commands, the demo loader): an organiser of every event.

    It is not a user: it never logs in, and the audit trail records its actions without one.
    """

    is_authenticated = False
    is_superuser = False
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_create_event(user: Any) -> bool:
    return user is SYSTEM or directory_rules.is_programme_manager(user)


def is_organiser(user: Any, event: Event) -> bool:
    if user is SYSTEM:
        return True
    if not _authenticated(user):
        return False
    if user.is_superuser:
        return True
    if event.programme_id and event.programme_id in directory_rules.managed_programme_ids(user):
        return True
    return event.organisers.filter(pk=user.pk).exists()


def participation(user: Any, event: Event) -> Participant | None:
    """The user's own participation in the event (any status), or None."""
    if not _authenticated(user):
        return None
    return (
        Participant.objects.select_related("person__organisation")
        .filter(event=event, person__user=user)
        .first()
    )


def approved_participation(user: Any, event: Event) -> Participant | None:
    participant = participation(user, event)
    if participant and participant.status == Participant.Status.APPROVED:
        return participant
    return None


def visible_events(user: Any) -> QuerySet[Event]:
    """Every event `user` may open: the scoping function all event lists go through."""
    events = Event.objects.all()
    if getattr(user, "is_superuser", False):
        return events
    condition = Q(is_public=True)
    if _authenticated(user):
        programmes = directory_rules.managed_programme_ids(user)
        condition |= Q(organisers=user) | Q(participants__person__user=user)
        if programmes:
            condition |= Q(programme_id__in=programmes)
    return events.filter(condition).distinct()


def can_view_event(user: Any, event: Event) -> bool:
    return visible_events(user).filter(pk=event.pk).exists()


def can_see_participants(user: Any, event: Event) -> bool:
    return is_organiser(user, event) or approved_participation(user, event) is not None


def can_register(user: Any, event: Event) -> bool:
    """A logged-in person of an organisation may ask to take part while registration is open."""
    if not _authenticated(user) or not event.registration_open:
        return False
    person = getattr(user, "person", None)
    return person is not None and person.erased_at is None


def can_act_as(user: Any, participant: Participant) -> bool:
    """May `user` send, answer and plan meetings as `participant`? Themself or an organiser."""
    if participant.person.user_id and participant.person.user_id == getattr(user, "pk", None):
        return participant.status == Participant.Status.APPROVED
    return is_organiser(user, participant.event)


def can_view_agenda(user: Any, participant: Participant) -> bool:
    if participant.person.user_id and participant.person.user_id == getattr(user, "pk", None):
        return True
    return is_organiser(user, participant.event)


def can_answer(user: Any, request: MeetingRequest) -> bool:
    return can_act_as(user, request.recipient)


def can_cancel(user: Any, request: MeetingRequest) -> bool:
    return can_act_as(user, request.requester)


def can_view_request(user: Any, request: MeetingRequest) -> bool:
    return (
        is_organiser(user, request.event)
        or can_view_agenda(user, request.requester)
        or can_view_agenda(user, request.recipient)
    )


def visible_requests(user: Any, event: Event) -> QuerySet[MeetingRequest]:
    """The requests of the event `user` may read: all for an organiser, else their own."""
    requests = MeetingRequest.objects.filter(event=event)
    if is_organiser(user, event):
        return requests
    if not _authenticated(user):
        return requests.none()
    return requests.filter(Q(requester__person__user=user) | Q(recipient__person__user=user))


def can_check_in(user: Any, meeting: Meeting) -> bool:
    return is_organiser(user, meeting.event)
