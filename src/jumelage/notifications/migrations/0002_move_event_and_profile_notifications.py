"""Move the notifications the events and opportunities apps kept apart into the shared model.

Profile notifications keep their user, kind, parameters, link, read and created times.
Event notifications go to the person's account, with the event's id and title among their
parameters and its page as their link; those of people without an account could never be read
in the app (the page showed a user's own) and are not kept. Links are stored without their
language prefix. The paths are written out, not reversed, so that this migration does not
change when the URLs do.
"""

from django.conf import settings
from django.db import migrations

BATCH = 2000
PROFILE_KINDS = {
    "interest_received",
    "interest_accepted",
    "interest_declined",
    "profile_submitted",
    "profile_published",
    "profile_returned",
}


def _neutral(path):
    codes = {code for code, _name in settings.LANGUAGES}
    if not path or not path.startswith("/"):
        return path or ""
    _empty, first, *rest = path.split("/", 2)
    if first in codes:
        return "/" + (rest[0] if rest else "")
    return path


class _KeepCreatedAt:
    """Let rows keep their original creation time (the field stamps `now` on insert)."""

    def __init__(self, model):
        self.field = model._meta.get_field("created_at")

    def __enter__(self):
        self.field.auto_now_add = False

    def __exit__(self, *exc):
        self.field.auto_now_add = True


def _flush(model, batch):
    if batch:
        model.objects.bulk_create(batch, batch_size=BATCH)
        batch.clear()


def move_into_shared(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    ProfileNotification = apps.get_model("opportunities", "Notification")
    EventNotification = apps.get_model("events", "Notification")
    batch = []
    with _KeepCreatedAt(Notification):
        for row in ProfileNotification.objects.order_by("pk").iterator(chunk_size=BATCH):
            batch.append(
                Notification(
                    recipient_id=row.user_id,
                    kind=row.kind,
                    params=row.params or {},
                    link=_neutral(row.url),
                    read_at=row.read_at,
                    created_at=row.created_at,
                )
            )
            if len(batch) >= BATCH:
                _flush(Notification, batch)
        rows = (
            EventNotification.objects.filter(person__user__isnull=False)
            .order_by("pk")
            .values(
                "person__user_id", "event_id", "event__title", "kind", "params", "read_at",
                "created_at",
            )
        )
        for row in rows.iterator(chunk_size=BATCH):
            params = {"event": row["event__title"], **(row["params"] or {})}
            params["event_id"] = row["event_id"]
            batch.append(
                Notification(
                    recipient_id=row["person__user_id"],
                    kind=row["kind"],
                    params=params,
                    link=f"/events/{row['event_id']}/",
                    read_at=row["read_at"],
                    created_at=row["created_at"],
                )
            )
            if len(batch) >= BATCH:
                _flush(Notification, batch)
        _flush(Notification, batch)


def move_back(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    ProfileNotification = apps.get_model("opportunities", "Notification")
    EventNotification = apps.get_model("events", "Notification")
    Person = apps.get_model("directory", "Person")
    Event = apps.get_model("events", "Event")
    people = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "pk"))
    events = set(Event.objects.values_list("pk", flat=True))
    profile_rows, event_rows = [], []
    for row in Notification.objects.order_by("pk").iterator(chunk_size=BATCH):
        if row.kind in PROFILE_KINDS:
            profile_rows.append(
                ProfileNotification(
                    user_id=row.recipient_id,
                    kind=row.kind,
                    params=row.params,
                    url=row.link,
                    read_at=row.read_at,
                    created_at=row.created_at,
                )
            )
        else:
            event_id = (row.params or {}).get("event_id")
            person_id = people.get(row.recipient_id)
            if event_id not in events or person_id is None:
                continue
            params = {k: v for k, v in row.params.items() if k != "event_id"}
            event_rows.append(
                EventNotification(
                    person_id=person_id,
                    event_id=event_id,
                    kind=row.kind,
                    params=params,
                    read_at=row.read_at,
                    created_at=row.created_at,
                )
            )
    with _KeepCreatedAt(ProfileNotification), _KeepCreatedAt(EventNotification):
        ProfileNotification.objects.bulk_create(profile_rows, batch_size=BATCH)
        EventNotification.objects.bulk_create(event_rows, batch_size=BATCH)
    Notification.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("events", "0002_meeting_request_restrict"),
        ("opportunities", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_into_shared, move_back)]
