"""The data migration that moves the two former notification tables into the shared one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("notifications", "0001_initial"),
    ("events", "0002_meeting_request_restrict"),
    ("opportunities", "0001_initial"),
]
AFTER = [
    ("notifications", "0002_move_event_and_profile_notifications"),
    ("events", "0003_notifications_moved"),
    ("opportunities", "0002_notifications_moved"),
]
WHEN = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_notifications_move_to_the_shared_model_with_their_times_and_read_state():
    old = _migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Programme = old.get_model("accounts", "Programme")
    Organisation = old.get_model("directory", "Organisation")
    Person = old.get_model("directory", "Person")
    Event = old.get_model("events", "Event")
    EventNotification = old.get_model("events", "Notification")
    ProfileNotification = old.get_model("opportunities", "Notification")

    owner = User.objects.create(username="owner")
    attendee = User.objects.create(username="attendee")
    organisation = Organisation.objects.create(name="Optique Azur", country="FR")
    with_account = Person.objects.create(
        organisation=organisation, user=attendee, first_name="Anna", last_name="P"
    )
    without_account = Person.objects.create(
        organisation=organisation, first_name="Ivan", last_name="O"
    )
    event = Event.objects.create(
        programme=Programme.objects.create(slug="p", name="P"),
        slug="b2b",
        title="B2B day",
        place="Nice",
        start_date=dt.date(2026, 4, 1),
        end_date=dt.date(2026, 4, 1),
    )
    ProfileNotification.objects.create(
        user=owner,
        kind="interest_received",
        params={"title": "Lasers", "organisation": "Romashka"},
        url="/fr/profiles/interests/4/",
    )
    EventNotification.objects.create(
        person=with_account, event=event, kind="request_received", params={"requester": "Olga"}
    )
    EventNotification.objects.create(
        person=without_account, event=event, kind="schedule_changed", params={"count": 1}
    )
    ProfileNotification.objects.update(created_at=WHEN, read_at=WHEN)
    EventNotification.objects.update(created_at=WHEN)

    new = _migrate(AFTER)
    Notification = new.get_model("notifications", "Notification")
    rows = {
        row["kind"]: row
        for row in Notification.objects.values(
            "recipient__username", "kind", "params", "link", "read_at", "created_at"
        )
    }
    assert rows == {
        "interest_received": {
            "recipient__username": "owner",
            "kind": "interest_received",
            "params": {"title": "Lasers", "organisation": "Romashka"},
            "link": "/profiles/interests/4/",
            "read_at": WHEN,
            "created_at": WHEN,
        },
        "request_received": {
            "recipient__username": "attendee",
            "kind": "request_received",
            "params": {"event": "B2B day", "event_id": event.pk, "requester": "Olga"},
            "link": f"/events/{event.pk}/",
            "read_at": None,
            "created_at": WHEN,
        },
    }
    table_names = connection.introspection.table_names()
    assert "events_notification" not in table_names
    assert "opportunities_notification" not in table_names

    # Back again: the rows return to the app that kept them.
    old = _migrate(BEFORE)
    assert old.get_model("opportunities", "Notification").objects.get().url == (
        "/profiles/interests/4/"
    )
    moved_back = old.get_model("events", "Notification").objects.get()
    assert (moved_back.person_id, moved_back.event_id, moved_back.params) == (
        with_account.pk,
        event.pk,
        {"event": "B2B day", "requester": "Olga"},
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
