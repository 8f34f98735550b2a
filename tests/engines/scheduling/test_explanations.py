from dataclasses import replace

from jumelage.engines.scheduling import Explanation, Status, schedule

from .helpers import make_problem


def test_overloaded_participant_is_explained_by_name_and_counts():
    pairs = [("olga", other) for other in ("a", "b", "c", "d")]
    problem = make_problem(pairs, slots=3, forbidden={"olga": {2}}, names={"olga": "Olga Ivanova"})

    result = schedule(problem, time_limit=5)

    assert result.status is Status.INFEASIBLE
    assert result.explanations == (
        Explanation(
            "participant_overloaded",
            {
                "participant": "olga",
                "participant_name": "Olga Ivanova",
                "meetings": 4,
                "available_slots": 2,
            },
        ),
    )
    assert result.explanations[0].message == (
        "Olga Ivanova has 4 accepted meetings but is available in 2 slots"
    )
    assert len(result.placements) == 2
    assert [item.reason.code for item in result.unplaced] == ["participant_overloaded"] * 2


def test_meetings_locked_into_one_slot_beyond_the_tables_are_explained():
    problem = make_problem([("a", "b"), ("c", "d"), ("e", "f")], slots=(4, 4), tables=2)
    problem = replace(problem, meetings=tuple(replace(m, locked_slot=2) for m in problem.meetings))

    result = schedule(problem, time_limit=5)

    assert result.explanations[0].code == "slot_over_capacity"
    assert dict(result.explanations[0].params) == {
        "session": "morning",
        "session_label": "morning",
        "slot": 3,
        "meetings": 3,
        "tables": 2,
    }
    assert (
        result.explanations[0].message
        == "slot 3 of the morning session has 3 meetings for 2 tables"
    )
    assert [item.meeting for item in result.unplaced] == ["m3"]
    assert result.unplaced[0].reason.code == "slot_over_capacity"
    assert result.placements["m1"].slot == result.placements["m2"].slot == 2


def test_two_locked_meetings_of_one_person_in_one_slot_are_explained():
    problem = make_problem([("a", "b"), ("a", "c")], slots=(2, 2), names={"a": "Jean Martin"})
    problem = replace(problem, meetings=tuple(replace(m, locked_slot=3) for m in problem.meetings))

    result = schedule(problem, time_limit=5)

    assert result.unplaced[0].reason.message == (
        "Jean Martin has meetings m1, m2 locked in slot 2 of the afternoon session"
    )
    assert result.placements["m1"].slot == 3


def test_locks_beyond_a_persons_maximum_of_meetings_are_explained():
    problem = make_problem([("a", "b"), ("a", "c")], slots=(2, 2), names={"a": "Jean Martin"})
    problem = replace(
        problem,
        participants=tuple(
            replace(p, max_meetings=1) if p.key == "a" else p for p in problem.participants
        ),
        meetings=tuple(
            replace(m, locked_slot=slot) for m, slot in zip(problem.meetings, (0, 1), strict=True)
        ),
    )

    result = schedule(problem, time_limit=5)

    assert result.placements["m1"].slot == 0 and "m2" not in result.placements
    assert [item.meeting for item in result.unplaced] == ["m2"]
    assert result.unplaced[0].reason.message == (
        "Jean Martin has 2 accepted meetings but accepts at most 1"
    )


def test_session_capacity_counts_meetings_restricted_to_it():
    problem = make_problem([("a", "b"), ("c", "d"), ("e", "f")], slots=(1, 3), tables=2)
    problem = replace(
        problem,
        meetings=tuple(replace(m, sessions=frozenset({"morning"})) for m in problem.meetings),
    )

    result = schedule(problem, time_limit=5)

    assert result.explanations[0].message == (
        "the morning session has 3 meetings for 2 places (slots times tables)"
    )
    assert result.status is Status.INFEASIBLE
    assert len(result.placements) == 2


def test_people_never_free_together_are_explained():
    problem = make_problem(
        [("a", "b")],
        slots=2,
        forbidden={"a": {0}, "b": {1}},
        names={"a": "Anna Petrova", "b": "Luc Girard"},
    )

    result = schedule(problem, time_limit=5)

    assert result.unplaced[0].reason.code == "no_common_slot"
    assert result.unplaced[0].reason.message == (
        "Anna Petrova and Luc Girard are never available in the same slot"
    )
    assert result.status is Status.INFEASIBLE


def test_participant_session_overload_is_explained():
    problem = make_problem([("a", "b"), ("a", "c")], slots=(1, 3), names={"a": "Olga Ivanova"})
    problem = replace(
        problem,
        meetings=tuple(replace(m, sessions=frozenset({"morning"})) for m in problem.meetings),
    )

    result = schedule(problem, time_limit=5)

    assert result.explanations[0].message == (
        "Olga Ivanova has 2 meetings restricted to the morning session but is available "
        "in 1 of its slots"
    )
