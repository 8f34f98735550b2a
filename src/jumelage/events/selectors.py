"""Reading events: agendas, free slots, table plans, analytics, partner suggestions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from jumelage.core.errors import DomainError
from jumelage.directory.models import Organisation
from jumelage.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleRun,
    Side,
    Slot,
)


def participants(event: Event, *, status: str | None = "approved") -> QuerySet:
    rows = Participant.objects.filter(event=event).select_related("person__organisation")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("side", "person__last_name", "person__first_name", "id")


def slots(event: Event) -> QuerySet[Slot]:
    return (
        Slot.objects.filter(session__event=event)
        .select_related("session")
        .order_by("session__day", "session__start", "session_id", "index")
    )


def meetings(event: Event) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(event=event)
        .select_related(
            "first__person__organisation",
            "second__person__organisation",
            "slot__session",
            "table",
        )
        .order_by("slot__starts_at", "table__number", "id")
    )


def meetings_of(participant: Participant) -> QuerySet[Meeting]:
    return meetings(participant.event).filter(Q(first=participant) | Q(second=participant))


@dataclass
class AgendaItem:
    meeting: Meeting
    other: Participant

    @property
    def slot(self) -> Slot | None:
        return self.meeting.slot


def agenda(participant: Participant) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """The participant's scheduled meetings in time order, and their unscheduled ones."""
    placed: list[AgendaItem] = []
    waiting: list[AgendaItem] = []
    for meeting in meetings_of(participant):
        item = AgendaItem(meeting=meeting, other=meeting.other(participant))
        (placed if meeting.slot_id else waiting).append(item)
    return placed, waiting


def free_common_slots(meeting: Meeting) -> list[Slot]:
    """Slots where both participants are available and free, and a table is left."""
    event = meeting.event
    people = [meeting.first, meeting.second]
    blocked = set(
        Slot.objects.filter(unavailable_participants__in=people).values_list("pk", flat=True)
    )
    busy = set(
        Meeting.objects.filter(Q(first__in=people) | Q(second__in=people), slot__isnull=False)
        .exclude(pk=meeting.pk)
        .values_list("slot_id", flat=True)
    )
    table_count = event.tables.count()
    hosts = {t.host_id: t.pk for t in event.tables.filter(host__isnull=False)}
    own_table = hosts.get(meeting.first_id) or hosts.get(meeting.second_id)
    free_tables = table_count - len(hosts)
    used_tables: dict[int, set[int]] = defaultdict(set)
    for slot_id, table_id in Meeting.objects.filter(event=event, slot__isnull=False).values_list(
        "slot_id", "table_id"
    ):
        used_tables[slot_id].add(table_id)
    result = []
    for slot in slots(event):
        if slot.pk in blocked or slot.pk in busy:
            continue
        if own_table is not None:
            if own_table in used_tables[slot.pk]:
                continue
        else:
            taken_open = len(used_tables[slot.pk] - set(hosts.values()))
            if taken_open >= free_tables:
                continue
        result.append(slot)
    return result


@dataclass
class PlanRow:
    slot: Slot
    seats: list[tuple[Any, Meeting | None]]


def table_plan(event: Event) -> list[PlanRow]:
    """For each slot, every table with the meeting sitting there (or None)."""
    tables = list(event.tables.select_related("host__person"))
    by_seat = {(m.slot_id, m.table_id): m for m in meetings(event).filter(slot__isnull=False)}
    return [
        PlanRow(slot=slot, seats=[(table, by_seat.get((slot.pk, table.pk))) for table in tables])
        for slot in slots(event)
    ]


def unscheduled(event: Event) -> QuerySet[Meeting]:
    return meetings(event).filter(slot__isnull=True)


def runs(event: Event) -> QuerySet[ScheduleRun]:
    return event.runs.select_related("created_by", "restored_from").order_by("-number")


def meeting_names(event: Event) -> dict[str, str]:
    """The engine's meeting keys mapped to the names of the two participants."""
    return {
        f"m{m.pk}": f"{m.first.name} — {m.second.name}"
        for m in Meeting.objects.filter(event=event).select_related(
            "first__person", "second__person"
        )
    }


ANALYTICS_KEYS = ("requested", "accepted", "declined", "expired", "scheduled", "held", "no_show")


@dataclass
class Analytics:
    """Counts of the funnel, for the event and per side.

    Requests count for the side that sent them; meetings for each side taking part.
    """

    total: dict[str, int] = field(default_factory=dict)
    by_side: dict[str, dict[str, int]] = field(default_factory=dict)


def analytics(event: Event) -> Analytics:
    def request_counts(rows: QuerySet) -> dict[str, int]:
        counts = rows.aggregate(
            requested=Count("id"),
            accepted=Count("id", filter=Q(status=MeetingRequest.Status.ACCEPTED)),
            declined=Count("id", filter=Q(status=MeetingRequest.Status.DECLINED)),
            expired=Count("id", filter=Q(status=MeetingRequest.Status.EXPIRED)),
        )
        return counts

    def meeting_counts(rows: QuerySet) -> dict[str, int]:
        return rows.aggregate(
            scheduled=Count("id", filter=Q(slot__isnull=False)),
            held=Count("id", filter=Q(attendance=Meeting.Attendance.HELD)),
            no_show=Count("id", filter=Q(attendance=Meeting.Attendance.NO_SHOW)),
        )

    requests = MeetingRequest.objects.filter(event=event)
    all_meetings = Meeting.objects.filter(event=event)
    result = Analytics(total={**request_counts(requests), **meeting_counts(all_meetings)})
    for side in Side.values:
        result.by_side[side] = {
            **request_counts(requests.filter(requester__side=side)),
            **meeting_counts(all_meetings.filter(Q(first__side=side) | Q(second__side=side))),
        }
    return result


@dataclass
class Suggestion:
    participant: Participant
    score: float
    sectors: list[str]
    activities: list[str]
    reasons: list[str] = field(default_factory=list)


def _matching_scores(
    organisation: Organisation, candidates: set[int]
) -> dict[int, tuple[float, list[str]]]:
    """Scores and reasons of the matching engine for `candidates`, when an index is ready."""
    from jumelage.matching.services import IndexNotReady, recommend_organisations

    try:
        recommendations = recommend_organisations(organisation=organisation, top=100)
    except (IndexNotReady, DomainError):
        return {}
    return {
        r.organisation_id: (r.score, [reason.text for reason in r.reasons])
        for r in recommendations
        if r.organisation_id in candidates
    }


def suggest_partners(participant: Participant, limit: int = 10) -> list[Suggestion]:
    """Approved participants of the other side, ranked by the matching engine.

    Participants whose organisations the matching engine recommends come first, by its
    score, with its reasons; the others follow, ranked by shared sectors and activity codes
    (a shared sector counts 2, a shared activity code 1, a shared four-digit prefix ½).
    Participants already requested, or with a meeting agreed, are left out.
    """
    event = participant.event
    organisation = participant.organisation
    own_sectors = set(organisation.sectors.values_list("code", flat=True))
    own_activities = set(organisation.activities.values_list("code", flat=True))
    already = set(
        MeetingRequest.objects.filter(
            requester=participant,
            status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
        ).values_list("recipient_id", flat=True)
    )
    for first, second in Meeting.objects.filter(
        Q(first=participant) | Q(second=participant)
    ).values_list("first_id", "second_id"):
        already.update({first, second})
    candidates = list(
        participants(event)
        .exclude(pk=participant.pk)
        .exclude(pk__in=already)
        .exclude(person__organisation=organisation)
        .prefetch_related("person__organisation__sectors", "person__organisation__activities")
    )
    if not event.same_side_may_meet:
        candidates = [c for c in candidates if c.side != participant.side]
    matched = _matching_scores(organisation, {c.organisation.pk for c in candidates})
    # Engine scores sit above every sector count so that its ranking leads.
    offset = 1000.0
    suggestions = []
    for candidate in candidates:
        other = candidate.organisation
        sectors = sorted(own_sectors & {s.code for s in other.sectors.all()})
        their_activities = {a.code for a in other.activities.all()}
        activities = sorted(own_activities & their_activities)
        near = {a[:4] for a in own_activities} & {a[:4] for a in their_activities}
        near_only = len(near - {a[:4] for a in activities})
        score = 2 * len(sectors) + len(activities) + 0.5 * near_only
        reasons: list[str] = []
        if other.pk in matched:
            engine_score, reasons = matched[other.pk]
            score = offset + engine_score
        if score > 0:
            suggestions.append(Suggestion(candidate, score, sectors, activities, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.participant.person.last_name, s.participant.pk))
    return suggestions[:limit]
