from django.utils.translation import gettext as _

from jumelage.core.commands import JumelageCommand
from jumelage.demo.loader import ACCOUNTS, data_path, load_demo


class Command(JumelageCommand):
    help = "Load the demo ecosystem (PACA ↔ Russian innovative regions) and its accounts; safe to repeat."

    def handle(self, *args, **options):
        total = sum(1 for line in data_path("organisations.jsonl").open(encoding="utf-8") if line.strip())
        update, close = self.progress_bar(options, total, _("organisations"))
        try:
            result = load_demo(progress=update)
        finally:
            close()
        org, proj = result.organisations, result.projects
        self.stdout.write(
            _("Demo ecosystem: %(created)d organisations created, %(updated)d updated, %(unchanged)d unchanged; "
              "%(pcreated)d past projects created, %(pupdated)d updated; %(regions)d regions changed; "
              "%(accounts)d accounts created.")
            % {"created": org.created, "updated": org.updated, "unchanged": org.unchanged,
               "pcreated": proj.created, "pupdated": proj.updated, "regions": result.regions_changed,
               "accounts": result.accounts_created}
        )
        self.stdout.write(_("Demo accounts (user / password — role):"))
        for account in ACCOUNTS:
            self.stdout.write(f"  {account.username:<11} / {account.password:<20} — {account.description}")
