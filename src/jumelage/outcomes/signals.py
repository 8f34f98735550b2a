"""Refresh a plan's figures in the background when a record its funnel counts changes.

Meetings, meeting requests, events and expressions of interest are collected per transaction;
once it commits, one task per plan concerned copies the changes (`records.sync`) and computes
the default dashboard figures. Pages do the same on demand, so a missed signal (a bulk update)
only makes the first page after it slower, never wrong.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from jumelage.events.models import Event, Meeting, MeetingRequest
from jumelage.opportunities.models import ExpressionOfInterest


class _Pending:
    def __init__(self) -> None:
        self.events: set[int] = set()
        self.organisations: set[int] = set()
        self.done = False

    def flush(self) -> None:
        self.done = True
        _enqueue(self.events, self.organisations)


def _enqueue(events: set[int], organisations: set[int]) -> None:
    from jumelage.outcomes.models import Plan
    from jumelage.outcomes.tasks import refresh_plan_task

    if not events and not organisations:
        return
    plans = Plan.objects.filter(
        Q(actions__event_id__in=events) | Q(accompaniments__organisation_id__in=organisations)
    ).values_list("pk", flat=True)
    for plan_id in sorted(set(plans)):
        refresh_plan_task.enqueue(plan_id)


def _record(events=(), organisations=()) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _enqueue(set(events), set(organisations))
        return
    pending: _Pending | None = getattr(connection, "_jumelage_outcomes_pending", None)
    if (
        pending is None
        or pending.done
        or not any(entry[1] == pending.flush for entry in connection.run_on_commit)
    ):
        pending = _Pending()
        connection._jumelage_outcomes_pending = pending
        transaction.on_commit(pending.flush)
    pending.events.update(events)
    pending.organisations.update(organisations)


def _event_record_changed(sender, instance, **kwargs) -> None:
    if not kwargs.get("raw"):
        _record(events=[instance.event_id])


def _event_changed(sender, instance: Event, **kwargs) -> None:
    if not kwargs.get("raw"):
        _record(events=[instance.pk])


def _interest_changed(sender, instance: ExpressionOfInterest, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    profile = getattr(instance, "profile", None)
    _record(organisations=[instance.organisation_id, getattr(profile, "organisation_id", None)])


def connect() -> None:
    for model in (Meeting, MeetingRequest):
        post_save.connect(_event_record_changed, sender=model, dispatch_uid=f"outcomes-{model}")
        post_delete.connect(_event_record_changed, sender=model, dispatch_uid=f"outcomes-d{model}")
    post_save.connect(_event_changed, sender=Event, dispatch_uid="outcomes-event")
    post_save.connect(_interest_changed, sender=ExpressionOfInterest, dispatch_uid="outcomes-eoi")
    post_delete.connect(
        _interest_changed, sender=ExpressionOfInterest, dispatch_uid="outcomes-eoi-d"
    )
