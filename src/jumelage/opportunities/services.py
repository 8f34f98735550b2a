"""Writing cooperation profiles: drafting, the review workflow, expiry, expressions of
interest, saved searches and their daily alerts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.accounts.models import Role, User
from jumelage.compliance import services as compliance
from jumelage.core import audit
from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.directory.models import Activity, Organisation, Sector
from jumelage.engines.text import default_vocabulary, search_key
from jumelage.notifications import services as notifications
from jumelage.notifications.models import Notification
from jumelage.notifications.texts import absolute
from jumelage.opportunities import rules
from jumelage.opportunities.models import (
    VALIDITY,
    AlertDispatch,
    CooperationProfile,
    ExpressionOfInterest,
    PartnershipType,
    SavedSearch,
)

Status = CooperationProfile.Status


def concept_markers(text: str, lang: str | None = None) -> list[str]:
    """Markers of the technology concepts found in `text`, so that a search in one
    language finds a profile written in another ("photonique" meets "фотоника")."""
    vocabulary = default_vocabulary()
    return sorted(f"@{concept}" for concept in vocabulary.count(text, lang))


def refresh_search_text(profile: CooperationProfile) -> None:
    texts = [profile.title, profile.summary, profile.description, profile.partner_sought]
    key = search_key(*texts, *profile.keywords)
    markers = concept_markers("\n".join([*texts, *profile.keywords]), profile.language)
    profile.search_text = (key or " ") + " ".join(markers) + (" " if markers else "")


def _check_choices(profile: CooperationProfile) -> None:
    kinds = set(Organisation.Kind.values)
    unknown = [code for code in profile.partnership_types if code not in PartnershipType.values]
    if unknown:
        raise DomainError(
            _("“%(value)s” is not a partnership type.") % {"value": unknown[0]},
            field="partnership_types",
        )
    if not profile.partnership_types:
        raise DomainError(_("Choose at least one partnership type."), field="partnership_types")
    unknown = [code for code in profile.partner_kinds if code not in kinds]
    if unknown:
        raise DomainError(
            _("“%(value)s” is not a kind of organisation.") % {"value": unknown[0]},
            field="partner_kinds",
        )
    try:
        profile.full_clean(exclude=["organisation", "created_by", "search_text"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error


@transaction.atomic
def save_profile(
    *,
    actor: Any,
    profile: CooperationProfile,
    sectors: Iterable[Sector] | None = None,
    activities: Iterable[Activity] | None = None,
) -> CooperationProfile:
    """Create or edit a draft profile of an organisation the actor owns."""
    is_new = profile.pk is None
    if not rules.owned_organisations(actor).filter(pk=profile.organisation_id).exists():
        raise PermissionDenied(_("You may not write profiles for this organisation."))
    if not is_new:
        stored = CooperationProfile.objects.select_for_update().get(pk=profile.pk)
        if stored.status != Status.DRAFT or stored.organisation_id != profile.organisation_id:
            raise DomainError(_("Only a draft can be edited: withdraw it first."))
    else:
        profile.status = Status.DRAFT
        if profile.created_by_id is None and getattr(actor, "is_authenticated", False):
            profile.created_by = actor
    _check_choices(profile)
    refresh_search_text(profile)
    profile.save()
    if sectors is not None:
        profile.sectors.set(sectors)
    if activities is not None:
        profile.activities.set(activities)
    audit.record(actor=actor, action="create" if is_new else "update", obj=profile)
    return profile


def _owner_users(organisation: Organisation, *, also: Iterable[Any] = ()) -> list[User]:
    users = {
        u.pk: u
        for u in User.objects.filter(
            roles__organisation=organisation, roles__kind=Role.Kind.MEMBER, is_active=True
        )
    }
    for user in also:
        if user is not None:
            users.setdefault(user.pk, user)
    return list(users.values())


def _reviewer_users(organisation: Organisation) -> list[User]:
    parents = organisation.memberships.values("parent_id")
    users = User.objects.filter(is_active=True).filter(
        roles__kind=Role.Kind.ECOSYSTEM_MANAGER, roles__organisation__in=parents
    )
    if not users.exists() and organisation.programme_id:
        users = User.objects.filter(
            is_active=True,
            roles__kind=Role.Kind.PROGRAMME_MANAGER,
            roles__programme_id=organisation.programme_id,
        )
    return list(users.distinct())


def _locked(profile: CooperationProfile) -> CooperationProfile:
    return CooperationProfile.objects.select_for_update().get(pk=profile.pk)


def _require(actor: Any, profile: CooperationProfile, action: str) -> None:
    if action not in rules.allowed_transitions(actor, profile):
        raise PermissionDenied(
            _("You may not %(action)s this profile now (it is %(status)s).")
            % {"action": transition_label(action), "status": profile.get_status_display()}
        )


def transition_label(action: str) -> str:
    labels = {
        "submit": _("submit for review"),
        "withdraw": _("withdraw"),
        "publish": _("publish"),
        "return": _("return to draft"),
        "close": _("close"),
        "extend": _("extend by a year"),
    }
    return labels.get(action, action)


@transaction.atomic
def transition_profile(
    *, actor: Any, profile: CooperationProfile, action: str, comment: str = ""
) -> CooperationProfile:
    """Move a profile along its workflow: draft → submitted → published → expired or closed.

    `action` is one of submit, withdraw, publish, return, close, extend; who may take each
    is said by `rules.allowed_transitions`. Returns the profile as saved.
    """
    profile = _locked(profile)
    expire_if_due(profile)
    _require(actor, profile, action)
    if action in {"submit", "publish", "extend"}:
        compliance.ensure_not_blocked(profile.organisation)
    if action == "submit":
        compliance.flag_topic(
            object_type=profile._meta.label_lower,
            object_id=profile.pk,
            text="\n".join(
                [profile.title, profile.summary, profile.description, profile.partner_sought]
            ),
        )
    now = timezone.now()
    url = reverse("opportunities:profile_detail", args=[profile.pk])
    params = {"title": profile.title, "organisation": profile.organisation.display_name}
    if action == "submit":
        profile.status = Status.SUBMITTED
        profile.submitted_at = now
        notifications.notify(
            recipients=_reviewer_users(profile.organisation),
            kind=Notification.Kind.PROFILE_SUBMITTED,
            params=params,
            link=url,
        )
    elif action in {"withdraw", "return"}:
        profile.status = Status.DRAFT
        if action == "return":
            profile.review_comment = comment
            notifications.notify(
                recipients=_owner_users(profile.organisation, also=[profile.created_by]),
                kind=Notification.Kind.PROFILE_RETURNED,
                params={**params, "comment": comment or "—"},
                link=url,
            )
    elif action == "publish":
        profile.status = Status.PUBLISHED
        profile.published_at = now
        profile.published_by = actor if getattr(actor, "is_authenticated", False) else None
        profile.expires_at = now + VALIDITY
        profile.review_comment = comment
        notifications.notify(
            recipients=_owner_users(profile.organisation, also=[profile.created_by]),
            kind=Notification.Kind.PROFILE_PUBLISHED,
            params=params,
            link=url,
        )
    elif action == "close":
        profile.status = Status.CLOSED
        profile.closed_at = now
    elif action == "extend":
        profile.expires_at = max(profile.expires_at or now, now) + VALIDITY
        profile.extended = True
        profile.status = Status.PUBLISHED
    profile.save()
    audit.record(actor=actor, action=f"profile_{action}", obj=profile, data={"comment": comment})
    return profile


def expire_if_due(profile: CooperationProfile) -> bool:
    """Mark a published profile past its expiry as expired; True when it changed."""
    if (
        profile.status == Status.PUBLISHED
        and profile.expires_at
        and profile.expires_at <= (timezone.now())
    ):
        profile.status = Status.EXPIRED
        # Saved (not updated in bulk) so that the matching index hears of it.
        profile.save(update_fields=["status", "updated_at"])
        return True
    return False


@transaction.atomic
def expire_profiles(*, now: datetime | None = None) -> list[int]:
    """Mark every published profile past its expiry as expired; return their ids.

    Saved one by one so that whatever listens to profile saves (the matching index) hears it.
    """
    now = now or timezone.now()
    due = list(
        CooperationProfile.objects.select_for_update().filter(
            status=Status.PUBLISHED, expires_at__lte=now
        )
    )
    for profile in due:
        profile.status = Status.EXPIRED
        profile.save(update_fields=["status", "updated_at"])
    return [profile.pk for profile in due]


# Expressions of interest ----------------------------------------------------------------


@transaction.atomic
def express_interest(
    *, actor: Any, profile: CooperationProfile, organisation: Organisation, message: str
) -> ExpressionOfInterest:
    """Relay a member's interest in a live public profile to its owners (in-app and e-mail)."""
    expire_if_due(profile)
    compliance.ensure_not_blocked(profile.organisation, organisation)
    if not rules.interest_organisations(actor, profile).filter(pk=organisation.pk).exists():
        raise PermissionDenied(
            _("You may not express interest in this profile for this organisation.")
        )
    if profile.visibility != CooperationProfile.Visibility.PUBLIC:
        raise PermissionDenied(_("This profile does not take expressions of interest."))
    message = (message or "").strip()
    if not message:
        raise DomainError(_("Say what cooperation you have in mind."), field="message")
    if len(message) > 2000:
        raise DomainError(
            _("The message is too long: at most %(limit)d characters.") % {"limit": 2000},
            field="message",
        )
    try:
        with transaction.atomic():
            interest = ExpressionOfInterest.objects.create(
                profile=profile, organisation=organisation, created_by=actor, message=message
            )
    except IntegrityError as error:
        raise DomainError(
            _("%(organisation)s has already expressed interest in this profile.")
            % {"organisation": organisation.display_name}
        ) from error
    notifications.notify(
        recipients=_owner_users(profile.organisation, also=[profile.created_by]),
        kind=Notification.Kind.INTEREST_RECEIVED,
        params={"title": profile.title, "organisation": organisation.display_name},
        link=reverse("opportunities:interest_detail", args=[interest.pk]),
    )
    audit.record(actor=actor, action="interest", obj=interest)
    return interest


@transaction.atomic
def decide_interest(
    *, actor: Any, interest: ExpressionOfInterest, accept: bool
) -> ExpressionOfInterest:
    """Accept or decline an expression of interest; on acceptance both sides see contacts."""
    interest = (
        ExpressionOfInterest.objects.select_for_update()
        .select_related("profile", "profile__organisation", "organisation")
        .get(pk=interest.pk)
    )
    if not rules.can_decide_interest(actor, interest):
        raise PermissionDenied(_("You may not answer this expression of interest."))
    if accept:
        compliance.ensure_not_blocked(interest.profile.organisation, interest.organisation)
    interest.status = (
        ExpressionOfInterest.Status.ACCEPTED if accept else ExpressionOfInterest.Status.DECLINED
    )
    interest.decided_by = actor
    interest.decided_at = timezone.now()
    interest.save()
    notifications.notify(
        recipients=_owner_users(interest.organisation, also=[interest.created_by]),
        kind=Notification.Kind.INTEREST_ACCEPTED if accept else Notification.Kind.INTEREST_DECLINED,
        params={"title": interest.profile.title},
        link=reverse("opportunities:interest_detail", args=[interest.pk]),
    )
    audit.record(
        actor=actor, action="interest_accept" if accept else "interest_decline", obj=interest
    )
    return interest


# Saved searches and alerts ----------------------------------------------------------------


@transaction.atomic
def save_search(
    *, user: Any, name: str, filters: dict[str, str], alerts: bool = True
) -> SavedSearch:
    """Keep a profile search under a name; with `alerts`, new matches are mailed daily."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Log in to save a search."))
    name = (name or "").strip() or _("My search")
    return SavedSearch.objects.create(
        user=user,
        name=name[:120],
        q=(filters.get("q") or "")[:200],
        type=filters.get("type") or "",
        sector=filters.get("sector") or "",
        country=(filters.get("country") or "").upper()[:2],
        alerts=alerts,
    )


@transaction.atomic
def delete_search(*, user: Any, saved_search: SavedSearch) -> None:
    if saved_search.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This is not your saved search."))
    saved_search.delete()


def _digest_lines(saved_search: SavedSearch, profiles: list[CooperationProfile]) -> list[str]:
    lines = [
        ngettext(
            "%(count)d new cooperation profile matches your saved search “%(name)s”:",
            "%(count)d new cooperation profiles match your saved search “%(name)s”:",
            len(profiles),
        )
        % {"count": len(profiles), "name": saved_search.name}
    ]
    for profile in profiles:
        url = absolute(reverse("opportunities:profile_detail", args=[profile.pk]))
        lines.append(
            _("%(type)s — %(title)s (%(country)s)\n%(summary)s\n%(url)s")
            % {
                "type": profile.get_type_display(),
                "title": profile.title,
                "country": profile.organisation.country,
                "summary": profile.summary,
                "url": url,
            }
        )
    return lines


def send_alerts(*, today: date | None = None, now: datetime | None = None) -> int:
    """Mail each saved search's owner the profiles newly published since its last alert.

    At most one run per saved search and day is recorded (and so at most one e-mail): a
    second run the same day sends nothing. Returns the number of e-mails sent.
    """
    from jumelage.opportunities.selectors import ProfileFilters, search_profiles

    now = now or timezone.now()
    today = today or timezone.localdate(now)
    sent = 0
    for saved_search in SavedSearch.objects.filter(
        alerts=True, user__is_active=True
    ).select_related("user"):
        with transaction.atomic():
            if AlertDispatch.objects.filter(saved_search=saved_search, day=today).exists():
                continue
            previous = saved_search.dispatches.order_by("-until").first()
            since = previous.until if previous else saved_search.created_at
            profiles = list(
                search_profiles(
                    saved_search.user,
                    ProfileFilters(
                        q=saved_search.q,
                        type=saved_search.type,
                        sector=saved_search.sector,
                        country=saved_search.country,
                    ),
                ).filter(
                    published_at__gt=since,
                    published_at__lte=now,
                    status=Status.PUBLISHED,
                    visibility=CooperationProfile.Visibility.PUBLIC,
                )
            )
            try:
                with transaction.atomic():
                    AlertDispatch.objects.create(
                        saved_search=saved_search,
                        day=today,
                        until=now,
                        profiles=[p.pk for p in profiles],
                        sent=bool(profiles),
                    )
            except IntegrityError:
                continue  # another run recorded today's alert first
            if not profiles:
                continue
            user = saved_search.user
            to = notifications.addressee(user)
            if to is None:
                continue
            with translation.override(to.language):
                subject = _("Jumelage: new profiles for “%(name)s”") % {"name": saved_search.name}
                body = "\n\n".join(_digest_lines(saved_search, profiles))
            transaction.on_commit(
                lambda to=to, subject=subject, body=body: notifications.send_email(
                    to=to, subject=subject, body=body
                )
            )
            sent += 1
    return sent
