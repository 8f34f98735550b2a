"""Writing events: set-up, registration, requests, meetings, scheduling runs, check-in."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.compliance import services as compliance
from jumelage.core import audit
from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.directory.models import Person
from jumelage.engines import scheduling as engine
from jumelage.events import rules
from jumelage.events.models import (
    Assignment,
    Event,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleRun,
    Session,
    Side,
    Slot,
    Table,
)
from jumelage.notifications import services as notifications
from jumelage.notifications.models import Notification


def notify(
    *, person: Person, event: Event, kind: str, params: dict[str, Any], link: str = ""
) -> None:
    """Tell a participant what happened at `event`, in the app and by e-mail."""
    notifications.notify(
        recipients=[person],
        kind=kind,
        params={"event": event.title, "event_id": event.pk, **params},
        link=link,
    )


class StaleSchedule(DomainError):
    """Someone else changed the schedule since the page (or the run) was based on it."""


def _stale() -> StaleSchedule:
    return StaleSchedule(
        _(
            "Someone else changed this event's schedule since you opened it. Nothing was "
            "saved: reload the page to see the current schedule, then try again."
        )
    )


def _refuse(user: Any, allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this in this event."))


def _bump_schedule(event: Event, expected_version: int | None) -> int:
    """Advance the schedule's version; with `expected_version`, only from that version."""
    rows = Event.objects.filter(pk=event.pk)
    if expected_version is not None:
        rows = rows.filter(schedule_version=expected_version)
    if not rows.update(schedule_version=models.F("schedule_version") + 1):
        raise _stale()
    event.schedule_version = Event.objects.values_list("schedule_version", flat=True).get(
        pk=event.pk
    )
    return event.schedule_version


def _agenda_link(event: Event) -> str:
    return reverse("events:my_agenda", kwargs={"pk": event.pk})


# Set-up ------------------------------------------------------------------------------


@transaction.atomic
def save_event(*, actor: Any, event: Event, tables: int | None = None) -> Event:
    """Create or update an event; a new one gets its creator as organiser."""
    is_new = event.pk is None
    if is_new:
        _refuse(actor, rules.can_create_event(actor))
    else:
        _refuse(actor, rules.is_organiser(actor, event))
    event.full_clean()
    event.save()
    if is_new and getattr(actor, "is_authenticated", False):
        event.organisers.add(actor)
    if tables is not None:
        set_table_count(actor=actor, event=event, count=tables)
    audit.record(actor=actor, action="create" if is_new else "update", obj=event)
    return event


@transaction.atomic
def add_session(
    *,
    actor: Any,
    event: Event,
    label: str,
    day: date,
    start: Any,
    slot_minutes: int,
    slot_count: int,
    break_minutes: int = 0,
) -> Session:
    """Add a session to the event and cut it into its slots."""
    _refuse(actor, rules.is_organiser(actor, event))
    if not event.start_date <= day <= event.end_date:
        raise DomainError(_("The session's day is outside the event's dates."), field="day")
    if slot_count < 1 or slot_minutes < 1:
        raise DomainError(_("A session needs at least one slot of at least one minute."))
    session = Session.objects.create(
        event=event,
        label=label,
        day=day,
        start=start,
        slot_minutes=slot_minutes,
        break_minutes=break_minutes,
        slot_count=slot_count,
    )
    length = timedelta(minutes=slot_minutes)
    Slot.objects.bulk_create(
        Slot(
            session=session,
            index=index,
            starts_at=session.slot_start(index),
            ends_at=session.slot_start(index) + length,
        )
        for index in range(slot_count)
    )
    _bump_schedule(event, None)
    audit.record(actor=actor, action="add_session", obj=event, data={"session": session.pk})
    return session


@transaction.atomic
def remove_session(*, actor: Any, session: Session) -> None:
    _refuse(actor, rules.is_organiser(actor, session.event))
    if Meeting.objects.filter(slot__session=session).exists():
        raise DomainError(_("Meetings are placed in this session: move or unschedule them first."))
    audit.record(
        actor=actor, action="remove_session", obj=session.event, data={"session": session.pk}
    )
    session.delete()
    _bump_schedule(session.event, None)


@transaction.atomic
def set_table_count(*, actor: Any, event: Event, count: int) -> int:
    """Give the event exactly `count` tables, numbered from 1; refuses to drop used tables."""
    _refuse(actor, rules.is_organiser(actor, event))
    if count < 1:
        raise DomainError(_("An event needs at least one table."), field="tables")
    existing = set(event.tables.values_list("number", flat=True))
    Table.objects.bulk_create(
        Table(event=event, number=n) for n in range(1, count + 1) if n not in existing
    )
    extra = event.tables.filter(number__gt=count)
    if Meeting.objects.filter(table__in=extra).exists():
        raise DomainError(
            _("Meetings are placed at the tables you would remove: move them first."),
            field="tables",
        )
    extra.delete()
    return count


@transaction.atomic
def assign_host_table(*, actor: Any, table: Table, host: Participant | None) -> Table:
    """Let a host keep one table for the whole event (guests come to them), or free it."""
    _refuse(actor, rules.is_organiser(actor, table.event))
    if host is not None and (host.event_id != table.event_id or host.side != Side.HOST):
        raise DomainError(_("Only a host of this event can keep a table."))
    if host is not None:
        Table.objects.filter(host=host).exclude(pk=table.pk).update(host=None)
    table.host = host
    table.save(update_fields=["host"])
    _bump_schedule(table.event, None)
    return table


# Registration ------------------------------------------------------------------------


@transaction.atomic
def register(*, actor: Any, event: Event, person: Person, side: str, note: str = "") -> Participant:
    """Register `person` for the event: approved at once when an organiser does it."""
    organiser = rules.is_organiser(actor, event)
    if not organiser:
        own = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
        _refuse(actor, rules.can_register(actor, event) and own is not None and own.pk == person.pk)
    if side not in Side.values:
        raise DomainError(_("Choose the visiting delegation or the hosts."), field="side")
    if Participant.objects.filter(event=event, person=person).exists():
        raise DomainError(
            _("%(name)s is already registered for this event.") % {"name": person.full_name}
        )
    participant = Participant.objects.create(
        event=event,
        person=person,
        side=side,
        note=note,
        status=Participant.Status.APPROVED if organiser else Participant.Status.PENDING,
    )
    audit.record(actor=actor, action="register", obj=participant)
    return participant


@transaction.atomic
def decide_registration(*, actor: Any, participant: Participant, approve: bool) -> Participant:
    _refuse(actor, rules.is_organiser(actor, participant.event))
    was = participant.status
    participant.status = Participant.Status.APPROVED if approve else Participant.Status.REJECTED
    participant.save(update_fields=["status"])
    if not approve:
        # A rejected participant's meetings leave the schedule (they stay on record).
        placed = Meeting.objects.filter(
            models.Q(first=participant) | models.Q(second=participant), slot__isnull=False
        )
        if placed.update(slot=None, table=None, locked=False):
            _bump_schedule(participant.event, None)
    if approve and was != Participant.Status.APPROVED:
        notify(
            person=participant.person,
            event=participant.event,
            kind=Notification.Kind.REGISTRATION_APPROVED,
            params={},
            link=reverse("events:event_detail", kwargs={"pk": participant.event_id}),
        )
    audit.record(actor=actor, action="approve" if approve else "reject", obj=participant)
    return participant


@transaction.atomic
def update_availability(
    *,
    actor: Any,
    participant: Participant,
    unavailable_slots: Iterable[Slot],
    max_meetings: int | None,
) -> Participant:
    """Set the slots the participant cannot attend and their maximum number of meetings.

    Participants cannot mark a slot holding one of their meetings; organisers can, and the
    next scheduling run moves the meetings that clash.
    """
    _refuse(actor, rules.can_view_agenda(actor, participant))
    slots = list(unavailable_slots)
    if any(slot.session.event_id != participant.event_id for slot in slots):
        raise DomainError(_("A slot of another event was given."))
    clashes = Meeting.objects.filter(
        models.Q(first=participant) | models.Q(second=participant), slot__in=slots
    )
    # An organiser may record a late change (a delayed flight); the next run moves the
    # meetings that clash. A participant asks the organiser instead.
    if clashes.exists() and not rules.is_organiser(actor, participant.event):
        raise DomainError(
            _(
                "You have meetings in some of these slots: ask the organiser to move them "
                "before marking the slots as unavailable."
            )
        )
    participant.unavailable_slots.set(slots)
    participant.max_meetings = max_meetings
    participant.save(update_fields=["max_meetings"])
    _bump_schedule(participant.event, None)
    return participant


# Requests ----------------------------------------------------------------------------


def may_request(requester: Participant, recipient: Participant) -> bool:
    """The event's booking rules: which side may request whom."""
    event = requester.event
    if requester.side == recipient.side:
        return event.same_side_may_meet
    if requester.side == Side.VISITING:
        return event.visiting_may_request_host
    return event.host_may_request_visiting


@transaction.atomic
def expire_requests(*, event: Event | None = None, now: datetime | None = None) -> int:
    """Mark every pending request past its expiry as expired; return how many."""
    now = now or timezone.now()
    due = MeetingRequest.objects.filter(status=MeetingRequest.Status.PENDING, expires_at__lte=now)
    if event is not None:
        due = due.filter(event=event)
    expired = list(
        due.select_related("event", "requester__person", "recipient__person").select_for_update()
    )
    for request in expired:
        request.status = MeetingRequest.Status.EXPIRED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at"])
        notify(
            person=request.requester.person,
            event=request.event,
            kind=Notification.Kind.REQUEST_EXPIRED,
            params={"recipient": request.recipient.name},
            link=reverse("events:request_list", kwargs={"pk": request.event_id}),
        )
    return len(expired)


@transaction.atomic
def send_request(
    *,
    actor: Any,
    requester: Participant,
    recipient: Participant,
    message: str = "",
    priority: str = MeetingRequest.Priority.NICE,
    now: datetime | None = None,
) -> MeetingRequest:
    """Ask `recipient` for a meeting on behalf of `requester`; the recipient is notified."""
    now = now or timezone.now()
    event = requester.event
    _refuse(actor, rules.can_act_as(actor, requester))
    if recipient.event_id != event.pk:
        raise DomainError(_("This person does not take part in this event."))
    if recipient.pk == requester.pk:
        raise DomainError(_("You cannot request a meeting with yourself."))
    approved = Participant.Status.APPROVED
    if requester.status != approved or recipient.status != approved:
        raise DomainError(_("Both participants must be approved by the organiser first."))
    if not may_request(requester, recipient):
        raise DomainError(
            _("The rules of this event do not let %(side)s request this participant.")
            % {"side": requester.get_side_display()}
        )
    if priority not in MeetingRequest.Priority.values:
        raise DomainError(_("Unknown priority."), field="priority")
    compliance.ensure_not_blocked(requester.organisation, recipient.organisation)
    expire_requests(event=event, now=now)
    open_statuses = [MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED]
    if MeetingRequest.objects.filter(
        requester=requester, recipient=recipient, status__in=open_statuses
    ).exists():
        raise DomainError(_("You have already requested a meeting with this participant."))
    if Meeting.objects.filter(
        models.Q(first=requester, second=recipient) | models.Q(first=recipient, second=requester)
    ).exists():
        raise DomainError(_("A meeting with this participant is already agreed."))
    pending = MeetingRequest.objects.filter(
        requester=requester, status=MeetingRequest.Status.PENDING
    ).count()
    if pending >= event.max_open_requests:
        raise DomainError(
            ngettext(
                "You already have %(count)d request waiting for an answer, the most this "
                "event allows: wait for an answer or cancel it.",
                "You already have %(count)d requests waiting for an answer, the most this "
                "event allows: wait for answers or cancel one.",
                pending,
            )
            % {"count": pending}
        )
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=recipient,
        message=message,
        priority=priority,
        expires_at=now + timedelta(hours=event.request_expiry_hours),
    )
    if message.strip():
        compliance.flag_topic(
            object_type=request._meta.label_lower, object_id=request.pk, text=message
        )
    notify(
        person=recipient.person,
        event=event,
        kind=Notification.Kind.REQUEST_RECEIVED,
        params={
            "requester": requester.name,
            "organisation": requester.organisation.display_name,
            "message": message,
            "expires": timezone.localtime(request.expires_at, event.zone).strftime(
                "%Y-%m-%d %H:%M"
            ),
        },
        link=reverse("events:request_list", kwargs={"pk": event.pk}),
    )
    audit.record(actor=actor, action="request", obj=request)
    return request


def _expire_if_due(request: MeetingRequest, now: datetime) -> None:
    """Expire a due request in its own transaction, so the expiry stands when answering fails."""
    if request.status == MeetingRequest.Status.PENDING and request.expires_at <= now:
        expire_requests(event=request.event, now=now)
        request.refresh_from_db()


def _answerable(request: MeetingRequest, now: datetime) -> None:
    request.refresh_from_db(fields=["status"])
    if request.status != MeetingRequest.Status.PENDING:
        raise DomainError(
            _("This request is no longer waiting for an answer (it is %(status)s).")
            % {"status": request.get_status_display()}
        )


def accept_request(
    *,
    actor: Any,
    request: MeetingRequest,
    slot: Slot | None = None,
    now: datetime | None = None,
) -> Meeting:
    """Accept a request: the meeting exists, placed in `slot` when the recipient picks one."""
    now = now or timezone.now()
    _refuse(actor, rules.can_answer(actor, request))
    _expire_if_due(request, now)
    with transaction.atomic():
        return _accept(actor, request, slot, now)


def _accept(actor: Any, request: MeetingRequest, slot: Slot | None, now: datetime) -> Meeting:
    event = Event.objects.select_for_update().get(pk=request.event_id)
    _answerable(request, now)
    if slot is not None and event.scheduling_mode != Event.Mode.PARTICIPANTS:
        raise DomainError(_("In this event the organiser places the meetings."), field="slot")
    reverse_request = MeetingRequest.objects.filter(
        requester=request.recipient,
        recipient=request.requester,
        status=MeetingRequest.Status.PENDING,
    ).first()
    request.status = MeetingRequest.Status.ACCEPTED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at"])
    if reverse_request is not None:
        reverse_request.status = MeetingRequest.Status.ACCEPTED
        reverse_request.answered_at = now
        reverse_request.save(update_fields=["status", "answered_at"])
    must = request.priority == MeetingRequest.Priority.MUST or (
        reverse_request is not None and reverse_request.priority == MeetingRequest.Priority.MUST
    )
    meeting = Meeting.objects.create(
        event=event,
        request=request,
        first=request.requester,
        second=request.recipient,
        must_meet=must,
        mutual=reverse_request is not None,
    )
    if slot is not None:
        _place(event, meeting, slot, None)
        _bump_schedule(event, None)
    notify(
        person=request.requester.person,
        event=event,
        kind=Notification.Kind.REQUEST_ACCEPTED,
        params={"recipient": request.recipient.name},
        link=_agenda_link(event),
    )
    audit.record(actor=actor, action="accept", obj=request)
    return meeting


def decline_request(
    *, actor: Any, request: MeetingRequest, now: datetime | None = None
) -> MeetingRequest:
    now = now or timezone.now()
    _refuse(actor, rules.can_answer(actor, request))
    _expire_if_due(request, now)
    with transaction.atomic():
        _answerable(request, now)
        request.status = MeetingRequest.Status.DECLINED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at"])
        notify(
            person=request.requester.person,
            event=request.event,
            kind=Notification.Kind.REQUEST_DECLINED,
            params={"recipient": request.recipient.name},
            link=reverse("events:request_list", kwargs={"pk": request.event_id}),
        )
        audit.record(actor=actor, action="decline", obj=request)
    return request


def cancel_request(
    *, actor: Any, request: MeetingRequest, now: datetime | None = None
) -> MeetingRequest:
    now = now or timezone.now()
    _refuse(actor, rules.can_cancel(actor, request))
    _expire_if_due(request, now)
    with transaction.atomic():
        _answerable(request, now)
        request.status = MeetingRequest.Status.CANCELLED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at"])
        audit.record(actor=actor, action="cancel", obj=request)
    return request


# Placing meetings by hand ------------------------------------------------------------


def _busy(participant: Participant, slot: Slot, *, ignore: Meeting | None = None) -> bool:
    meetings = Meeting.objects.filter(
        models.Q(first=participant) | models.Q(second=participant), slot=slot
    )
    if ignore is not None:
        meetings = meetings.exclude(pk=ignore.pk)
    return meetings.exists()


def _free_table(event: Event, meeting: Meeting, slot: Slot) -> Table | None:
    taken = set(
        Meeting.objects.filter(slot=slot).exclude(pk=meeting.pk).values_list("table_id", flat=True)
    )
    tables = list(event.tables.select_related("host"))
    for table in tables:
        if table.host_id in (meeting.first_id, meeting.second_id):
            return None if table.pk in taken else table
    for table in tables:
        if table.pk not in taken and table.host_id is None:
            return table
    return None


def _place(event: Event, meeting: Meeting, slot: Slot, table: Table | None) -> None:
    if slot.session.event_id != event.pk:
        raise DomainError(_("This slot belongs to another event."), field="slot")
    for participant in (meeting.first, meeting.second):
        if participant.unavailable_slots.filter(pk=slot.pk).exists():
            raise DomainError(
                _("%(name)s is not available in this slot.") % {"name": participant.name},
                field="slot",
            )
        if _busy(participant, slot, ignore=meeting):
            raise DomainError(
                _("%(name)s already has a meeting in this slot.") % {"name": participant.name},
                field="slot",
            )
        limit = participant.max_meetings or event.default_max_meetings
        if limit is not None and meeting.slot_id is None:
            placed = (
                Meeting.objects.filter(
                    models.Q(first=participant) | models.Q(second=participant),
                    slot__isnull=False,
                )
                .exclude(pk=meeting.pk)
                .count()
            )
            if placed >= limit:
                raise DomainError(
                    ngettext(
                        "%(name)s already has %(count)d scheduled meeting, their maximum.",
                        "%(name)s already has %(count)d scheduled meetings, their maximum.",
                        placed,
                    )
                    % {"name": participant.name, "count": placed},
                    field="slot",
                )
    if table is None:
        table = _free_table(event, meeting, slot)
        if table is None:
            raise DomainError(_("No table is free in this slot."), field="slot")
    elif Meeting.objects.filter(slot=slot, table=table).exclude(pk=meeting.pk).exists():
        raise DomainError(_("This table is taken in this slot."), field="table")
    meeting.slot = slot
    meeting.table = table
    meeting.save(update_fields=["slot", "table", "updated_at"])


@transaction.atomic
def place_meeting(
    *,
    actor: Any,
    meeting: Meeting,
    slot: Slot | None,
    table: Table | None = None,
    expected_version: int | None = None,
) -> Meeting:
    """Move a meeting to `slot` (and `table`, else a free one), or unschedule it (no slot).

    Organisers pass the schedule version their page showed; a save over a newer schedule is
    refused. Once a schedule is published, an organiser's move is told to the two people
    it concerns. A participant may place their own unplaced meeting in a free common slot.
    """
    event = Event.objects.select_for_update().get(pk=meeting.event_id)
    organiser = rules.is_organiser(actor, event)
    if not organiser:
        own = rules.can_act_as(actor, meeting.first) or rules.can_act_as(actor, meeting.second)
        _refuse(
            actor,
            own
            and event.scheduling_mode == Event.Mode.PARTICIPANTS
            and meeting.slot_id is None
            and slot is not None
            and table is None,
        )
    _bump_schedule(event, expected_version)
    before = (meeting.slot_id, meeting.table_id)
    if slot is None:
        meeting.slot = None
        meeting.table = None
        meeting.locked = False  # a lock holds a meeting somewhere; unscheduled, there is nowhere
        meeting.save(update_fields=["slot", "table", "locked", "updated_at"])
    else:
        _place(event, meeting, slot, table)
    if organiser and event.published_at and before != (meeting.slot_id, meeting.table_id):
        # The published schedule is live: the two people see the move now, so they hear of it.
        for participant in (meeting.first, meeting.second):
            notify(
                person=participant.person,
                event=event,
                kind=Notification.Kind.SCHEDULE_CHANGED,
                params={"count": 1},
                link=_agenda_link(event),
            )
    audit.record(
        actor=actor,
        action="place",
        obj=meeting,
        data={"slot": meeting.slot_id, "table": meeting.table_id},
    )
    return meeting


@transaction.atomic
def set_locked(
    *, actor: Any, meeting: Meeting, locked: bool, expected_version: int | None = None
) -> Meeting:
    """Lock a placed meeting where it is (every later run keeps it there), or unlock it."""
    _refuse(actor, rules.is_organiser(actor, meeting.event))
    if locked and meeting.slot_id is None:
        raise DomainError(_("Only a placed meeting can be locked."))
    _bump_schedule(meeting.event, expected_version)
    meeting.locked = locked
    meeting.save(update_fields=["locked", "updated_at"])
    audit.record(actor=actor, action="lock" if locked else "unlock", obj=meeting)
    return meeting


@transaction.atomic
def check_in(*, actor: Any, meeting: Meeting, attendance: str) -> Meeting:
    """Record on the day whether a meeting was held or someone did not show up."""
    _refuse(actor, rules.can_check_in(actor, meeting))
    if attendance not in Meeting.Attendance.values:
        raise DomainError(_("Unknown check-in status."), field="attendance")
    if meeting.slot_id is None and attendance != Meeting.Attendance.UNKNOWN:
        raise DomainError(_("This meeting was never scheduled."))
    meeting.attendance = attendance
    meeting.save(update_fields=["attendance", "updated_at"])
    audit.record(actor=actor, action="check_in", obj=meeting, data={"attendance": attendance})
    return meeting


# Scheduling runs ---------------------------------------------------------------------

ProgressCallback = Callable[[int, str], None]


def build_problem(event: Event, *, unscheduled_only: bool = False):
    """The engine's view of the event: slots, tables, participants, meetings, published.

    Returns (problem, slots, tables, meetings) where `slots` and `tables` are the rows in the
    engine's index order and `meetings` maps the engine's meeting key to the Meeting row.
    """
    sessions = list(event.sessions.order_by("day", "start", "id"))
    slots: list[Slot] = []
    engine_sessions = []
    for session in sessions:
        own = list(session.slots.order_by("index"))
        slots.extend(own)
        engine_sessions.append(
            engine.Session(key=f"s{session.pk}", label=session.label, slot_count=len(own))
        )
    slot_index = {slot.pk: index for index, slot in enumerate(slots)}
    tables = list(event.tables.order_by("number"))
    table_index = {table.pk: index for index, table in enumerate(tables)}
    host_table = {table.host_id: table_index[table.pk] for table in tables if table.host_id}

    meetings = list(
        Meeting.objects.filter(
            event=event,
            first__status=Participant.Status.APPROVED,
            second__status=Participant.Status.APPROVED,
        ).select_related("first__person", "second__person")
    )
    involved: dict[int, Participant] = {}
    for meeting in meetings:
        involved[meeting.first_id] = meeting.first
        involved[meeting.second_id] = meeting.second
    unavailable: dict[int, set[int]] = {pk: set() for pk in involved}
    for participant_id, slot_id in Participant.unavailable_slots.through.objects.filter(
        participant_id__in=list(involved)
    ).values_list("participant_id", "slot_id"):
        if slot_id in slot_index:
            unavailable[participant_id].add(slot_index[slot_id])
    participants = tuple(
        engine.Participant(
            key=f"p{participant.pk}",
            name=participant.name,
            forbidden_slots=frozenset(unavailable[participant.pk]),
            max_meetings=participant.max_meetings or event.default_max_meetings,
            host_table=host_table.get(participant.pk),
        )
        for participant in involved.values()
    )
    engine_meetings = []
    published = {}
    by_key: dict[str, Meeting] = {}
    for meeting in meetings:
        key = f"m{meeting.pk}"
        by_key[key] = meeting
        placed = meeting.slot_id in slot_index and meeting.table_id in table_index
        fixed = placed and (meeting.locked or unscheduled_only)
        priority = (
            engine.Priority.MUST_MEET
            if meeting.must_meet
            else engine.Priority.MUTUAL
            if meeting.mutual
            else engine.Priority.NICE_TO_HAVE
        )
        engine_meetings.append(
            engine.Meeting(
                key=key,
                participants=(f"p{meeting.first_id}", f"p{meeting.second_id}"),
                priority=priority,
                locked_slot=slot_index[meeting.slot_id] if fixed else None,
                locked_table=table_index[meeting.table_id] if fixed else None,
            )
        )
        if placed:
            published[key] = engine.Placement(
                slot=slot_index[meeting.slot_id], table=table_index[meeting.table_id]
            )
    problem = engine.SchedulingProblem(
        sessions=tuple(engine_sessions),
        tables=len(tables),
        participants=participants,
        meetings=tuple(engine_meetings),
        published=published,
    )
    return problem, slots, tables, by_key


@transaction.atomic
def create_schedule_run(
    *,
    actor: Any,
    event: Event,
    unscheduled_only: bool = False,
    time_limit: float = 20.0,
) -> ScheduleRun:
    """Record a scheduling run waiting to be computed (see `execute_schedule_run`)."""
    _refuse(actor, rules.is_organiser(actor, event))
    if not event.sessions.exists() or not event.tables.exists():
        raise DomainError(_("Add at least one session and one table before scheduling."))
    if time_limit <= 0:
        raise DomainError(_("The time limit must be positive."), field="time_limit")
    event = Event.objects.select_for_update().get(pk=event.pk)
    number = (event.runs.aggregate(n=models.Max("number"))["n"] or 0) + 1
    run = ScheduleRun.objects.create(
        event=event,
        number=number,
        kind=ScheduleRun.Kind.UNSCHEDULED if unscheduled_only else ScheduleRun.Kind.ALL,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        based_on_version=event.schedule_version,
        time_limit=time_limit,
    )
    audit.record(actor=actor, action="schedule", obj=run.event, data={"run": run.number})
    return run


@transaction.atomic
def start_schedule_run(
    *,
    actor: Any,
    event: Event,
    unscheduled_only: bool = False,
    time_limit: float = 20.0,
) -> ScheduleRun:
    """Record a scheduling run and compute it in the background once the transaction commits."""
    from jumelage.events.tasks import run_schedule

    run = create_schedule_run(
        actor=actor, event=event, unscheduled_only=unscheduled_only, time_limit=time_limit
    )
    transaction.on_commit(lambda: run_schedule.enqueue(run.pk))
    return run


def _explanation_record(explanation: Any) -> dict[str, Any]:
    params = {
        key: list(value) if isinstance(value, list | tuple) else value
        for key, value in dict(explanation.params).items()
    }
    return {"code": explanation.code, "params": params}


def _keep_current_when_no_worse(problem: Any, result: Any) -> Any:
    """Prefer the schedule people already have when the run found nothing better.

    Under a short time limit the engine may stop before its last phase (fewest changes) and
    return an equally good schedule that moves many meetings. When the current schedule is
    valid, places every meeting the run places, and has no more idle gaps (total, then the
    worst anyone has), keeping it changes nobody's agenda.
    """
    current = dict(problem.published)
    if not current or result.changes == 0 or not set(result.placements) <= set(current):
        return result
    if engine.schedule_violations(problem, current):
        return result
    breaks = engine.count_breaks(problem, current)
    mine = (sum(breaks.values()), max(breaks.values(), default=0))
    if mine > (result.total_breaks, result.max_breaks):
        return result
    all_placed = len(current) == len(problem.meetings)
    lower_bound = result.lower_bound if len(current) == len(result.placements) else None
    if all_placed:
        proven = lower_bound is not None and lower_bound >= mine[0]
        status = engine.Status.OPTIMAL if proven else engine.Status.FEASIBLE
    else:
        status = result.status
    placed = set(current)
    return dataclasses.replace(
        result,
        status=status,
        placements=current,
        unplaced=tuple(item for item in result.unplaced if item.meeting not in placed),
        breaks=breaks,
        lower_bound=lower_bound,
        changes=0,
    )


def execute_schedule_run(
    *, run: ScheduleRun, progress: ProgressCallback | None = None
) -> ScheduleRun:
    """Compute the run's schedule with the engine and keep its assignments (not applied).

    Safe to repeat: a finished run is returned as it is. Progress is written to the run's
    row as the engine reports it, so that a page can show it while the task runs.
    """
    run = ScheduleRun.objects.select_related("event").get(pk=run.pk)
    if run.finished:
        return run
    event = run.event
    started = time.monotonic()

    def report(message: str) -> None:
        elapsed = time.monotonic() - started
        percent = min(95, 5 + int(90 * elapsed / max(run.time_limit, 0.1)))
        ScheduleRun.objects.filter(pk=run.pk).update(
            progress=percent, progress_message=message[:200]
        )
        if progress is not None:
            progress(percent, message)

    ScheduleRun.objects.filter(pk=run.pk).update(
        state=ScheduleRun.State.RUNNING, progress=1, progress_message=""
    )
    try:
        problem, slots, tables, by_key = build_problem(
            event, unscheduled_only=run.kind == ScheduleRun.Kind.UNSCHEDULED
        )
        report(
            ngettext("%(count)d meeting to place", "%(count)d meetings to place", len(by_key))
            % {"count": len(by_key)}
        )
        result = _keep_current_when_no_worse(
            problem, engine.schedule(problem, time_limit=run.time_limit, progress=report)
        )
    except Exception as error:  # a failed run is recorded, not lost; the task framework logs it
        ScheduleRun.objects.filter(pk=run.pk).update(
            state=ScheduleRun.State.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        Assignment.objects.bulk_create(
            Assignment(
                run=run,
                meeting=meeting,
                slot=slots[result.placements[key].slot] if key in result.placements else None,
                table=tables[result.placements[key].table] if key in result.placements else None,
            )
            for key, meeting in by_key.items()
        )
        run.state = ScheduleRun.State.DONE
        run.status = str(result.status)
        run.progress = 100
        run.progress_message = ""
        run.meetings_total = len(by_key)
        run.meetings_placed = len(result.placements)
        run.breaks = result.total_breaks
        run.lower_bound = result.lower_bound
        run.changes = result.changes
        run.seconds = result.seconds
        run.explanations = [_explanation_record(e) for e in result.explanations]
        run.unplaced = [
            {"meeting": by_key[item.meeting].pk, **_explanation_record(item.reason)}
            for item in result.unplaced
        ]
        run.finished_at = timezone.now()
        run.save()
    return run


@transaction.atomic
def publish_run(
    *, actor: Any, run: ScheduleRun, expected_version: int, notify_people: bool = True
) -> set[int]:
    """Apply a finished run to the event's schedule and tell exactly the people affected.

    Refused (StaleSchedule) when the schedule changed since the run was computed or since
    the organiser's page was loaded. Returns the ids of the participants whose agenda changed.
    """
    event = Event.objects.select_for_update().get(pk=run.event_id)
    _refuse(actor, rules.is_organiser(actor, event))
    if run.state != ScheduleRun.State.DONE:
        raise DomainError(_("This run has not finished."))
    if event.schedule_version != expected_version:
        raise _stale()
    if run.kind != ScheduleRun.Kind.ROLLBACK and run.based_on_version != expected_version:
        raise StaleSchedule(
            _(
                "The schedule changed after this run was computed (a meeting was placed or "
                "moved). Nothing was published: run the scheduler again."
            )
        )
    _bump_schedule(event, expected_version)
    assignments = {a.meeting_id: a for a in run.assignments.select_related("meeting")}
    meetings = list(
        Meeting.objects.filter(pk__in=list(assignments)).select_related(
            "first__person", "second__person"
        )
    )
    changed = [
        m
        for m in meetings
        if (m.slot_id, m.table_id) != (assignments[m.pk].slot_id, assignments[m.pk].table_id)
    ]
    # Free every moved meeting's seat first so that swaps do not collide with themselves.
    Meeting.objects.filter(pk__in=[m.pk for m in changed]).update(slot=None, table=None)
    for meeting in changed:
        assignment = assignments[meeting.pk]
        meeting.slot_id = assignment.slot_id
        meeting.table_id = assignment.table_id
        meeting.save(update_fields=["slot", "table", "updated_at"])
    affected: dict[int, Participant] = {}
    for meeting in changed:
        affected[meeting.first_id] = meeting.first
        affected[meeting.second_id] = meeting.second
    now = timezone.now()
    run.published_at = now
    run.save(update_fields=["published_at"])
    event.published_run = run
    event.published_at = now
    event.save(update_fields=["published_run", "published_at"])
    if notify_people:
        for participant in affected.values():
            moved = sum(1 for m in changed if m.has(participant))
            notify(
                person=participant.person,
                event=event,
                kind=Notification.Kind.SCHEDULE_CHANGED,
                params={"count": moved},
                link=_agenda_link(event),
            )
    audit.record(
        actor=actor, action="publish", obj=event, data={"run": run.number, "changed": len(changed)}
    )
    return set(affected)


@transaction.atomic
def roll_back(*, actor: Any, run: ScheduleRun, expected_version: int) -> ScheduleRun:
    """Restore the schedule of an earlier run as a new run, and publish it.

    Meetings accepted after that run are left unplaced by the restored schedule.
    """
    event = run.event
    _refuse(actor, rules.is_organiser(actor, event))
    if run.state != ScheduleRun.State.DONE:
        raise DomainError(_("This run has not finished."))
    number = (event.runs.aggregate(n=models.Max("number"))["n"] or 0) + 1
    restored = ScheduleRun.objects.create(
        event=event,
        number=number,
        kind=ScheduleRun.Kind.ROLLBACK,
        state=ScheduleRun.State.DONE,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        based_on_version=expected_version,
        restored_from=run,
        time_limit=0,
        progress=100,
        status=run.status,
        finished_at=timezone.now(),
    )
    kept = {a.meeting_id: a for a in run.assignments.all()}
    meetings = Meeting.objects.filter(event=event).values_list("pk", flat=True)
    Assignment.objects.bulk_create(
        Assignment(
            run=restored,
            meeting_id=pk,
            slot_id=kept[pk].slot_id if pk in kept else None,
            table_id=kept[pk].table_id if pk in kept else None,
        )
        for pk in meetings
    )
    restored.meetings_total = len(meetings)
    restored.meetings_placed = sum(1 for pk in meetings if pk in kept and kept[pk].slot_id)
    restored.breaks = run.breaks
    restored.save()
    _check_restorable(event, restored)
    publish_run(actor=actor, run=restored, expected_version=expected_version)
    return restored


def _check_restorable(event: Event, run: ScheduleRun) -> None:
    """A restored schedule must still respect availability, locks and host tables."""
    problem, slots, tables, by_key = build_problem(event)
    slot_index = {slot.pk: i for i, slot in enumerate(slots)}
    table_index = {table.pk: i for i, table in enumerate(tables)}
    placements = {
        f"m{a.meeting_id}": engine.Placement(slot_index[a.slot_id], table_index[a.table_id])
        for a in run.assignments.all()
        if a.slot_id in slot_index and a.table_id in table_index and f"m{a.meeting_id}" in by_key
    }
    unlocked = engine.SchedulingProblem(
        sessions=problem.sessions,
        tables=problem.tables,
        participants=tuple(
            engine.Participant(p.key, p.name, p.forbidden_slots, None, p.host_table)
            for p in problem.participants
        ),
        meetings=tuple(engine.Meeting(m.key, m.participants, m.priority) for m in problem.meetings),
    )
    if engine.schedule_violations(unlocked, placements):
        raise DomainError(
            _(
                "That schedule cannot be restored: availability or host tables changed since. "
                "Run the scheduler instead."
            )
        )
