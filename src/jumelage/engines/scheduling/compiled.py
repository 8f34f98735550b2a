"""Index-based view of a problem, shared by the greedy, the CP-SAT model and the checks.

Participants and meetings become integers, every meeting gets the list of slots where it
may take place, and locks that cannot hold are turned into explanations up front so that
the solvers only ever see a consistent set of hard rules.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .model import Explanation, Priority, SchedulingProblem


@dataclass
class Compiled:
    problem: SchedulingProblem
    slot_count: int
    tables: int
    slot_session: list[int]
    session_slots: list[range]
    participant_keys: list[str]
    meeting_keys: list[str]
    ends: list[tuple[int, int]]
    allowed: list[list[int]]
    weight: list[int]
    meetings_of: list[list[int]]
    fixed_table: list[int | None]
    locked: list[bool]
    max_meetings: list[int | None]
    precedences: list[tuple[int, int]]
    published_slot: list[int | None]
    published_table: list[int | None]
    # Why a meeting can never be placed (no allowed slot, rejected lock...).
    blocked: dict[int, Explanation] = field(default_factory=dict)
    # Problems with locks, kept for the report even when the meeting stays placeable.
    lock_problems: list[Explanation] = field(default_factory=list)

    @property
    def meeting_count(self) -> int:
        return len(self.meeting_keys)

    @property
    def participant_count(self) -> int:
        return len(self.participant_keys)

    def slot_params(self, slot: int) -> dict[str, object]:
        """Params naming a slot for a person: session key and label, 1-based position."""
        session_index = self.slot_session[slot]
        session = self.problem.sessions[session_index]
        return {
            "session": session.key,
            "session_label": session.label,
            "slot": slot - self.session_slots[session_index].start + 1,
        }

    def pair_params(self, meeting: int) -> dict[str, object]:
        a, b = self.ends[meeting]
        participants = self.problem.participants
        return {
            "meeting": self.meeting_keys[meeting],
            "participant_a": participants[a].key,
            "participant_a_name": participants[a].display_name,
            "participant_b": participants[b].key,
            "participant_b_name": participants[b].display_name,
        }


def lexicographic_weights(priorities: list[Priority]) -> list[int]:
    """Weights such that one meeting of a tier outweighs all meetings of lower tiers."""
    counts: dict[Priority, int] = defaultdict(int)
    for priority in priorities:
        counts[priority] += 1
    tier_weight: dict[Priority, int] = {}
    below = 0
    for priority in sorted(Priority):
        tier_weight[priority] = below + 1
        below += tier_weight[priority] * counts[priority]
    return [tier_weight[priority] for priority in priorities]


def compile_problem(problem: SchedulingProblem) -> Compiled:
    """Check references and build the index form; raises ValueError on malformed input."""
    slot_count = problem.slot_count
    if problem.tables < 0:
        raise ValueError("tables must not be negative")
    slot_session: list[int] = []
    session_slots: list[range] = []
    session_index_by_key: dict[str, int] = {}
    for index, session in enumerate(problem.sessions):
        if session.key in session_index_by_key:
            raise ValueError(f"duplicate session key {session.key!r}")
        session_index_by_key[session.key] = index
        start = len(slot_session)
        slot_session.extend([index] * session.slot_count)
        session_slots.append(range(start, len(slot_session)))

    participant_index: dict[str, int] = {}
    for index, participant in enumerate(problem.participants):
        if participant.key in participant_index:
            raise ValueError(f"duplicate participant key {participant.key!r}")
        participant_index[participant.key] = index
        for slot in participant.forbidden_slots:
            if not 0 <= slot < slot_count:
                raise ValueError(
                    f"participant {participant.key!r}: forbidden slot {slot} out of range"
                )
        if participant.host_table is not None and not 0 <= participant.host_table < problem.tables:
            raise ValueError(f"participant {participant.key!r}: host table out of range")

    meeting_index: dict[str, int] = {}
    ends: list[tuple[int, int]] = []
    for index, meeting in enumerate(problem.meetings):
        if meeting.key in meeting_index:
            raise ValueError(f"duplicate meeting key {meeting.key!r}")
        meeting_index[meeting.key] = index
        a_key, b_key = meeting.participants
        if a_key not in participant_index or b_key not in participant_index:
            raise ValueError(f"meeting {meeting.key!r}: unknown participant")
        if a_key == b_key:
            raise ValueError(f"meeting {meeting.key!r}: a participant cannot meet themselves")
        if meeting.sessions is not None:
            unknown = set(meeting.sessions) - set(session_index_by_key)
            if unknown:
                raise ValueError(f"meeting {meeting.key!r}: unknown session {sorted(unknown)[0]!r}")
        if meeting.locked_slot is not None and not 0 <= meeting.locked_slot < slot_count:
            raise ValueError(f"meeting {meeting.key!r}: locked slot out of range")
        if meeting.locked_table is not None and not 0 <= meeting.locked_table < problem.tables:
            raise ValueError(f"meeting {meeting.key!r}: locked table out of range")
        ends.append((participant_index[a_key], participant_index[b_key]))

    precedences: list[tuple[int, int]] = []
    for precedence in problem.precedences:
        if precedence.before not in meeting_index or precedence.after not in meeting_index:
            raise ValueError(f"precedence {precedence}: unknown meeting")
        precedences.append((meeting_index[precedence.before], meeting_index[precedence.after]))

    published_slot: list[int | None] = [None] * len(ends)
    published_table: list[int | None] = [None] * len(ends)
    for key, placement in problem.published.items():
        if key not in meeting_index:
            continue  # a meeting cancelled since publication simply disappears
        published_slot[meeting_index[key]] = placement.slot
        published_table[meeting_index[key]] = placement.table

    meetings_of: list[list[int]] = [[] for _ in problem.participants]
    for index, (a, b) in enumerate(ends):
        meetings_of[a].append(index)
        meetings_of[b].append(index)

    compiled = Compiled(
        problem=problem,
        slot_count=slot_count,
        tables=problem.tables,
        slot_session=slot_session,
        session_slots=session_slots,
        participant_keys=[participant.key for participant in problem.participants],
        meeting_keys=[meeting.key for meeting in problem.meetings],
        ends=ends,
        allowed=[],
        weight=lexicographic_weights([meeting.priority for meeting in problem.meetings]),
        meetings_of=meetings_of,
        fixed_table=[None] * len(ends),
        locked=[meeting.locked_slot is not None for meeting in problem.meetings],
        max_meetings=[participant.max_meetings for participant in problem.participants],
        precedences=precedences,
        published_slot=published_slot,
        published_table=published_table,
    )
    _compute_allowed_slots(compiled, session_index_by_key)
    _accept_consistent_locks(compiled)
    return compiled


def _compute_allowed_slots(compiled: Compiled, session_index_by_key: dict[str, int]) -> None:
    problem = compiled.problem
    participants = problem.participants
    for index, meeting in enumerate(problem.meetings):
        a, b = compiled.ends[index]
        table_a, table_b = participants[a].host_table, participants[b].host_table
        if table_a is not None and table_b is not None and table_a != table_b:
            compiled.blocked[index] = Explanation("host_table_clash", compiled.pair_params(index))
        fixed = meeting.locked_table
        if fixed is None:
            fixed = table_a if table_a is not None else table_b
        compiled.fixed_table[index] = fixed

        if meeting.sessions is None:
            session_ok = [True] * len(problem.sessions)
        else:
            session_ok = [False] * len(problem.sessions)
            for key in meeting.sessions:
                session_ok[session_index_by_key[key]] = True
        forbidden = participants[a].forbidden_slots | participants[b].forbidden_slots
        slots = [
            slot
            for slot in range(compiled.slot_count)
            if session_ok[compiled.slot_session[slot]] and slot not in forbidden
        ]
        if meeting.locked_slot is not None:
            slot = meeting.locked_slot
            if slot not in slots:
                culprit = next(
                    (participants[p] for p in (a, b) if slot in participants[p].forbidden_slots),
                    None,
                )
                compiled.blocked.setdefault(
                    index,
                    Explanation(
                        "locked_unavailable",
                        {
                            "meeting": meeting.key,
                            "participant": culprit.key if culprit else "",
                            "participant_name": culprit.display_name if culprit else "",
                            **compiled.slot_params(slot),
                        },
                    ),
                )
                compiled.lock_problems.append(compiled.blocked[index])
            slots = [slot]
        elif not slots:
            compiled.blocked.setdefault(
                index, Explanation("no_common_slot", compiled.pair_params(index))
            )
        compiled.allowed.append([] if index in compiled.blocked else slots)


def _accept_consistent_locks(compiled: Compiled) -> None:
    """Keep locks in input order while they agree with the locks already kept.

    A lock that clashes (same participant, same table, one meeting too many for the
    tables of its slot, or for a participant's maximum of meetings) is rejected with an
    explanation and the meeting left unplaced: locks are the organiser's promises, so the
    engine never moves a meeting elsewhere.
    """
    busy: dict[tuple[int, int], int] = {}
    locked_of: Counter[int] = Counter()
    table_used: dict[tuple[int, int], int] = {}
    per_slot: dict[int, list[int]] = defaultdict(list)
    overflow: dict[int, list[int]] = defaultdict(list)
    participants = compiled.problem.participants
    for index, meeting in enumerate(compiled.problem.meetings):
        slot = meeting.locked_slot
        if slot is None or index in compiled.blocked:
            continue
        problem: Explanation | None = None
        for p in compiled.ends[index]:
            other = busy.get((p, slot))
            if other is not None:
                problem = Explanation(
                    "locked_participant_clash",
                    {
                        "participant": participants[p].key,
                        "participant_name": participants[p].display_name,
                        **compiled.slot_params(slot),
                        "meetings": [compiled.meeting_keys[other], meeting.key],
                    },
                )
                break
        table = compiled.fixed_table[index]
        if problem is None and table is not None and (slot, table) in table_used:
            problem = Explanation(
                "locked_table_clash",
                {
                    **compiled.slot_params(slot),
                    "table": table + 1,
                    "meetings": [compiled.meeting_keys[table_used[(slot, table)]], meeting.key],
                },
            )
        if problem is None:
            problem = over_maximum(compiled, index, locked_of)
        if problem is None and len(per_slot[slot]) >= compiled.tables:
            overflow[slot].append(index)
            continue
        if problem is not None:
            compiled.blocked[index] = problem
            compiled.allowed[index] = []
            compiled.lock_problems.append(problem)
            continue
        for p in compiled.ends[index]:
            busy[(p, slot)] = index
            locked_of[p] += 1
        if table is not None:
            table_used[(slot, table)] = index
        per_slot[slot].append(index)
    for slot, rejected in overflow.items():
        problem = Explanation(
            "slot_over_capacity",
            {
                **compiled.slot_params(slot),
                "meetings": len(per_slot[slot]) + len(rejected),
                "tables": compiled.tables,
            },
        )
        compiled.lock_problems.append(problem)
        for index in rejected:
            compiled.blocked[index] = problem
            compiled.allowed[index] = []


def over_maximum(
    compiled: Compiled, index: int, counts: Mapping[int, int] | Sequence[int]
) -> Explanation | None:
    """Why meeting `index` cannot be added to the `counts` of meetings its participants
    already have (locked, or placed) without going over one's maximum, or None."""
    for p in compiled.ends[index]:
        limit = compiled.max_meetings[p]
        if limit is not None and counts[p] >= limit:
            participant = compiled.problem.participants[p]
            return Explanation(
                "participant_over_maximum",
                {
                    "participant": participant.key,
                    "participant_name": participant.display_name,
                    "meetings": len(compiled.meetings_of[p]),
                    "maximum": limit,
                },
            )
    return None
