"""The demo's cooperation profiles and expressions of interest: made through the services,
dated along the demo's story, and loaded only once."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from jumelage.accounts.models import Role
from jumelage.compliance.models import DualUseFlag
from jumelage.demo.cooperation import interest_specs, load_demo_cooperation, profile_specs
from jumelage.directory.models import Membership, Sector
from jumelage.events.demo import DAY
from jumelage.notifications.models import Notification
from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest
from tests.factories import OrganisationFactory, UserFactory, give_role

Status = CooperationProfile.Status
Interest = ExpressionOfInterest.Status


@pytest.fixture
def demo_directory(programme, django_capture_on_commit_callbacks):
    """The demo organisations the profiles and interests name, and the demo accounts."""
    for code in ("aerospace", "photonics", "biotech_health", "ict", "advanced_manufacturing"):
        Sector.objects.create(code=code)
    refs = {spec.owner for spec in profile_specs()} | {
        spec.organisation for spec in interest_specs()
    }
    organisations = {
        ref: OrganisationFactory(
            name=f"Demo {index}",
            country="RU" if ref.startswith("curated:") and "tomsk" in ref else "FR",
            source="demo",
            external_id=ref,
            programme=programme,
        )
        for index, ref in enumerate(sorted(refs))
    }
    give_role(UserFactory(username="programme"), Role.Kind.PROGRAMME_MANAGER, programme=programme)
    ecosystem = UserFactory(username="ecosystem")
    give_role(ecosystem, Role.Kind.ECOSYSTEM_MANAGER, organisation=organisations["curated:optitec"])
    Membership.objects.create(
        organisation=organisations["cordis:387dcea3064fd513d9940a62c39458aa"],
        parent=organisations["curated:optitec"],
    )
    member = UserFactory(username="member")
    give_role(member, Role.Kind.MEMBER, organisation=organisations["curated:sez-tomsk"])
    return organisations


def test_profiles_and_interests_are_made_through_the_services_and_dated_in_the_story(
    demo_directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = load_demo_cooperation()

    assert (result.profiles_created, result.interests_created) == (28, 26)
    profiles = CooperationProfile.objects.all()
    assert Counter(profiles.values_list("status", flat=True)) == {
        Status.PUBLISHED: 24,
        Status.SUBMITTED: 2,
        Status.DRAFT: 2,
    }
    assert set(profiles.values_list("language", flat=True)) == {"fr", "en", "ru"}
    assert set(profiles.values_list("type", flat=True)) == {
        "technology_offer",
        "technology_request",
        "business_offer",
        "business_request",
        "rd_partner_search",
    }
    assert {"aerospace", "photonics", "biotech_health", "ict"} <= set(
        profiles.values_list("sectors__code", flat=True)
    )
    # Every submitted profile was checked for dual-use, as the review workflow does.
    reviewed = profiles.exclude(status=Status.DRAFT)
    assert set(
        DualUseFlag.objects.filter(object_type="opportunities.cooperationprofile").values_list(
            "object_id", flat=True
        )
    ) == {str(pk) for pk in reviewed.values_list("pk", flat=True)}
    assert DualUseFlag.objects.filter(status=DualUseFlag.Status.POSSIBLE).exists()

    live = profiles.filter(status=Status.PUBLISHED)
    assert all(p.is_live for p in live)
    for profile in live:
        assert date(2026, 11, 1) <= timezone.localdate(profile.published_at) < DAY
        assert profile.submitted_at < profile.published_at

    interests = ExpressionOfInterest.objects.select_related("profile")
    assert Counter(interests.values_list("status", flat=True)) == {
        Interest.ACCEPTED: 13,
        Interest.DECLINED: 5,
        Interest.PENDING: 8,
    }
    for interest in interests:
        assert interest.profile.published_at < interest.created_at
        assert timezone.localdate(interest.created_at) < DAY
        if interest.status == Interest.PENDING:
            assert interest.decided_at is None
        else:
            assert interest.created_at < interest.decided_at

    # People were told in the app, on the story's dates; nobody was e-mailed.
    assert mail.outbox == []
    notices = Notification.objects.all()
    assert notices.filter(kind="interest_received").count() >= 1
    assert notices.filter(recipient__username="member", kind="interest_received").exists()
    assert not notices.filter(created_at__year=timezone.now().year + 10).exists()
    assert all(
        date(2026, 11, 1) <= timezone.localdate(moment) <= DAY
        for moment in notices.values_list("created_at", flat=True)
    )


def test_loading_again_creates_nothing(demo_directory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_cooperation()
    counts = (
        CooperationProfile.objects.count(),
        ExpressionOfInterest.objects.count(),
        Notification.objects.count(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = load_demo_cooperation()
    assert (again.profiles_created, again.interests_created) == (0, 0)
    assert (
        CooperationProfile.objects.count(),
        ExpressionOfInterest.objects.count(),
        Notification.objects.count(),
    ) == counts


def test_missing_organisations_are_passed_over(demo_directory, django_capture_on_commit_callbacks):
    demo_directory["curated:sez-tomsk"].delete()
    with django_capture_on_commit_callbacks(execute=True):
        result = load_demo_cooperation()
    tomsk_profiles = sum(spec.owner == "curated:sez-tomsk" for spec in profile_specs())
    assert result.profiles_created == 28 - tomsk_profiles
    assert not ExpressionOfInterest.objects.filter(organisation__external_id="curated:sez-tomsk")


@pytest.fixture
def isolated_index(settings, tmp_path):
    from jumelage.matching import index as lifecycle

    settings.DATA_DIR = tmp_path
    lifecycle.forget_loaded_index()
    yield lifecycle
    lifecycle.forget_loaded_index()


def test_member_sees_partners_for_you_with_reasons_on_a_demo_profile(
    client, demo_directory, isolated_index, django_capture_on_commit_callbacks
):
    photonics = Sector.objects.get(code="photonics")
    for organisation in demo_directory.values():
        organisation.sectors.add(photonics)
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_cooperation()
    build = isolated_index.rebuild_index()
    assert build.profiles == CooperationProfile.objects.filter(status=Status.PUBLISHED).count()

    profile = CooperationProfile.objects.get(title__startswith="Large high-precision mirrors")
    client.login(username="member", password="correct horse battery")
    page = client.get(f"/en/profiles/{profile.pk}/").content.decode()
    assert 'id="partners-for-you"' in page
    block = client.get(f"/en/partners/for/?profile={profile.pk}").content.decode()
    assert block.count('class="card recommendation"') >= 1
    assert 'class="reason reason-' in block


def test_a_malformed_demo_entry_is_named_by_file_item_and_field():
    from jumelage.demo.cooperation import InterestSpec, _read

    items = [
        {"profile": "a", "organisation": "b", "message": "m", "sent": "2027-01-01"},
        {"profile": "a", "organisation": "b", "message": "m", "sent": "2027-01-01", "colour": 1},
    ]
    with pytest.raises(
        ValueError, match=r"^cooperation.json interests, item 2: unknown field 'colour'$"
    ):
        _read("cooperation.json interests", items, InterestSpec, ("sent",))
