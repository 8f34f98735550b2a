"""File mode: the JSON instances of the B2B meeting scheduling benchmark (Bofill et al.).

Fields (1-based participants, meetings and slots): ``nBusiness``, ``nMeetings``,
``nTables``, ``nTotalSlots``, ``nMorningSlots``, ``requested`` (rows ``[a, b, session]``,
session 1 = morning, 2 = afternoon, 3 = either), and optionally ``forbidden`` (per
participant, ``0`` is a sentinel), ``fixed`` (per meeting, ``0`` = free) and
``precedences`` (per meeting, the meetings that must come before it).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .model import Meeting, Participant, Precedence, ScheduleResult, SchedulingProblem, Session
from .solver import schedule

MORNING = "morning"
AFTERNOON = "afternoon"


class InstanceError(ValueError):
    """Bad input: names the file (``file``) and the field at fault (``field``)."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        super().__init__(f"{file}: {field}: {problem}")
        self.file = file
        self.field = field
        self.problem = problem


def load_instance(
    source: str | Path | Mapping[str, Any], *, name: str | None = None
) -> SchedulingProblem:
    """Read an instance from a path or an already parsed dict.

    Participants get keys ``"1"``…``"n"`` and meetings ``"1"``…``"m"`` (the row of
    ``requested``); slot ``k`` of the file is slot ``k - 1`` of the problem. Raises
    InstanceError naming the file and the field on any malformed or inconsistent value.
    """
    if isinstance(source, Mapping):
        data: Any = source
        file = name or "<instance>"
    else:
        path = Path(source)
        file = name or str(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise InstanceError(file, "-", f"cannot read the file ({error.strerror})") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise InstanceError(file, "-", f"not valid JSON ({error})") from error
    if not isinstance(data, Mapping):
        raise InstanceError(file, "-", "the instance must be a JSON object")
    return _Reader(file, data).problem()


class _Reader:
    def __init__(self, file: str, data: Mapping[str, Any]) -> None:
        self.file = file
        self.data = data

    def fail(self, field: str, problem: str) -> InstanceError:
        return InstanceError(self.file, field, problem)

    def integer(self, field: str, value: Any, low: int, high: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"expected an integer, got {json.dumps(value)}")
        if value < low or (high is not None and value > high):
            upper = "" if high is None else f"..{high}"
            raise self.fail(field, f"{value} is out of range {low}{upper}")
        return value

    def field(self, field: str) -> Any:
        if field not in self.data:
            raise self.fail(field, "missing field")
        return self.data[field]

    def array(self, field: str, value: Any, length: int | None = None) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {type(value).__name__}")
        if length is not None and len(value) != length:
            raise self.fail(field, f"expected {length} entries, got {len(value)}")
        return value

    def problem(self) -> SchedulingProblem:
        participants = self.integer("nBusiness", self.field("nBusiness"), 0)
        meeting_count = self.integer("nMeetings", self.field("nMeetings"), 0)
        tables = self.integer("nTables", self.field("nTables"), 0)
        slots = self.integer("nTotalSlots", self.field("nTotalSlots"), 1)
        morning = self.integer("nMorningSlots", self.field("nMorningSlots"), 0, slots)
        requested = self.array("requested", self.field("requested"), meeting_count)

        forbidden_rows = self.array(
            "forbidden", self.data.get("forbidden", [[]] * participants), participants
        )
        forbidden: list[frozenset[int]] = []
        for p, row in enumerate(forbidden_rows):
            field = f"forbidden[{p}]"
            values = self.array(field, row)
            # 0 is the MiniZinc copy's sentinel for "no forbidden slot".
            cleaned = {self.integer(f"{field}[{i}]", v, 0, slots) for i, v in enumerate(values)}
            forbidden.append(frozenset(slot - 1 for slot in cleaned if slot))
        fixed = self.array("fixed", self.data.get("fixed", [0] * meeting_count), meeting_count)
        precedence_rows = self.array(
            "precedences", self.data.get("precedences", [[]] * meeting_count), meeting_count
        )

        meetings: list[Meeting] = []
        for index, row in enumerate(requested):
            field = f"requested[{index}]"
            values = self.array(field, row, 3)
            a = self.integer(f"{field}[0]", values[0], 1, participants)
            b = self.integer(f"{field}[1]", values[1], 1, participants)
            if a == b:
                raise self.fail(field, f"participant {a} cannot meet themselves")
            session = self.integer(f"{field}[2]", values[2], 1, 3)
            sessions = {1: frozenset({MORNING}), 2: frozenset({AFTERNOON}), 3: None}[session]
            fixed_slot = self.integer(f"fixed[{index}]", fixed[index], 0, slots)
            meetings.append(
                Meeting(
                    key=str(index + 1),
                    participants=(str(a), str(b)),
                    sessions=sessions,
                    locked_slot=fixed_slot - 1 if fixed_slot else None,
                )
            )
        precedences: list[Precedence] = []
        for index, row in enumerate(precedence_rows):
            field = f"precedences[{index}]"
            for i, value in enumerate(self.array(field, row)):
                before = self.integer(f"{field}[{i}]", value, 1, meeting_count)
                precedences.append(Precedence(before=str(before), after=str(index + 1)))

        return SchedulingProblem(
            sessions=(
                Session(MORNING, "morning", morning),
                Session(AFTERNOON, "afternoon", slots - morning),
            ),
            tables=tables,
            participants=tuple(
                Participant(
                    key=str(p + 1), name=f"participant {p + 1}", forbidden_slots=forbidden[p]
                )
                for p in range(participants)
            ),
            meetings=tuple(meetings),
            precedences=tuple(precedences),
        )


def result_to_dict(problem: SchedulingProblem, result: ScheduleResult) -> dict[str, Any]:
    """The output object of INTERFACES.md §4 (1-based meetings, slots and tables)."""
    order = {meeting.key: index for index, meeting in enumerate(problem.meetings)}
    assignments = sorted(
        (
            {"meeting": order[key] + 1, "slot": placement.slot + 1, "table": placement.table + 1}
            for key, placement in result.placements.items()
        ),
        key=lambda row: row["meeting"],
    )
    unscheduled = [
        {
            "meeting": order[item.meeting] + 1,
            "reason": item.reason.code,
            "params": dict(item.reason.params),
            "message": item.reason.message,
        }
        for item in sorted(result.unplaced, key=lambda item: order[item.meeting])
    ]
    return {
        "status": result.status.value,
        "meetings": len(problem.meetings),
        "scheduled": len(result.placements),
        "breaks": result.total_breaks,
        "lower_bound": result.lower_bound,
        "seconds": result.seconds,
        "assignments": assignments,
        "unscheduled": unscheduled,
    }


def schedule_instance_file(
    path: str | Path, time_limit: float = 60.0, *, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Schedule one JSON instance file and return the §4 output dict.

    ``time_limit`` bounds the whole run, reading included; ``progress`` receives one-line
    reports of the phases. Raises InstanceError on bad input.
    """
    started = time.perf_counter()
    problem = load_instance(path)
    left = max(time_limit - (time.perf_counter() - started), 0.1)
    output = result_to_dict(problem, schedule(problem, time_limit=left, progress=progress))
    output["seconds"] = round(time.perf_counter() - started, 3)
    return output
