"""Saved searches: a daily digest of newly published matching profiles, sent once a day."""

import io
from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jumelage.opportunities import services
from jumelage.opportunities.models import CooperationProfile, SavedSearch
from tests.opportunities.conftest import make_profile

Status = CooperationProfile.Status


def test_digest_lists_new_matches_once_per_day(
    outsider_user, member_company, draft, django_capture_on_commit_callbacks
):
    search = services.save_search(user=outsider_user, name="Optics", filters={"q": "optics"})
    SavedSearch.objects.filter(pk=search.pk).update(created_at=timezone.now() - timedelta(days=2))
    make_profile(member_company, status=Status.PUBLISHED, title="Adaptive optics modules")
    make_profile(
        member_company,
        status=Status.PUBLISHED,
        title="Biobank",
        summary="Tissue",
        description="Samples",
    )
    make_profile(
        member_company, status=Status.PUBLISHED, visibility="private", title="Private optics plan"
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_alerts(today=date(2026, 11, 28)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["outsider@example.org"]
    assert message.subject == "Jumelage: new profiles for “Optics”"
    assert "1 new cooperation profile matches your saved search “Optics”" in message.body
    assert "Adaptive optics modules" in message.body
    assert "Private optics plan" not in message.body and "Biobank" not in message.body
    assert "Secret draft" not in message.body

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_alerts(today=date(2026, 11, 28)) == 0
        assert services.send_alerts(today=date(2026, 11, 29)) == 0
    assert len(mail.outbox) == 1


def test_send_alerts_command_is_idempotent_per_day(outsider_user, member_company):
    services.save_search(user=outsider_user, name="All", filters={})
    SavedSearch.objects.update(created_at=timezone.now() - timedelta(days=1))
    make_profile(member_company, status=Status.PUBLISHED)
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    call_command("send_alerts", stdout=out)
    assert out.getvalue().splitlines() == ["1 alert e-mail sent.", "0 alert e-mails sent."]
