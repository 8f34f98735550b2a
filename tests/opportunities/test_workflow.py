import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.notifications.models import Notification
from jumelage.opportunities import rules, services
from jumelage.opportunities.models import CooperationProfile
from tests.opportunities.conftest import make_profile

Status = CooperationProfile.Status


def test_owner_submits_and_the_clusters_ecosystem_manager_publishes_for_a_year(
    draft, member_user, ecosystem_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_profile(actor=member_user, profile=draft, action="submit")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert Notification.objects.get(recipient=ecosystem_manager).kind == "profile_submitted"
    assert [m.to for m in mail.outbox] == [["em@example.org"]]

    services.transition_profile(actor=ecosystem_manager, profile=draft, action="publish")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_by == ecosystem_manager
    assert draft.expires_at - draft.published_at == timedelta(days=365)


def test_owner_and_colleague_may_not_publish_their_own_profile(draft, member_user, colleague):
    services.transition_profile(actor=colleague, profile=draft, action="submit")
    for user in (member_user, colleague):
        with pytest.raises(PermissionDenied):
            services.transition_profile(actor=user, profile=draft, action="publish")
    assert CooperationProfile.objects.get(pk=draft.pk).status == Status.SUBMITTED


def test_outsider_may_neither_submit_publish_nor_close(draft, outsider_user):
    for action in ("submit", "publish", "close"):
        with pytest.raises(PermissionDenied):
            services.transition_profile(actor=outsider_user, profile=draft, action=action)
    assert CooperationProfile.objects.get(pk=draft.pk).status == Status.DRAFT


def test_allowed_transitions_by_role(
    draft, member_user, colleague, ecosystem_manager, outsider_user, programme_manager
):
    assert rules.allowed_transitions(member_user, draft) == ["submit"]
    assert rules.allowed_transitions(colleague, draft) == ["submit"]
    assert rules.allowed_transitions(outsider_user, draft) == []
    draft.status = Status.SUBMITTED
    assert rules.allowed_transitions(member_user, draft) == ["withdraw", "close"]
    assert "publish" in rules.allowed_transitions(ecosystem_manager, draft)
    assert "publish" in rules.allowed_transitions(programme_manager, draft)
    assert rules.allowed_transitions(outsider_user, draft) == []


def test_programme_manager_reviews_the_profile_of_a_cluster_itself(
    cluster, ecosystem_manager, programme_manager
):
    profile = make_profile(cluster, status=Status.SUBMITTED)
    assert not rules.is_reviewer(ecosystem_manager, profile)
    services.transition_profile(actor=programme_manager, profile=profile, action="publish")
    assert CooperationProfile.objects.get(pk=profile.pk).status == Status.PUBLISHED


def test_reviewer_returns_a_profile_to_draft_with_a_comment(draft, member_user, ecosystem_manager):
    services.transition_profile(actor=member_user, profile=draft, action="submit")
    services.transition_profile(
        actor=ecosystem_manager, profile=draft, action="return", comment="Remove the brand name"
    )
    draft.refresh_from_db()
    assert (draft.status, draft.review_comment) == (Status.DRAFT, "Remove the brand name")
    note = Notification.objects.get(recipient=member_user, kind="profile_returned")
    assert "Remove the brand name" in note.text


def test_only_drafts_are_edited(published, member_user):
    published.title = "Changed after publication"
    with pytest.raises(DomainError):
        services.save_profile(actor=member_user, profile=published)


def test_limits_and_choices_are_checked(member_company, member_user):
    profile = CooperationProfile(
        organisation=member_company,
        type="technology_request",
        title="x" * 257,
        summary="s",
        description="d",
        partnership_types=["research"],
    )
    with pytest.raises(DomainError) as error:
        services.save_profile(actor=member_user, profile=profile)
    assert error.value.field == "title"
    profile.title = "ok"
    profile.partnership_types = ["marriage"]
    with pytest.raises(DomainError) as error:
        services.save_profile(actor=member_user, profile=profile)
    assert error.value.field == "partnership_types"
    assert not CooperationProfile.objects.exists()


def test_extension_once_and_only_near_the_expiry(published, member_user):
    assert "extend" not in rules.allowed_transitions(member_user, published)
    published.expires_at = timezone.now() + timedelta(days=10)
    published.save()
    old_expiry = published.expires_at
    services.transition_profile(actor=member_user, profile=published, action="extend")
    published.refresh_from_db()
    assert published.extended and published.expires_at == old_expiry + timedelta(days=365)
    published.expires_at = timezone.now() + timedelta(days=10)
    published.save()
    with pytest.raises(PermissionDenied):
        services.transition_profile(actor=member_user, profile=published, action="extend")


def test_expire_profiles_command_expires_only_overdue_profiles(member_company, published):
    overdue = make_profile(
        member_company,
        status=Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=400),
        expires_at=timezone.now() - timedelta(days=35),
    )
    out = io.StringIO()
    call_command("expire_profiles", stdout=out)
    assert out.getvalue().strip() == "1 profile expired."
    assert CooperationProfile.objects.get(pk=overdue.pk).status == Status.EXPIRED
    assert CooperationProfile.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_a_profile_past_its_expiry_is_expired_when_read(client, member_user, published):
    CooperationProfile.objects.filter(pk=published.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(f"/en/profiles/{published.pk}/").status_code == 404
    client.force_login(member_user)
    response = client.get(f"/en/profiles/{published.pk}/")
    assert response.status_code == 200
    assert CooperationProfile.objects.get(pk=published.pk).status == Status.EXPIRED


def test_a_published_profile_is_changed_by_withdrawing_it_for_review_again(
    published, member_user, outsider_user
):
    assert rules.allowed_transitions(outsider_user, published) == []
    assert rules.allowed_transitions(member_user, published) == ["withdraw", "close"]
    services.transition_profile(actor=member_user, profile=published, action="withdraw")
    published.refresh_from_db()
    assert published.status == Status.DRAFT
    assert published not in rules.live_public_profiles()
