"""Cooperation profiles over HTTP: search and read (anonymised as on the pages), draft,
move along the workflow, express interest and answer it.

Every read goes through `rules.visible_profiles`, so drafts and private profiles are
invisible to outsiders here exactly as on the pages; the organisation behind a profile is
named only to its owner side and reviewers. Mount with
`api.add_router("/profiles", opportunities.api.router)`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from jumelage.api.auth import AUTHENTICATED, OPTIONAL, OPTIONAL_OPENAPI
from jumelage.core.errors import PermissionDenied
from jumelage.directory.models import Organisation
from jumelage.directory.services import _activities, _sectors
from jumelage.opportunities import rules, selectors, services
from jumelage.opportunities.models import (
    CooperationProfile,
    ExpressionOfInterest,
    ProfileType,
)

router = Router(tags=["profiles"])


class ErrorOut(Schema):
    detail: str


class ProfileQuery(Schema):
    q: str = Field(
        "", description="Words, in any language; technology concepts match across FR/EN/RU."
    )
    type: str = Field("", json_schema_extra={"enum": ["", *ProfileType.values]})
    sector: str = ""
    country: str = Field("", description="Country of the publishing organisation (ISO alpha-2).")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0)


class OrganisationRef(Schema):
    id: int
    name: str


class ProfileOut(Schema):
    id: int
    reference: str
    type: str
    status: str = Field(description="Shown as `published` to those who only see live profiles.")
    title: str
    summary: str
    description: str
    partner_sought: str
    partnership_types: list[str]
    partner_kinds: list[str]
    stage: str
    ipr_status: str
    sectors: list[str]
    activities: list[str]
    keywords: list[str]
    language: str
    visibility: str
    country: str = Field(description="Country of the publishing organisation.")
    organisation_kind: str
    organisation: OrganisationRef | None = Field(
        description="Only for the owner side and reviewers; null for everyone else."
    )
    published_at: datetime | None
    expires_at: datetime | None


class ProfilePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProfileOut]


class ProfileIn(Schema):
    organisation_id: int
    type: str = Field(json_schema_extra={"enum": ProfileType.values})
    title: str = Field(max_length=256)
    summary: str = Field(max_length=500)
    description: str = Field(max_length=4000)
    partner_sought: str = Field("", max_length=4000)
    partnership_types: list[str]
    partner_kinds: list[str] = []
    stage: str = ""
    ipr_status: str = ""
    sectors: list[str] = []
    activities: list[str] = []
    keywords: list[str] = []
    language: str = "en"
    visibility: str = "public"


class TransitionIn(Schema):
    action: str = Field(
        json_schema_extra={"enum": ["submit", "withdraw", "publish", "return", "close", "extend"]}
    )
    comment: str = ""


class InterestIn(Schema):
    organisation_id: int
    message: str = Field(max_length=2000)


class ContactOut(Schema):
    organisation: OrganisationRef
    name: str
    email: str


class InterestOut(Schema):
    id: int
    profile_id: int
    status: str
    message: str
    created_at: datetime
    organisation: OrganisationRef = Field(description="The interested organisation.")
    contacts: list[ContactOut] | None = Field(
        description="Both sides' contacts, once the owner accepted; null before."
    )


class DecisionIn(Schema):
    accept: bool


def _profile_out(user: Any, profile: CooperationProfile, identity: set[int]) -> dict[str, Any]:
    organisation = profile.organisation
    return {
        "id": profile.pk,
        "reference": profile.reference,
        "type": profile.type,
        "status": profile.status,
        "title": profile.title,
        "summary": profile.summary,
        "description": profile.description,
        "partner_sought": profile.partner_sought,
        "partnership_types": profile.partnership_types,
        "partner_kinds": profile.partner_kinds,
        "stage": profile.stage,
        "ipr_status": profile.ipr_status,
        "sectors": [sector.code for sector in profile.sectors.all()],
        "activities": [activity.code for activity in profile.activities.all()],
        "keywords": profile.keywords,
        "language": profile.language,
        "visibility": profile.visibility,
        "country": organisation.country,
        "organisation_kind": organisation.kind,
        "organisation": {"id": organisation.pk, "name": organisation.name}
        if organisation.pk in identity
        else None,
        "published_at": profile.published_at,
        "expires_at": profile.expires_at,
    }


def _identity(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(rules.owned_organisations(user).values_list("pk", flat=True)) | set(
        rules.reviewed_organisations(user).values_list("pk", flat=True)
    )


def _visible(user: Any, pk: int) -> CooperationProfile:
    try:
        return selectors.profile_detail(user, pk)
    except CooperationProfile.DoesNotExist as error:
        raise Http404(_("No such profile.")) from error


def _interest_out(interest: ExpressionOfInterest) -> dict[str, Any]:
    contacts = None
    if interest.contacts_revealed:
        contacts = []
        for organisation, person in (
            (interest.profile.organisation, interest.profile.created_by),
            (interest.organisation, interest.created_by),
        ):
            contacts.append(
                {
                    "organisation": {"id": organisation.pk, "name": organisation.name},
                    "name": (person.get_full_name() or person.username) if person else "",
                    "email": person.email if person else "",
                }
            )
    return {
        "id": interest.pk,
        "profile_id": interest.profile_id,
        "status": interest.status,
        "message": interest.message,
        "created_at": interest.created_at,
        "organisation": {"id": interest.organisation.pk, "name": interest.organisation.name},
        "contacts": contacts,
    }


@router.get(
    "",
    response={200: ProfilePage, 401: ErrorOut},
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Search published profiles",
)
def list_profiles(request: HttpRequest, filters: Query[ProfileQuery]):
    """Live published profiles the caller may see, newest first."""
    queryset = (
        selectors.search_profiles(
            request.auth,
            selectors.ProfileFilters(
                q=filters.q, type=filters.type, sector=filters.sector, country=filters.country
            ),
        )
        .filter(status=CooperationProfile.Status.PUBLISHED)
        .prefetch_related("activities")
    )
    identity = _identity(request.auth)
    page = queryset[filters.offset : filters.offset + filters.limit]
    return {
        "count": queryset.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_profile_out(request.auth, profile, identity) for profile in page],
    }


@router.get(
    "/{int:profile_id}",
    response={200: ProfileOut, 401: ErrorOut, 404: ErrorOut},
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Read a profile",
)
def get_profile(request: HttpRequest, profile_id: int):
    profile = _visible(request.auth, profile_id)
    return _profile_out(request.auth, profile, _identity(request.auth))


@router.post(
    "",
    response={201: ProfileOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTHENTICATED,
    summary="Draft a profile",
)
def create_profile(request: HttpRequest, payload: ProfileIn):
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    data = payload.dict()
    profile = CooperationProfile(
        organisation=organisation,
        **{
            key: data[key]
            for key in (
                "type",
                "title",
                "summary",
                "description",
                "partner_sought",
                "partnership_types",
                "partner_kinds",
                "stage",
                "ipr_status",
                "keywords",
                "language",
                "visibility",
            )
        },
    )
    profile = services.save_profile(
        actor=request.auth,
        profile=profile,
        sectors=_sectors(payload.sectors),
        activities=_activities(payload.activities),
    )
    return Status(201, _profile_out(request.auth, profile, _identity(request.auth)))


@router.post(
    "/{int:profile_id}/transitions",
    response={200: ProfileOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTHENTICATED,
    summary="Submit, withdraw, publish, return, close or extend a profile",
)
def transition(request: HttpRequest, profile_id: int, payload: TransitionIn):
    profile = _visible(request.auth, profile_id)
    profile = services.transition_profile(
        actor=request.auth, profile=profile, action=payload.action, comment=payload.comment
    )
    return _profile_out(request.auth, profile, _identity(request.auth))


@router.post(
    "/{int:profile_id}/interests",
    response={201: InterestOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTHENTICATED,
    summary="Express interest in a profile",
)
def express_interest(request: HttpRequest, profile_id: int, payload: InterestIn):
    profile = _visible(request.auth, profile_id)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise PermissionDenied(_("You may not express interest for this organisation."))
    interest = services.express_interest(
        actor=request.auth, profile=profile, organisation=organisation, message=payload.message
    )
    return Status(201, _interest_out(interest))


@router.get(
    "/interests",
    response={200: list[InterestOut], 401: ErrorOut},
    auth=AUTHENTICATED,
    summary="Expressions of interest sent or received by the caller's organisations",
)
def list_interests(request: HttpRequest):
    interests = rules.visible_interests(request.auth).select_related(
        "profile", "profile__organisation", "profile__created_by", "organisation", "created_by"
    )
    return [_interest_out(interest) for interest in interests]


@router.post(
    "/interests/{int:interest_id}/decision",
    response={200: InterestOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=AUTHENTICATED,
    summary="Accept or decline an expression of interest",
)
def decide(request: HttpRequest, interest_id: int, payload: DecisionIn):
    interest = rules.visible_interests(request.auth).filter(pk=interest_id).first()
    if interest is None:
        raise Http404(_("No such expression of interest."))
    interest = services.decide_interest(
        actor=request.auth, interest=interest, accept=payload.accept
    )
    return _interest_out(interest)
