"""`jumelage import-directory FILE.jsonl [--replace] [--source NAME]` (INTERFACES.md §1)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.directory.management import cli
from jumelage.directory.services import ImportResult, import_directory_file


def summary(result: ImportResult, *, path: Path, source: str) -> str:
    """One line saying what an import changed."""
    return _(
        "%(file)s (source “%(source)s”): %(created)d created, %(updated)d updated, "
        "%(unchanged)d unchanged, %(archived)d archived."
    ) % {
        "file": path,
        "source": source,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "archived": result.archived,
    }


def duplicates_summary(result: ImportResult) -> str:
    count = len(result.duplicates)
    return ngettext(
        "%(count)d possible duplicate flagged for review (Directory → Duplicates).",
        "%(count)d possible duplicates flagged for review (Directory → Duplicates).",
        count,
    ) % {"count": count}


class Command(BaseCommand):
    # The system checks import every URLconf and view: seconds that a data command does not need.
    requires_system_checks: list[str] = []
    help = _(
        "Import organisations from a JSON Lines file, one per line, all or nothing. "
        "Re-importing an id of the same source updates that organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("the JSON Lines file to import"))
        parser.add_argument(
            "--source",
            default="import",
            help=_("where the records come from; ids are unique within it (default: import)"),
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_("archive the organisations of this source that the file does not mention"),
        )
        cli.add_progress_arguments(parser)

    def handle(self, *args, **options):
        path: Path = options["file"]
        source = cli.source_name(options["source"])
        cli.migrate_if_needed(self, verbosity=options["verbosity"])
        with (
            cli.exit_statuses(),
            cli.progress_bar(
                self, wanted=options["progress"], total=cli.count_lines(path), unit="org"
            ) as progress,
        ):
            result = import_directory_file(
                path=path, source=source, replace=options["replace"], progress=progress
            )
        self.stdout.write(summary(result, path=path, source=source))
        self.stdout.write(duplicates_summary(result))
