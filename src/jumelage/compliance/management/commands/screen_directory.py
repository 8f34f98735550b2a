from django.utils.translation import gettext as _

from jumelage.compliance import services
from jumelage.core.commands import JumelageCommand
from jumelage.directory.models import Organisation, Person


class Command(JumelageCommand):
    help = _("Screen every organisation and person of the directory against the current lists.")

    def handle(self, *args, **options):
        total = (
            Organisation.objects.filter(archived=False).count()
            + Person.objects.filter(erased_at__isnull=True).count()
        )
        update, close = self.progress_bar(options, total, _("screening"))
        try:
            counts = services.screen_directory(progress=update)
        finally:
            close()
        self.stdout.write(
            _(
                "Directory screened: %(organisations)d organisations, %(people)d people, %(hits)d hits."
            )
            % counts
        )
