"""Scheduling: organiser runs, participant-picked slots, locks, republishing, rollback."""

from __future__ import annotations

import pytest

from jumelage.core.errors import DomainError
from jumelage.events import selectors, services
from jumelage.events.models import Meeting, ScheduleRun
from jumelage.events.rules import SYSTEM

TIME_LIMIT = 3


def agree(requester, recipient, **kwargs) -> Meeting:
    request = services.send_request(actor=SYSTEM, requester=requester, recipient=recipient)
    return services.accept_request(actor=SYSTEM, request=request, **kwargs)


def run_and_publish(
    event, actor, *, unscheduled_only=False, notify=True
) -> tuple[ScheduleRun, set]:
    run = services.create_schedule_run(
        actor=actor, event=event, unscheduled_only=unscheduled_only, time_limit=TIME_LIMIT
    )
    run = services.execute_schedule_run(run=run)
    event.refresh_from_db()
    affected = services.publish_run(
        actor=actor, run=run, expected_version=event.schedule_version, notify_people=notify
    )
    event.refresh_from_db()
    return run, affected


@pytest.fixture
def four_meetings(host_a, host_b, visitor_a, visitor_b):
    return [
        agree(visitor_a, host_a),
        agree(visitor_a, host_b),
        agree(visitor_b, host_a),
        agree(visitor_b, host_b),
    ]


def placements(event) -> dict[int, tuple[int, int]]:
    return {
        m.pk: (m.slot.index, m.table.number)
        for m in Meeting.objects.filter(event=event, slot__isnull=False).select_related(
            "slot", "table"
        )
    }


def assert_valid(event):
    by_person_slot = set()
    by_table_slot = set()
    for meeting in Meeting.objects.filter(event=event, slot__isnull=False):
        for person in (meeting.first_id, meeting.second_id):
            assert (person, meeting.slot_id) not in by_person_slot
            by_person_slot.add((person, meeting.slot_id))
        assert (meeting.table_id, meeting.slot_id) not in by_table_slot
        by_table_slot.add((meeting.table_id, meeting.slot_id))


def test_schedule_all_places_every_meeting_without_gaps(event, organiser, four_meetings):
    run, _affected = run_and_publish(event, organiser)
    assert (run.state, run.meetings_placed, run.meetings_total, run.breaks) == ("done", 4, 4, 0)
    assert run.assignments.count() == 4
    assert len(placements(event)) == 4
    assert_valid(event)
    assert event.published_run == run


def test_background_task_runs_after_commit_and_reports_progress(
    event, organiser, four_meetings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_schedule_run(actor=organiser, event=event, time_limit=TIME_LIMIT)
    run.refresh_from_db()
    assert (run.state, run.progress, run.meetings_placed) == ("done", 100, 4)
    assert placements(event) == {}  # computed, not applied before the organiser publishes


def test_participant_picks_a_free_common_slot_when_accepting(event, host_a, visitor_a, visitor_b):
    slot = event.sessions.get().slots.get(index=1)
    first = agree(visitor_a, host_a, slot=slot)
    request = services.send_request(actor=SYSTEM, requester=visitor_b, recipient=host_a)
    probe = Meeting(event=event, first=visitor_b, second=host_a)
    free = selectors.free_common_slots(probe)
    assert slot not in free and len(free) == 3
    with pytest.raises(DomainError, match="already has a meeting"):
        services.accept_request(actor=host_a.person.user, request=request, slot=slot)
    second = services.accept_request(actor=host_a.person.user, request=request, slot=free[0])
    assert (first.slot, second.slot) == (slot, free[0])


def test_locked_meetings_stay_put(event, organiser, four_meetings):
    last = event.sessions.get().slots.get(index=3)
    table = event.tables.get(number=3)
    locked = four_meetings[0]
    services.place_meeting(
        actor=organiser,
        meeting=locked,
        slot=last,
        table=table,
        expected_version=event.schedule_version,
    )
    event.refresh_from_db()
    services.set_locked(
        actor=organiser, meeting=locked, locked=True, expected_version=event.schedule_version
    )
    event.refresh_from_db()
    run, _affected = run_and_publish(event, organiser)
    locked.refresh_from_db()
    assert (locked.slot, locked.table) == (last, table)
    assert run.meetings_placed == 4
    assert_valid(event)


def test_schedule_only_unscheduled_keeps_placed_meetings(
    event, organiser, host_a, host_b, visitor_a, visitor_b
):
    slot = event.sessions.get().slots.get(index=2)
    placed = agree(visitor_a, host_a, slot=slot)
    table = placed.table
    others = [agree(visitor_a, host_b), agree(visitor_b, host_a)]
    run, _affected = run_and_publish(event, organiser, unscheduled_only=True)
    placed.refresh_from_db()
    assert (placed.slot, placed.table) == (slot, table)
    assert run.kind == ScheduleRun.Kind.UNSCHEDULED
    for meeting in others:
        meeting.refresh_from_db()
        assert meeting.slot is not None
    assert_valid(event)


def test_republishing_moves_few_meetings_and_notifies_exactly_the_affected(
    event,
    organiser,
    four_meetings,
    host_a,
    host_b,
    visitor_a,
    visitor_b,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _run, affected = run_and_publish(event, organiser)
    assert affected == {host_a.pk, host_b.pk, visitor_a.pk, visitor_b.pk}
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(
        ["hosta@example.org", "hostb@example.org", "visitora@example.org", "visitorb@example.org"]
    )
    mailoutbox.clear()
    before = placements(event)
    # A new participant pair appears; host_b becomes unavailable where its first meeting sits.
    from tests.events.conftest import make_participant

    host_c = make_participant(
        event, username="hostc", first="Luc", last="Bernard", side="host", country="FR"
    )
    visitor_c = make_participant(
        event, username="visitorc", first="Anna", last="Smirnova", side="visiting", country="RU"
    )
    new = agree(visitor_c, host_c)
    with django_capture_on_commit_callbacks(execute=True):
        run, affected = run_and_publish(event, organiser)
    after = placements(event)
    moved = {pk for pk in before if before[pk] != after[pk]}
    assert run.changes == len(moved)
    assert moved == set()  # nothing had to move for the new meeting
    assert new.pk in after
    assert affected == {host_c.pk, visitor_c.pk}
    assert sorted(a for m in mailoutbox for a in m.to) == [
        "hostc@example.org",
        "visitorc@example.org",
    ]


def test_republishing_after_a_late_unavailability_moves_few_and_tells_only_those_affected(
    event, organiser, four_meetings, host_b, mailoutbox, django_capture_on_commit_callbacks
):
    run_and_publish(event, organiser, notify=False)
    before = placements(event)
    clashing = Meeting.objects.filter(event=event, second=host_b).select_related("slot").first()
    services.update_availability(
        actor=organiser, participant=host_b, unavailable_slots=[clashing.slot], max_meetings=None
    )
    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        run, affected = run_and_publish(event, organiser)
    after = placements(event)
    moved = {pk for pk in before if before[pk] != after[pk]}
    assert clashing.pk in moved
    assert after[clashing.pk][0] != clashing.slot.index
    assert len(moved) <= 2  # the clashing meeting, and at most one it swaps with
    assert run.changes == len(moved)
    expected = set()
    for meeting in Meeting.objects.filter(pk__in=moved).select_related(
        "first__person", "second__person"
    ):
        expected |= {meeting.first.person.email, meeting.second.person.email}
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(expected)
    assert len(mailoutbox) == len(affected) == len(expected)
    assert_valid(event)


def test_participants_cannot_mark_a_slot_of_their_meeting_unavailable(
    event, organiser, four_meetings, host_b
):
    run_and_publish(event, organiser, notify=False)
    clashing = Meeting.objects.filter(event=event, second=host_b).select_related("slot").first()
    with pytest.raises(DomainError, match="ask the organiser"):
        services.update_availability(
            actor=host_b.person.user,
            participant=host_b,
            unavailable_slots=[clashing.slot],
            max_meetings=None,
        )
    assert host_b.unavailable_slots.count() == 0


def test_rejecting_a_participant_takes_their_meetings_off_the_schedule(
    event, organiser, four_meetings, host_b
):
    run_and_publish(event, organiser, notify=False)
    services.decide_registration(actor=organiser, participant=host_b, approve=False)
    assert not Meeting.objects.filter(second=host_b, slot__isnull=False).exists()
    assert Meeting.objects.filter(event=event, slot__isnull=False).count() == 2


def test_every_run_is_kept_and_can_be_rolled_back(event, organiser, four_meetings):
    first, _ = run_and_publish(event, organiser, notify=False)
    first_placements = placements(event)
    target = four_meetings[1]
    other_slot = (
        next(s for s in selectors.free_common_slots(target) if s.pk != target.slot_id)
        if selectors.free_common_slots(target)
        else None
    )
    if other_slot is not None:
        services.place_meeting(
            actor=organiser,
            meeting=target,
            slot=other_slot,
            expected_version=event.schedule_version,
        )
    event.refresh_from_db()
    _second, _ = run_and_publish(event, organiser, notify=False)
    restored = services.roll_back(
        actor=organiser, run=first, expected_version=event.schedule_version
    )
    event.refresh_from_db()
    assert placements(event) == first_placements
    assert event.published_run == restored
    assert (restored.kind, restored.restored_from) == (ScheduleRun.Kind.ROLLBACK, first)
    assert list(event.runs.order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_second_concurrent_save_is_refused_and_nothing_is_overwritten(
    event, organiser, four_meetings
):
    slots = list(event.sessions.get().slots.order_by("index"))
    version = event.schedule_version  # both organisers opened the page at this version
    services.place_meeting(
        actor=organiser, meeting=four_meetings[0], slot=slots[0], expected_version=version
    )
    with pytest.raises(services.StaleSchedule, match="Someone else changed"):
        services.place_meeting(
            actor=organiser, meeting=four_meetings[0], slot=slots[3], expected_version=version
        )
    four_meetings[0].refresh_from_db()
    assert four_meetings[0].slot == slots[0]


def test_a_run_computed_before_an_edit_cannot_be_published_over_it(event, organiser, four_meetings):
    run = services.execute_schedule_run(
        run=services.create_schedule_run(actor=organiser, event=event, time_limit=TIME_LIMIT)
    )
    event.refresh_from_db()
    slot = event.sessions.get().slots.get(index=0)
    services.place_meeting(
        actor=organiser,
        meeting=four_meetings[2],
        slot=slot,
        expected_version=event.schedule_version,
    )
    event.refresh_from_db()
    with pytest.raises(services.StaleSchedule, match="changed after this run was computed"):
        services.publish_run(actor=organiser, run=run, expected_version=event.schedule_version)
    assert placements(event) == {four_meetings[2].pk: (0, four_meetings[2].table.number)}


def test_infeasible_events_are_explained_in_the_readers_language(
    event, organiser, host_a, visitor_a, visitor_b, host_b
):
    from django.utils import translation

    from jumelage.events.explain import explain

    host_a.max_meetings = 1
    host_a.save()
    agree(visitor_a, host_a)
    agree(visitor_b, host_a)
    run = services.execute_schedule_run(
        run=services.create_schedule_run(actor=organiser, event=event, time_limit=TIME_LIMIT)
    )
    assert run.meetings_placed == 1
    codes = [item["code"] for item in run.explanations]
    assert "participant_over_maximum" in codes
    item = next(i for i in run.explanations if i["code"] == "participant_over_maximum")
    with translation.override("en"):
        text = explain(item["code"], item["params"])
    assert text == "Jean Dupont has 2 accepted meetings but accepts at most 1 meeting."


def test_every_engine_explanation_code_has_a_translated_sentence():
    from django.utils import translation

    from jumelage.engines.scheduling import MESSAGES
    from jumelage.events.explain import explain

    with translation.override("en"):
        params = {
            "participant_name": "Olga Ivanova",
            "participant_a_name": "Olga Ivanova",
            "participant_b_name": "Jean Dupont",
            "session_label": "Morning",
            "slot": 3,
            "table": 2,
            "meeting": "m1",
            "meetings": 14,
            "available_slots": 12,
            "maximum": 8,
            "capacity": 10,
            "tables": 14,
        }
        for code in MESSAGES:
            text = explain(code, params, {"m1": "Olga Ivanova — Jean Dupont"})
            assert "reason:" not in text, code
            assert "%(" not in text, code
        assert explain("participant_overloaded", params) == (
            "Olga Ivanova has 14 accepted meetings but is available in 12 slots."
        )
        assert explain("slot_over_capacity", {**params, "meetings": 18}) == (
            "Slot 3 of the session “Morning” has 18 meetings for 14 tables."
        )


def test_a_host_keeping_a_table_gets_all_their_meetings_there(
    event, organiser, four_meetings, host_a
):
    table = event.tables.get(number=2)
    services.assign_host_table(actor=organiser, table=table, host=host_a)
    event.refresh_from_db()
    run_and_publish(event, organiser, notify=False)
    tables = set(
        Meeting.objects.filter(event=event)
        .filter(first=host_a)
        .values_list("table__number", flat=True)
    ) | set(
        Meeting.objects.filter(event=event, second=host_a).values_list("table__number", flat=True)
    )
    assert tables == {2}
    others = Meeting.objects.filter(event=event).exclude(first=host_a).exclude(second=host_a)
    assert 2 not in set(others.values_list("table__number", flat=True))


def test_a_move_after_publication_is_told_to_exactly_the_two_people(
    event, organiser, four_meetings, mailoutbox, django_capture_on_commit_callbacks
):
    run_and_publish(event, organiser, notify=False)
    meeting = Meeting.objects.select_related("first__person", "second__person").get(
        pk=four_meetings[0].pk
    )
    target = next(s for s in selectors.free_common_slots(meeting) if s.pk != meeting.slot_id)
    with django_capture_on_commit_callbacks(execute=True):
        services.place_meeting(
            actor=organiser, meeting=meeting, slot=target, expected_version=event.schedule_version
        )
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(
        [meeting.first.person.email, meeting.second.person.email]
    )


def test_a_participant_cannot_pick_a_slot_beyond_their_maximum(event, host_a, visitor_a, visitor_b):
    host_a.max_meetings = 1
    host_a.save()
    slots = list(event.sessions.get().slots.order_by("index"))
    agree(visitor_a, host_a, slot=slots[0])
    request = services.send_request(actor=SYSTEM, requester=visitor_b, recipient=host_a)
    with pytest.raises(DomainError, match="1 scheduled meeting, their maximum"):
        services.accept_request(actor=host_a.person.user, request=request, slot=slots[1])
    assert Meeting.objects.filter(slot__isnull=False).count() == 1


def test_a_rushed_run_keeps_the_published_schedule_when_it_finds_nothing_better(
    event, organiser, four_meetings
):
    run_and_publish(event, organiser, notify=False)
    before = placements(event)
    run = services.execute_schedule_run(
        run=services.create_schedule_run(actor=organiser, event=event, time_limit=0.01)
    )
    assert (run.changes, run.meetings_placed, run.breaks) == (0, 4, 0)
    assert {a.meeting_id: (a.slot.index, a.table.number) for a in run.assignments.all()} == before
