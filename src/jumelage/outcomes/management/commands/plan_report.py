"""`jumelage plan-report --plan ID [--from DATE] [--to DATE] --format json|csv|xlsx|pdf --out FILE`."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from jumelage.core.commands import JumelageCommand
from jumelage.core.errors import InputError
from jumelage.core.files import write_atomically
from jumelage.outcomes import reports
from jumelage.outcomes.models import Plan
from jumelage.outcomes.selectors import plan_figures, plan_outcomes

FORMATS = ("json", "csv", "xlsx", "pdf")


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InputError(
            _("%(option)s must be a date as YYYY-MM-DD, not “%(value)s”.")
            % {"option": option, "value": value}
        ) from error


class Command(JumelageCommand):
    help = _("Write a plan's figures for a period as JSON, CSV, XLSX or PDF.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--plan", type=int, required=True, help=_("the plan's id"))
        parser.add_argument("--from", dest="date_from", help=_("first day (default: plan start)"))
        parser.add_argument("--to", dest="date_to", help=_("last day (default: plan end)"))
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--out", required=True, help=_("file to write (replaced atomically)"))
        parser.add_argument("--lang", default="en", choices=["fr", "en", "ru"])
        parser.add_argument(
            "--as-of", type=int, dest="as_of", help=_("recompute as of this data version")
        )

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            self.write_report(options)

    def write_report(self, options) -> None:
        plan = Plan.objects.filter(pk=options["plan"]).first()
        if plan is None:
            raise InputError(_("There is no plan %(id)s.") % {"id": options["plan"]})
        date_from = _day(options.get("date_from"), "--from")
        date_to = _day(options.get("date_to"), "--to")
        if date_from and date_to and date_to < date_from:
            raise InputError(_("--to is before --from."))
        figures = plan_figures(
            plan=plan, date_from=date_from, date_to=date_to, as_of=options.get("as_of")
        )
        outcomes = plan_outcomes(plan, figures.date_from, figures.date_to)
        content: str | bytes
        if options["format"] == "json":
            content = reports.report_json(figures)
        elif options["format"] == "csv":
            content = reports.report_csv(figures)
        elif options["format"] == "xlsx":
            content = reports.report_xlsx(figures, outcomes)
        else:
            content = reports.report_pdf(figures, outcomes)
        write_atomically(options["out"], content)
        self.stdout.write(
            _("Wrote %(path)s (data version %(version)s).")
            % {"path": options["out"], "version": figures.data_version}
        )
