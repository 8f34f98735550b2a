"""`jumelage import-cooperations FILE.jsonl [--source NAME]` (INTERFACES.md §2)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from jumelage.directory.management import cli
from jumelage.directory.services import import_cooperations_file


class Command(BaseCommand):
    # The system checks import every URLconf and view: seconds that a data command does not need.
    requires_system_checks: list[str] = []
    help = _(
        "Import past joint projects from a JSON Lines file, all or nothing; every participant "
        "must already be in the directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("the JSON Lines file to import"))
        parser.add_argument(
            "--source",
            default="import",
            help=_("where the projects come from; ids are unique within it (default: import)"),
        )
        cli.add_progress_arguments(parser)

    def handle(self, *args, **options):
        path: Path = options["file"]
        source = cli.source_name(options["source"])
        cli.migrate_if_needed(self, verbosity=options["verbosity"])
        with (
            cli.exit_statuses(),
            cli.progress_bar(
                self, wanted=options["progress"], total=cli.count_lines(path), unit="project"
            ) as progress,
        ):
            result = import_cooperations_file(path=path, source=source, progress=progress)
        self.stdout.write(
            _(
                "%(file)s (source “%(source)s”): %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged."
            )
            % {
                "file": path,
                "source": source,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
