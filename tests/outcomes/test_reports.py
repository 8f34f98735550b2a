"""The PDF, the spreadsheet and the plan-report command show the selector's numbers."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from tests.outcomes.conftest import PLAN_NAME
from tests.outcomes.test_figures import EXPECTED_FUNNEL


def test_the_pdf_report_is_a_pdf_named_after_the_plan(client, plan, records, manager):
    client.force_login(manager)
    response = client.get(f"/fr/plans/{plan.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF")
    title = ("\ufeff" + PLAN_NAME).encode("utf-16-be").hex().encode()
    assert b"/Title <" + title + b">" in content
    assert content.count(b"/Type /Page\n") >= 2


def test_the_spreadsheet_holds_the_exact_figures(client, plan, records, manager):
    client.force_login(manager)
    response = client.get(f"/en/plans/{plan.pk}/report.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Figures",
        "Outcomes by sector",
        "Outcomes by region",
        "Outcomes by action",
        "Outcomes",
    ]
    rows = [tuple(r) for r in book["Figures"].iter_rows(values_only=True)]
    assert rows[0][:2] == ("Plan", PLAN_NAME)
    stages = dict(r[:2] for r in rows[7:16])
    assert stages == {
        "Contacts": 5,
        "Expressions of interest": 2,
        "Meetings requested": 5,
        "Meetings held": 2,
        "Agreements": 2,
        "Contracts": 1,
        "Joint R&D projects": 1,
        "SMEs created": 1,
        "Jobs created or kept": 7,
    }
    sectors = {
        r[0]: r[1:] for r in book["Outcomes by sector"].iter_rows(min_row=2, values_only=True)
    }
    assert sectors["Aerospace"] == (4, 1, 1, 0, 1, 4)
    outcomes = list(book["Outcomes"].iter_rows(min_row=2, values_only=True))
    assert [o[2] for o in outcomes] == [
        "Avionics agreement",
        "Sensor contract",
        "Joint optics project",
        "Lens licence",
        "Jobs at Azur",
        "Jobs at Bleu",
        "Azur Tomsk LLC",
    ]
    assert outcomes[1][6:8] == (150000, "EUR")


def test_the_spreadsheet_speaks_the_users_language(client, plan, records, manager):
    client.force_login(manager)
    book = load_workbook(io.BytesIO(client.get(f"/ru/plans/{plan.pk}/report.xlsx").content))
    with translation.override("ru"):
        expected = (gettext("Figures"), gettext("Plan"))
    assert (book.sheetnames[0], book.worksheets[0]["A1"].value) == expected


def test_the_command_writes_json_of_exactly_the_documented_shape(plan, records, tmp_path):
    out = tmp_path / "report.json"
    call_command(
        "plan_report",
        plan=plan.pk,
        format="json",
        out=str(out),
        date_from="2026-01-01",
        date_to="2028-12-31",
        quiet=True,
    )
    data = json.loads(out.read_text())
    assert list(data) == [
        "plan",
        "period",
        "funnel",
        "by_sector",
        "by_region",
        "by_action",
        "objectives",
        "data_version",
    ]
    assert data["period"] == {"from": "2026-01-01", "to": "2028-12-31"}
    assert data["funnel"] == EXPECTED_FUNNEL
    assert list(data["funnel"]) == list(EXPECTED_FUNNEL)
    assert all(set(o) == {"name", "target", "actual"} for o in data["objectives"])
    assert data["objectives"][0] == {"name": "agreements", "target": 4, "actual": 2}
    assert isinstance(data["data_version"], int) and data["data_version"] > 0
    assert data["by_region"]["FRL0"]["outcomes"] == 7


@pytest.mark.parametrize(
    "fmt, start", [("csv", b"table,key,value"), ("xlsx", b"PK"), ("pdf", b"%PDF")]
)
def test_the_command_writes_every_format(plan, records, tmp_path, fmt, start):
    out = tmp_path / f"report.{fmt}"
    call_command("plan_report", plan=plan.pk, format=fmt, out=str(out), quiet=True)
    assert out.read_bytes().startswith(start)


def test_the_command_refuses_a_bad_date_with_exit_status_2(plan, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command(
            "plan_report",
            plan=plan.pk,
            format="json",
            out=str(tmp_path / "x.json"),
            date_from="2026-13-01",
            quiet=True,
        )
    assert error.value.returncode == 2
    assert "--from must be a date as YYYY-MM-DD" in str(error.value)
    assert not (tmp_path / "x.json").exists()
