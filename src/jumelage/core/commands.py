"""What every Jumelage command shares: migrating first, progress bars, exit statuses."""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from jumelage.core.errors import InputError


def ensure_migrated() -> None:
    """Apply pending migrations to the database the command is pointed at."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


class JumelageCommand(BaseCommand):
    """A command that migrates first, shows progress on a terminal and exits 2 on bad input."""

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--quiet", action="store_true", help=_("never show a progress bar"))
        group.add_argument("--progress", action="store_true", help=_("always show a progress bar"))

    def show_progress(self, options) -> bool:
        if options.get("quiet"):
            return False
        return bool(options.get("progress")) or sys.stderr.isatty()

    def progress_bar(
        self, options, total: int | None, description: str
    ) -> tuple[Callable[[int], None], Callable[[], None]]:
        """Return (update to absolute position, close) for a tqdm bar, or no-ops."""
        if not self.show_progress(options):
            return (lambda _position: None), (lambda: None)
        from tqdm import tqdm

        bar = tqdm(total=total, desc=description, file=sys.stderr, unit="")

        def update(position: int) -> None:
            bar.update(position - bar.n)

        return update, bar.close

    def execute(self, *args, **options):
        ensure_migrated()
        try:
            return super().execute(*args, **options)
        except InputError as error:
            raise CommandError(error.message, returncode=2) from error
