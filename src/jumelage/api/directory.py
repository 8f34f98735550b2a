"""The directory over HTTP: organisations, their people, regions.

Thin endpoints: each checks the caller with `directory.rules` (the rules the pages use),
calls one selector or service, and shapes the answer. Organisations are read by anyone,
as in the directory's pages; people only by logged-in callers, and their e-mail and phone
only by whoever `rules.can_see_contacts` allows.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from jumelage.api.auth import AUTHENTICATED, OPTIONAL, OPTIONAL_OPENAPI
from jumelage.api.errors import FieldErrors
from jumelage.api.schemas import (
    ErrorOut,
    OrganisationCreate,
    OrganisationDetail,
    OrganisationPage,
    OrganisationPatch,
    OrganisationQuery,
    OrganisationSaved,
    PersonIn,
    PersonOut,
    PersonPatch,
    RegionDetailOut,
    RegionOut,
    ValidationErrorOut,
)
from jumelage.core.errors import PermissionDenied
from jumelage.directory import rules, selectors, services
from jumelage.directory.forms import PersonForm
from jumelage.directory.models import Organisation, Person, Region

organisations = Router(tags=["organisations"])
people = Router(tags=["people"])
regions = Router(tags=["regions"])

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}

# Shaping -----------------------------------------------------------------------------


def _region_ref(region: Region | None) -> dict[str, str] | None:
    return {"code": region.code, "name": region.name} if region else None


def _organisation_ref(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.pk, "name": organisation.name}


def _organisation_summary(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "display_name": organisation.display_name,
        "name_latin": organisation.name_latin,
        "kind": organisation.kind,
        "country": organisation.country,
        "region": _region_ref(organisation.region),
        "city": organisation.city,
        "website": organisation.website,
        "sectors": [{"code": s.code, "label": s.label} for s in organisation.sectors.all()],
        "activities": [{"code": a.code, "label": a.label} for a in organisation.activities.all()],
        "archived": organisation.archived,
        "version": organisation.version,
    }


def _organisation_detail(user: Any, organisation: Organisation) -> dict[str, Any]:
    return {
        **_organisation_summary(organisation),
        "names": organisation.names,
        "aliases": organisation.aliases,
        "legal_form": organisation.legal_form,
        "region_text": organisation.region_text,
        "description": organisation.descriptions,
        "keywords": organisation.keywords,
        "identifiers": organisation.identifiers(),
        "member_of": [_organisation_ref(m.parent) for m in organisation.memberships.all()],
        "members": [_organisation_ref(m.organisation) for m in organisation.members.all()],
        "created_at": organisation.created_at,
        "updated_at": organisation.updated_at,
        "can_edit": rules.can_edit_organisation(user, organisation),
    }


def _person_out(user: Any, person: Person, *, visible: bool | None = None) -> dict[str, Any]:
    if visible is None:
        visible = rules.can_see_contacts(user, person)
    return {
        "id": person.pk,
        "organisation": _organisation_ref(person.organisation),
        "first_name": person.first_name,
        "last_name": person.last_name,
        "name_latin": person.name_latin,
        "position": person.position,
        "languages": person.languages,
        "contacts_visible": visible,
        "email": person.email if visible else None,
        "phone": person.phone if visible else None,
        "consent_at": person.consent_at if visible else None,
        "consent_purpose": person.consent_purpose if visible else None,
    }


def _region_out(region: Region) -> dict[str, Any]:
    return {
        "code": region.code,
        "country": region.country,
        "kind": region.kind,
        "name": region.name,
        "names": region.names,
        "parent": _region_ref(region.parent),
        "airr_member": region.airr_member,
        "airr_joined": region.airr_joined,
        "organisation_count": region.organisation_count,
    }


# Loading -----------------------------------------------------------------------------


def _organisation(pk: int) -> Organisation:
    try:
        return selectors.organisation_detail(pk)
    except Organisation.DoesNotExist as error:
        raise Http404(_("No such organisation.")) from error


def _person(pk: int) -> Person:
    try:
        return Person.objects.select_related("organisation", "user").get(
            pk=pk, erased_at__isnull=True
        )
    except Person.DoesNotExist as error:
        raise Http404(_("No such person.")) from error


def _require_people_access(user: Any) -> None:
    if not rules.can_see_people(user):
        raise PermissionDenied(_("Only logged-in users may see people."))


# Writing -----------------------------------------------------------------------------


def _save_person(*, actor: Any, person: Person, changes: dict[str, Any]) -> Person:
    """Validate with the page's form, so both report the same problems, then save."""
    data = {name: getattr(person, name) for name in PersonForm.Meta.fields}
    data.update(changes)
    form = PersonForm({k: "" if v is None else v for k, v in data.items()}, instance=person)
    if not form.is_valid():
        raise FieldErrors(
            (field if field != "__all__" else "", message)
            for field, messages in form.errors.items()
            for message in messages
        )
    return services.save_person(actor=actor, person=form.save(commit=False))


# Organisations -----------------------------------------------------------------------


@organisations.get(
    "",
    response={200: OrganisationPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Search organisations",
)
def list_organisations(request: HttpRequest, filters: Query[OrganisationQuery]):
    """The directory's search, a page at a time, with the total count of matches."""
    queryset = selectors.search_organisations(
        selectors.DirectoryFilters(
            q=filters.q,
            country=filters.country,
            region=filters.region,
            kind=filters.kind,
            sector=filters.sector,
            activity=filters.activity,
        )
    ).prefetch_related("activities")
    page = queryset[filters.offset : filters.offset + filters.limit]
    return {
        "count": queryset.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_organisation_summary(organisation) for organisation in page],
    }


@organisations.get(
    "/{int:organisation_id}",
    response={200: OrganisationDetail, **READ_ERRORS},
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Read an organisation",
)
def get_organisation(request: HttpRequest, organisation_id: int):
    return _organisation_detail(request.auth, _organisation(organisation_id))


@organisations.post(
    "",
    response={201: OrganisationSaved, **WRITE_ERRORS},
    auth=AUTHENTICATED,
    summary="Add an organisation (managers)",
)
def create_organisation(request: HttpRequest, payload: OrganisationCreate):
    actor = request.auth
    if not rules.can_create_organisation(actor):
        raise PermissionDenied(_("Only programme and ecosystem managers may add organisations."))
    organisation = Organisation()
    managed = rules.managed_programme_ids(actor)
    if managed:
        organisation.programme_id = min(managed)
    saved, duplicates = services.save_organisation_record(
        actor=actor, organisation=organisation, changes=payload.dict(exclude_unset=True)
    )
    return Status(
        201,
        {
            **_organisation_detail(actor, _organisation(saved.pk)),
            "possible_duplicates": [_organisation_ref(other) for other in duplicates],
        },
    )


@organisations.patch(
    "/{int:organisation_id}",
    response={200: OrganisationSaved, 409: ErrorOut, **WRITE_ERRORS},
    auth=AUTHENTICATED,
    summary="Edit an organisation",
)
def update_organisation(request: HttpRequest, organisation_id: int, payload: OrganisationPatch):
    """Change the fields sent; `version` must be the one read, else 409 and nothing changes."""
    actor = request.auth
    organisation = _organisation(organisation_id)
    if not rules.can_edit_organisation(actor, organisation):
        raise PermissionDenied(_("You may not edit this organisation."))
    changes = payload.dict(exclude_unset=True)
    expected_version = changes.pop("version")
    saved, duplicates = services.save_organisation_record(
        actor=actor,
        organisation=organisation,
        changes=changes,
        expected_version=expected_version,
    )
    return {
        **_organisation_detail(actor, _organisation(saved.pk)),
        "possible_duplicates": [_organisation_ref(other) for other in duplicates],
    }


@organisations.get(
    "/{int:organisation_id}/people",
    response={200: list[PersonOut], 403: ErrorOut, **READ_ERRORS},
    auth=AUTHENTICATED,
    summary="List the people of an organisation",
)
def list_people(request: HttpRequest, organisation_id: int):
    _require_people_access(request.auth)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404(_("No such organisation."))
    found = list(
        Person.objects.filter(organisation=organisation, erased_at__isnull=True).select_related(
            "organisation"
        )
    )
    visible = rules.people_with_visible_contacts(request.auth, found)
    return [_person_out(request.auth, person, visible=person.pk in visible) for person in found]


@organisations.post(
    "/{int:organisation_id}/people",
    response={201: PersonOut, **WRITE_ERRORS},
    auth=AUTHENTICATED,
    summary="Add a person to an organisation",
)
def create_person(request: HttpRequest, organisation_id: int, payload: PersonIn):
    actor = request.auth
    organisation = _organisation(organisation_id)
    if not rules.can_edit_organisation(actor, organisation):
        raise PermissionDenied(_("You may not add people to this organisation."))
    person = _save_person(
        actor=actor, person=Person(organisation=organisation), changes=payload.dict()
    )
    return Status(201, _person_out(actor, person))


# People ------------------------------------------------------------------------------


@people.get(
    "/{int:person_id}",
    response={200: PersonOut, 403: ErrorOut, **READ_ERRORS},
    auth=AUTHENTICATED,
    summary="Read a person",
)
def get_person(request: HttpRequest, person_id: int):
    _require_people_access(request.auth)
    return _person_out(request.auth, _person(person_id))


@people.patch(
    "/{int:person_id}",
    response={200: PersonOut, **WRITE_ERRORS},
    auth=AUTHENTICATED,
    summary="Edit a person",
)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch):
    actor = request.auth
    person = _person(person_id)
    if not rules.can_edit_person(actor, person):
        raise PermissionDenied(_("You may not edit this person."))
    person = _save_person(actor=actor, person=person, changes=payload.dict(exclude_unset=True))
    return _person_out(actor, person)


@people.get(
    "/{int:person_id}/export",
    response={200: dict[str, Any], 403: ErrorOut, **READ_ERRORS},
    auth=AUTHENTICATED,
    summary="Export everything kept about a person (subject-access request)",
)
def export_person(request: HttpRequest, person_id: int):
    try:
        person = Person.objects.select_related("organisation", "user").get(pk=person_id)
    except Person.DoesNotExist as error:
        raise Http404(_("No such person.")) from error
    if not rules.can_edit_person(request.auth, person):
        raise PermissionDenied(_("You may not export this person's data."))
    return services.export_person(person=person)


@people.post(
    "/{int:person_id}/erase",
    response={200: PersonOut, **WRITE_ERRORS},
    auth=AUTHENTICATED,
    summary="Erase a person's personal data",
)
def erase_person(request: HttpRequest, person_id: int):
    """Name, position and contacts go for good; the anonymised record keeps its links."""
    actor = request.auth
    person = _person(person_id)
    if not rules.can_edit_person(actor, person):
        raise PermissionDenied(_("You may not erase this person's data."))
    return _person_out(actor, services.erase_person(actor=actor, person=person))


# Regions -----------------------------------------------------------------------------


@regions.get(
    "",
    response={200: list[RegionOut], 401: ErrorOut},
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="List regions",
)
def list_regions(request: HttpRequest):
    # Counting groups the rows, and a grouped query drops the model's default ordering.
    found = selectors.regions_with_counts().order_by("country", "code")
    return [_region_out(region) for region in found]


@regions.get(
    "/{code}",
    response={200: RegionDetailOut, **READ_ERRORS},
    auth=OPTIONAL,
    openapi_extra=OPTIONAL_OPENAPI,
    summary="Read a region",
)
def get_region(request: HttpRequest, code: str):
    region = selectors.regions_with_counts().prefetch_related("children").filter(code=code).first()
    if region is None:
        raise Http404(_("No such region."))
    return {
        **_region_out(region),
        "description": region.description,
        "children": [_region_ref(child) for child in region.children.all()],
    }
