"""The header's badge and the notifications page, in the real browser."""

import pytest

from jumelage.notifications.models import Notification
from tests.browser.conftest import log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_badge_leads_to_the_notifications_and_opening_one_reads_it(page):
    reader = UserFactory(username="reader")
    Notification.objects.create(
        recipient=reader,
        kind=Notification.Kind.PROFILE_PUBLISHED,
        params={"title": "Lasers à fibre"},
        link="/profiles/",
    )
    Notification.objects.create(
        recipient=reader,
        kind=Notification.Kind.REGISTRATION_APPROVED,
        params={"event": "Journée B2B"},
    )
    log_in(page, "reader", lang="fr")
    badge = page.locator("#notifications-badge")
    assert badge.inner_text() == "2 nouvelles notifications"
    badge.click()
    page.wait_for_selector("#notifications")
    assert "Lasers à fibre" in page.inner_text("#notifications")
    page.click("#notifications a:has-text('Lasers à fibre')")
    page.wait_for_url("**/fr/profiles/")
    assert page.locator("#notifications-badge").inner_text() == "1 nouvelle notification"
    page.goto("/fr/notifications/")
    page.click("#mark-all-read button")
    page.wait_for_selector("#notifications-badge:not(.unread)")
    assert page.locator("#notifications-badge").inner_text() == "Notifications"
    assert page.locator("#notifications li.unread").count() == 0
