"""Agendas and schedules as files: ICS calendar, printable PDF, CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from jumelage.core.pdf import new_document
from jumelage.events import selectors
from jumelage.events.models import Event, Meeting, Participant


def meeting_uid(meeting: Meeting) -> str:
    """A UID that stays the same for a meeting across downloads, moves and time."""
    return f"jumelage-event-{meeting.event_id}-meeting-{meeting.pk}@jumelage"


def _local(moment: datetime, event: Event) -> datetime:
    return timezone.localtime(moment, event.zone)


def agenda_ics(participant: Participant) -> bytes:
    """The participant's scheduled meetings as an iCalendar file in the event's time zone."""
    event = participant.event
    calendar = Calendar()
    calendar.add("prodid", "-//Jumelage//B2B agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{event.title} — {participant.name}")
    calendar.add("x-wr-timezone", event.time_zone)
    placed, _waiting = selectors.agenda(participant)
    for item in placed:
        meeting, other, slot = item.meeting, item.other, item.meeting.slot
        entry = CalendarEvent()
        entry.add("uid", meeting_uid(meeting))
        entry.add("dtstamp", meeting.updated_at)
        entry.add("dtstart", _local(slot.starts_at, event))
        entry.add("dtend", _local(slot.ends_at, event))
        entry.add(
            "summary",
            _("B2B meeting with %(name)s (%(organisation)s)")
            % {"name": other.name, "organisation": other.organisation.display_name},
        )
        entry.add(
            "location",
            _("%(place)s, table %(table)s") % {"place": event.place, "table": meeting.table},
        )
        if meeting.request and meeting.request.message:
            entry.add("description", meeting.request.message)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def agenda_pdf(participant: Participant) -> bytes:
    """A printable agenda: who, when, at which table, in the event's time zone."""
    event = participant.event
    title = f"{event.title} — {participant.name}"
    pdf = new_document(title=title)
    pdf.set_author(participant.name)
    pdf.set_subject(_("Personal agenda"))
    pdf.set_font("dejavu", "B", 16)
    pdf.multi_cell(0, 8, event.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=11)
    pdf.multi_cell(
        0,
        6,
        _("%(place)s · %(start)s – %(end)s · times in %(zone)s")
        % {
            "place": event.place,
            "start": event.start_date.isoformat(),
            "end": event.end_date.isoformat(),
            "zone": event.time_zone,
        },
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    pdf.set_font("dejavu", "B", 13)
    pdf.multi_cell(
        0,
        7,
        f"{participant.name} — {participant.organisation.display_name}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("dejavu", size=10)
    pdf.multi_cell(0, 6, participant.get_side_display(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    placed, waiting = selectors.agenda(participant)
    if not placed:
        pdf.multi_cell(0, 6, _("No meeting is scheduled yet."), new_x="LMARGIN", new_y="NEXT")
    else:
        with pdf.table(col_widths=(40, 18, 70, 62), text_align="LEFT") as table:
            header = table.row()
            for text in (_("When"), _("Table"), _("With"), _("Organisation")):
                header.cell(text)
            for item in placed:
                slot = item.meeting.slot
                row = table.row()
                row.cell(
                    f"{_local(slot.starts_at, event):%Y-%m-%d %H:%M}–"
                    f"{_local(slot.ends_at, event):%H:%M}"
                )
                row.cell(str(item.meeting.table or ""))
                row.cell(item.other.name)
                row.cell(item.other.organisation.display_name)
    if waiting:
        pdf.ln(4)
        pdf.multi_cell(
            0,
            6,
            _("Agreed but not yet scheduled: %(names)s")
            % {"names": ", ".join(item.other.name for item in waiting)},
            new_x="LMARGIN",
            new_y="NEXT",
        )
    return bytes(pdf.output())


CSV_HEADER = [
    "meeting_id",
    "session",
    "starts_at",
    "ends_at",
    "table",
    "first_name",
    "first_organisation",
    "first_side",
    "second_name",
    "second_organisation",
    "second_side",
    "must_meet",
    "mutual",
    "locked",
    "attendance",
]


def meetings_csv(event: Event) -> str:
    """Every meeting of the event, one per row, times in the event's time zone."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for meeting in selectors.meetings(event):
        slot = meeting.slot
        writer.writerow(
            [
                meeting.pk,
                slot.session.label if slot else "",
                _local(slot.starts_at, event).isoformat() if slot else "",
                _local(slot.ends_at, event).isoformat() if slot else "",
                meeting.table.number if meeting.table else "",
                meeting.first.name,
                meeting.first.organisation.name,
                meeting.first.side,
                meeting.second.name,
                meeting.second.organisation.name,
                meeting.second.side,
                int(meeting.must_meet),
                int(meeting.mutual),
                int(meeting.locked),
                meeting.attendance,
            ]
        )
    return out.getvalue()
