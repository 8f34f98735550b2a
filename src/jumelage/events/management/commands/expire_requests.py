"""`jumelage expire-requests`: expire pending meeting requests past their deadline."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.commands import JumelageCommand
from jumelage.events import services


class Command(JumelageCommand):
    help = _("Expire the pending meeting requests whose deadline has passed, and tell the senders.")

    def handle(self, *args, **options):
        count = services.expire_requests()
        self.stdout.write(
            ngettext("%(count)d request expired.", "%(count)d requests expired.", count)
            % {"count": count}
        )
