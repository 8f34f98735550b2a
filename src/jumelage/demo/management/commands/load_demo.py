from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.commands import JumelageCommand
from jumelage.demo.loader import ACCOUNTS, build_demo_index, data_path, load_demo


class Command(JumelageCommand):
    help = _(
        "Load the demo ecosystem (PACA ↔ Russian innovative regions) and its accounts; safe to repeat."
    )

    def handle(self, *args, **options):
        with data_path("organisations.jsonl").open(encoding="utf-8") as lines:
            total = sum(1 for line in lines if line.strip())
        update, close = self.progress_bar(options, total, _("organisations"))
        try:
            result = load_demo(progress=update)
        finally:
            close()
        build_demo_index()
        org, proj = result.organisations, result.projects
        self.stdout.write(_("Demo ecosystem loaded:"))
        lines = [
            ngettext(
                "%(count)d organisation created", "%(count)d organisations created", org.created
            )
            % {"count": org.created},
            ngettext(
                "%(count)d organisation updated", "%(count)d organisations updated", org.updated
            )
            % {"count": org.updated},
            ngettext(
                "%(count)d organisation unchanged",
                "%(count)d organisations unchanged",
                org.unchanged,
            )
            % {"count": org.unchanged},
            ngettext(
                "%(count)d past project created", "%(count)d past projects created", proj.created
            )
            % {"count": proj.created},
            ngettext(
                "%(count)d past project updated", "%(count)d past projects updated", proj.updated
            )
            % {"count": proj.updated},
            ngettext(
                "%(count)d region changed", "%(count)d regions changed", result.regions_changed
            )
            % {"count": result.regions_changed},
            ngettext(
                "%(count)d account created", "%(count)d accounts created", result.accounts_created
            )
            % {"count": result.accounts_created},
            ngettext(
                "%(count)d cooperation profile created",
                "%(count)d cooperation profiles created",
                result.profiles_created,
            )
            % {"count": result.profiles_created},
            ngettext(
                "%(count)d expression of interest created",
                "%(count)d expressions of interest created",
                result.interests_created,
            )
            % {"count": result.interests_created},
        ]
        for line in lines:
            self.stdout.write("  " + line)
        self.stdout.write(_("Demo accounts (user / password — role):"))
        for account in ACCOUNTS:
            # Translators: one demo account, as in the heading "user / password — role".
            account_line = _("%(user)s / %(password)s — %(role)s") % {
                "user": account.username.ljust(11),
                "password": account.password.ljust(20),
                "role": account.description,
            }
            self.stdout.write("  " + account_line)
