"""Greedy placement: the solver's warm start, the fallback for huge events, and a baseline.

The schedule is kept as ``slot_of[meeting]`` (``None`` when unplaced); tables are assigned
afterwards (see ``tables.py``), so here a slot only has to keep one free table.
"""

from __future__ import annotations

import time
from collections import defaultdict

from .compiled import Compiled


class SlotState:
    """Incremental bookkeeping of who is busy when, to test and apply moves in O(1)."""

    def __init__(self, compiled: Compiled) -> None:
        self.compiled = compiled
        self.slot_of: list[int | None] = [None] * compiled.meeting_count
        self.busy: list[dict[int, int]] = [{} for _ in range(compiled.participant_count)]
        self.load: list[int] = [0] * compiled.slot_count
        self.placed_count: list[int] = [0] * compiled.participant_count
        self.table_taken: set[tuple[int, int]] = set()
        self.in_slot: list[set[int]] = [set() for _ in range(compiled.slot_count)]
        self.predecessors: dict[int, list[int]] = defaultdict(list)
        self.successors: dict[int, list[int]] = defaultdict(list)
        for before, after in compiled.precedences:
            self.predecessors[after].append(before)
            self.successors[before].append(after)

    def can_place(self, meeting: int, slot: int) -> bool:
        compiled = self.compiled
        if self.load[slot] >= compiled.tables:
            return False
        a, b = compiled.ends[meeting]
        if slot in self.busy[a] or slot in self.busy[b]:
            return False
        table = compiled.fixed_table[meeting]
        if table is not None and (slot, table) in self.table_taken:
            return False
        for p in (a, b):
            limit = compiled.max_meetings[p]
            if limit is not None and self.placed_count[p] >= limit:
                return False
        for before in self.predecessors.get(meeting, ()):
            other = self.slot_of[before]
            if other is not None and other >= slot:
                return False
        for after in self.successors.get(meeting, ()):
            other = self.slot_of[after]
            if other is not None and other <= slot:
                return False
        return True

    def place(self, meeting: int, slot: int) -> None:
        compiled = self.compiled
        a, b = compiled.ends[meeting]
        self.slot_of[meeting] = slot
        self.busy[a][slot] = meeting
        self.busy[b][slot] = meeting
        self.load[slot] += 1
        self.in_slot[slot].add(meeting)
        self.placed_count[a] += 1
        self.placed_count[b] += 1
        table = compiled.fixed_table[meeting]
        if table is not None:
            self.table_taken.add((slot, table))

    def remove(self, meeting: int) -> None:
        compiled = self.compiled
        slot = self.slot_of[meeting]
        if slot is None:
            return
        a, b = compiled.ends[meeting]
        self.slot_of[meeting] = None
        del self.busy[a][slot]
        del self.busy[b][slot]
        self.load[slot] -= 1
        self.in_slot[slot].discard(meeting)
        self.placed_count[a] -= 1
        self.placed_count[b] -= 1
        table = compiled.fixed_table[meeting]
        if table is not None:
            self.table_taken.discard((slot, table))

    def added_breaks(self, participant: int, slot: int) -> int:
        """How many idle gaps the participant gains (or loses, negative) by meeting at slot."""
        compiled = self.compiled
        busy = self.busy[participant]
        session = compiled.session_slots[compiled.slot_session[slot]]
        before = slot - 1 in busy and slot - 1 >= session.start
        after = slot + 1 in busy and slot + 1 < session.stop
        if before and after:
            return -1
        if before or after:
            return 0
        # A lone new meeting opens a gap unless the participant has nothing else that session.
        return 1 if any(other in busy for other in session) else 0


def placement_order(compiled: Compiled) -> list[int]:
    """Most valuable first, then the most constrained (few slots, busy participants)."""
    degree = [len(meetings) for meetings in compiled.meetings_of]

    def key(meeting: int) -> tuple[int, int, int, int]:
        a, b = compiled.ends[meeting]
        return (
            -compiled.weight[meeting],
            len(compiled.allowed[meeting]),
            -(degree[a] + degree[b]),
            meeting,
        )

    return sorted(range(compiled.meeting_count), key=key)


def greedy_schedule(
    compiled: Compiled, *, break_aware: bool = True, repair: bool = True
) -> SlotState:
    """Place meetings one by one in a slot where they fit.

    With ``break_aware`` the slot that adds the fewest idle gaps wins (earliest on ties);
    without it this is plain first-fit (the earliest slot). Locked meetings go first, in
    their slot. With ``repair``, each meeting left over tries to make room by moving the
    meetings that block it to another slot.
    """
    state = SlotState(compiled)
    for meeting in range(compiled.meeting_count):
        if compiled.locked[meeting] and compiled.allowed[meeting]:
            state.place(meeting, compiled.allowed[meeting][0])
    leftover: list[int] = []
    for meeting in placement_order(compiled):
        if state.slot_of[meeting] is not None or not compiled.allowed[meeting]:
            continue
        slot = best_slot(state, meeting, break_aware=break_aware)
        if slot is None:
            leftover.append(meeting)
        else:
            state.place(meeting, slot)
    if repair:
        for meeting in leftover:
            repair_meeting(state, meeting)
    return state


def best_slot(state: SlotState, meeting: int, *, break_aware: bool) -> int | None:
    compiled = state.compiled
    a, b = compiled.ends[meeting]
    best: int | None = None
    best_cost = 0
    for slot in compiled.allowed[meeting]:
        if not state.can_place(meeting, slot):
            continue
        if not break_aware:
            return slot
        cost = state.added_breaks(a, slot) + state.added_breaks(b, slot)
        if best is None or cost < best_cost:
            best, best_cost = slot, cost
    return best


def repair_meeting(state: SlotState, meeting: int) -> bool:
    """Try to place ``meeting`` by moving the meetings in its way to other slots.

    The meetings in the way are its participants' meetings in the candidate slot and, when
    that slot has no table left, one other meeting of that slot. Every change is undone
    when the attempt fails, so the schedule never gets worse.
    """
    compiled = state.compiled
    a, b = compiled.ends[meeting]
    for slot in compiled.allowed[meeting]:
        blockers = {m for m in (state.busy[a].get(slot), state.busy[b].get(slot)) if m is not None}
        if any(compiled.locked[m] for m in blockers):
            continue
        journal: list[tuple[int, int | None]] = []
        for blocker in blockers:
            journal.append((blocker, state.slot_of[blocker]))
            state.remove(blocker)
        if state.load[slot] >= compiled.tables:
            for other in sorted(state.in_slot[slot]):
                if not compiled.locked[other] and _move_elsewhere(
                    state, other, journal, avoid=slot
                ):
                    break
        if state.can_place(meeting, slot):
            journal.append((meeting, None))
            state.place(meeting, slot)
            if all(_move_elsewhere(state, blocker, journal, avoid=slot) for blocker in blockers):
                return True
        for moved, old_slot in reversed(journal):
            state.remove(moved)
            if old_slot is not None:
                state.place(moved, old_slot)
    return False


def _move_elsewhere(
    state: SlotState, meeting: int, journal: list[tuple[int, int | None]], *, avoid: int
) -> bool:
    old = state.slot_of[meeting]
    if old is not None:
        state.remove(meeting)
    for slot in state.compiled.allowed[meeting]:
        if slot != avoid and state.can_place(meeting, slot):
            journal.append((meeting, old))
            state.place(meeting, slot)
            return True
    if old is not None:
        state.place(meeting, old)
    return False


def improve_locally(state: SlotState, seconds: float) -> int:
    """Hill-climb on gaps by moving single meetings to better slots; returns the moves made.

    A move takes a meeting out of its slot and puts it where it adds the fewest gaps to its
    two participants, if that is fewer than it added where it was. Each evaluation looks at
    one session of two people, so a pass over tens of thousands of meetings takes seconds,
    far less than a solver would need for the same polish on a very large event.
    """
    compiled = state.compiled
    deadline = time.perf_counter() + seconds
    moves = 0
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for meeting in range(compiled.meeting_count):
            slot = state.slot_of[meeting]
            if slot is None or compiled.locked[meeting]:
                continue
            if meeting % 256 == 0 and time.perf_counter() >= deadline:
                break
            a, b = compiled.ends[meeting]
            state.remove(meeting)
            best, best_cost = slot, state.added_breaks(a, slot) + state.added_breaks(b, slot)
            for other in compiled.allowed[meeting]:
                if other == slot or not state.can_place(meeting, other):
                    continue
                cost = state.added_breaks(a, other) + state.added_breaks(b, other)
                if cost < best_cost:
                    best, best_cost = other, cost
            state.place(meeting, best)
            if best != slot:
                moves += 1
                improved = True
        if not improved and time.perf_counter() < deadline:
            swapped = _swap_pass(state, deadline)
            moves += swapped
            improved = swapped > 0
    return moves


def _swap_pass(state: SlotState, deadline: float) -> int:
    """Exchange the slots of two meetings of one participant when their partners gain.

    The shared participant keeps the same busy slots, so only the two partners' gaps
    change; this escapes the many local optima where no single meeting can move because
    its partner is busy everywhere else.
    """
    compiled = state.compiled
    swaps = 0
    for person in range(compiled.participant_count):
        if time.perf_counter() >= deadline:
            break
        own = [m for m in compiled.meetings_of[person] if not compiled.locked[m]]
        for index, first in enumerate(own):
            for second in own[index + 1 :]:
                slot_one, slot_two = state.slot_of[first], state.slot_of[second]
                if slot_one is None or slot_two is None or slot_one == slot_two:
                    continue
                b = sum(compiled.ends[first]) - person
                c = sum(compiled.ends[second]) - person
                if b == c or slot_two in state.busy[b] or slot_one in state.busy[c]:
                    continue
                if (
                    slot_two not in compiled.allowed[first]
                    or slot_one not in compiled.allowed[second]
                ):
                    continue
                state.remove(first)
                state.remove(second)
                before = state.added_breaks(b, slot_one) + state.added_breaks(c, slot_two)
                after = state.added_breaks(b, slot_two) + state.added_breaks(c, slot_one)
                if after < before and state.can_place(first, slot_two):
                    state.place(first, slot_two)
                    if state.can_place(second, slot_one):
                        state.place(second, slot_one)
                        swaps += 1
                        continue
                    state.remove(first)
                state.place(first, slot_one)
                state.place(second, slot_two)
    return swaps
