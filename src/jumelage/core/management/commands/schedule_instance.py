"""`jumelage schedule-instance FILE.json [--time-limit S] [--out OUT.json]` (INTERFACES.md §4).

File mode needs no database: it reads a benchmark-format instance, calls the scheduling
engine and writes the result as JSON, atomically, to ``--out`` or to standard output.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.files import write_atomically
from jumelage.engines.scheduling import InstanceError, schedule_instance_file


class Command(BaseCommand):
    help = _("Schedule a B2B meeting instance file (JSON) and print or write the schedule.")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("instance in the b2b-meeting-scheduling JSON format"))
        parser.add_argument(
            "--time-limit",
            type=float,
            default=60.0,
            help=_("seconds for the whole run (default 60); the best schedule found is returned"),
        )
        parser.add_argument("--out", help=_("write the result here instead of standard output"))
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--quiet", action="store_true", help=_("print nothing but the result"))
        group.add_argument(
            "--progress", action="store_true", help=_("report progress on standard error")
        )

    def handle(self, *args, **options):
        if options["time_limit"] <= 0:
            raise CommandError(_("--time-limit must be positive"), returncode=2)
        verbose = options["progress"] or (not options["quiet"] and sys.stderr.isatty())
        if verbose:
            self.stderr.write(
                _("Scheduling %(file)s (%(seconds)s s)")
                % {"file": options["file"], "seconds": f"{options['time_limit']:g}"}
            )
        try:
            result = schedule_instance_file(
                options["file"],
                time_limit=options["time_limit"],
                progress=self.stderr.write if verbose else None,
            )
        except InstanceError as error:
            raise CommandError(str(error), returncode=2) from error
        text = json.dumps(result, ensure_ascii=False) + "\n"
        if options["out"]:
            write_atomically(options["out"], text)
        else:
            self.stdout.write(text, ending="")
        if verbose:
            self.stderr.write(
                ngettext(
                    "%(status)s: %(scheduled)d of %(count)d meeting placed, %(breaks)d idle gaps "
                    "(proven minimum: %(bound)s), %(seconds)s s",
                    "%(status)s: %(scheduled)d of %(count)d meetings placed, %(breaks)d idle gaps "
                    "(proven minimum: %(bound)s), %(seconds)s s",
                    result["meetings"],
                )
                % {
                    "status": result["status"],
                    "scheduled": result["scheduled"],
                    "count": result["meetings"],
                    "breaks": result["breaks"],
                    "bound": "—" if result["lower_bound"] is None else result["lower_bound"],
                    "seconds": result["seconds"],
                }
            )
