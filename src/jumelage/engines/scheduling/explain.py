"""Necessary conditions checked before solving, and reasons for unplaced meetings.

Each check is a counting argument that a person can verify by hand ("14 meetings, 12 free
slots"), so its explanation can be shown to an organiser as it is. Passing every check does
not prove that a schedule exists; failing one proves that not every meeting can be placed.
"""

from __future__ import annotations

from .compiled import Compiled, over_maximum
from .model import Explanation


def necessary_conditions(compiled: Compiled) -> list[Explanation]:
    """Explanations for every violated counting condition (empty when all hold)."""
    problem = compiled.problem
    explanations: list[Explanation] = list(compiled.lock_problems)
    placeable = [m for m in range(compiled.meeting_count) if m not in compiled.blocked]
    placeable_set = set(placeable)

    for p, participant in enumerate(problem.participants):
        own = [m for m in compiled.meetings_of[p] if m in placeable_set]
        available = compiled.slot_count - len(participant.forbidden_slots)
        person = {"participant": participant.key, "participant_name": participant.display_name}
        if len(own) > available:
            explanations.append(
                Explanation(
                    "participant_overloaded",
                    {**person, "meetings": len(own), "available_slots": available},
                )
            )
        else:
            for index, session in enumerate(compiled.session_slots):
                restricted = [m for m in own if all(t in session for t in compiled.allowed[m])]
                free = sum(1 for t in session if t not in participant.forbidden_slots)
                if len(restricted) > free:
                    explanations.append(
                        Explanation(
                            "participant_session_overloaded",
                            {
                                **person,
                                "session": problem.sessions[index].key,
                                "session_label": problem.sessions[index].label,
                                "meetings": len(restricted),
                                "available_slots": free,
                            },
                        )
                    )
        limit = participant.max_meetings
        if limit is not None and len(own) > limit:
            explanations.append(
                Explanation(
                    "participant_over_maximum", {**person, "meetings": len(own), "maximum": limit}
                )
            )

    for index, session in enumerate(compiled.session_slots):
        restricted = [m for m in placeable if all(t in session for t in compiled.allowed[m])]
        capacity = len(session) * compiled.tables
        if len(restricted) > capacity:
            explanations.append(
                Explanation(
                    "session_over_capacity",
                    {
                        "session": problem.sessions[index].key,
                        "session_label": problem.sessions[index].label,
                        "meetings": len(restricted),
                        "capacity": capacity,
                    },
                )
            )
    capacity = compiled.slot_count * compiled.tables
    if len(placeable) > capacity:
        explanations.append(
            Explanation("event_over_capacity", {"meetings": len(placeable), "capacity": capacity})
        )

    cycle = _precedence_cycle(compiled)
    if cycle:
        explanations.append(
            Explanation("precedence_cycle", {"meetings": [compiled.meeting_keys[m] for m in cycle]})
        )
    return explanations


def _precedence_cycle(compiled: Compiled) -> list[int]:
    """One cycle of the precedence graph, in order, or an empty list."""
    successors: dict[int, list[int]] = {}
    for before, after in compiled.precedences:
        successors.setdefault(before, []).append(after)
    colour: dict[int, int] = {}  # 1 = on the current path, 2 = finished
    for root in sorted(successors):
        if root in colour:
            continue
        path: list[int] = [root]
        iterators = [iter(successors.get(root, ()))]
        colour[root] = 1
        while iterators:
            node = next(iterators[-1], None)
            if node is None:
                colour[path.pop()] = 2
                iterators.pop()
            elif colour.get(node) == 1:
                return path[path.index(node) :]
            elif node not in colour:
                colour[node] = 1
                path.append(node)
                iterators.append(iter(successors.get(node, ())))
    return []


def unplaced_reason(
    compiled: Compiled, meeting: int, explanations: list[Explanation], placed_count: list[int]
) -> Explanation:
    """The most specific explanation for why ``meeting`` is left out.

    In order: the meeting itself cannot be placed (rejected lock, no common slot, clashing
    host tables); one of its participants fails a counting condition or has reached their
    maximum; otherwise it lost to more important meetings.
    """
    if meeting in compiled.blocked:
        return compiled.blocked[meeting]
    keys = {compiled.participant_keys[p] for p in compiled.ends[meeting]}
    for explanation in explanations:
        if (
            explanation.code in {"participant_overloaded", "participant_session_overloaded"}
            and explanation.params.get("participant") in keys
        ):
            return explanation
    over = over_maximum(compiled, meeting, placed_count)
    if over is not None:
        return over
    for explanation in explanations:
        if explanation.code in {"session_over_capacity", "event_over_capacity", "precedence_cycle"}:
            return explanation
    return Explanation("no_room_left", compiled.pair_params(meeting))
