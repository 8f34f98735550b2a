"""The shapes the API reads and writes, documented in the OpenAPI schema.

Organisations are written in the directory file format (INTERFACES.md §1): the same record
an import reads and an export writes, checked by the same function, so that a bad
identifier or code gets the message the pages and the importers give, in the caller's
language.
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from jumelage.directory.models import Organisation, Region
from jumelage.directory.taxonomy import SECTORS

_KINDS = [choice.value for choice in Organisation.Kind]


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str = Field(description="The field at fault, with dots for nested keys.")
    message: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldErrorOut]


class CodeLabel(Schema):
    code: str
    label: str


class RegionRef(Schema):
    code: str
    name: str


class RegionOut(Schema):
    code: str
    country: str
    kind: str = Field(json_schema_extra={"enum": [c.value for c in Region.Kind]})
    name: str = Field(description="In the request's language when known.")
    names: dict[str, str]
    parent: RegionRef | None
    airr_member: bool
    airr_joined: int | None
    organisation_count: int = Field(
        description="Organisations placed in this region itself (not archived)."
    )


class RegionDetailOut(RegionOut):
    description: str
    children: list[RegionRef]


class OrganisationRef(Schema):
    id: int
    name: str


class OrganisationSummary(Schema):
    id: int
    name: str
    display_name: str = Field(description="The name in the request's language when known.")
    name_latin: str
    kind: str = Field(json_schema_extra={"enum": _KINDS})
    country: str
    region: RegionRef | None
    city: str
    website: str
    sectors: list[CodeLabel]
    activities: list[CodeLabel]
    archived: bool
    version: int = Field(description="Send it back when editing: a newer version means 409.")


class OrganisationDetail(OrganisationSummary):
    names: dict[str, str]
    aliases: list[str]
    legal_form: str
    region_text: str = Field(description="The region as given, when it is not a known code.")
    description: dict[str, str] = Field(description="Descriptions by language: fr, en, ru.")
    keywords: list[str]
    identifiers: dict[str, str] = Field(description="siren, siret, inn, ogrn, pic")
    member_of: list[OrganisationRef]
    members: list[OrganisationRef]
    created_at: datetime
    updated_at: datetime
    can_edit: bool = Field(description="Whether the caller may edit this organisation.")


class OrganisationSaved(OrganisationDetail):
    possible_duplicates: list[OrganisationRef] = Field(
        description="Organisations that may be this one entered twice; a manager can merge them."
    )


class OrganisationPage(Schema):
    count: int = Field(description="How many organisations match, on every page.")
    limit: int
    offset: int
    items: list[OrganisationSummary]


class OrganisationQuery(Schema):
    q: str = Field("", description="Words of a name, alias, keyword or city, in any script.")
    country: str = Field("", description="ISO 3166-1 alpha-2, e.g. FR, RU.")
    region: str = Field("", description="A region code; its sub-regions are included.")
    kind: str = Field("", json_schema_extra={"enum": ["", *_KINDS]})
    sector: str = Field("", json_schema_extra={"enum": ["", *SECTORS]})
    activity: str = Field("", description="A NACE/OKVED code; finer codes below it match too.")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0)


class OrganisationCreate(Schema):
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2, e.g. FR, RU.")
    kind: str = Field("other", json_schema_extra={"enum": _KINDS})
    names: dict[str, str] | None = Field(None, description="Names by language: fr, en, ru.")
    aliases: list[str] | None = None
    legal_form: str | None = None
    region: str | None = Field(None, description="A region code, e.g. FRL0.")
    city: str | None = None
    website: str | None = None
    description: dict[str, str] | None = Field(None, description="By language: fr, en, ru.")
    sectors: list[str] | None = Field(None, description=f"Codes among: {', '.join(SECTORS)}.")
    keywords: list[str] | None = None
    activities: list[str] | None = Field(None, description="NACE/OKVED codes, e.g. 72.19.")
    identifiers: dict[str, str] | None = Field(
        None, description="siren, siret, inn, ogrn, pic; check digits are verified."
    )


class OrganisationPatch(Schema):
    """Only the fields sent change; each replaces the stored value as a whole."""

    version: int = Field(description="The version the client read; a newer one means 409.")
    name: str | None = None
    country: str | None = None
    kind: str | None = Field(None, json_schema_extra={"enum": _KINDS})
    names: dict[str, str] | None = None
    aliases: list[str] | None = None
    legal_form: str | None = None
    region: str | None = None
    city: str | None = None
    website: str | None = None
    description: dict[str, str] | None = None
    sectors: list[str] | None = None
    keywords: list[str] | None = None
    activities: list[str] | None = None
    identifiers: dict[str, str] | None = None


class PersonOut(Schema):
    id: int
    organisation: OrganisationRef
    first_name: str
    last_name: str
    name_latin: str
    position: str
    languages: str
    contacts_visible: bool = Field(
        description="E-mail, phone and consent are shown to the person and their editors only."
    )
    email: str | None
    phone: str | None
    consent_at: date | None
    consent_purpose: str | None


class PersonIn(Schema):
    first_name: str
    last_name: str
    position: str = ""
    email: str = ""
    phone: str = ""
    languages: str = ""
    consent_at: date | None = None
    consent_purpose: str = ""


class PersonPatch(Schema):
    """Only the fields sent change."""

    first_name: str | None = None
    last_name: str | None = None
    position: str | None = None
    email: str | None = None
    phone: str | None = None
    languages: str | None = None
    consent_at: date | None = None
    consent_purpose: str | None = None
