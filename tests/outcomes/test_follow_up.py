"""Reminders at 3, 6 and 12 months, and the one-click form behind their signed link."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail, signing

from jumelage.outcomes.models import FollowUpReminder, Outcome
from jumelage.outcomes.reminders import send_follow_up_reminders
from jumelage.outcomes.services import FOLLOW_UP_SALT

# The B2B day of the fixtures is on 2026-12-01; its two held meetings involve A, C and D.
THREE_MONTHS_LATER = date(2027, 3, 1)


def _link(message) -> str:
    return re.search(r"https?://\S+|/\w\w/plans/follow-up/\S+/", message.body).group(0)


def test_reminders_go_once_to_each_participant_of_each_held_meeting(plan, records):
    assert send_follow_up_reminders(today=date(2027, 2, 28)) == 0
    assert send_follow_up_reminders(today=THREE_MONTHS_LATER) == 4
    assert len(mail.outbox) == 4
    assert send_follow_up_reminders(today=THREE_MONTHS_LATER) == 0
    assert len(mail.outbox) == 4
    assert "3 months ago" in mail.outbox[0].body
    assert sorted(FollowUpReminder.objects.values_list("months", flat=True)) == [3, 3, 3, 3]
    # A year later only the twelve-month reminder goes out, not the six-month one as well.
    assert send_follow_up_reminders(today=date(2027, 12, 1)) == 4
    assert sorted(FollowUpReminder.objects.values_list("months", flat=True)) == [3] * 4 + [12] * 4


def test_the_signed_link_records_a_declared_outcome_from_the_meeting(
    client, plan, records, actions
):
    send_follow_up_reminders(today=THREE_MONTHS_LATER)
    reminder = FollowUpReminder.objects.order_by("id").first()
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "What came of this meeting?" in page.content.decode()
    response = client.post(
        link,
        {
            "kind": "contract",
            "title": "Follow-on order",
            "date": "2027-02-20",
            "amount": "30000",
            "currency": "EUR",
            "count": "1",
        },
    )
    assert response.status_code == 200
    assert "your answer has been recorded" in response.content.decode()
    outcome = Outcome.objects.get(title="Follow-on order")
    assert outcome.origin_meeting == reminder.meeting
    assert outcome.confidence == Outcome.Confidence.DECLARED
    assert outcome.organisation == reminder.participant.person.organisation
    assert list(outcome.actions.all()) == [actions["b2b"]]
    assert outcome.partners.count() == 1
    # A second click on the same link changes nothing.
    client.post(link, {"kind": "contract", "title": "Again", "count": "1"})
    assert not Outcome.objects.filter(title="Again").exists()


def test_nothing_so_far_is_an_answer_that_counts_nothing(client, plan, records):
    send_follow_up_reminders(today=THREE_MONTHS_LATER)
    count = Outcome.objects.count()
    response = client.post(_link(mail.outbox[0]), {"kind": "", "count": "1"})
    assert response.status_code == 200
    assert Outcome.objects.count() == count
    assert FollowUpReminder.objects.filter(answered_at__isnull=False).count() == 1


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "not-a-token"])
def test_a_forged_link_is_refused_and_nothing_is_written(client, plan, records, mangle):
    send_follow_up_reminders(today=THREE_MONTHS_LATER)
    token = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[-1]
    count = Outcome.objects.count()
    url = f"/en/plans/follow-up/{mangle(token)}/"
    response = client.post(url, {"kind": "contract", "title": "Forged", "count": "1"})
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert Outcome.objects.count() == count
    assert not FollowUpReminder.objects.filter(answered_at__isnull=False).exists()


def test_an_expired_link_says_so(client, plan, records, monkeypatch):
    send_follow_up_reminders(today=THREE_MONTHS_LATER)
    reminder = FollowUpReminder.objects.first()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: 1_000_000_000)
        token = signing.dumps({"r": reminder.pk}, salt=FOLLOW_UP_SALT, compress=True)
    response = client.get(f"/en/plans/follow-up/{token}/")
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
