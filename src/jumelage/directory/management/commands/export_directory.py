"""`jumelage export-directory --format csv|xlsx|jsonl --out FILE [filters]`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.directory import selectors
from jumelage.directory.exports import export_organisations
from jumelage.directory.management import cli
from jumelage.directory.models import Organisation

FORMATS = ("csv", "xlsx", "jsonl")


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to `path` so that readers see the old file or the whole new one."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    # The system checks import every URLconf and view: seconds that a data command does not need.
    requires_system_checks: list[str] = []
    help = _(
        "Export the directory (or the organisations matching the filters) as CSV, XLSX or "
        "JSON Lines; the JSON Lines file can be imported again with import-directory."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help=_("csv, xlsx or jsonl (default: from the extension of --out)"),
        )
        parser.add_argument("--out", type=Path, required=True, help=_("the file to write"))
        filters = parser.add_argument_group(_("filters"))
        filters.add_argument("--q", default="", help=_("words of a name, alias or keyword"))
        filters.add_argument("--country", default="", help=_("ISO 3166-1 alpha-2 code"))
        filters.add_argument("--region", default="", help=_("region code (NUTS or ISO 3166-2)"))
        filters.add_argument(
            "--kind", default="", choices=["", *Organisation.Kind.values], help=_("kind")
        )
        filters.add_argument("--sector", default="", help=_("sector code"))
        filters.add_argument("--activity", default="", help=_("NACE/OKVED code or prefix"))
        filters.add_argument("--source", default="", help=_("only organisations of this source"))
        filters.add_argument(
            "--include-archived", action="store_true", help=_("include archived organisations")
        )

    def handle(self, *args, **options):
        out: Path = options["out"]
        fmt = options["format"] or out.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise CommandError(
                _("Say which format to write with --format (csv, xlsx or jsonl)."),
                returncode=cli.BAD_INPUT,
            )
        if not out.parent.is_dir():
            raise CommandError(
                _("%(file)s: the directory %(directory)s does not exist")
                % {"file": out, "directory": out.parent},
                returncode=cli.BAD_INPUT,
            )
        cli.migrate_if_needed(self, verbosity=options["verbosity"])
        filters = selectors.DirectoryFilters(
            q=options["q"],
            country=options["country"],
            region=options["region"],
            kind=options["kind"],
            sector=options["sector"],
            activity=options["activity"],
            include_archived=options["include_archived"],
        )
        organisations = selectors.search_organisations(filters)
        if options["source"]:
            organisations = organisations.filter(source=options["source"])
        count = organisations.count()
        content, _content_type, _extension = export_organisations(organisations, fmt)
        try:
            write_atomically(out, content)
        except OSError as error:
            raise CommandError(
                _("%(file)s: cannot be written: %(error)s")
                % {"file": out, "error": error.strerror},
                returncode=cli.FAILURE,
            ) from error
        self.stdout.write(
            ngettext(
                "%(count)d organisation exported to %(file)s.",
                "%(count)d organisations exported to %(file)s.",
                count,
            )
            % {"count": count, "file": out}
        )
