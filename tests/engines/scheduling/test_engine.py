from dataclasses import replace

from jumelage.engines.scheduling import (
    Meeting,
    Participant,
    Placement,
    Precedence,
    Priority,
    Status,
    count_breaks,
    schedule,
    schedule_violations,
)

from .helpers import make_problem


def test_chain_of_meetings_is_scheduled_without_breaks():
    problem = make_problem([("A", "B"), ("B", "C"), ("C", "D")], slots=4, tables=1)

    result = schedule(problem, time_limit=5)

    assert result.status is Status.OPTIMAL
    assert len(result.placements) == 3
    assert result.total_breaks == 0
    assert result.lower_bound == 0
    assert schedule_violations(problem, result.placements) == []


def test_triangle_at_one_table_proves_one_break_is_optimal():
    # Three meetings in three slots at one table: whoever sits in the first and the last
    # meeting waits through the middle one, whatever the order.
    problem = make_problem([("A", "B"), ("B", "C"), ("A", "C")], slots=3, tables=1)

    result = schedule(problem, time_limit=5)

    assert result.status is Status.OPTIMAL
    assert result.total_breaks == 1
    assert result.lower_bound == 1
    assert sorted(result.breaks.values()) == [0, 0, 1]


def test_forbidden_slots_force_a_break_that_the_bound_proves():
    problem = make_problem([("X", "A"), ("X", "B")], slots=3, forbidden={"A": {1, 2}, "B": {0, 1}})

    result = schedule(problem, time_limit=5)

    assert result.placements["m1"].slot == 0
    assert result.placements["m2"].slot == 2
    assert result.breaks == {"A": 0, "B": 0, "X": 1}
    assert result.lower_bound == 1
    assert result.status is Status.OPTIMAL


def test_lunch_between_sessions_is_not_a_break():
    problem = make_problem(
        [("X", "A"), ("X", "B")],
        slots=(2, 2),
        forbidden={"A": {0, 2, 3}, "B": {0, 1, 3}},
    )

    result = schedule(problem, time_limit=5)

    assert (result.placements["m1"].slot, result.placements["m2"].slot) == (1, 2)
    assert result.total_breaks == 0


def test_session_restrictions_are_kept():
    problem = make_problem([("A", "B"), ("A", "C")], slots=(2, 2))
    problem = replace(
        problem,
        meetings=(
            replace(problem.meetings[0], sessions=frozenset({"afternoon"})),
            replace(problem.meetings[1], sessions=frozenset({"morning"})),
        ),
    )

    result = schedule(problem, time_limit=5)

    assert result.placements["m1"].slot in {2, 3}
    assert result.placements["m2"].slot in {0, 1}


def test_locked_meetings_stay_where_they_were_locked():
    problem = make_problem([("A", "B"), ("A", "C"), ("B", "C"), ("C", "D")], slots=4, tables=3)
    locked = replace(problem.meetings[0], locked_slot=3, locked_table=2)
    problem = replace(problem, meetings=(locked, *problem.meetings[1:]))

    result = schedule(problem, time_limit=5)

    assert result.placements["m1"] == Placement(slot=3, table=2)
    assert len(result.placements) == 4
    assert schedule_violations(problem, result.placements) == []


def test_published_schedule_moves_nothing_when_a_meeting_is_added():
    before = make_problem([("A", "B"), ("C", "D"), ("A", "C")], slots=4, tables=2)
    published = schedule(before, time_limit=5).placements
    after = make_problem(
        [("A", "B"), ("C", "D"), ("A", "C"), ("B", "D")],
        slots=4,
        tables=2,
        published=dict(published),
    )

    result = schedule(after, time_limit=5)

    assert len(result.placements) == 4
    assert result.changes == 0
    for key, placement in published.items():
        assert result.placements[key] == placement


def test_published_schedule_changes_only_what_it_must():
    # The published slot of m1 has become forbidden to B: only m1 should move.
    published = {"m1": Placement(0, 0), "m2": Placement(1, 0), "m3": Placement(2, 0)}
    problem = make_problem(
        [("A", "B"), ("A", "C"), ("A", "D")],
        slots=4,
        tables=1,
        forbidden={"B": {0}},
        published=published,
    )

    result = schedule(problem, time_limit=5)

    assert result.changes == 1
    assert result.placements["m2"] == published["m2"]
    assert result.placements["m3"] == published["m3"]


def test_host_with_fixed_table_receives_every_meeting_there():
    problem = make_problem([("H", "A"), ("H", "B"), ("H", "C"), ("A", "B")], slots=3, tables=2)
    host = replace(
        problem.participants[[p.key for p in problem.participants].index("H")], host_table=1
    )
    problem = replace(
        problem,
        participants=tuple(host if p.key == "H" else p for p in problem.participants),
    )

    result = schedule(problem, time_limit=5)

    assert len(result.placements) == 4
    for key in ("m1", "m2", "m3"):
        assert result.placements[key].table == 1
    assert result.placements["m4"].table == 0
    assert schedule_violations(problem, result.placements) == []


def test_must_meet_wins_over_nice_to_have_when_not_everything_fits():
    problem = make_problem([("A", "B"), ("A", "C"), ("A", "D")], slots=2)
    problem = replace(
        problem,
        meetings=(
            replace(problem.meetings[0], priority=Priority.NICE_TO_HAVE),
            replace(problem.meetings[1], priority=Priority.MUST_MEET),
            replace(problem.meetings[2], priority=Priority.MUTUAL),
        ),
    )

    result = schedule(problem, time_limit=5)

    assert set(result.placements) == {"m2", "m3"}
    assert [item.meeting for item in result.unplaced] == ["m1"]
    assert result.status is Status.INFEASIBLE


def test_maximum_meetings_per_participant_is_respected():
    problem = make_problem([("A", "B"), ("A", "C"), ("A", "D")], slots=4)
    problem = replace(
        problem,
        participants=tuple(
            replace(p, max_meetings=2) if p.key == "A" else p for p in problem.participants
        ),
    )

    result = schedule(problem, time_limit=5)

    assert len(result.placements) == 2
    assert result.unplaced[0].reason.code == "participant_over_maximum"


def test_precedences_hold():
    problem = make_problem(
        [("A", "B"), ("A", "C"), ("B", "C")],
        slots=3,
        precedences=(Precedence(before="m3", after="m1"), Precedence(before="m2", after="m3")),
    )

    result = schedule(problem, time_limit=5)

    slots = {key: placement.slot for key, placement in result.placements.items()}
    assert slots["m2"] < slots["m3"] < slots["m1"]


def test_validator_reports_every_broken_rule():
    problem = make_problem([("A", "B"), ("A", "C")], slots=2, tables=1, forbidden={"C": {0}})
    placements = {"m1": Placement(0, 0), "m2": Placement(0, 0)}

    violations = schedule_violations(problem, placements)

    assert violations == [
        "meetings m1 and m2 share table 0 in slot 0",
        "A is in meetings m1 and m2 in slot 0",
        "meeting m2 is in slot 0, forbidden to C",
    ]


def test_count_breaks_counts_gaps_within_sessions_only():
    problem = make_problem([("A", "B"), ("A", "C"), ("A", "D")], slots=(3, 3))
    placements = {"m1": Placement(0, 0), "m2": Placement(2, 0), "m3": Placement(3, 0)}

    assert count_breaks(problem, placements) == {"A": 1, "B": 0, "C": 0, "D": 0}


def test_participant_order_of_fields_is_stable_for_positional_callers():
    participant = Participant("p1", "Olga Ivanova", frozenset({1}), 3, 2)
    meeting = Meeting("m1", ("p1", "p2"), Priority.MUTUAL)

    assert (participant.max_meetings, participant.host_table) == (3, 2)
    assert meeting.priority is Priority.MUTUAL
