"""`jumelage schedule-event EVENT_ID [--time-limit S] [--unscheduled-only] [--publish]`."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.core.commands import JumelageCommand
from jumelage.core.errors import DomainError, InputError
from jumelage.events import selectors, services
from jumelage.events.explain import explain
from jumelage.events.models import Event, ScheduleRun
from jumelage.events.rules import SYSTEM


class Command(JumelageCommand):
    help = _(
        "Schedule the agreed meetings of an event with the same scheduler as the organiser's "
        "“schedule all”; the run is kept, and published with --publish."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_id", type=int, help=_("the event's number"))
        parser.add_argument(
            "--time-limit",
            type=float,
            default=60.0,
            help=_("seconds for the whole run (default 60)"),
        )
        parser.add_argument(
            "--unscheduled-only",
            action="store_true",
            help=_("keep every placed meeting where it is and place only the others"),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("apply the schedule and notify the participants whose agenda changed"),
        )
        super().add_arguments(parser)

    def handle(self, *args, **options):
        event = Event.objects.filter(pk=options["event_id"]).first()
        if event is None:
            raise InputError(_("No event with the number %(id)d.") % {"id": options["event_id"]})
        if options["time_limit"] <= 0:
            raise InputError(_("--time-limit must be positive."))
        try:
            run = services.create_schedule_run(
                actor=SYSTEM,
                event=event,
                unscheduled_only=options["unscheduled_only"],
                time_limit=options["time_limit"],
            )
        except DomainError as error:
            raise InputError(error.message) from error
        update, close = self.progress_bar(options, 100, _("scheduling"))
        try:
            run = services.execute_schedule_run(
                run=run, progress=lambda percent, _m: update(percent)
            )
        finally:
            update(100)
            close()
        if run.state != ScheduleRun.State.DONE:
            raise CommandError(run.error or _("The run failed."))
        names = selectors.meeting_names(event)
        placed = ngettext(
            "%(placed)d of %(total)d meeting placed",
            "%(placed)d of %(total)d meetings placed",
            run.meetings_total,
        ) % {"placed": run.meetings_placed, "total": run.meetings_total}
        breaks = ngettext("%(count)d idle gap", "%(count)d idle gaps", run.breaks or 0) % {
            "count": run.breaks or 0
        }
        moved = ngettext(
            "%(count)d meeting moved", "%(count)d meetings moved", run.changes or 0
        ) % {"count": run.changes or 0}
        self.stdout.write(
            _(
                "Run %(number)s: %(status)s; %(placed)s; %(breaks)s (proven minimum: %(bound)s); "
                "%(moved)s; %(seconds)s s."
            )
            % {
                "number": run.number,
                "status": run.status,
                "placed": placed,
                "breaks": breaks,
                "bound": "—" if run.lower_bound is None else run.lower_bound,
                "moved": moved,
                "seconds": f"{run.seconds or 0.0:.1f}",
            }
        )
        for item in run.explanations:
            self.stdout.write("  " + explain(item["code"], item["params"], names))
        for item in run.unplaced:
            self.stdout.write("  - " + explain(item["code"], item["params"], names))
        if options["publish"]:
            event.refresh_from_db()
            affected = services.publish_run(
                actor=SYSTEM, run=run, expected_version=event.schedule_version
            )
            self.stdout.write(
                ngettext(
                    "Published; %(count)d participant notified.",
                    "Published; %(count)d participants notified.",
                    len(affected),
                )
                % {"count": len(affected)}
            )
