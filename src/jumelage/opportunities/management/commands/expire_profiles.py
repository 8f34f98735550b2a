"""`jumelage expire-profiles`: mark published profiles past their expiry as expired."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.commands import JumelageCommand
from jumelage.opportunities.services import expire_profiles


class Command(JumelageCommand):
    help = _("Mark published cooperation profiles past their expiry date as expired.")

    def handle(self, *args, **options):
        expired = expire_profiles()
        self.stdout.write(
            ngettext("%(count)d profile expired.", "%(count)d profiles expired.", len(expired))
            % {"count": len(expired)}
        )
