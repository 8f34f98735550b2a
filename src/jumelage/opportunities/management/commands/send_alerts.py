"""`jumelage send-alerts`: the daily digest of newly published profiles per saved search."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.commands import JumelageCommand
from jumelage.opportunities.services import expire_profiles, send_alerts


class Command(JumelageCommand):
    help = _(
        "E-mail each saved search's owner the profiles published since the last alert; "
        "run it daily: a second run the same day sends nothing."
    )

    def handle(self, *args, **options):
        expire_profiles()
        sent = send_alerts()
        self.stdout.write(
            ngettext("%(count)d alert e-mail sent.", "%(count)d alert e-mails sent.", sent)
            % {"count": sent}
        )
