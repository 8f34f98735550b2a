from pathlib import Path

from django.utils.translation import gettext as _

from jumelage.compliance import services
from jumelage.compliance.tasks import screen_directory_task
from jumelage.core.commands import JumelageCommand
from jumelage.engines.screening import FORMATS


class Command(JumelageCommand):
    help = _(
        "Load a sanctions or restricted-party list (replacing its previous version) and "
        "screen the directory."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("file", type=Path, help=_("the list file to load"))
        parser.add_argument(
            "--format", required=True, choices=sorted(FORMATS), help=_("the list file's format")
        )
        parser.add_argument(
            "--no-screen", action="store_true", help=_("do not screen the directory after loading")
        )

    def handle(self, *args, **options):
        versions = services.load_list(path=options["file"], fmt=options["format"])
        for version in versions:
            self.stdout.write(
                _("%(list)s: %(count)d entries loaded (dated %(date)s)")
                % {
                    "list": version.list_id,
                    "count": version.entry_count,
                    "date": version.dated.isoformat(),
                }
            )
        if not options["no_screen"]:
            result = screen_directory_task.enqueue()
            if result.is_finished:
                counts = result.return_value
                self.stdout.write(
                    _(
                        "Directory screened: %(organisations)d organisations, %(people)d people, %(hits)d hits."
                    )
                    % counts
                )
            else:
                self.stdout.write(_("Screening of the directory is queued."))
