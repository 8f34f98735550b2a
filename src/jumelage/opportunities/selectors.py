"""Reading cooperation profiles: every query starts from `rules.visible_profiles`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from jumelage.engines.text import search_tokens
from jumelage.opportunities import rules
from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest


@dataclass(frozen=True)
class ProfileFilters:
    """What a profile search asks for; empty fields do not filter."""

    q: str = ""
    type: str = ""
    sector: str = ""
    country: str = ""


def _text_condition(q: str) -> Q | None:
    from jumelage.opportunities.services import concept_markers

    tokens = search_tokens(q)
    if not tokens:
        return None
    words = Q()
    for token in tokens:
        words &= Q(search_text__contains=" " + token)
    markers = concept_markers(q)
    if not markers:
        return words
    # Overlapping labels ("laser", "laser à fibre") give several concepts for one phrase:
    # any of them is enough.
    concepts = Q(pk__in=[])
    for marker in markers:
        concepts |= Q(search_text__contains=f" {marker} ")
    return words | concepts


def search_profiles(user: Any, filters: ProfileFilters) -> QuerySet[CooperationProfile]:
    """Profiles `user` may see that match `filters`, newest first.

    Words match the start of words in any script; a technology concept named in the query
    ("photonique") also finds profiles that name it in another language ("фотоника").
    """
    queryset = rules.visible_profiles(user)
    condition = _text_condition(filters.q)
    if condition is not None:
        queryset = queryset.filter(condition)
    if filters.type:
        queryset = queryset.filter(type=filters.type)
    if filters.sector:
        queryset = queryset.filter(sectors__code=filters.sector).distinct()
    if filters.country:
        queryset = queryset.filter(organisation__country=filters.country.upper())
    return queryset.select_related("organisation").prefetch_related("sectors")


def public_profiles(filters: ProfileFilters) -> QuerySet[CooperationProfile]:
    """Live public profiles matching `filters`, as a visitor sees them."""
    from django.contrib.auth.models import AnonymousUser

    return search_profiles(AnonymousUser(), filters)


def own_profiles(user: Any) -> QuerySet[CooperationProfile]:
    """Profiles of the organisations `user` writes for, whatever their status."""
    return (
        CooperationProfile.objects.filter(
            organisation__in=rules.owned_organisations(user).values("pk")
        )
        .select_related("organisation")
        .order_by("-updated_at", "-id")
    )


def review_queue(user: Any) -> QuerySet[CooperationProfile]:
    """Submitted profiles waiting for `user`'s review, oldest first."""
    return (
        CooperationProfile.objects.filter(
            status=CooperationProfile.Status.SUBMITTED,
            organisation__in=rules.reviewed_organisations(user).values("pk"),
        )
        .select_related("organisation")
        .order_by("submitted_at", "id")
    )


def profile_detail(user: Any, pk: int) -> CooperationProfile:
    """One profile `user` may see, expired on read if past its date; DoesNotExist otherwise."""
    from jumelage.opportunities.services import expire_if_due

    profile = (
        rules.visible_profiles(user)
        .select_related("organisation", "organisation__region", "created_by")
        .prefetch_related("sectors", "activities")
        .get(pk=pk)
    )
    expire_if_due(profile)
    return profile


def interests_for(
    user: Any,
) -> tuple[QuerySet[ExpressionOfInterest], QuerySet[ExpressionOfInterest]]:
    """(received, sent) expressions of interest of `user`'s organisations."""
    owned = rules.owned_organisations(user).values("pk")
    base = ExpressionOfInterest.objects.select_related(
        "profile", "profile__organisation", "organisation"
    )
    return (
        base.filter(profile__organisation__in=owned),
        base.filter(organisation__in=owned),
    )
