from django.db import migrations


class Migration(migrations.Migration):
    """Event notifications now live in the shared notifications app (moved by its 0002)."""

    dependencies = [
        ("events", "0002_meeting_request_restrict"),
        ("notifications", "0002_move_event_and_profile_notifications"),
    ]

    operations = [migrations.DeleteModel(name="Notification")]
