import json
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from jumelage.compliance import services
from jumelage.core.commands import JumelageCommand
from jumelage.core.errors import InputError
from jumelage.core.files import write_atomically
from jumelage.directory.services import read_jsonl
from jumelage.engines import screening

SCHEMAS = {
    "Person": screening.PERSON,
    "Organization": screening.ORGANIZATION,
    "Thing": screening.THING,
}


def parse_query(path: Path, line: int, raw) -> tuple[str, screening.Query]:
    def bad(field: str, message: str) -> InputError:
        return InputError(
            _("%(file)s, line %(line)d, field “%(field)s”: %(message)s")
            % {"file": path, "line": line, "field": field, "message": message},
            file=str(path),
            line=line,
            field=field,
        )

    if not isinstance(raw, dict):
        raise bad("", _("each line must be a JSON object"))
    query_id = raw.get("id")
    if not isinstance(query_id, str) or not query_id:
        raise bad("id", _("is required"))
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise bad("name", _("is required"))
    schema = raw.get("schema") or "Thing"
    if schema not in SCHEMAS:
        raise bad("schema", _("must be Person, Organization or Thing"))
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise bad("aliases", _("must be a list of texts"))
    birth_date = raw.get("birth_date")
    if birth_date is not None and not isinstance(birth_date, str):
        raise bad("birth_date", _("must be a date such as 1965-03-01"))
    country = raw.get("country")
    if country is not None and not isinstance(country, str):
        raise bad("country", _("must be a text"))
    identifiers = raw.get("identifiers") or {}
    if not isinstance(identifiers, dict):
        raise bad("identifiers", _("must map identifier names to values"))
    return query_id, screening.Query(
        name=name.strip(),
        schema=SCHEMAS[schema],
        country=country,
        birth_date=birth_date,
        aliases=tuple(aliases),
        identifiers={str(k): str(v) for k, v in identifiers.items()},
    )


class Command(JumelageCommand):
    help = _("Screen the names of a JSON Lines file against the loaded lists.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--queries", type=Path, required=True, help=_("the names to screen, JSON Lines")
        )
        parser.add_argument(
            "--out", type=Path, required=True, help=_("where to write the hits, JSON Lines")
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help=_("lowest score of a hit, between 0 and 1 (default: the calibrated threshold)"),
        )

    def handle(self, *args, **options):
        threshold = options["threshold"]
        if threshold is not None and not 0 <= threshold <= 1:
            raise CommandError(_("--threshold must be between 0 and 1"), returncode=2)
        queries = [
            parse_query(options["queries"], line, raw)
            for line, raw in read_jsonl(options["queries"])
        ]
        if not services.current_lists():
            raise CommandError(_("No list is loaded: run jumelage load-list first."), returncode=1)
        screener, _hashes = services.current_screener()
        update, close = self.progress_bar(options, len(queries), _("screening"))
        lines = []
        try:
            for index, (query_id, query) in enumerate(queries, start=1):
                hits = screener.screen(query, threshold=threshold)
                lines.append(
                    json.dumps(
                        {
                            "id": query_id,
                            "hits": [
                                {
                                    "entry": hit.entry_id,
                                    "list": hit.list_id,
                                    "name": hit.name,
                                    "score": round(hit.score, 4),
                                    "explanation": hit.explanation,
                                }
                                for hit in hits
                            ],
                        },
                        ensure_ascii=False,
                    )
                )
                update(index)
        finally:
            close()
        write_atomically(options["out"], "".join(line + "\n" for line in lines))
        self.stdout.write(
            _("%(count)d queries screened into %(out)s")
            % {"count": len(queries), "out": options["out"]}
        )
