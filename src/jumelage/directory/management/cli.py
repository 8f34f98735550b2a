"""What the directory's commands share: migrating first, progress bars, exit statuses."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from tqdm import tqdm

from jumelage.core.errors import DomainError, InputError

BAD_INPUT = 2
FAILURE = 1


def add_progress_arguments(parser: CommandParser) -> None:
    """`--quiet` / `--progress`: force the progress bar off or on (default: on a terminal)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--quiet",
        dest="progress",
        action="store_false",
        default=None,
        help=_("Never show a progress bar."),
    )
    group.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        help=_("Always show a progress bar, even when not on a terminal."),
    )


def migrate_if_needed(
    command: BaseCommand, *, verbosity: int, database: str = DEFAULT_DB_ALIAS
) -> None:
    """Apply pending migrations to the database the command is pointed at."""
    executor = MigrationExecutor(connections[database])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        if verbosity >= 1:
            command.stderr.write(_("The database is not up to date: migrating it first."))
        call_command("migrate", database=database, verbosity=0, interactive=False)


@contextmanager
def progress_bar(
    command: BaseCommand, *, wanted: bool | None, total: int | None, unit: str
) -> Iterator[Callable[[int], None] | None]:
    """Yield a callback taking the number of items done, or None when no bar is shown."""
    stream: Any = getattr(command.stderr, "_out", sys.stderr)
    show = wanted if wanted is not None else bool(getattr(stream, "isatty", lambda: False)())
    if not show:
        yield None
        return
    bar = tqdm(total=total, unit=unit, file=stream, leave=False, dynamic_ncols=True)

    def advance(done: int) -> None:
        bar.update(done - bar.n)

    try:
        yield advance
    finally:
        bar.close()


@contextmanager
def exit_statuses() -> Iterator[None]:
    """Turn domain errors into CommandErrors: exit status 2 for bad input, 1 otherwise."""
    try:
        yield
    except InputError as error:
        raise CommandError(error.message, returncode=BAD_INPUT) from error
    except DomainError as error:
        raise CommandError(error.message, returncode=FAILURE) from error


def count_lines(path: Any) -> int | None:
    """The number of non-blank lines of a text file, for a progress bar's total."""
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def source_name(value: str) -> str:
    """The value of `--source`: the name organisations are filed under (at most 64 characters)."""
    value = value.strip()
    if not value or len(value) > 64:
        raise CommandError(
            _("--source must be a name of 1 to 64 characters, not “%(value)s”") % {"value": value},
            returncode=BAD_INPUT,
        )
    return value
