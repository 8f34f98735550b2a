"""Follow-up reminders: asking the participants of held meetings what came of them.

At 3, 6 and 12 months after a held meeting of one of a plan's events, each participant with
an e-mail address gets one message with a signed link to a one-click form. Running the command
again sends nothing new; after a long pause only the latest milestone due is sent, never a burst.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.events.models import Meeting
from jumelage.outcomes.models import FollowUpReminder, Plan
from jumelage.outcomes.selectors import plan_meetings_with_day
from jumelage.outcomes.services import FOLLOW_UP_MONTHS, follow_up_token

LANGUAGES = ("fr", "en", "ru")


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _language(person) -> str:
    user = getattr(person, "user", None)
    if user is not None and getattr(user, "language", "")[:2] in LANGUAGES:
        return user.language[:2]
    for code in (person.languages or "").replace(";", ",").split(","):
        if code.strip()[:2] in LANGUAGES:
            return code.strip()[:2]
    return settings.LANGUAGE_CODE


def _send(reminder: FollowUpReminder, meeting: Meeting, day: date) -> None:
    participant = reminder.participant
    person = participant.person
    other = meeting.second if meeting.first_id == participant.pk else meeting.first
    with translation.override(_language(person)):
        link = getattr(settings, "SITE_URL", "").rstrip("/") + reverse(
            "outcomes:follow_up", kwargs={"token": follow_up_token(reminder)}
        )
        subject = _("What came of your meeting with %(organisation)s?") % {
            "organisation": other.person.organisation.display_name
        }
        body = ngettext(
            "Hello %(name)s,\n\n%(months)d month ago, at “%(event)s”, you met %(organisation)s. "
            "Did anything come of it: an agreement, a contract, a joint project, jobs?\n\n"
            "Tell us in one click (no login needed):\n%(link)s\n\nThank you.",
            "Hello %(name)s,\n\n%(months)d months ago, at “%(event)s”, you met %(organisation)s. "
            "Did anything come of it: an agreement, a contract, a joint project, jobs?\n\n"
            "Tell us in one click (no login needed):\n%(link)s\n\nThank you.",
            reminder.months,
        ) % {
            "name": person.full_name,
            "months": reminder.months,
            "event": meeting.event.title,
            "organisation": other.person.organisation.display_name,
            "link": link,
        }
    send_mail(subject, body, None, [person.email])


def send_follow_up_reminders(*, today: date | None = None) -> int:
    """Send the reminders now due; returns how many e-mails were sent. Safe to run repeatedly."""
    today = today or timezone.localdate()
    sent = 0
    for plan in Plan.objects.all():
        meetings = (
            plan_meetings_with_day(
                plan, add_months(plan.start_date, -12), add_months(today, -min(FOLLOW_UP_MONTHS))
            )
            .filter(attendance=Meeting.Attendance.HELD)
            .select_related("event", "first__person__organisation", "second__person__organisation")
        )
        for meeting in meetings:
            due = [m for m in FOLLOW_UP_MONTHS if add_months(meeting.day, m) <= today]
            if not due:
                continue
            milestone = due[-1]
            for participant in (meeting.first, meeting.second):
                person = participant.person
                if not person.email or person.erased_at is not None:
                    continue
                if FollowUpReminder.objects.filter(
                    meeting=meeting, participant=participant, months__gte=milestone
                ).exists():
                    continue
                try:
                    with transaction.atomic():
                        reminder = FollowUpReminder.objects.create(
                            meeting=meeting, participant=participant, months=milestone, plan=plan
                        )
                        _send(reminder, meeting, meeting.day)
                except IntegrityError:
                    continue
                sent += 1
    return sent
