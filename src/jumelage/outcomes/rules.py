"""Who sees and changes plans and outcomes: the one place these rules live.

- a programme manager sees and edits the plans of their programme, with all their records;
- a member (or the ecosystem manager of an organisation) sees the outcomes of their own
  organisation and declares new ones for the plans that accompany it; they never see the
  dashboard, the follow-up log or other organisations' outcomes;
- everyone else sees nothing. The platform itself (events' SYSTEM, used by the demo loader
  and commands) acts as a manager of every plan.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jumelage.accounts.models import Role
from jumelage.directory.rules import _roles, managed_programme_ids
from jumelage.events.rules import SYSTEM
from jumelage.outcomes.models import Outcome, Plan


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def own_organisation_ids(user: Any) -> set[int]:
    """The organisations a user speaks for: their member and ecosystem-manager roles."""
    return {
        role.organisation_id
        for role in _roles(user)
        if role.organisation_id and role.kind in (Role.Kind.MEMBER, Role.Kind.ECOSYSTEM_MANAGER)
    }


def managed_plans(user: Any) -> QuerySet[Plan]:
    """The plans `user` manages: the scoping function every plan page goes through."""
    plans = Plan.objects.select_related("programme")
    if not _authenticated(user):
        return plans.none()
    if user.is_superuser:
        return plans
    return plans.filter(programme_id__in=managed_programme_ids(user))


def can_manage_plan(user: Any, plan: Plan) -> bool:
    """A manager of the plan's programme; the platform itself (the demo loader) too."""
    if user is SYSTEM:
        return True
    if not _authenticated(user):
        return False
    return bool(user.is_superuser or plan.programme_id in managed_programme_ids(user))


def can_create_plan(user: Any) -> bool:
    return _authenticated(user) and bool(user.is_superuser or managed_programme_ids(user))


def declarable_plans(user: Any) -> QuerySet[Plan]:
    """Plans a member may declare outcomes for: those accompanying one of their organisations."""
    own = own_organisation_ids(user)
    if not own:
        return Plan.objects.none()
    return Plan.objects.filter(accompaniments__organisation_id__in=own).distinct()


def visible_outcomes(user: Any) -> QuerySet[Outcome]:
    """Every outcome `user` may see: their programmes' plans, or their own organisation's."""
    outcomes = Outcome.objects.select_related("plan", "organisation", "sector")
    if not _authenticated(user):
        return outcomes.none()
    if user.is_superuser:
        return outcomes
    condition = Q(pk__in=[])
    programmes = managed_programme_ids(user)
    if programmes:
        condition |= Q(plan__programme_id__in=programmes)
    own = own_organisation_ids(user)
    if own:
        condition |= Q(organisation_id__in=own)
    return outcomes.filter(condition)


def can_declare_outcome(user: Any, plan: Plan, organisation_id: int | None) -> bool:
    """Managers declare for anyone in their plan; members for their own accompanied organisation."""
    if can_manage_plan(user, plan):
        return True
    if organisation_id is None or organisation_id not in own_organisation_ids(user):
        return False
    return plan.accompaniments.filter(organisation_id=organisation_id).exists()


def can_edit_outcome(user: Any, outcome: Outcome) -> bool:
    """Managers edit any outcome of their plans; members their own while it is only declared."""
    if can_manage_plan(user, outcome.plan):
        return True
    return (
        outcome.confidence == Outcome.Confidence.DECLARED
        and outcome.organisation_id in own_organisation_ids(user)
    )


def can_set_confidence(user: Any, plan: Plan) -> bool:
    """Only the plan's managers confirm an outcome or mark it evidenced."""
    return can_manage_plan(user, plan)
