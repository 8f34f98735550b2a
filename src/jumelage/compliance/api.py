"""Screening over HTTP: screen a name, read the review queue, decide a hit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import Field

from jumelage.api.auth import AUTHENTICATED
from jumelage.compliance import labels, rules, selectors, services
from jumelage.compliance.models import ScreeningHit
from jumelage.engines import screening

router = Router(tags=["compliance"], auth=AUTHENTICATED)


class ScreenIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    schema_: str = Field("Thing", alias="schema", pattern="^(Person|Organization|Thing)$")
    country: str | None = Field(None, max_length=2)
    birth_date: str | None = None
    aliases: list[str] = []


class HitOut(Schema):
    entry: str
    list: str
    name: str
    score: float
    explanation: str
    reasons: list[str]


class ReviewHitOut(Schema):
    id: int
    status: str
    organisation: int | None
    person: int | None
    screened_name: str
    entry: str
    list: str
    listed_name: str
    score: float
    reasons: list[str]


class DecisionIn(Schema):
    decision: str = Field(pattern="^(confirm|dismiss)$")
    reason: str = Field(min_length=1, max_length=2000)


def _review_out(hit: ScreeningHit) -> dict:
    return {
        "id": hit.pk,
        "status": hit.status,
        "organisation": hit.organisation_id,
        "person": hit.person_id,
        "screened_name": hit.screened_name,
        "entry": hit.entry_id,
        "list": hit.list_id,
        "listed_name": hit.entry_name,
        "score": hit.score,
        "reasons": labels.hit_reasons(hit),
    }


@router.post("/screen", response=list[HitOut], summary="Screen a name against the loaded lists")
def screen_name(request, payload: ScreenIn):
    if not rules.can_review(request.auth):
        raise PermissionDenied
    if not services.current_lists():
        return []
    screener, _hashes = services.current_screener()
    query = screening.Query(
        name=payload.name,
        schema=payload.schema_,
        country=payload.country,
        birth_date=payload.birth_date,
        aliases=tuple(payload.aliases),
    )
    return [
        {
            "entry": hit.entry_id,
            "list": hit.list_id,
            "name": hit.name,
            "score": hit.score,
            "explanation": hit.explanation,
            "reasons": [labels.reason_text(r.code, r.params, r.text) for r in hit.reasons],
        }
        for hit in screener.screen(query)
    ]


@router.get("/hits", response=list[ReviewHitOut], summary="The review queue")
def review_queue(request, status: str = "pending", limit: int = 50, offset: int = 0):
    if not rules.can_review(request.auth):
        raise PermissionDenied
    hits = selectors.review_queue(status)[offset : offset + min(limit, 200)]
    return [_review_out(hit) for hit in hits]


@router.post("/hits/{hit_id}/decision", response=ReviewHitOut, summary="Confirm or dismiss a hit")
def decide(request, hit_id: int, payload: DecisionIn):
    if not rules.can_decide(request.auth):
        raise PermissionDenied
    hit = get_object_or_404(ScreeningHit, pk=hit_id)
    services.decide_hit(
        actor=request.auth, hit=hit, confirm=payload.decision == "confirm", reason=payload.reason
    )
    return _review_out(hit)
