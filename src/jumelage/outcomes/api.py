"""Plans over HTTP: plans, actions, outcomes and the report (mounted at /api/v1/plans).

The same rules as the pages: a programme manager reads and writes their programme's plans;
a member reads their own organisation's outcomes and declares new ones for the plans that
accompany it; the report is `selectors.plan_figures`, the function behind the dashboard.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from jumelage.accounts.models import Programme
from jumelage.api.auth import AUTHENTICATED
from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.directory.models import Organisation, Region, Sector
from jumelage.outcomes import rules, selectors, services
from jumelage.outcomes.models import Action, Outcome, Plan

router = Router(tags=["plans"], auth=AUTHENTICATED)


class ErrorOut(Schema):
    detail: str


class PlanIn(Schema):
    programme: int
    name: str
    description: str = ""
    start_date: date
    end_date: date


class PlanOut(Schema):
    id: int
    programme: int
    name: str
    description: str
    start_date: date
    end_date: date
    data_version: int


class ActionIn(Schema):
    kind: Action.Kind
    title: str
    description: str = ""
    start_date: date
    end_date: date | None = None
    place: str = ""
    budget_amount: Decimal | None = None
    budget_currency: str = "EUR"
    event: int | None = None
    partners: list[int] = []
    participants: list[int] = []


class ActionOut(Schema):
    id: int
    kind: str
    title: str
    start_date: date
    end_date: date | None
    place: str
    budget_amount: Decimal | None
    budget_currency: str
    event: int | None
    partners: list[int]
    participants: list[int]


class OutcomeIn(Schema):
    kind: Outcome.Kind
    title: str
    description: str = ""
    date: date
    organisation: int
    partners: list[int] = []
    sector: str | None = None
    actions: list[int] = []
    amount: Decimal | None = None
    currency: str = "EUR"
    count: int = 1
    confidence: Outcome.Confidence = Outcome.Confidence.DECLARED
    origin_meeting: int | None = None
    origin_interest: int | None = None
    origin_recommendation: int | None = None


class OutcomeOut(Schema):
    id: int
    plan: int
    kind: str
    title: str
    date: date
    organisation: int
    partners: list[int]
    sector: str | None
    actions: list[int]
    amount: Decimal | None
    currency: str
    count: int
    confidence: str
    origin_meeting: int | None
    origin_interest: int | None
    origin_recommendation: int | None
    version: int


ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _plan(plan_id: int) -> Plan:
    plan = Plan.objects.select_related("programme").filter(pk=plan_id).first()
    if plan is None:
        raise Http404(_("No such plan."))
    return plan


def _managed(request: HttpRequest, plan_id: int) -> Plan:
    plan = _plan(plan_id)
    if not rules.can_manage_plan(request.auth, plan):
        raise PermissionDenied(_("You do not manage this plan."))
    return plan


def _plan_out(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "programme": plan.programme_id,
        "name": plan.name,
        "description": plan.description,
        "start_date": plan.start_date,
        "end_date": plan.end_date,
        "data_version": selectors.data_version(plan),
    }


def _action_out(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "kind": action.kind,
        "title": action.title,
        "start_date": action.start_date,
        "end_date": action.end_date,
        "place": action.place,
        "budget_amount": action.budget_amount,
        "budget_currency": action.budget_currency,
        "event": action.event_id,
        "partners": sorted(o.pk for o in action.partners.all()),
        "participants": sorted(o.pk for o in action.participants.all()),
    }


def _outcome_out(outcome: Outcome) -> dict[str, Any]:
    return {
        "id": outcome.pk,
        "plan": outcome.plan_id,
        "kind": outcome.kind,
        "title": outcome.title,
        "date": outcome.date,
        "organisation": outcome.organisation_id,
        "partners": sorted(o.pk for o in outcome.partners.all()),
        "sector": outcome.sector.code if outcome.sector_id else None,
        "actions": sorted(a.pk for a in outcome.actions.all()),
        "amount": outcome.amount,
        "currency": outcome.currency,
        "count": outcome.count,
        "confidence": outcome.confidence,
        "origin_meeting": outcome.origin_meeting_id,
        "origin_interest": outcome.origin_interest_id,
        "origin_recommendation": outcome.origin_recommendation_id,
        "version": outcome.version,
    }


@router.get("", response={200: list[PlanOut], **ERRORS})
def list_plans(request: HttpRequest):
    """The plans the caller manages."""
    return [_plan_out(plan) for plan in rules.managed_plans(request.auth)]


@router.post("", response={201: PlanOut, **ERRORS})
def create_plan(request: HttpRequest, payload: PlanIn):
    programme = Programme.objects.filter(pk=payload.programme).first()
    if programme is None:
        raise DomainError(_("There is no such programme."), field="programme")
    plan = Plan(
        programme=programme,
        name=payload.name,
        description=payload.description,
        start_date=payload.start_date,
        end_date=payload.end_date,
    )
    plan = services.save_plan(actor=request.auth, plan=plan)
    return Status(201, _plan_out(plan))


@router.get("/{plan_id}", response={200: PlanOut, **ERRORS})
def get_plan(request: HttpRequest, plan_id: int):
    return _plan_out(_managed(request, plan_id))


@router.get("/{plan_id}/actions", response={200: list[ActionOut], **ERRORS})
def list_actions(request: HttpRequest, plan_id: int):
    plan = _managed(request, plan_id)
    return [
        _action_out(action) for action in plan.actions.prefetch_related("partners", "participants")
    ]


def _organisations(ids: list[int], field: str) -> list[Organisation]:
    found = list(Organisation.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise DomainError(_("An organisation was not found."), field=field)
    return found


@router.post("/{plan_id}/actions", response={201: ActionOut, **ERRORS})
def create_action(request: HttpRequest, plan_id: int, payload: ActionIn):
    plan = _managed(request, plan_id)
    data = payload.dict(exclude={"partners", "participants", "event"})
    action = Action(plan=plan, event_id=payload.event, **data)
    action = services.save_action(
        actor=request.auth,
        action=action,
        partners=_organisations(payload.partners, "partners"),
        participants=_organisations(payload.participants, "participants"),
    )
    return Status(201, _action_out(action))


@router.get("/{plan_id}/outcomes", response={200: list[OutcomeOut], **ERRORS})
def list_outcomes(request: HttpRequest, plan_id: int):
    """The plan's outcomes the caller may see: all for its managers, their own for members."""
    plan = _plan(plan_id)
    outcomes = rules.visible_outcomes(request.auth).filter(plan=plan)
    return [_outcome_out(o) for o in outcomes.prefetch_related("partners", "actions")]


@router.post("/{plan_id}/outcomes", response={201: OutcomeOut, **ERRORS})
def declare_outcome(request: HttpRequest, plan_id: int, payload: OutcomeIn):
    plan = _plan(plan_id)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        raise DomainError(_("An organisation was not found."), field="organisation")
    sector = None
    if payload.sector:
        sector = Sector.objects.filter(code=payload.sector).first()
        if sector is None:
            raise DomainError(_("Unknown sector."), field="sector")
    actions = list(Action.objects.filter(plan=plan, pk__in=payload.actions))
    if len(actions) != len(set(payload.actions)):
        raise DomainError(_("An action of another plan was given."), field="actions")
    outcome = Outcome(
        plan=plan,
        kind=payload.kind,
        title=payload.title,
        description=payload.description,
        date=payload.date,
        organisation=organisation,
        sector=sector,
        amount=payload.amount,
        currency=payload.currency,
        count=payload.count,
        confidence=payload.confidence,
        origin_meeting_id=payload.origin_meeting,
        origin_interest_id=payload.origin_interest,
        origin_recommendation_id=payload.origin_recommendation,
    )
    outcome = services.record_outcome(
        actor=request.auth,
        outcome=outcome,
        actions=actions,
        partners=_organisations(payload.partners, "partners"),
    )
    return Status(201, _outcome_out(outcome))


@router.get("/{plan_id}/report", response={200: dict[str, Any], **ERRORS})
def plan_report(
    request: HttpRequest,
    plan_id: int,
    date_from: date | None = None,
    date_to: date | None = None,
    sector: str | None = None,
    region: str | None = None,
    as_of: int | None = None,
):
    """The plan's figures, in the shape of `jumelage plan-report --format json`."""
    plan = _managed(request, plan_id)
    sector_obj = Sector.objects.filter(code=sector).first() if sector else None
    region_obj = Region.objects.filter(code=region).first() if region else None
    if (sector and sector_obj is None) or (region and region_obj is None):
        raise DomainError(_("Unknown sector or region."))
    figures = selectors.plan_figures(
        plan=plan,
        date_from=date_from,
        date_to=date_to,
        sector=sector_obj,
        region=region_obj,
        as_of=as_of,
    )
    return figures.as_json()
