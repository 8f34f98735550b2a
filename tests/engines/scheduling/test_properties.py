from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jumelage.engines.scheduling import (
    Meeting,
    Participant,
    Precedence,
    SchedulingProblem,
    Session,
    Status,
    count_breaks,
    schedule,
    schedule_violations,
)


@st.composite
def problems(draw):
    sessions = draw(st.lists(st.integers(1, 4), min_size=1, max_size=2))
    slot_count = sum(sessions)
    people = draw(st.integers(2, 7))
    keys = [f"p{i}" for i in range(people)]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(keys), st.sampled_from(keys)).filter(
                lambda ab: ab[0] != ab[1]
            ),
            max_size=12,
        )
    )
    tables = draw(st.integers(1, 3))
    participants = tuple(
        Participant(
            key=key,
            forbidden_slots=frozenset(
                draw(st.sets(st.integers(0, slot_count - 1), max_size=slot_count // 2))
            ),
            max_meetings=draw(st.none() | st.integers(1, 4)),
            host_table=draw(st.none() | st.integers(0, tables - 1)) if key == "p0" else None,
        )
        for key in keys
    )
    meetings = []
    for index, pair in enumerate(pairs):
        locked = draw(st.none() | st.integers(0, slot_count - 1)) if index < 2 else None
        restricted = draw(st.none() | st.just(frozenset({"s0"})))
        meetings.append(
            Meeting(key=f"m{index}", participants=pair, locked_slot=locked, sessions=restricted)
        )
    precedences = ()
    if len(meetings) >= 3 and draw(st.booleans()):
        precedences = (Precedence(before="m2", after="m0"),)
    return SchedulingProblem(
        precedences=precedences,
        sessions=tuple(Session(f"s{i}", f"session {i}", n) for i, n in enumerate(sessions)),
        tables=tables,
        participants=participants,
        meetings=tuple(meetings),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_random_small_events_always_get_valid_schedules(problem):
    result = schedule(problem, time_limit=2)

    locked = {m.key for m in problem.meetings if m.locked_slot is not None}
    excused = {
        item.meeting
        for item in result.unplaced
        if item.reason.code.startswith("locked")
        or item.reason.code in {"slot_over_capacity", "host_table_clash"}
        # a lock beyond a participant's maximum of meetings is refused
        or (item.reason.code == "participant_over_maximum" and item.meeting in locked)
    }
    assert schedule_violations(problem, result.placements, excused_locks=excused) == []
    placed = set(result.placements)
    unplaced = {item.meeting for item in result.unplaced}
    assert placed | unplaced == {m.key for m in problem.meetings}
    assert not placed & unplaced
    assert result.breaks == count_breaks(problem, result.placements)
    if result.lower_bound is not None:
        assert result.lower_bound <= result.total_breaks
    if result.status in (Status.OPTIMAL, Status.FEASIBLE):
        assert not unplaced
    else:
        assert unplaced
    for item in result.unplaced:
        assert item.reason.message
