import json
from pathlib import Path

import pytest

from jumelage.engines.scheduling import (
    InstanceError,
    load_instance,
    schedule,
    schedule_instance_file,
    schedule_violations,
)

DATA = (
    Path(__file__).resolve().parents[3]
    / ".."
    / "shared"
    / "data"
    / "b2b-meeting-scheduling-instances"
)

SMALL = {
    "nBusiness": 4,
    "nMeetings": 3,
    "nTables": 1,
    "nTotalSlots": 4,
    "nMorningSlots": 2,
    "requested": [[1, 2, 1], [2, 3, 2], [3, 4, 3]],
    "forbidden": [[0], [0, 1], [0], [0]],
    "fixed": [0, 4, 0],
    "precedences": [[], [], []],
}


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_file_mode_returns_the_documented_output(tmp_path):
    path = write(tmp_path, SMALL)

    output = schedule_instance_file(path, time_limit=5)

    assert set(output) == {
        "status",
        "meetings",
        "scheduled",
        "breaks",
        "lower_bound",
        "seconds",
        "assignments",
        "unscheduled",
    }
    assert output["status"] == "optimal"
    assert (output["meetings"], output["scheduled"], output["breaks"]) == (3, 3, 0)
    assert output["lower_bound"] == 0
    assert output["unscheduled"] == []
    by_meeting = {row["meeting"]: row for row in output["assignments"]}
    assert sorted(by_meeting) == [1, 2, 3]
    assert by_meeting[1]["slot"] == 2  # morning, and participant 2 cannot attend slot 1
    assert by_meeting[2]["slot"] == 4  # fixed
    assert all(1 <= row["table"] <= 1 for row in output["assignments"])


def test_loader_reads_sessions_forbidden_slots_fixed_meetings_and_precedences():
    data = {**SMALL, "precedences": [[], [], [1]]}

    problem = load_instance(data, name="small.json")

    assert [(s.key, s.slot_count) for s in problem.sessions] == [("morning", 2), ("afternoon", 2)]
    assert problem.participants[1].forbidden_slots == frozenset({0})
    assert problem.meetings[0].sessions == frozenset({"morning"})
    assert problem.meetings[2].sessions is None
    assert problem.meetings[1].locked_slot == 3
    assert [(p.before, p.after) for p in problem.precedences] == [("1", "3")]


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"nTables": None}, "nTables", "missing field"),
        ({"nTables": "12"}, "nTables", 'expected an integer, got "12"'),
        (
            {"requested": [[1, 2, 1], [2, 9, 2], [3, 4, 3]]},
            "requested[1][1]",
            "9 is out of range 1..4",
        ),
        (
            {"requested": [[1, 2, 1], [2, 3, 4], [3, 4, 3]]},
            "requested[1][2]",
            "4 is out of range 1..3",
        ),
        ({"requested": [[1, 2, 1]]}, "requested", "expected 3 entries, got 1"),
        ({"forbidden": [[0], [0], [0]]}, "forbidden", "expected 4 entries, got 3"),
        ({"fixed": [0, 5, 0]}, "fixed[1]", "5 is out of range 0..4"),
        (
            {"requested": [[1, 1, 1], [2, 3, 2], [3, 4, 3]]},
            "requested[0]",
            "participant 1 cannot meet themselves",
        ),
    ],
)
def test_bad_input_names_the_file_and_the_field(tmp_path, change, field, problem):
    data = {**SMALL, **change}
    data = {key: value for key, value in data.items() if value is not None}
    path = write(tmp_path, data)

    with pytest.raises(InstanceError) as caught:
        schedule_instance_file(path, time_limit=1)

    assert caught.value.file == str(path)
    assert caught.value.field == field
    assert str(caught.value) == f"{path}: {field}: {problem}"


def test_unreadable_json_is_an_instance_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")

    with pytest.raises(InstanceError) as caught:
        load_instance(path)

    assert caught.value.file == str(path)
    assert "not valid JSON" in str(caught.value)


def test_unschedulable_meetings_are_listed_with_reasons(tmp_path):
    data = {
        **SMALL,
        "nMeetings": 4,
        "requested": [[1, 2, 1], [1, 3, 1], [1, 4, 1], [2, 3, 2]],
        "fixed": [0, 0, 0, 0],
        "precedences": [[], [], [], []],
    }

    output = schedule_instance_file(write(tmp_path, data), time_limit=5)

    assert output["status"] == "infeasible"
    assert output["scheduled"] == 3
    assert [row["reason"] for row in output["unscheduled"]] == ["participant_session_overloaded"]
    assert output["unscheduled"][0]["message"] == (
        "participant 1 has 3 meetings restricted to the morning session but is available "
        "in 2 of its slots"
    )


@pytest.mark.skipif(
    not (DATA / "tic-12.json").exists(), reason="benchmark instances not present in ../shared/data"
)
def test_real_event_tic_12_is_fully_scheduled_and_valid():
    problem = load_instance(DATA / "tic-12.json")

    result = schedule(problem, time_limit=20)

    assert len(result.placements) == 125
    assert result.unplaced == ()
    assert schedule_violations(problem, result.placements) == []
    assert result.total_breaks == 0  # the published optimum (Bofill et al., JAIR 2022)
