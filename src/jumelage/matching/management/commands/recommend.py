"""`jumelage recommend --queries Q.jsonl --top K --out R.jsonl` (INTERFACES.md §3)."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.commands import JumelageCommand
from jumelage.core.errors import InputError
from jumelage.engines.matching import QueryError, recommend_file
from jumelage.matching.index import current_index, rebuild_index
from jumelage.matching.reasons import translate_reason


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(_("expected a whole number")) from error
    if number < 1:
        raise argparse.ArgumentTypeError(_("expected at least 1"))
    return number


class Command(JumelageCommand):
    help = _(
        "Recommend partners for each query of a JSON Lines file and write one line of "
        "results per query, in input order (written atomically)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--queries", type=Path, required=True, help=_("queries, JSON Lines"))
        parser.add_argument("--top", type=_positive, default=10, help=_("results per query"))
        parser.add_argument("--out", type=Path, required=True, help=_("where to write results"))
        parser.add_argument(
            "--lang",
            choices=["en", "fr", "ru"],
            default="en",
            help=_("language of the reasons (default: en)"),
        )

    def handle(self, *args, **options):
        queries: Path = options["queries"]
        if not queries.is_file():
            raise InputError(_("%(file)s: no such file") % {"file": queries}, file=str(queries))
        index = current_index()
        if index is None:
            if self.show_progress(options):
                self.stderr.write(_("No matching index yet: building it from the database."))
            rebuild_index()
            index = current_index()
        try:
            with translation.override(options["lang"]):
                count = recommend_file(
                    queries,
                    options["out"],
                    options["top"],
                    index,
                    lang=options["lang"],
                    reason_text=lambda reason: translate_reason(
                        reason.code, reason.params, reason.text
                    ),
                )
        except QueryError as error:
            raise InputError(
                _("%(file)s, line %(line)d, field “%(field)s”: %(message)s")
                % {
                    "file": error.file,
                    "line": error.line,
                    "field": error.field,
                    "message": str(error).split(f"field {error.field!r}: ", 1)[-1],
                },
                file=error.file,
                line=error.line,
                field=error.field,
            ) from error
        except UnicodeDecodeError as error:
            raise InputError(
                _("%(file)s: not UTF-8 text") % {"file": queries}, file=str(queries)
            ) from error
        if options["verbosity"] >= 1:
            self.stderr.write(
                ngettext("%(count)d query answered.", "%(count)d queries answered.", count)
                % {"count": count}
            )
