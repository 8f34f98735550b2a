"""Who may see and do what with cooperation profiles: the one place these rules live.

- the owner side of a profile is whoever edits its organisation in the directory (its members,
  the ecosystem manager of its cluster, its programme manager): they write it and submit it;
- a reviewer publishes or returns a submitted profile: the ecosystem manager of a cluster or
  technopark the organisation is a member of, or a programme manager of its programme;
- everyone else sees only live, public, published profiles, and without the organisation's
  identity; a logged-in member of another organisation may express interest in one;
- an expression of interest is seen by both sides; contacts only once it is accepted.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from jumelage.accounts.models import Role
from jumelage.directory import rules as directory_rules
from jumelage.directory.models import Organisation
from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest

Status = CooperationProfile.Status


def owned_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations whose profiles `user` writes: those the directory lets them edit."""
    return directory_rules.editable_organisations(user)


def reviewed_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations whose profiles `user` reviews (publishes or returns to draft)."""
    everything = Organisation.objects.all()
    if getattr(user, "is_superuser", False):
        return everything
    roles = directory_rules._roles(user)
    condition = Q(pk__in=[])
    programmes = directory_rules.managed_programme_ids(user)
    if programmes:
        condition |= Q(programme_id__in=programmes)
    ecosystems = [
        r.organisation_id
        for r in roles
        if r.kind == Role.Kind.ECOSYSTEM_MANAGER and r.organisation_id
    ]
    if ecosystems:
        condition |= Q(memberships__parent_id__in=ecosystems)
    if not programmes and not ecosystems:
        return everything.none()
    return everything.filter(condition).distinct()


def live_public_profiles() -> QuerySet[CooperationProfile]:
    """What anyone may see: published, public and not past their expiry."""
    return CooperationProfile.objects.filter(
        status=Status.PUBLISHED,
        visibility=CooperationProfile.Visibility.PUBLIC,
        expires_at__gt=timezone.now(),
    )


def visible_profiles(user: Any) -> QuerySet[CooperationProfile]:
    """Every profile `user` may see: the scoping function all reads go through."""
    public = Q(
        status=Status.PUBLISHED,
        visibility=CooperationProfile.Visibility.PUBLIC,
        expires_at__gt=timezone.now(),
    )
    if not getattr(user, "is_authenticated", False):
        return CooperationProfile.objects.filter(public)
    condition = public | Q(organisation__in=owned_organisations(user).values("pk"))
    reviewed = reviewed_organisations(user)
    condition |= Q(
        organisation__in=reviewed.values("pk"),
        status__in=[Status.SUBMITTED, Status.PUBLISHED, Status.EXPIRED, Status.CLOSED],
    )
    return CooperationProfile.objects.filter(condition)


def can_create_profile(user: Any) -> bool:
    return owned_organisations(user).exists()


def is_owner(user: Any, profile: CooperationProfile) -> bool:
    return owned_organisations(user).filter(pk=profile.organisation_id).exists()


def is_reviewer(user: Any, profile: CooperationProfile) -> bool:
    return reviewed_organisations(user).filter(pk=profile.organisation_id).exists()


def can_see_identity(user: Any, profile: CooperationProfile) -> bool:
    """The organisation behind a profile is known to its owner side and its reviewers only."""
    return is_owner(user, profile) or is_reviewer(user, profile)


def can_edit(user: Any, profile: CooperationProfile) -> bool:
    return profile.status == Status.DRAFT and is_owner(user, profile)


def allowed_transitions(user: Any, profile: CooperationProfile) -> list[str]:
    """The workflow actions `user` may take on `profile` now, in the order shown."""
    owner = is_owner(user, profile)
    reviewer = is_reviewer(user, profile)
    status = profile.status
    actions = []
    if owner and status == Status.DRAFT:
        actions.append("submit")
    if owner and status in {Status.SUBMITTED, Status.PUBLISHED}:
        # A published profile is changed by taking it back to draft and through review again.
        actions.append("withdraw")
    if reviewer and status == Status.SUBMITTED:
        actions += ["publish", "return"]
    if (owner or reviewer) and status in {Status.SUBMITTED, Status.PUBLISHED, Status.EXPIRED}:
        actions.append("close")
    if owner and can_extend(profile):
        actions.append("extend")
    return actions


def can_extend(profile: CooperationProfile) -> bool:
    """Once, from 30 days before the expiry on (or after it, while not closed)."""
    from jumelage.opportunities.models import EXTENSION_WINDOW

    if profile.extended or profile.expires_at is None:
        return False
    if profile.status not in {Status.PUBLISHED, Status.EXPIRED}:
        return False
    return timezone.now() >= profile.expires_at - EXTENSION_WINDOW


def interest_organisations(user: Any, profile: CooperationProfile) -> QuerySet[Organisation]:
    """The organisations in whose name `user` may express interest in `profile`."""
    if not getattr(user, "is_authenticated", False) or not profile.is_live:
        return Organisation.objects.none()
    return owned_organisations(user).exclude(pk=profile.organisation_id).filter(archived=False)


def can_express_interest(user: Any, profile: CooperationProfile) -> bool:
    return (
        profile.visibility == CooperationProfile.Visibility.PUBLIC
        and interest_organisations(user, profile).exists()
    )


def visible_interests(user: Any) -> QuerySet[ExpressionOfInterest]:
    """Expressions of interest `user` sent (for an organisation they own) or received."""
    if not getattr(user, "is_authenticated", False):
        return ExpressionOfInterest.objects.none()
    owned = owned_organisations(user).values("pk")
    return ExpressionOfInterest.objects.filter(
        Q(organisation__in=owned) | Q(profile__organisation__in=owned)
    )


def can_decide_interest(user: Any, interest: ExpressionOfInterest) -> bool:
    return interest.status == ExpressionOfInterest.Status.PENDING and is_owner(
        user, interest.profile
    )
