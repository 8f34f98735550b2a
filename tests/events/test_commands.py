"""`jumelage schedule-event`: the organiser's scheduler from the command line."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jumelage.events import services
from jumelage.events.models import Meeting, ScheduleRun
from jumelage.events.rules import SYSTEM


def test_schedule_event_keeps_a_run_and_publishes_on_request(
    event, host_a, visitor_a, visitor_b, capsys
):
    for visitor in (visitor_a, visitor_b):
        request = services.send_request(actor=SYSTEM, requester=visitor, recipient=host_a)
        services.accept_request(actor=SYSTEM, request=request)
    call_command("schedule_event", str(event.pk), "--time-limit", "2", "--quiet")
    out = capsys.readouterr().out
    assert out.startswith(
        "Run 1: optimal; 2 of 2 meetings placed; 0 idle gaps (proven minimum: 0); 0 meetings moved;"
    )
    assert Meeting.objects.filter(slot__isnull=False).count() == 0
    call_command("schedule_event", str(event.pk), "--time-limit", "2", "--publish", "--quiet")
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "Published; 3 participants notified."
    assert Meeting.objects.filter(slot__isnull=False).count() == 2
    assert list(ScheduleRun.objects.values_list("number", "state")) == [(2, "done"), (1, "done")]


def test_schedule_event_refuses_an_unknown_event_with_exit_status_2(db):
    with pytest.raises(CommandError) as error:
        call_command("schedule_event", "999", "--quiet")
    assert error.value.returncode == 2
    assert str(error.value) == "No event with the number 999."
    assert ScheduleRun.objects.count() == 0


def test_run_status_partial_polls_while_the_run_is_unfinished(client, event, organiser):
    run = services.create_schedule_run(actor=organiser, event=event, time_limit=2)
    client.force_login(organiser)
    response = client.get(f"/en/events/{event.pk}/schedule/runs/{run.pk}/")
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in response.content.decode()
    services.execute_schedule_run(run=run)
    response = client.get(f"/en/events/{event.pk}/schedule/runs/{run.pk}/")
    assert "hx-trigger" not in response.content.decode()
    assert "0 of 0 meetings placed" in response.content.decode()
