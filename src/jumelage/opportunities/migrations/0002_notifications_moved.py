from django.db import migrations


class Migration(migrations.Migration):
    """Profile notifications now live in the shared notifications app (moved by its 0002)."""

    dependencies = [
        ("opportunities", "0001_initial"),
        ("notifications", "0002_move_event_and_profile_notifications"),
    ]

    operations = [migrations.DeleteModel(name="Notification")]
