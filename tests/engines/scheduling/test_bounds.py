from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from jumelage.engines.scheduling import Status, schedule
from jumelage.engines.scheduling.bounds import fewest_breaks, participant_break_bounds
from jumelage.engines.scheduling.compiled import compile_problem

from .helpers import make_problem


def _bounds(problem):
    compiled = compile_problem(problem)
    bounds = participant_break_bounds(compiled, list(range(compiled.meeting_count)))
    return dict(zip(compiled.participant_keys, bounds, strict=True))


def test_a_forbidden_slot_in_the_middle_of_a_full_morning_forces_one_break():
    # X meets A, B and C in four slots but cannot attend slot 1: three meetings in
    # slots {0, 2, 3} is the only choice, with one gap.
    problem = make_problem([("X", "A"), ("X", "B"), ("X", "C")], slots=4, forbidden={"X": {1}})

    assert _bounds(problem) == {"A": 0, "B": 0, "C": 0, "X": 1}


def test_partners_availability_counts_too():
    # X is free all day, but A can only meet in slot 0 and B only in slot 2.
    problem = make_problem([("X", "A"), ("X", "B")], slots=3, forbidden={"A": {1, 2}, "B": {0, 1}})

    assert _bounds(problem)["X"] == 1


def test_meetings_needing_the_same_slot_are_matched_to_distinct_slots():
    # A and B can only meet in slots 0 and 1; C only in slot 3. Slots {0, 1, 3} is the
    # only possible day for X, with a gap in slot 2.
    problem = make_problem(
        [("X", "A"), ("X", "B"), ("X", "C")],
        slots=4,
        forbidden={"A": {2, 3}, "B": {2, 3}, "C": {0, 1, 2}},
    )

    assert _bounds(problem)["X"] == 1


def test_lunch_is_not_a_break():
    problem = make_problem(
        [("X", "A"), ("X", "B")], slots=(2, 2), forbidden={"A": {1, 2, 3}, "B": {0, 1, 3}}
    )

    assert _bounds(problem)["X"] == 0


def test_the_engine_stops_at_the_summed_bound_and_calls_it_optimal():
    problem = make_problem(
        [("X", "A"), ("X", "B"), ("X", "C"), ("Y", "A")], slots=4, forbidden={"X": {1}}
    )

    result = schedule(problem, time_limit=5)

    assert result.status is Status.OPTIMAL
    assert result.total_breaks == 1
    assert result.lower_bound == 1
    assert result.breaks["X"] == 1


def _brute_force_fewest(compiled, meetings):
    best = None
    for slots in product(*(compiled.allowed[m] for m in meetings)):
        if len(set(slots)) < len(slots):
            continue
        busy = set(slots)
        gaps = sum(
            1
            for slot in busy
            if slot - 1 not in busy
            and any(
                other < slot and compiled.slot_session[other] == compiled.slot_session[slot]
                for other in busy
            )
        )
        best = gaps if best is None else min(best, gaps)
    return best


@st.composite
def one_person_days(draw):
    sessions = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=2)))
    slot_count = sum(sessions)
    partners = draw(st.integers(1, 5))
    forbidden = {
        f"P{i}": draw(st.sets(st.integers(0, slot_count - 1), max_size=slot_count - 1))
        for i in range(partners)
    }
    forbidden["X"] = draw(st.sets(st.integers(0, slot_count - 1), max_size=slot_count // 2))
    pairs = [("X", f"P{i}") for i in range(partners)]
    return make_problem(pairs, slots=sessions, forbidden=forbidden)


@settings(max_examples=60, deadline=None)
@given(one_person_days())
def test_fewest_breaks_agrees_with_trying_every_day(problem):
    compiled = compile_problem(problem)
    x = compiled.participant_keys.index("X")
    meetings = [m for m in compiled.meetings_of[x] if m not in compiled.blocked]
    expected = _brute_force_fewest(compiled, meetings)
    if expected is None:
        return  # the meetings cannot all take place; no bound is claimed
    assert fewest_breaks(compiled, meetings) == expected
