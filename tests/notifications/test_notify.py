"""The shared notification service: in the app for accounts, by e-mail after commit, in the
reader's language."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from jumelage.notifications import selectors, services
from jumelage.notifications.models import Notification
from tests.factories import PersonFactory, UserFactory

Kind = Notification.Kind


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", first_name="Anna", last_name="Petrova")


def test_notify_records_one_unread_notification_per_account_and_mails_after_commit(
    reader, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://jumelage.example"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        recorded = services.notify(
            recipients=[reader, reader],
            kind=Kind.PROFILE_PUBLISHED,
            params={"title": "Fibre lasers"},
            link="/en/profiles/7/",
        )
    assert mailoutbox == []
    assert [n.recipient for n in recorded] == [reader]
    notification = Notification.objects.get()
    assert notification.read_at is None
    assert notification.link == "/profiles/7/"
    assert notification.text == "Your profile “Fibre lasers” is published."
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [["reader@example.org"]]
    assert mailoutbox[0].subject == "Jumelage: Your profile “Fibre lasers” is published."
    assert "Hello Anna Petrova," in mailoutbox[0].body
    assert "Open it in Jumelage: https://jumelage.example/en/profiles/7/" in mailoutbox[0].body


def test_rolled_back_notification_mails_nobody(reader, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(recipients=[reader], kind=Kind.PROFILE_PUBLISHED, params={"title": "X"})
        raise RuntimeError
    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_email_and_link_are_in_the_readers_language(
    reader, mailoutbox, django_capture_on_commit_callbacks
):
    reader.language = "ru"
    reader.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[reader],
            kind=Kind.INTEREST_DECLINED,
            params={"title": "Photonics"},
            link="/fr/profiles/interests/3/",
        )
    assert "/ru/profiles/interests/3/" in mailoutbox[0].body
    assert "/fr/" not in mailoutbox[0].body
    assert (
        mailoutbox[0].subject
        == "Jumelage: Ваша заинтересованность в профиле «Photonics» отклонена."
    )


def test_a_person_without_an_account_is_mailed_in_their_language_but_has_no_notification(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(first_name="Ivan", last_name="Orlov", email="io@example.ru")
    person.languages = "ru, en"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        recorded = services.notify(
            recipients=[person],
            kind=Kind.SCHEDULE_CHANGED,
            params={"event": "B2B day", "count": 2},
            link="/events/1/agenda/",
        )
    assert recorded == []
    assert Notification.objects.count() == 0
    assert [m.to for m in mailoutbox] == [["io@example.ru"]]
    assert services.addressee(person).language == "ru"
    assert "/ru/events/1/agenda/" in mailoutbox[0].body


def test_a_person_with_an_account_gets_the_notification_and_mail_at_their_contact_address(
    reader, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(user=reader, email="anna@lab.example.ru")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[person, reader],
            kind=Kind.REGISTRATION_APPROVED,
            params={"event": "B2B day"},
        )
    assert Notification.objects.get().recipient == reader
    assert [m.to for m in mailoutbox] == [["anna@lab.example.ru"]]


def test_erased_people_and_inactive_accounts_are_told_nothing(
    reader, mailoutbox, django_capture_on_commit_callbacks
):
    erased = PersonFactory(erased_at=timezone.now())
    reader.is_active = False
    reader.save()
    with django_capture_on_commit_callbacks(execute=True):
        recorded = services.notify(
            recipients=[erased, reader, None],
            kind=Kind.PROFILE_PUBLISHED,
            params={"title": "X"},
        )
    assert recorded == []
    assert mailoutbox == []


def test_muted_email_still_records_the_notification(
    reader, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), services.email_muted():
        services.notify(recipients=[reader], kind=Kind.PROFILE_PUBLISHED, params={"title": "X"})
    assert Notification.objects.filter(recipient=reader).count() == 1
    assert mailoutbox == []


def test_missing_parameters_read_as_blank_and_unknown_kinds_as_their_code(reader):
    assert (
        Notification(recipient=reader, kind=Kind.REQUEST_RECEIVED, params={}).text
        == " asks to meet you at "
    )
    assert Notification(recipient=reader, kind="something_new", params={}).text == "something_new"


def test_mark_read_by_ids_by_parameters_or_all(reader):
    other = UserFactory(username="other")
    first, second, third = (
        Notification.objects.create(
            recipient=reader, kind=Kind.SCHEDULE_CHANGED, params={"event_id": event_id}
        )
        for event_id in (1, 2, 2)
    )
    theirs = Notification.objects.create(
        recipient=other, kind=Kind.SCHEDULE_CHANGED, params={"event_id": 2}
    )
    assert services.mark_read(user=reader, notifications=[first.pk, theirs.pk]) == 1
    assert list(selectors.unread_of(reader, event_id=2).order_by("pk")) == [second, third]
    assert services.mark_read(user=reader, event_id=2) == 2
    assert selectors.unread_count(reader) == 0
    assert selectors.unread_count(other) == 1
