"""Events over HTTP: events, meeting requests and agendas (mounted at /api/v1/events).

Thin endpoints behind `events.rules`, the rules the pages use: anyone lists and reads
public events; a participant reads and answers their own requests and reads their agenda;
an organiser reads everything of their event and any participant's agenda.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from jumelage.api.auth import AUTHENTICATED, OPTIONAL, OPTIONAL_OPENAPI
from jumelage.core.errors import PermissionDenied
from jumelage.events import rules, selectors, services
from jumelage.events.models import Event, MeetingRequest, Participant, Slot

router = Router(tags=["events"])


class ErrorOut(Schema):
    detail: str


class SessionOut(Schema):
    id: int
    label: str
    day: date
    start: str
    slot_minutes: int
    break_minutes: int
    slot_count: int


class EventOut(Schema):
    id: int
    slug: str
    title: str
    place: str
    time_zone: str
    start_date: date
    end_date: date
    registration_open: bool
    scheduling_mode: str
    is_organiser: bool
    sessions: list[SessionOut]


class ParticipantRef(Schema):
    id: int
    name: str
    organisation: str
    side: str


class RequestOut(Schema):
    id: int
    requester: ParticipantRef
    recipient: ParticipantRef
    message: str
    priority: str
    status: str
    created_at: datetime
    expires_at: datetime


class RequestIn(Schema):
    recipient: int
    message: str = ""
    priority: str = MeetingRequest.Priority.NICE


class AcceptIn(Schema):
    slot: int | None = None


class SlotOut(Schema):
    id: int
    session: str
    starts_at: datetime
    ends_at: datetime


class AgendaMeetingOut(Schema):
    meeting: int
    uid: str
    with_participant: ParticipantRef
    starts_at: datetime | None
    ends_at: datetime | None
    session: str | None
    table: int | None
    attendance: str


class AgendaOut(Schema):
    participant: ParticipantRef
    time_zone: str
    meetings: list[AgendaMeetingOut]


ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _event(request: HttpRequest, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None or not rules.can_view_event(request.auth, event):
        raise Http404(_("No such event."))
    return event


def _participant_ref(participant: Participant) -> dict[str, Any]:
    return {
        "id": participant.pk,
        "name": participant.name,
        "organisation": participant.organisation.display_name,
        "side": participant.side,
    }


def _event_out(event: Event, user: Any) -> dict[str, Any]:
    return {
        "id": event.pk,
        "slug": event.slug,
        "title": event.title,
        "place": event.place,
        "time_zone": event.time_zone,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "registration_open": event.registration_open,
        "scheduling_mode": event.scheduling_mode,
        "is_organiser": rules.is_organiser(user, event),
        "sessions": [
            {
                "id": s.pk,
                "label": s.label,
                "day": s.day,
                "start": s.start.strftime("%H:%M"),
                "slot_minutes": s.slot_minutes,
                "break_minutes": s.break_minutes,
                "slot_count": s.slot_count,
            }
            for s in event.sessions.all()
        ],
    }


def _request_out(meeting_request: MeetingRequest) -> dict[str, Any]:
    return {
        "id": meeting_request.pk,
        "requester": _participant_ref(meeting_request.requester),
        "recipient": _participant_ref(meeting_request.recipient),
        "message": meeting_request.message,
        "priority": meeting_request.priority,
        "status": meeting_request.status,
        "created_at": meeting_request.created_at,
        "expires_at": meeting_request.expires_at,
    }


def _request(request: HttpRequest, event: Event, request_id: int) -> MeetingRequest:
    meeting_request = (
        MeetingRequest.objects.select_related(
            "event", "requester__person__organisation", "recipient__person__organisation"
        )
        .filter(pk=request_id, event=event)
        .first()
    )
    if meeting_request is None or not rules.can_view_request(request.auth, meeting_request):
        raise Http404(_("No such request."))
    return meeting_request


@router.get("/", response=list[EventOut], auth=OPTIONAL, openapi_extra=OPTIONAL_OPENAPI)
def list_events(request: HttpRequest):
    """Events the caller may see: public ones, and those they organise or take part in."""
    events = rules.visible_events(request.auth).prefetch_related("sessions")
    return [_event_out(event, request.auth) for event in events.order_by("-start_date", "title")]


@router.get(
    "/{event_id}",
    response={200: EventOut, 404: ErrorOut},
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
)
def get_event(request: HttpRequest, event_id: int):
    return _event_out(_event(request, event_id), request.auth)


@router.get("/{event_id}/requests", response={200: list[RequestOut], **ERRORS}, auth=AUTHENTICATED)
def list_requests(request: HttpRequest, event_id: int):
    """The caller's requests (sent and received); every request for an organiser."""
    event = _event(request, event_id)
    services.expire_requests(event=event)
    if (
        not rules.is_organiser(request.auth, event)
        and rules.participation(request.auth, event) is None
    ):
        raise PermissionDenied(_("You do not take part in this event."))
    rows = rules.visible_requests(request.auth, event).select_related(
        "requester__person__organisation", "recipient__person__organisation"
    )
    return [_request_out(r) for r in rows]


@router.post("/{event_id}/requests", response={201: RequestOut, **ERRORS}, auth=AUTHENTICATED)
def create_request(request: HttpRequest, event_id: int, payload: RequestIn):
    """Request a meeting as the caller's own participation in the event."""
    event = _event(request, event_id)
    me = rules.approved_participation(request.auth, event)
    if me is None:
        raise PermissionDenied(_("Only approved participants of this event may request meetings."))
    recipient = Participant.objects.filter(pk=payload.recipient, event=event).first()
    if recipient is None:
        raise Http404(_("No such participant in this event."))
    created = services.send_request(
        actor=request.auth,
        requester=me,
        recipient=recipient,
        message=payload.message,
        priority=payload.priority,
    )
    return Status(201, _request_out(created))


@router.post(
    "/{event_id}/requests/{request_id}/accept",
    response={200: RequestOut, **ERRORS},
    auth=AUTHENTICATED,
)
def accept_request(request: HttpRequest, event_id: int, request_id: int, payload: AcceptIn):
    """Accept a request sent to the caller, optionally in a free common slot."""
    event = _event(request, event_id)
    meeting_request = _request(request, event, request_id)
    slot = None
    if payload.slot is not None:
        slot = Slot.objects.filter(pk=payload.slot, session__event=event).first()
        if slot is None:
            raise Http404(_("No such slot in this event."))
    services.accept_request(actor=request.auth, request=meeting_request, slot=slot)
    meeting_request.refresh_from_db()
    return _request_out(meeting_request)


@router.get(
    "/{event_id}/requests/{request_id}/slots",
    response={200: list[SlotOut], **ERRORS},
    auth=AUTHENTICATED,
)
def free_slots(request: HttpRequest, event_id: int, request_id: int):
    """Slots where both people of a request are free and a table is left (to accept in)."""
    from jumelage.events.models import Meeting

    event = _event(request, event_id)
    meeting_request = _request(request, event, request_id)
    probe = Meeting(event=event, first=meeting_request.requester, second=meeting_request.recipient)
    zone = event.zone
    return [
        {
            "id": slot.pk,
            "session": slot.session.label,
            "starts_at": timezone.localtime(slot.starts_at, zone),
            "ends_at": timezone.localtime(slot.ends_at, zone),
        }
        for slot in selectors.free_common_slots(probe)
    ]


@router.post(
    "/{event_id}/requests/{request_id}/decline",
    response={200: RequestOut, **ERRORS},
    auth=AUTHENTICATED,
)
def decline_request(request: HttpRequest, event_id: int, request_id: int):
    event = _event(request, event_id)
    meeting_request = _request(request, event, request_id)
    services.decline_request(actor=request.auth, request=meeting_request)
    meeting_request.refresh_from_db()
    return _request_out(meeting_request)


@router.get("/{event_id}/agenda", response={200: AgendaOut, **ERRORS}, auth=AUTHENTICATED)
def get_agenda(request: HttpRequest, event_id: int, participant: int | None = None):
    """The caller's agenda; an organiser may ask for any participant's."""
    from jumelage.events.exports import meeting_uid

    event = _event(request, event_id)
    if participant is not None:
        target = get_object_or_404(
            Participant.objects.select_related("person__organisation", "event"),
            pk=participant,
            event=event,
        )
        if not rules.can_view_agenda(request.auth, target):
            raise PermissionDenied(_("You may only read your own agenda."))
    else:
        target = rules.participation(request.auth, event)
        if target is None:
            raise PermissionDenied(_("You do not take part in this event."))
    placed, waiting = selectors.agenda(target)
    zone = event.zone
    return {
        "participant": _participant_ref(target),
        "time_zone": event.time_zone,
        "meetings": [
            {
                "meeting": item.meeting.pk,
                "uid": meeting_uid(item.meeting),
                "with_participant": _participant_ref(item.other),
                "starts_at": timezone.localtime(item.slot.starts_at, zone) if item.slot else None,
                "ends_at": timezone.localtime(item.slot.ends_at, zone) if item.slot else None,
                "session": item.slot.session.label if item.slot else None,
                "table": item.meeting.table.number if item.meeting.table else None,
                "attendance": item.meeting.attendance,
            }
            for item in [*placed, *waiting]
        ],
    }
