"""The demo's cooperation profiles and expressions of interest.

Twenty-eight EEN-style profiles (technology and business offers and requests, R&D partner
searches) written in French, English and Russian by demo organisations of the four seed
sectors: aerospace, photonics, biotech and health, ICT. Most are published, two wait for review
and two are drafts. Twenty-six expressions of interest between PACA and Russian organisations
follow, accepted, declined or still pending. Everything goes through the same services as on
the site (so profiles are screened, checked for dual-use and notified), then is dated along the
demo's story: the mission to Tomsk in October 2026, profiles from November, interests up to the
B2B day of 15 April 2027. The texts, fictional, are in `data/cooperation.json` (written by
hand, not by the build script). Loading it twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.compliance.services import Blocked
from jumelage.directory.models import Organisation, Sector
from jumelage.notifications.models import Notification
from jumelage.notifications.services import email_muted
from jumelage.opportunities import rules, services
from jumelage.opportunities.models import (
    VALIDITY,
    CooperationProfile,
    ExpressionOfInterest,
)

SOURCE = "demo"
# The demo accounts that act, in the order tried: the member writes for its own organisation,
# the ecosystem manager for SAFE Cluster's members, the programme team for the others.
ACTORS = ("member", "ecosystem", "programme")
PUBLISHED, SUBMITTED, DRAFT = "published", "submitted", "draft"
DATA_FILE = "cooperation.json"


@dataclass(frozen=True)
class ProfileSpec:
    key: str
    owner: str  # the organisation's external id in the demo data
    type: str
    language: str
    title: str
    summary: str
    description: str
    partner_sought: str
    partnership_types: tuple[str, ...]
    sectors: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    partner_kinds: tuple[str, ...] = ()
    stage: str = ""
    ipr_status: str = ""
    status: str = PUBLISHED
    written: date = date(2026, 11, 2)
    review_days: int = 5


@dataclass(frozen=True)
class InterestSpec:
    profile: str  # a ProfileSpec key
    organisation: str  # the interested organisation's external id
    message: str
    sent: date
    answer: str = "pending"
    answered_after: int = 7


def _read(name: str, items: list[dict[str, Any]], spec: type, dates: tuple[str, ...]) -> list:
    fields = {f.name for f in dataclasses.fields(spec)}
    specs = []
    for number, item in enumerate(items, start=1):
        unknown = sorted(set(item) - fields)
        if unknown:
            raise ValueError(f"{name}, item {number}: unknown field {unknown[0]!r}")
        values = {
            key: date.fromisoformat(value) if key in dates else value for key, value in item.items()
        }
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        try:
            specs.append(spec(**values))
        except TypeError as error:
            raise ValueError(f"{name}, item {number}: {error}") from error
    return specs


@functools.cache
def _data() -> tuple[list[ProfileSpec], list[InterestSpec]]:
    from jumelage.demo.loader import data_path

    path = data_path(DATA_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    profiles = _read(f"{DATA_FILE} profiles", data["profiles"], ProfileSpec, ("written",))
    interests = _read(f"{DATA_FILE} interests", data["interests"], InterestSpec, ("sent",))
    keys = {spec.key for spec in profiles}
    for number, interest in enumerate(interests, start=1):
        if interest.profile not in keys:
            raise ValueError(
                f"{DATA_FILE} interests, item {number}: no profile {interest.profile!r}"
            )
    return profiles, interests


def profile_specs() -> list[ProfileSpec]:
    """The demo's profiles as written in `data/cooperation.json`."""
    return _data()[0]


def interest_specs() -> list[InterestSpec]:
    """The demo's expressions of interest as written in `data/cooperation.json`."""
    return _data()[1]


@dataclass
class CooperationResult:
    profiles_created: int = 0
    interests_created: int = 0


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class _Story:
    """Dates what the services record 'now' to the demo story's day, notifications too."""

    def __init__(self) -> None:
        self.last_notification = (
            Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )

    def date_notifications(self, moment: datetime) -> None:
        Notification.objects.filter(pk__gt=self.last_notification).update(created_at=moment)
        self.last_notification = (
            Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
            or self.last_notification
        )


def _accounts() -> list[User]:
    found = {u.username: u for u in User.objects.filter(username__in=ACTORS, is_active=True)}
    return [found[name] for name in ACTORS if name in found]


def _first(accounts: list[User], may) -> User | None:
    return next((account for account in accounts if may(account)), None)


def _create_profile(
    spec: ProfileSpec, organisation: Organisation, accounts: list[User], story: _Story
) -> CooperationProfile | None:
    owner = _first(
        accounts, lambda a: rules.owned_organisations(a).filter(pk=organisation.pk).exists()
    )
    if owner is None:
        return None
    profile = services.save_profile(
        actor=owner,
        profile=CooperationProfile(
            organisation=organisation,
            type=spec.type,
            title=spec.title,
            summary=spec.summary,
            description=spec.description,
            partner_sought=spec.partner_sought,
            partnership_types=list(spec.partnership_types),
            partner_kinds=list(spec.partner_kinds),
            stage=spec.stage,
            ipr_status=spec.ipr_status,
            keywords=list(spec.keywords),
            language=spec.language,
        ),
        sectors=Sector.objects.filter(code__in=spec.sectors),
    )
    written = _moment(spec.written, 9)
    dates: dict[str, Any] = {"created_at": written}
    if spec.status in (SUBMITTED, PUBLISHED):
        profile = services.transition_profile(actor=owner, profile=profile, action="submit")
        dates["submitted_at"] = _moment(spec.written, 11)
        story.date_notifications(dates["submitted_at"])
    if spec.status == PUBLISHED:
        reviewer = _first(accounts, lambda a: rules.is_reviewer(a, profile))
        if reviewer is None:
            return profile
        profile = services.transition_profile(actor=reviewer, profile=profile, action="publish")
        published = _moment(spec.written + timedelta(days=spec.review_days), 15)
        # Valid for a year from publication, and at least a year from loading, so that the
        # demo's profiles are live whenever the demo is loaded.
        dates |= {
            "published_at": published,
            "expires_at": max(published, timezone.now()) + VALIDITY,
        }
        story.date_notifications(published)
    CooperationProfile.objects.filter(pk=profile.pk).update(**dates)
    profile.refresh_from_db()
    return profile


def _create_interest(
    spec: InterestSpec,
    profile: CooperationProfile,
    organisation: Organisation,
    accounts: list[User],
    story: _Story,
) -> ExpressionOfInterest | None:
    sender = _first(
        accounts,
        lambda a: rules.interest_organisations(a, profile).filter(pk=organisation.pk).exists(),
    )
    if sender is None:
        return None
    interest = services.express_interest(
        actor=sender, profile=profile, organisation=organisation, message=spec.message
    )
    sent = _moment(spec.sent, 10)
    story.date_notifications(sent)
    dates: dict[str, Any] = {"created_at": sent}
    if spec.answer != ExpressionOfInterest.Status.PENDING:
        answerer = _first(accounts, lambda a: rules.is_owner(a, profile))
        if answerer is not None:
            services.decide_interest(
                actor=answerer,
                interest=interest,
                accept=spec.answer == ExpressionOfInterest.Status.ACCEPTED,
            )
            dates["decided_at"] = _moment(spec.sent + timedelta(days=spec.answered_after), 16)
            story.date_notifications(dates["decided_at"])
    ExpressionOfInterest.objects.filter(pk=interest.pk).update(**dates)
    return interest


@transaction.atomic
def load_demo_cooperation() -> CooperationResult:
    """Create the demo's profiles and expressions of interest that are not there yet.

    A profile is known by its organisation and title, an interest by its profile and
    organisation; organisations missing from the directory, or refused by screening, are
    passed over. E-mails are not sent (the demo's addresses are fictional); the in-app
    notifications are kept, dated like the actions they tell of.
    """
    result = CooperationResult()
    accounts = _accounts()
    refs = {spec.owner for spec in profile_specs()} | {
        spec.organisation for spec in interest_specs()
    }
    organisations = {
        o.external_id: o for o in Organisation.objects.filter(source=SOURCE, external_id__in=refs)
    }
    existing = {
        (profile.organisation_id, profile.title): profile
        for profile in CooperationProfile.objects.filter(
            organisation__in=organisations.values(), title__in=[s.title for s in profile_specs()]
        )
    }
    story = _Story()
    profiles: dict[str, CooperationProfile] = {}
    with email_muted():
        for spec in profile_specs():
            organisation = organisations.get(spec.owner)
            if organisation is None:
                continue
            profile = existing.get((organisation.pk, spec.title))
            if profile is None:
                try:
                    profile = _create_profile(spec, organisation, accounts, story)
                except Blocked:
                    continue
                result.profiles_created += profile is not None
            if profile is not None:
                profiles[spec.key] = profile
        known = set(
            ExpressionOfInterest.objects.filter(profile__in=profiles.values()).values_list(
                "profile_id", "organisation_id"
            )
        )
        for interest in interest_specs():
            profile = profiles.get(interest.profile)
            organisation = organisations.get(interest.organisation)
            if profile is None or organisation is None:
                continue
            if (profile.pk, organisation.pk) in known or not profile.is_live:
                continue
            try:
                created = _create_interest(interest, profile, organisation, accounts, story)
            except Blocked:
                continue
            result.interests_created += created is not None
    return result
