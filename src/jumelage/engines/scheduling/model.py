"""Plain data in and out of the scheduling engine.

Conventions used everywhere in this package:

- Slots are numbered globally from 0 in time order; sessions own consecutive runs of slots
  (the morning session is slots 0..k-1, the afternoon k..n-1, and so on). A gap between two
  sessions (lunch, night) is never an idle gap for anyone.
- Tables are numbered from 0 up to ``tables - 1``.
- Participants and meetings are referred to by their ``key`` (any stable string).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class Priority(enum.IntEnum):
    """How much placing a meeting matters; higher tiers win lexicographically."""

    NICE_TO_HAVE = 1
    MUTUAL = 2
    MUST_MEET = 3


class Status(enum.StrEnum):
    """Outcome of a scheduling run (the values are those of the file interface)."""

    OPTIMAL = "optimal"  # everything placed and the breaks proven minimal
    FEASIBLE = "feasible"  # everything placed
    PARTIAL = "partial"  # some meetings unplaced, not proven unavoidable
    INFEASIBLE = "infeasible"  # proven that not every meeting can be placed


@dataclass(frozen=True)
class Session:
    """A run of consecutive slots (a morning, an afternoon)."""

    key: str
    label: str
    slot_count: int


@dataclass(frozen=True)
class Participant:
    """Someone who sits at meetings.

    ``forbidden_slots`` are global slot numbers the participant cannot attend,
    ``max_meetings`` caps how many of their meetings may be placed, and ``host_table``
    pins every meeting of this participant to one table (a host at a fixed stand).
    """

    key: str
    name: str = ""
    forbidden_slots: frozenset[int] = frozenset()
    max_meetings: int | None = None
    host_table: int | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.key


@dataclass(frozen=True)
class Meeting:
    """A one-to-one meeting to place.

    ``sessions`` restricts the meeting to the sessions with these keys (``None``: any).
    ``locked_slot`` (and optionally ``locked_table``) pin the meeting where an organiser put it.
    """

    key: str
    participants: tuple[str, str]
    priority: Priority = Priority.MUST_MEET
    sessions: frozenset[str] | None = None
    locked_slot: int | None = None
    locked_table: int | None = None


@dataclass(frozen=True)
class Placement:
    """Where a meeting takes place."""

    slot: int
    table: int


@dataclass(frozen=True)
class Precedence:
    """Meeting ``before`` must take place in an earlier slot than meeting ``after``."""

    before: str
    after: str


@dataclass(frozen=True)
class SchedulingProblem:
    """Everything the engine needs to schedule one event.

    ``published`` is the schedule participants have already seen (meeting key to placement);
    when given, the engine moves as few of those meetings as it can once the first two
    objectives are met. ``max_breaks_per_participant`` caps anyone's idle gaps (fairness)
    in the exact search; meetings are never dropped for it, and when the exact search finds
    nothing within the cap the best schedule found is returned as it is.
    """

    sessions: tuple[Session, ...]
    tables: int
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]
    precedences: tuple[Precedence, ...] = ()
    published: Mapping[str, Placement] = field(default_factory=lambda: MappingProxyType({}))
    max_breaks_per_participant: int | None = None

    @property
    def slot_count(self) -> int:
        return sum(session.slot_count for session in self.sessions)


@dataclass(frozen=True)
class Explanation:
    """Why something cannot be done, as a stable ``code`` with ``params``.

    Codes and their params (participants are given by key plus ``*_name`` for display;
    ``slot`` is 1-based within its session; ``session`` is a session key plus
    ``session_label``):

    - ``participant_overloaded`` {participant, participant_name, meetings, available_slots}:
      more meetings to place than slots in which the participant is available.
    - ``participant_session_overloaded`` {participant, participant_name, session,
      session_label, meetings, available_slots}: same, counting only meetings restricted to
      one session.
    - ``participant_over_maximum`` {participant, participant_name, meetings, maximum}:
      more meetings than the participant's maximum.
    - ``session_over_capacity`` {session, session_label, meetings, capacity}: meetings
      restricted to a session exceed its slots times tables.
    - ``event_over_capacity`` {meetings, capacity}: more meetings than slots times tables.
    - ``slot_over_capacity`` {session, session_label, slot, meetings, tables}: more meetings
      locked into one slot than there are tables.
    - ``locked_participant_clash`` {participant, participant_name, session, session_label,
      slot, meetings}: two locked meetings of one participant in the same slot.
    - ``locked_table_clash`` {session, session_label, slot, table, meetings}: two meetings
      pinned to the same table in the same slot (``table`` is 1-based).
    - ``locked_unavailable`` {meeting, participant, participant_name, session,
      session_label, slot}: a meeting locked into a slot its participant cannot attend or
      outside the sessions it is restricted to (then ``participant`` is empty).
    - ``host_table_clash`` {meeting, participant_a, participant_a_name, participant_b,
      participant_b_name}: both participants host at fixed, different tables.
    - ``no_common_slot`` {meeting, participant_a, participant_a_name, participant_b,
      participant_b_name}: no slot where both are available (in the allowed sessions).
    - ``precedence_cycle`` {meetings}: precedences that can never all hold.
    - ``no_room_left`` {meeting, participant_a, participant_a_name, participant_b,
      participant_b_name}: placing this meeting would displace more valuable meetings.

    ``message`` renders the English text; translations are built from code and params.
    """

    code: str
    params: Mapping[str, object]

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code)
        if template is None:
            return f"{self.code}: {dict(self.params)}"
        return template.format_map(_Rendered(self.params))


class _Rendered(dict[str, object]):
    """Formats params for the English templates (lists as comma-separated text)."""

    def __init__(self, params: Mapping[str, object]) -> None:
        super().__init__(params)

    def __getitem__(self, key: str) -> object:
        value = super().__getitem__(key)
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value


MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "participant_overloaded": (
            "{participant_name} has {meetings} accepted meetings but is available "
            "in {available_slots} slots"
        ),
        "participant_session_overloaded": (
            "{participant_name} has {meetings} meetings restricted to the {session_label} "
            "session but is available in {available_slots} of its slots"
        ),
        "participant_over_maximum": (
            "{participant_name} has {meetings} accepted meetings but accepts at most {maximum}"
        ),
        "session_over_capacity": (
            "the {session_label} session has {meetings} meetings for {capacity} places "
            "(slots times tables)"
        ),
        "event_over_capacity": "the event has {meetings} meetings for {capacity} places",
        "slot_over_capacity": (
            "slot {slot} of the {session_label} session has {meetings} meetings for {tables} tables"
        ),
        "locked_participant_clash": (
            "{participant_name} has meetings {meetings} locked in slot {slot} of the "
            "{session_label} session"
        ),
        "locked_table_clash": (
            "meetings {meetings} are pinned to table {table} in slot {slot} of the "
            "{session_label} session"
        ),
        "locked_unavailable": (
            "meeting {meeting} is locked in slot {slot} of the {session_label} session, "
            "where it cannot take place"
        ),
        "host_table_clash": (
            "{participant_a_name} and {participant_b_name} both host at their own table, "
            "so meeting {meeting} has nowhere to sit"
        ),
        "no_common_slot": (
            "{participant_a_name} and {participant_b_name} are never available in the same slot"
        ),
        "precedence_cycle": "meetings {meetings} must each come before the next, in a circle",
        "no_room_left": (
            "no slot is left where both {participant_a_name} and {participant_b_name} are "
            "free and a table is available without displacing more important meetings"
        ),
    }
)


@dataclass(frozen=True)
class UnplacedMeeting:
    """A meeting the schedule leaves out, and why."""

    meeting: str
    reason: Explanation


@dataclass(frozen=True)
class ScheduleResult:
    """A validated schedule.

    ``breaks`` gives every participant's idle gaps (summed over sessions); ``lower_bound``
    is a proven lower bound on ``total_breaks`` for the number of meetings placed (``None``
    when unknown); ``changes`` counts published meetings that moved (slot or table) or were
    dropped. ``explanations`` lists the necessary conditions found violated before solving.
    """

    status: Status
    placements: Mapping[str, Placement]
    unplaced: tuple[UnplacedMeeting, ...]
    breaks: Mapping[str, int]
    lower_bound: int | None
    seconds: float
    changes: int = 0
    explanations: tuple[Explanation, ...] = ()

    @property
    def total_breaks(self) -> int:
        return sum(self.breaks.values())

    @property
    def max_breaks(self) -> int:
        return max(self.breaks.values(), default=0)
