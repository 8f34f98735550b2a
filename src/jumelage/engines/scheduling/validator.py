"""Independent check of a schedule against every hard rule.

This module deliberately shares no code with the solvers: it reads the problem's
dataclasses directly, so a bug in the index form or the model cannot hide itself. The
engine runs it on every result before returning it; tests and the benchmark run it too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from .model import Placement, SchedulingProblem


class ScheduleValidationError(RuntimeError):
    """A schedule breaks a hard rule (the engine raises it rather than return one)."""

    def __init__(self, violations: list[str]) -> None:
        super().__init__("invalid schedule: " + "; ".join(violations[:10]))
        self.violations = violations


def schedule_violations(
    problem: SchedulingProblem,
    placements: Mapping[str, Placement],
    *,
    excused_locks: Collection[str] = (),
) -> list[str]:
    """Every broken hard rule, as English sentences (empty list: the schedule is valid).

    Rules: placed meetings exist and sit in a real slot at a real table; a meeting's slot is
    in one of its sessions and not forbidden to either participant; nobody is in two
    meetings of one slot; no two meetings share a table in a slot; a host's meetings sit at
    the host's table; locked meetings are placed where locked (unless listed in
    ``excused_locks``, whose locks were proven impossible); nobody has more meetings than
    their maximum; precedences hold between placed meetings.
    """
    violations: list[str] = []
    slot_count = sum(session.slot_count for session in problem.sessions)
    session_of_slot: list[str] = []
    for session in problem.sessions:
        session_of_slot.extend([session.key] * session.slot_count)
    participants = {participant.key: participant for participant in problem.participants}
    meetings = {meeting.key: meeting for meeting in problem.meetings}

    seated: dict[tuple[int, int], str] = {}
    busy: dict[tuple[str, int], str] = {}
    count: dict[str, int] = defaultdict(int)
    for key, placement in placements.items():
        meeting = meetings.get(key)
        if meeting is None:
            violations.append(f"meeting {key} is not part of the problem")
            continue
        slot, table = placement.slot, placement.table
        if not 0 <= slot < slot_count:
            violations.append(f"meeting {key} is in slot {slot}, which does not exist")
            continue
        if not 0 <= table < problem.tables:
            violations.append(f"meeting {key} is at table {table}, which does not exist")
        if meeting.sessions is not None and session_of_slot[slot] not in meeting.sessions:
            violations.append(f"meeting {key} is outside its sessions")
        other = seated.get((slot, table))
        if other is not None:
            violations.append(f"meetings {other} and {key} share table {table} in slot {slot}")
        seated[(slot, table)] = key
        for person_key in meeting.participants:
            person = participants[person_key]
            if slot in person.forbidden_slots:
                violations.append(f"meeting {key} is in slot {slot}, forbidden to {person_key}")
            clash = busy.get((person_key, slot))
            if clash is not None:
                violations.append(f"{person_key} is in meetings {clash} and {key} in slot {slot}")
            busy[(person_key, slot)] = key
            count[person_key] += 1
            if person.host_table is not None and table != person.host_table:
                violations.append(f"meeting {key} is not at the table of host {person_key}")
        if meeting.locked_slot is not None and slot != meeting.locked_slot:
            violations.append(f"locked meeting {key} moved from slot {meeting.locked_slot}")
        if meeting.locked_table is not None and table != meeting.locked_table:
            violations.append(f"locked meeting {key} moved from table {meeting.locked_table}")

    for meeting in problem.meetings:
        if (
            meeting.locked_slot is not None
            and meeting.key not in placements
            and meeting.key not in excused_locks
        ):
            violations.append(f"locked meeting {meeting.key} is not placed")
    for person in problem.participants:
        if person.max_meetings is not None and count[person.key] > person.max_meetings:
            violations.append(f"{person.key} has more than {person.max_meetings} meetings")
    for precedence in problem.precedences:
        before = placements.get(precedence.before)
        after = placements.get(precedence.after)
        if before is not None and after is not None and before.slot >= after.slot:
            violations.append(f"meeting {precedence.before} is not before {precedence.after}")
    return violations


def count_breaks(problem: SchedulingProblem, placements: Mapping[str, Placement]) -> dict[str, int]:
    """Idle gaps per participant: in each session, the runs of consecutive meetings minus one."""
    session_of_slot: list[int] = []
    for index, session in enumerate(problem.sessions):
        session_of_slot.extend([index] * session.slot_count)
    slots: dict[str, set[int]] = defaultdict(set)
    meetings = {meeting.key: meeting for meeting in problem.meetings}
    for key, placement in placements.items():
        for person_key in meetings[key].participants:
            slots[person_key].add(placement.slot)
    breaks: dict[str, int] = {}
    for person in problem.participants:
        taken = slots.get(person.key, set())
        runs = sum(
            1
            for slot in taken
            if slot - 1 not in taken or session_of_slot[slot - 1] != session_of_slot[slot]
        )
        sessions_used = len({session_of_slot[slot] for slot in taken})
        breaks[person.key] = runs - sessions_used
    return breaks


def assert_valid(
    problem: SchedulingProblem,
    placements: Mapping[str, Placement],
    *,
    excused_locks: Collection[str] = (),
) -> None:
    """Raise ScheduleValidationError when the schedule breaks any hard rule."""
    violations = schedule_violations(problem, placements, excused_locks=excused_locks)
    if violations:
        raise ScheduleValidationError(violations)
