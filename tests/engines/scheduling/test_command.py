import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .test_instance_file import SMALL, write


def test_command_writes_the_schedule_to_the_output_file(tmp_path):
    out = tmp_path / "schedule.json"

    call_command(
        "schedule_instance",
        str(write(tmp_path, SMALL)),
        "--time-limit",
        "5",
        "--out",
        str(out),
        "--quiet",
    )

    output = json.loads(out.read_text(encoding="utf-8"))
    assert output["status"] == "optimal"
    assert output["scheduled"] == 3
    assert [row["meeting"] for row in output["assignments"]] == [1, 2, 3]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_command_prints_to_stdout_without_out(tmp_path, capsys):
    call_command("schedule_instance", str(write(tmp_path, SMALL)), "--time-limit", "5", "--quiet")

    assert json.loads(capsys.readouterr().out)["meetings"] == 3


def test_command_exits_with_status_2_on_bad_input(tmp_path):
    path = write(tmp_path, {**SMALL, "requested": [[1, 2, 1], [2, 7, 2], [3, 4, 3]]})
    out = tmp_path / "schedule.json"

    with pytest.raises(CommandError) as caught:
        call_command("schedule_instance", str(path), "--out", str(out))

    assert caught.value.returncode == 2
    assert str(caught.value) == f"{path}: requested[1][1]: 7 is out of range 1..4"
    assert not out.exists()
