"""Meeting scheduling engine: place one-to-one meetings in slots and at tables.

Pure Python (OR-Tools CP-SAT for optimisation), no Django. The app calls :func:`schedule`
with a :class:`SchedulingProblem` and gets a validated :class:`ScheduleResult`; file mode
(`jumelage schedule-instance`) goes through :func:`schedule_instance_file`.
"""

from .instance_file import InstanceError, load_instance, result_to_dict, schedule_instance_file
from .model import (
    MESSAGES,
    Explanation,
    Meeting,
    Participant,
    Placement,
    Precedence,
    Priority,
    ScheduleResult,
    SchedulingProblem,
    Session,
    Status,
    UnplacedMeeting,
)
from .solver import SolverOptions, schedule
from .validator import ScheduleValidationError, assert_valid, count_breaks, schedule_violations

__all__ = [
    "MESSAGES",
    "Explanation",
    "InstanceError",
    "Meeting",
    "Participant",
    "Placement",
    "Precedence",
    "Priority",
    "ScheduleResult",
    "ScheduleValidationError",
    "SchedulingProblem",
    "Session",
    "SolverOptions",
    "Status",
    "UnplacedMeeting",
    "assert_valid",
    "count_breaks",
    "load_instance",
    "result_to_dict",
    "schedule",
    "schedule_instance_file",
    "schedule_violations",
]
