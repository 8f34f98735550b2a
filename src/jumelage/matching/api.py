"""Partner recommendations over HTTP, with reasons in the caller's language
(Accept-Language), and feedback on them. Mount with
`api.add_router("/matching", matching.api.router)`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from jumelage.api.auth import AUTHENTICATED, OPTIONAL, OPTIONAL_OPENAPI
from jumelage.directory.models import Organisation
from jumelage.matching import services
from jumelage.opportunities import rules as profile_rules
from jumelage.opportunities.models import CooperationProfile

router = Router(tags=["matching"])


class ErrorOut(Schema):
    detail: str


class FilterQuery(Schema):
    country: list[str] = Field([], description="ISO alpha-2 codes; any of them.")
    region: list[str] = Field([], description="Region codes, matched as prefixes (FRL: PACA).")
    kind: list[str] = Field([], description="Organisation kinds; any of them.")
    exclude: list[int] = Field([], description="Organisation ids never returned.")
    top: int = Field(10, ge=1, le=100)


class TextQuery(FilterQuery):
    text: str = Field(min_length=1, max_length=4000, description="The need, in FR, EN or RU.")
    lang: str = Field("", description="Language of the text (fr, en, ru); detected when empty.")
    organisation_id: int | None = Field(
        None, description="The organisation seeking (never recommended; its network counts)."
    )


class ReasonOut(Schema):
    kind: str = Field(description="topic, network or complement")
    code: str
    text: str = Field(description="In the language of the request.")


class RecommendationOut(Schema):
    organisation_id: int
    ref: str = Field(description="The organisation's id in files (INTERFACES §1).")
    name: str
    country: str
    kind: str
    score: float
    reasons: list[ReasonOut]


class FeedbackIn(Schema):
    result_id: int = Field(description="The recommended organisation judged.")
    relevant: bool
    query: str = ""
    query_lang: str = ""
    organisation_id: int | None = None
    profile_id: int | None = None
    rank: int = 0
    score: float = 0.0


class FeedbackOut(Schema):
    id: int


def _out(recommendations: list[services.Recommendation]) -> list[dict[str, Any]]:
    return [
        {
            "organisation_id": rec.organisation_id,
            "ref": rec.organisation.external_ref if rec.organisation else "",
            "name": rec.organisation.display_name if rec.organisation else "",
            "country": rec.organisation.country if rec.organisation else "",
            "kind": rec.organisation.kind if rec.organisation else "",
            "score": rec.score,
            "reasons": [reason.to_dict() for reason in rec.reasons],
        }
        for rec in recommendations
    ]


def _filters(query: FilterQuery) -> dict[str, list[str]]:
    return {"country": query.country, "region": query.region, "kind": query.kind}


RESPONSES = {200: list[RecommendationOut], 400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


@router.get(
    "/recommendations",
    response=RESPONSES,
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Partners for a need described in free text",
)
def recommend_for_text(request: HttpRequest, query: Query[TextQuery]):
    organisation = None
    if query.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=query.organisation_id).first()
        if organisation is None:
            raise Http404(_("No such organisation."))
    return _out(
        services.recommend_organisations(
            organisation=organisation,
            text=query.text,
            text_lang=query.lang or None,
            lang=get_language(),
            filters=_filters(query),
            exclude=query.exclude,
            top=query.top,
            viewer=request.auth,
        )
    )


@router.get(
    "/organisations/{int:organisation_id}/partners",
    response=RESPONSES,
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Partners for an organisation",
)
def recommend_for_organisation(
    request: HttpRequest, organisation_id: int, query: Query[FilterQuery]
):
    organisation = Organisation.objects.filter(pk=organisation_id, archived=False).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    return _out(
        services.recommend_organisations(
            organisation=organisation,
            lang=get_language(),
            filters=_filters(query),
            exclude=query.exclude,
            top=query.top,
            viewer=request.auth,
        )
    )


@router.get(
    "/profiles/{int:profile_id}/partners",
    response=RESPONSES,
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Partners answering a cooperation profile",
)
def recommend_for_profile(request: HttpRequest, profile_id: int, query: Query[FilterQuery]):
    profile = (
        profile_rules.visible_profiles(request.auth)
        .select_related("organisation")
        .filter(pk=profile_id)
        .first()
    )
    if profile is None:
        raise Http404(_("No such profile."))
    return _out(
        services.recommend_for_profile(
            profile=profile,
            lang=get_language(),
            filters=_filters(query),
            top=query.top,
            viewer=request.auth,
        )
    )


@router.post(
    "/feedback",
    response={201: FeedbackOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    auth=AUTHENTICATED,
    summary="Say whether a recommendation was relevant",
)
def give_feedback(request: HttpRequest, payload: FeedbackIn):
    result = Organisation.objects.filter(pk=payload.result_id).first()
    if result is None:
        raise Http404(_("No such organisation."))
    profile: CooperationProfile | None = None
    if payload.profile_id is not None:
        profile = profile_rules.visible_profiles(request.auth).filter(pk=payload.profile_id).first()
        if profile is None:
            raise Http404(_("No such profile."))
    organisation = (
        Organisation.objects.filter(pk=payload.organisation_id).first()
        if payload.organisation_id is not None
        else None
    )
    feedback = services.record_feedback(
        user=request.auth,
        result=result,
        relevant=payload.relevant,
        query=payload.query,
        query_lang=payload.query_lang,
        subject_organisation=organisation,
        subject_profile=profile,
        rank=payload.rank,
        score=payload.score,
    )
    return Status(201, {"id": feedback.pk})
