"""Small hand-made problems for the scheduling engine tests."""

from __future__ import annotations

from jumelage.engines.scheduling import Meeting, Participant, SchedulingProblem, Session


def make_problem(
    pairs: list[tuple[str, str]],
    *,
    slots: int | tuple[int, ...] = 4,
    tables: int = 10,
    forbidden: dict[str, set[int]] | None = None,
    names: dict[str, str] | None = None,
    **extra,
) -> SchedulingProblem:
    """Participants are the letters used in ``pairs``; meeting keys are "m1", "m2"..."""
    counts = (slots,) if isinstance(slots, int) else slots
    labels = ["morning", "afternoon", "evening"]
    sessions = tuple(Session(labels[i], labels[i], count) for i, count in enumerate(counts))
    people = sorted({person for pair in pairs for person in pair})
    forbidden = forbidden or {}
    names = names or {}
    return SchedulingProblem(
        sessions=sessions,
        tables=tables,
        participants=tuple(
            Participant(
                key=person,
                name=names.get(person, ""),
                forbidden_slots=frozenset(forbidden.get(person, set())),
            )
            for person in people
        ),
        meetings=tuple(
            Meeting(key=f"m{index + 1}", participants=pair) for index, pair in enumerate(pairs)
        ),
        **extra,
    )
