"""Cheap proven lower bounds on idle gaps ("breaks"), one participant at a time.

When every placeable meeting must be placed, a participant's gaps can be no fewer than
in the best day they could have on their own: their meetings, each in one of its allowed
slots (sessions, both sides' forbidden slots, locks), in distinct slots, ignoring what
everyone else does. That best day is found exactly by enumerating busy sets with few
gaps, and the sum over participants bounds the whole event.

On real brokerage events most forced gaps come from one person's availability (a
forbidden slot in the middle of a full morning), so this bound often equals the
optimum and the solver then only has to find a schedule that meets it: no proof search.
Each participant's own bound is also a constraint the solver can use, and together they
cap everyone's gaps when the total is capped (``slack`` in ``BreakModel.solve``).
"""

from __future__ import annotations

from .compiled import Compiled

# Search nodes per participant and for the whole event; beyond them the bound proven so
# far is kept (0 for participants not reached), which is still valid.
NODE_BUDGET = 20_000
EVENT_NODE_BUDGET = 1_000_000


class _OutOfBudget(Exception):
    pass


def participant_break_bounds(compiled: Compiled, meetings: list[int]) -> list[int]:
    """Fewest gaps each participant can have if all ``meetings`` (of theirs) are placed."""
    own: list[list[int]] = [[] for _ in range(compiled.participant_count)]
    for meeting in meetings:
        for p in compiled.ends[meeting]:
            own[p].append(meeting)
    bounds: list[int] = []
    spent = [0]
    for own_meetings in own:
        budget = min(NODE_BUDGET, EVENT_NODE_BUDGET - spent[0])
        bounds.append(fewest_breaks(compiled, own_meetings, budget, spent) if budget > 0 else 0)
    return bounds


def fewest_breaks(
    compiled: Compiled,
    meetings: list[int],
    budget: int = NODE_BUDGET,
    spent: list[int] | None = None,
) -> int:
    """Fewest gaps of one person whose ``meetings`` all take place in distinct slots.

    Tries 0, 1, 2... gaps: a depth-first walk over the slots chooses which are busy (the
    right number, no more runs than the gap allowance permits) and keeps a choice when
    the meetings can be matched to the chosen slots. Returns the first allowance that
    works, or the last one fully refuted when the node budget runs out. The nodes used
    are added to ``spent[0]`` when given.
    """
    count = len(meetings)
    if count <= 1:
        return 0
    allowed = [compiled.allowed[m] for m in meetings]
    if any(not slots for slots in allowed):
        return 0  # blocked meetings are not placed; nothing to bound
    available = sorted({slot for slots in allowed for slot in slots})
    if len(available) < count:
        return 0  # cannot all be placed; the placement phase reports it
    nodes = [0]
    try:
        for allowance in range(count):
            try:
                if _walk(
                    compiled.slot_session, allowed, available, count, allowance, nodes, budget
                ):
                    return allowance
            except _OutOfBudget:
                return allowance
        return 0  # no day at all holds every meeting: they cannot all be placed
    finally:
        if spent is not None:
            spent[0] += nodes[0]


def _walk(
    session_of: list[int],
    allowed: list[list[int]],
    available: list[int],
    count: int,
    allowance: int,
    nodes: list[int],
    budget: int,
) -> bool:
    """Whether some ``count`` of the ``available`` slots with at most ``allowance`` gaps
    can hold all the meetings; ``nodes`` counts the work against ``budget``."""
    chosen: list[int] = []

    def walk(index: int, busy_count: int, previous: int | None, breaks: int) -> bool:
        nodes[0] += 1
        if nodes[0] > budget:
            raise _OutOfBudget
        if busy_count == count:
            return _matchable(allowed, chosen)
        if busy_count + len(available) - index < count:
            return False
        slot = available[index]
        gap = (
            previous is not None
            and session_of[previous] == session_of[slot]
            and previous != slot - 1
        )
        if breaks + gap <= allowance:
            chosen.append(slot)
            if walk(index + 1, busy_count + 1, slot, breaks + gap):
                return True
            chosen.pop()
        return walk(index + 1, busy_count, previous, breaks)

    return walk(0, 0, None, 0)


def _matchable(allowed: list[list[int]], slots: list[int]) -> bool:
    """Whether every meeting gets its own slot among ``slots`` (augmenting paths)."""
    free = set(slots)
    holder: dict[int, int] = {}

    def augment(meeting: int, seen: set[int]) -> bool:
        for slot in allowed[meeting]:
            if slot in free and slot not in seen:
                seen.add(slot)
                if slot not in holder or augment(holder[slot], seen):
                    holder[slot] = meeting
                    return True
        return False

    return all(augment(meeting, set()) for meeting in range(len(allowed)))
