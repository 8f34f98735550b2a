"""`jumelage send-followups`: ask participants of held meetings what came of them."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.commands import JumelageCommand
from jumelage.core.errors import InputError
from jumelage.outcomes.reminders import send_follow_up_reminders


class Command(JumelageCommand):
    help = _(
        "E-mail the participants of held meetings 3, 6 and 12 months later with a one-click "
        "form asking what came of them; run it daily: a second run sends nothing new."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--today", help=_("pretend today is this date (YYYY-MM-DD)"))

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as error:
                raise InputError(_("--today must be a date as YYYY-MM-DD.")) from error
        sent = send_follow_up_reminders(today=today)
        self.stdout.write(
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent)
            % {"count": sent}
        )
