"""The notifications page and the header's badge."""

from __future__ import annotations

import pytest

from jumelage.notifications.models import Notification
from tests.factories import UserFactory

Kind = Notification.Kind


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.fixture
def two_unread(reader):
    return [
        Notification.objects.create(
            recipient=reader,
            kind=Kind.PROFILE_PUBLISHED,
            params={"title": "Fibre lasers"},
            link="/profiles/7/",
        ),
        Notification.objects.create(
            recipient=reader, kind=Kind.REGISTRATION_APPROVED, params={"event": "B2B day"}
        ),
    ]


def test_page_lists_only_the_readers_notifications_in_their_language(client, reader, two_unread):
    other = UserFactory(username="other")
    Notification.objects.create(
        recipient=other, kind=Kind.PROFILE_PUBLISHED, params={"title": "Secret plans"}
    )
    client.force_login(reader)
    page = client.get("/fr/notifications/").content.decode()
    assert "Fibre lasers" in page
    assert "B2B day" in page
    assert "Secret plans" not in page
    assert f'href="/fr/notifications/{two_unread[0].pk}/"' in page


def test_header_badge_counts_unread_notifications_on_every_page(client, reader, two_unread):
    client.force_login(reader)
    for path in ("/en/", "/en/profiles/", "/en/events/"):
        assert "2 new notifications" in client.get(path).content.decode()
    client.post("/en/notifications/read/", {"notification": [two_unread[1].pk]})
    assert "1 new notification<" in client.get("/en/").content.decode()
    client.post("/en/notifications/read/")
    page = client.get("/en/").content.decode()
    assert 'id="notifications-badge">Notifications</a>' in page


def test_no_badge_for_visitors(client, db):
    assert 'id="notifications-badge"' not in client.get("/en/").content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link_in_the_page_language(
    client, reader, two_unread
):
    client.force_login(reader)
    response = client.get(f"/ru/notifications/{two_unread[0].pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/ru/profiles/7/"
    two_unread[0].refresh_from_db()
    assert two_unread[0].read_at is not None
    assert Notification.objects.get(pk=two_unread[1].pk).read_at is None


def test_nobody_opens_or_marks_anothers_notification(client, reader, two_unread):
    client.force_login(UserFactory(username="other"))
    assert client.get(f"/en/notifications/{two_unread[0].pk}/").status_code == 404
    client.post("/en/notifications/read/", {"notification": [two_unread[0].pk]})
    assert Notification.objects.filter(recipient=reader, read_at__isnull=True).count() == 2


def test_marking_read_needs_a_post_and_a_login(client, reader, two_unread):
    assert client.get("/en/notifications/").status_code == 302
    client.force_login(reader)
    assert client.get("/en/notifications/read/").status_code == 405
    response = client.post("/en/notifications/read/", follow=True)
    assert "2 notifications marked as read." in response.content.decode()


def test_page_reads_with_a_constant_number_of_queries(
    client, reader, django_assert_max_num_queries
):
    for n in range(30):
        Notification.objects.create(
            recipient=reader, kind=Kind.PROFILE_PUBLISHED, params={"title": f"P{n}"}
        )
    client.force_login(reader)
    with django_assert_max_num_queries(12):
        page = client.get("/en/notifications/").content.decode()
    assert page.count('<li id="notification-') == 30
    assert "30 unread notifications." in page


def test_former_notification_pages_lead_to_the_shared_one(client, reader):
    client.force_login(reader)
    for path in ("/fr/events/notifications/", "/fr/profiles/notifications/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (301, "/fr/notifications/")
