"""Profiles in every state, owned by the member company, with leakable data present."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jumelage.accounts.models import Role
from jumelage.opportunities.models import CooperationProfile
from jumelage.opportunities.services import refresh_search_text
from tests.factories import UserFactory, give_role

Status = CooperationProfile.Status


def make_profile(organisation, *, status=Status.DRAFT, visibility="public", **fields):
    now = timezone.now()
    values = {
        "type": "technology_offer",
        "title": "Adaptive optics for ground telescopes",
        "summary": "A French SME offers adaptive optics modules.",
        "description": "Deformable mirrors and wavefront sensors, lab tested.",
        "partner_sought": "A research lab to co-develop a space instrument.",
        "partnership_types": ["research", "licence"],
        "language": "en",
        **fields,
    }
    profile = CooperationProfile(
        organisation=organisation, status=status, visibility=visibility, **values
    )
    if status in {Status.PUBLISHED, Status.EXPIRED}:
        profile.published_at = profile.published_at or now - timedelta(days=1)
        profile.expires_at = profile.expires_at or now + timedelta(days=364)
    refresh_search_text(profile)
    profile.save()
    return profile


@pytest.fixture
def colleague(member_company):
    """Another member of the owner's organisation."""
    user = UserFactory(username="colleague")
    give_role(user, Role.Kind.MEMBER, organisation=member_company)
    return user


@pytest.fixture
def draft(member_company, member_user):
    return make_profile(
        member_company, title="Secret draft about quasicrystals", created_by=member_user
    )


@pytest.fixture
def private_profile(member_company, member_user):
    return make_profile(
        member_company,
        status=Status.PUBLISHED,
        visibility="private",
        title="Confidential photonics roadmap",
        created_by=member_user,
    )


@pytest.fixture
def published(member_company, member_user):
    return make_profile(member_company, status=Status.PUBLISHED, created_by=member_user)


@pytest.fixture
def contact_person(member_company):
    from datetime import date

    from tests.factories import PersonFactory

    return PersonFactory(
        organisation=member_company,
        email="olga@optique-azur.example",
        consent_at=date(2026, 1, 5),
        consent_purpose="B2B",
    )
