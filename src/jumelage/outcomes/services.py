"""Writing plans, actions, accompaniments, the follow-up log and outcomes.

Every change to a plan's records appends a `ChangeLog` entry, whose id is the plan's new data
version; every change to an outcome also writes an `OutcomeVersion` snapshot, from which the
figures are counted, so that a report for a past period can be recomputed as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.core import audit
from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.directory.models import Organisation, Person, Region, Sector
from jumelage.outcomes import rules
from jumelage.outcomes.models import (
    Accompaniment,
    Action,
    Attachment,
    ChangeLog,
    FollowUpEntry,
    FollowUpReminder,
    Objective,
    Outcome,
    OutcomeVersion,
    Plan,
)

FOLLOW_UP_SALT = "jumelage.outcomes.follow-up"
# A reminder's link stays valid long enough for the next reminder to supersede it.
FOLLOW_UP_MAX_AGE_DAYS = 190
FOLLOW_UP_MONTHS = (3, 6, 12)


def _refuse(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this."))


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _log(*, plan: Plan, obj: Any, action: str, actor: Any) -> ChangeLog:
    return ChangeLog.objects.create(
        plan=plan,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        action=action,
        actor=_actor(actor),
    )


# Plans, objectives, actions -------------------------------------------------------------


@transaction.atomic
def save_plan(*, actor: Any, plan: Plan) -> Plan:
    """Create or update a plan; only a manager of its programme may."""
    creating = plan.pk is None
    _refuse(rules.can_manage_plan(actor, plan))
    if plan.end_date < plan.start_date:
        raise DomainError(_("The plan ends before it starts."), field="end_date")
    if creating:
        plan.created_by = _actor(actor)
    plan.save()
    _log(plan=plan, obj=plan, action="create" if creating else "update", actor=actor)
    audit.record(actor=actor, action="create" if creating else "update", obj=plan)
    return plan


@transaction.atomic
def add_objective(
    *,
    actor: Any,
    plan: Plan,
    metric: str,
    target: int,
    sector: Sector | None = None,
    region: Region | None = None,
) -> Objective:
    """Add a target number to the plan."""
    _refuse(rules.can_manage_plan(actor, plan))
    objective = Objective.objects.create(
        plan=plan, metric=metric, target=target, sector=sector, region=region
    )
    _log(plan=plan, obj=objective, action="create", actor=actor)
    return objective


@transaction.atomic
def remove_objective(*, actor: Any, objective: Objective) -> None:
    _refuse(rules.can_manage_plan(actor, objective.plan))
    _log(plan=objective.plan, obj=objective, action="delete", actor=actor)
    objective.delete()


@transaction.atomic
def save_action(
    *,
    actor: Any,
    action: Action,
    partners: Iterable[Organisation] | None = None,
    participants: Iterable[Organisation] | None = None,
) -> Action:
    """Create or update an action of a plan, with its partners and participating organisations."""
    _refuse(rules.can_manage_plan(actor, action.plan))
    if action.end_date and action.end_date < action.start_date:
        raise DomainError(_("The last day is before the first day."), field="end_date")
    if action.budget_amount is not None and action.budget_amount < 0:
        raise DomainError(_("A budget cannot be negative."), field="budget_amount")
    creating = action.pk is None
    action.budget_currency = (action.budget_currency or "EUR").upper()
    action.save()
    if partners is not None:
        action.partners.set(partners)
    if participants is not None:
        action.participants.set(participants)
    _log(plan=action.plan, obj=action, action="create" if creating else "update", actor=actor)
    if not creating:
        # The earliest claiming action may have changed: re-snapshot what this action claims.
        version = ChangeLog.objects.filter(plan=action.plan).latest("id").pk
        for outcome in action.outcomes.all():
            _snapshot(outcome, version)
    return action


# Accompaniment and follow-up log ------------------------------------------------------


@transaction.atomic
def accompany(
    *,
    actor: Any,
    plan: Plan,
    organisation: Organisation,
    since: date,
    adviser: Any = None,
    actions: Iterable[Action] = (),
    note: str = "",
) -> Accompaniment:
    """Record that the plan accompanies an organisation (again: updates the adviser/actions)."""
    _refuse(rules.can_manage_plan(actor, plan))
    actions = list(actions)
    if any(action.plan_id != plan.pk for action in actions):
        raise DomainError(_("An action of another plan was given."), field="actions")
    accompaniment, created = Accompaniment.objects.update_or_create(
        plan=plan,
        organisation=organisation,
        defaults={"since": since, "adviser": adviser, "note": note},
    )
    accompaniment.actions.set(actions)
    _log(plan=plan, obj=accompaniment, action="create" if created else "update", actor=actor)
    return accompaniment


@transaction.atomic
def add_follow_up(
    *,
    actor: Any,
    accompaniment: Accompaniment,
    kind: str,
    day: date,
    note: str,
    person: Person | None = None,
    counterpart: Organisation | None = None,
) -> FollowUpEntry:
    """Add an entry to the shared follow-up log; a person may be named only with their consent."""
    _refuse(rules.can_manage_plan(actor, accompaniment.plan))
    if person is not None:
        if person.erased_at is not None or person.consent_at is None:
            raise DomainError(
                _("This person has not given their consent to be recorded."), field="person"
            )
        if person.organisation_id != accompaniment.organisation_id:
            raise DomainError(
                _("This person does not belong to the accompanied organisation."), field="person"
            )
    entry = FollowUpEntry.objects.create(
        accompaniment=accompaniment,
        kind=kind,
        date=day,
        note=note,
        person=person,
        counterpart=counterpart,
        author=_actor(actor),
    )
    _log(plan=accompaniment.plan, obj=entry, action="create", actor=actor)
    return entry


# Outcomes ------------------------------------------------------------------------------


def attributed_action(actions: Iterable[Action]) -> Action | None:
    """The action an outcome counts for: the earliest-dated claiming action (then the lowest id)."""
    return min(actions, key=lambda action: (action.start_date, action.pk), default=None)


def _sector_id(outcome: Outcome) -> int | None:
    if outcome.sector_id:
        return outcome.sector_id
    first = outcome.organisation.sectors.order_by("position", "code").first()
    return first.pk if first else None


def _snapshot(outcome: Outcome, version: int) -> OutcomeVersion:
    OutcomeVersion.objects.filter(outcome_id=outcome.pk, valid_to__isnull=True).update(
        valid_to=version
    )
    actions = list(outcome.actions.all())
    attributed = attributed_action(actions)
    return OutcomeVersion.objects.create(
        outcome_id=outcome.pk,
        plan_id=outcome.plan_id,
        valid_from=version,
        kind=outcome.kind,
        date=outcome.date,
        organisation_id=outcome.organisation_id,
        sector_id=_sector_id(outcome),
        region_id=outcome.organisation.region_id,
        action_id=attributed.pk if attributed else None,
        action_ids=sorted(action.pk for action in actions),
        amount=outcome.amount,
        currency=outcome.currency if outcome.amount is not None else "",
        count=outcome.count,
        confidence=outcome.confidence,
    )


def _check_outcome(outcome: Outcome, actions: list[Action]) -> None:
    if any(action.plan_id != outcome.plan_id for action in actions):
        raise DomainError(_("An action of another plan was given."), field="actions")
    if outcome.amount is not None and outcome.amount < Decimal(0):
        raise DomainError(_("An amount cannot be negative."), field="amount")
    if outcome.kind in (Outcome.Kind.JOBS, Outcome.Kind.SME) and outcome.count < 1:
        raise DomainError(_("Give a number of at least one."), field="count")
    outcome.currency = (outcome.currency or "EUR").upper()


@transaction.atomic
def record_outcome(
    *,
    actor: Any,
    outcome: Outcome,
    actions: Iterable[Action] = (),
    partners: Iterable[Organisation] = (),
) -> Outcome:
    """Record a new outcome with the actions claiming it; members may only declare their own."""
    _refuse(rules.can_declare_outcome(actor, outcome.plan, outcome.organisation_id))
    if not rules.can_set_confidence(actor, outcome.plan):
        outcome.confidence = Outcome.Confidence.DECLARED
    actions = list(actions)
    _check_outcome(outcome, actions)
    outcome.declared_by = _actor(actor)
    outcome.save()
    outcome.actions.set(actions)
    outcome.partners.set([p for p in partners if p.pk != outcome.organisation_id])
    entry = _log(plan=outcome.plan, obj=outcome, action="create", actor=actor)
    _snapshot(outcome, entry.pk)
    audit.record(actor=actor, action="declare_outcome", obj=outcome)
    return outcome


@transaction.atomic
def update_outcome(
    *,
    actor: Any,
    outcome: Outcome,
    actions: Iterable[Action] | None = None,
    partners: Iterable[Organisation] | None = None,
) -> Outcome:
    """Save changes to an outcome; the previous version stays readable for past reports."""
    stored = Outcome.objects.select_related("plan").get(pk=outcome.pk)
    _refuse(rules.can_edit_outcome(actor, stored))
    if outcome.plan_id != stored.plan_id:
        raise DomainError(_("An outcome cannot move to another plan."), field="plan")
    if outcome.organisation_id != stored.organisation_id:
        _refuse(rules.can_declare_outcome(actor, outcome.plan, outcome.organisation_id))
    if not rules.can_set_confidence(actor, outcome.plan):
        outcome.confidence = stored.confidence
    action_list = list(actions) if actions is not None else list(outcome.actions.all())
    _check_outcome(outcome, action_list)
    outcome.version = stored.version + 1
    outcome.save()
    if actions is not None:
        outcome.actions.set(action_list)
    if partners is not None:
        outcome.partners.set([p for p in partners if p.pk != outcome.organisation_id])
    entry = _log(plan=outcome.plan, obj=outcome, action="update", actor=actor)
    _snapshot(outcome, entry.pk)
    audit.record(actor=actor, action="update_outcome", obj=outcome)
    return outcome


@transaction.atomic
def delete_outcome(*, actor: Any, outcome: Outcome) -> None:
    """Delete an outcome; its snapshots stay, closed, so past reports keep counting it."""
    _refuse(rules.can_edit_outcome(actor, outcome))
    entry = _log(plan=outcome.plan, obj=outcome, action="delete", actor=actor)
    OutcomeVersion.objects.filter(outcome_id=outcome.pk, valid_to__isnull=True).update(
        valid_to=entry.pk
    )
    audit.record(actor=actor, action="delete_outcome", obj=outcome)
    outcome.delete()


@transaction.atomic
def attach(*, actor: Any, outcome: Outcome, upload: Any, name: str = "") -> Attachment:
    """Attach a file (evidence) to an outcome."""
    _refuse(rules.can_edit_outcome(actor, outcome))
    attachment = Attachment(
        outcome=outcome, name=(name or upload.name)[:200], uploaded_by=_actor(actor)
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    _log(plan=outcome.plan, obj=attachment, action="create", actor=actor)
    return attachment


# Follow-up reminders --------------------------------------------------------------------


def follow_up_token(reminder: FollowUpReminder) -> str:
    """The signed, tamper-proof key of a reminder's one-click form."""
    return signing.dumps({"r": reminder.pk}, salt=FOLLOW_UP_SALT, compress=True)


def reminder_from_token(token: str) -> FollowUpReminder:
    """The reminder a token was issued for; a forged or expired token is a DomainError."""
    try:
        payload = signing.loads(
            token, salt=FOLLOW_UP_SALT, max_age=FOLLOW_UP_MAX_AGE_DAYS * 24 * 3600
        )
    except signing.SignatureExpired as error:
        raise DomainError(
            _("This link has expired. Ask the programme team for a new one.")
        ) from error
    except signing.BadSignature as error:
        raise DomainError(
            _("This link is not valid: it may have been copied incompletely.")
        ) from error
    reminder = (
        FollowUpReminder.objects.select_related(
            "plan", "meeting__event", "participant__person__organisation"
        )
        .filter(pk=payload.get("r") if isinstance(payload, dict) else None)
        .first()
    )
    if reminder is None:
        raise DomainError(_("This link is not valid: it may have been copied incompletely."))
    return reminder


@transaction.atomic
def answer_follow_up(
    *,
    reminder: FollowUpReminder,
    kind: str | None,
    title: str = "",
    description: str = "",
    day: date | None = None,
    amount: Decimal | None = None,
    currency: str = "EUR",
    count: int = 1,
) -> Outcome | None:
    """Record what came of a meeting, as told by a participant through their signed link.

    `kind` None means "nothing (yet)": the reminder is marked answered and nothing is counted.
    The outcome is declared for the participant's organisation, with the other side as partner
    and the meeting as origin, claimed by the plan actions that ran the meeting's event.
    """
    reminder = FollowUpReminder.objects.select_for_update().get(pk=reminder.pk)
    if reminder.answered_at is not None:
        raise DomainError(_("This reminder has already been answered. Thank you!"))
    outcome = None
    if kind:
        if kind not in Outcome.Kind.values:
            raise DomainError(_("Unknown kind of outcome."), field="kind")
        meeting = reminder.meeting
        participant = reminder.participant
        other = meeting.second if meeting.first_id == participant.pk else meeting.first
        outcome = Outcome(
            plan=reminder.plan,
            kind=kind,
            title=title[:300] or Outcome.Kind(kind).label,
            description=description,
            date=day or timezone.localdate(),
            organisation=participant.person.organisation,
            amount=amount,
            currency=currency or "EUR",
            count=count or 1,
            confidence=Outcome.Confidence.DECLARED,
            origin_meeting=meeting,
        )
        actions = list(Action.objects.filter(plan=reminder.plan, event_id=meeting.event_id))
        _check_outcome(outcome, actions)
        outcome.save()
        outcome.actions.set(actions)
        outcome.partners.set([other.person.organisation])
        entry = _log(plan=reminder.plan, obj=outcome, action="create", actor=None)
        _snapshot(outcome, entry.pk)
        audit.record(actor=None, action="declare_outcome_by_link", obj=outcome)
    reminder.answered_at = timezone.now()
    reminder.outcome = outcome
    reminder.save(update_fields=["answered_at", "outcome"])
    return outcome
