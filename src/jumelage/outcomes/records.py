"""Copying the records the funnel counts into versioned `FunnelRecord` rows.

Meetings, meeting requests and expressions of interest belong to other apps and change without
telling the plan (a check-in, a new schedule, a deleted request). `sync` compares a cheap
fingerprint of those sources (per event: how many meetings and requests, the newest ids, the
last change and the schedule version; the interests; the plan's own change log) with the one
recorded at the last copy, re-reads only the scopes that moved, and writes the differences as a
new data version: changed or deleted rows are closed, new ones opened. A figure for a past data
version is then counted from the rows in force at that version.

What the fingerprint cannot see (an organisation moving to another region or sector) is read
again at the next change of the same scope; until then the rows keep the region and sectors the
organisation had when they were written, as outcome snapshots do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from jumelage.directory.models import Organisation
from jumelage.events.models import Event, Meeting, MeetingRequest
from jumelage.opportunities.models import ExpressionOfInterest
from jumelage.outcomes.models import (
    Accompaniment,
    Action,
    ChangeLog,
    FollowUpEntry,
    FunnelRecord,
    Plan,
    PlanSync,
)

Kind = FunnelRecord.Kind
SYNC_OBJECT = "records"
CHUNK = 2000
OWN = "own"
INTERESTS = "interests"


def plan_event_ids(plan: Plan) -> list[int]:
    return list(
        Action.objects.filter(plan=plan, event__isnull=False)
        .order_by("event_id")
        .values_list("event_id", flat=True)
        .distinct()
    )


def _own_version(plan: Plan) -> int:
    """The plan's latest change other than a copy of funnel records."""
    return (
        ChangeLog.objects.filter(plan=plan)
        .exclude(object_type=SYNC_OBJECT)
        .aggregate(v=Max("id"))["v"]
        or 0
    )


def fingerprint(plan: Plan) -> dict[str, str]:
    """Scope → a string that changes whenever a record of that scope does; a few aggregates."""
    events = plan_event_ids(plan)
    result = {OWN: str(_own_version(plan))}
    meetings = {
        row["event_id"]: row
        for row in Meeting.objects.filter(event_id__in=events)
        .order_by()
        .values("event_id")
        .annotate(n=Count("id"), top=Max("id"), changed=Max("updated_at"))
    }
    requests = {
        row["event_id"]: row
        for row in MeetingRequest.objects.filter(event_id__in=events)
        .order_by()
        .values("event_id")
        .annotate(n=Count("id"), top=Max("id"))
    }
    # Schedules move meetings between slots in bulk without touching `updated_at`; the event's
    # schedule version says when that happened, its first day dates unscheduled meetings.
    for pk, version, start in Event.objects.filter(pk__in=events).values_list(
        "pk", "schedule_version", "start_date"
    ):
        m, r = meetings.get(pk, {}), requests.get(pk, {})
        result[f"event:{pk}"] = repr(
            (
                version,
                start.isoformat(),
                m.get("n", 0),
                m.get("top"),
                m["changed"].isoformat() if m.get("changed") else None,
                r.get("n", 0),
                r.get("top"),
            )
        )
    interests = ExpressionOfInterest.objects.aggregate(n=Count("id"), top=Max("id"))
    result[INTERESTS] = repr((interests["n"], interests["top"]))
    return result


def _organisations(ids: Iterable[int | None]) -> dict[int, tuple[int | None, str]]:
    """Organisation id → (region id, ",sector,ids,")."""
    wanted = sorted({pk for pk in ids if pk})
    regions: dict[int, int | None] = {}
    sectors: dict[int, list[int]] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        regions.update(Organisation.objects.filter(pk__in=chunk).values_list("id", "region_id"))
        for org_id, sector_id in (
            Organisation.sectors.through.objects.filter(organisation_id__in=chunk)
            .order_by("organisation_id", "sector_id")
            .values_list("organisation_id", "sector_id")
        ):
            sectors.setdefault(org_id, []).append(sector_id)
    return {
        pk: (regions.get(pk), "," + ",".join(map(str, sectors[pk])) + "," if pk in sectors else "")
        for pk in wanted
    }


# A row as compared and stored: everything but the plan, the kind, the source and the versions.
ROW_FIELDS = (
    "event_id",
    "day",
    "org_a",
    "org_b",
    "region_a",
    "region_b",
    "sectors_a",
    "sectors_b",
    "held",
)


def _rows(kind: str, raw: list[tuple], orgs: dict) -> dict[int, tuple]:
    """source id → row tuple (ROW_FIELDS), from (source_id, event_id, day, org, org, held)."""
    rows = {}
    for source_id, event_id, day, first, second, held in raw:
        if day is None:
            continue
        a, b = (first, second) if second is None or (first or 0) <= second else (second, first)
        region_a, sectors_a = orgs.get(a, (None, ""))
        region_b, sectors_b = orgs.get(b, (None, ""))
        rows[source_id] = (event_id, day, a, b, region_a, region_b, sectors_a, sectors_b, held)
    return rows


def _read_sources(plan: Plan, events: list[int], own: bool, interests: bool) -> dict[str, dict]:
    """Kind → source id → row, for the meetings and requests of `events` and, when asked,
    the plan's interests, logged contacts and accompaniments."""
    raw: dict[str, list[tuple]] = {}
    if events:
        raw[Kind.MEETING] = [
            (pk, event_id, day, first, second, attendance == Meeting.Attendance.HELD)
            for pk, event_id, day, first, second, attendance in Meeting.objects.filter(
                event_id__in=events
            )
            .annotate(day=Coalesce(TruncDate("slot__starts_at"), F("event__start_date")))
            .order_by()
            .values_list(
                "id",
                "event_id",
                "day",
                "first__person__organisation_id",
                "second__person__organisation_id",
                "attendance",
            )
        ]
        raw[Kind.REQUEST] = [
            (*row, False)
            for row in MeetingRequest.objects.filter(event_id__in=events)
            .annotate(day=TruncDate("created_at"))
            .order_by()
            .values_list(
                "id",
                "event_id",
                "day",
                "requester__person__organisation_id",
                "recipient__person__organisation_id",
            )
        ]
    if own or interests:
        accompanied = Accompaniment.objects.filter(plan=plan).values("organisation_id")
        raw[Kind.INTEREST] = [
            (pk, None, day, first, second, False)
            for pk, day, first, second in ExpressionOfInterest.objects.filter(
                Q(organisation_id__in=accompanied) | Q(profile__organisation_id__in=accompanied)
            )
            .annotate(day=TruncDate("created_at"))
            .order_by()
            .values_list("id", "day", "organisation_id", "profile__organisation_id")
        ]
    if own:
        raw[Kind.CONTACT] = [
            (pk, None, day, first, second, False)
            for pk, day, first, second in FollowUpEntry.objects.filter(
                accompaniment__plan=plan, counterpart__isnull=False
            )
            .order_by()
            .values_list("id", "date", "accompaniment__organisation_id", "counterpart_id")
        ]
        raw[Kind.ACCOMPANIMENT] = [
            (pk, None, since, org, None, False)
            for pk, since, org in Accompaniment.objects.filter(plan=plan)
            .order_by()
            .values_list("id", "since", "organisation_id")
        ]
    orgs = _organisations(
        pk for rows in raw.values() for row in rows for pk in (row[3], row[4]) if pk
    )
    return {kind: _rows(kind, rows, orgs) for kind, rows in raw.items()}


def _current(plan: Plan, kind: str, events: list[int] | None) -> dict[int, tuple[int, tuple]]:
    """source id → (record id, row) of the open rows of `kind` (of `events` when given)."""
    rows = FunnelRecord.objects.filter(plan=plan, kind=kind, valid_to__isnull=True)
    if events is not None:
        rows = rows.filter(event_id__in=events)
    return {
        values[1]: (values[0], tuple(values[2:]))
        for values in rows.order_by().values_list("id", "source_id", *ROW_FIELDS)
    }


def sync(plan: Plan) -> int:
    """Bring the plan's funnel records up to date; returns the plan's data version."""
    seen = fingerprint(plan)
    state = PlanSync.objects.filter(plan=plan).values_list("fingerprint", flat=True).first()
    if state == seen:
        return data_version(plan)
    PlanSync.objects.get_or_create(plan=plan)
    with transaction.atomic():
        # One copy at a time per plan, whichever process asks.
        locked = PlanSync.objects.select_for_update().get(plan=plan)
        # `seen` was read before the records are: a change made meanwhile shows at the next
        # call as a new fingerprint, and copying it again is harmless.
        before = locked.fingerprint or {}
        if before != seen:
            _copy(plan, before, seen)
            locked.fingerprint = seen
            locked.save(update_fields=["fingerprint", "synced_at"])
    return data_version(plan)


def _copy(plan: Plan, before: dict[str, str], seen: dict[str, str]) -> None:
    changed_events = [
        int(key.split(":", 1)[1])
        for key in set(before) | set(seen)
        if key.startswith("event:") and before.get(key) != seen.get(key)
    ]
    events_now = {int(key.split(":", 1)[1]) for key in seen if key.startswith("event:")}
    own = before.get(OWN) != seen.get(OWN)
    interests = own or before.get(INTERESTS) != seen.get(INTERESTS)
    wanted = _read_sources(
        plan, [pk for pk in changed_events if pk in events_now], own=own, interests=interests
    )
    close: list[int] = []
    opened: list[tuple[str, int, tuple]] = []
    scopes: list[tuple[str, list[int] | None]] = []
    if changed_events:
        scopes += [(Kind.MEETING, changed_events), (Kind.REQUEST, changed_events)]
    if interests:
        scopes.append((Kind.INTEREST, None))
    if own:
        scopes += [(Kind.CONTACT, None), (Kind.ACCOMPANIMENT, None)]
    for kind, events in scopes:
        current = _current(plan, kind, events)
        target = wanted.get(kind, {})
        for source_id, row in target.items():
            existing = current.get(source_id)
            if existing is None or existing[1] != row:
                if existing is not None:
                    close.append(existing[0])
                opened.append((kind, source_id, row))
        close.extend(
            record_id for source_id, (record_id, _row) in current.items() if source_id not in target
        )
    if not close and not opened:
        return
    entry = ChangeLog.objects.create(
        plan=plan, object_type=SYNC_OBJECT, object_id=len(opened), action="sync"
    )
    for start in range(0, len(close), CHUNK):
        FunnelRecord.objects.filter(pk__in=close[start : start + CHUNK]).update(valid_to=entry.pk)
    FunnelRecord.objects.bulk_create(
        (
            FunnelRecord(
                plan=plan,
                kind=kind,
                source_id=source_id,
                valid_from=entry.pk,
                **dict(zip(ROW_FIELDS, row, strict=True)),
            )
            for kind, source_id, row in opened
        ),
        batch_size=CHUNK,
    )


def data_version(plan: Plan) -> int:
    """The plan's current data version: the id of its latest change (0 before any)."""
    return ChangeLog.objects.filter(plan=plan).aggregate(v=Max("id"))["v"] or 0


def records(plan: Plan, as_of: int | None = None) -> QuerySet[FunnelRecord]:
    """The funnel rows in force at data version `as_of` (default: now)."""
    rows = FunnelRecord.objects.filter(plan=plan)
    if as_of is None:
        return rows.filter(valid_to__isnull=True)
    return rows.filter(valid_from__lte=as_of).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=as_of)
    )


def side(sector_id: int | None, region_id: int | None, which: str) -> Q:
    """Q for side `which` ("a" or "b") being in the sector and the region."""
    condition = Q()
    if region_id:
        condition &= Q(**{f"region_{which}": region_id})
    if sector_id:
        condition &= Q(**{f"sectors_{which}__contains": f",{sector_id},"})
    return condition


def either(sector_id: int | None, region_id: int | None) -> Q:
    """Q for rows where either side is in the sector and the region (no filter: all rows)."""
    if not sector_id and not region_id:
        return Q()
    return side(sector_id, region_id, "a") | side(sector_id, region_id, "b")


def in_period(rows: QuerySet[FunnelRecord], date_from: date, date_to: date) -> QuerySet[Any]:
    return rows.filter(day__gte=date_from, day__lte=date_to)
