"""Reading the directory: searches and pages, shaped to avoid one query per row."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from jumelage.directory.models import Membership, Organisation, Person, Region
from jumelage.engines.text import search_tokens


@dataclass(frozen=True)
class DirectoryFilters:
    """What a directory search asks for; empty fields do not filter."""

    q: str = ""
    country: str = ""
    region: str = ""
    kind: str = ""
    sector: str = ""
    activity: str = ""
    include_archived: bool = False


def search_organisations(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Organisations matching `filters`, names matched in any script or transliteration.

    Every word of the query must start a word of a name, alias, keyword or city, compared
    on script-independent keys ("Томск", "Tomsk" and "Tomskiy" are one word).
    """
    queryset = Organisation.objects.all()
    if not filters.include_archived:
        queryset = queryset.filter(archived=False)
    for token in search_tokens(filters.q):
        queryset = queryset.filter(search_key__contains=" " + token)
    if filters.country:
        queryset = queryset.filter(country=filters.country.upper())
    if filters.region:
        queryset = queryset.filter(
            Q(region__code=filters.region) | Q(region__parent__code=filters.region)
        )
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector:
        queryset = queryset.filter(sectors__code=filters.sector)
    if filters.activity:
        queryset = queryset.filter(
            Q(activities__code=filters.activity)
            | Q(activities__code__startswith=filters.activity + ".")
        )
    if filters.sector or filters.activity:
        queryset = queryset.distinct()
    return queryset.select_related("region").prefetch_related("sectors")


def organisation_detail(pk: int) -> Organisation:
    """One organisation with everything its page shows, in a fixed number of queries."""
    return (
        Organisation.objects.select_related("region", "region__parent", "programme")
        .prefetch_related(
            "sectors",
            "activities",
            Prefetch("memberships", queryset=Membership.objects.select_related("parent")),
            Prefetch("members", queryset=Membership.objects.select_related("organisation")),
            Prefetch("people", queryset=Person.objects.filter(erased_at__isnull=True)),
            "projects__participants",
        )
        .get(pk=pk)
    )


def regions_with_counts() -> QuerySet[Region]:
    return (
        Region.objects.select_related("parent")
        .annotate(
            organisation_count=Count("organisations", filter=Q(organisations__archived=False))
        )
        .order_by("country", "code")
    )


def search_people(q: str) -> QuerySet[Person]:
    queryset = Person.objects.filter(erased_at__isnull=True).select_related("organisation")
    for token in search_tokens(q):
        queryset = queryset.filter(search_key__contains=" " + token)
    return queryset
