"""`jumelage export-directory` and the CSV, XLSX and JSON Lines it writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from jumelage.directory.exports import COLUMNS
from jumelage.directory.models import Organisation
from jumelage.directory.records import check_organisation
from tests.factories import OrganisationFactory

FIXTURES = Path(__file__).parent / "fixtures"
ORGANISATIONS = FIXTURES / "organisations.jsonl"

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> str:
    stdout = io.StringIO()
    call_command(command, *args, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


def fixture_records() -> list[dict]:
    return [json.loads(line) for line in ORGANISATIONS.read_text().splitlines() if line.strip()]


def cleaned(record: dict) -> dict:
    """A record as the importer sees it, without what an export cannot carry (memberships)."""
    result, problems = check_organisation(record)
    assert problems == []
    result.pop("members_of")
    return result


@pytest.fixture
def imported():
    run("import_directory", str(ORGANISATIONS), "--source", "a")


def test_jsonl_export_imported_into_a_new_source_gives_the_same_records(imported, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"

    out = run("export_directory", "--format", "jsonl", "--out", str(first), "--source", "a")
    run("import_directory", str(first), "--source", "b")
    run("export_directory", "--format", "jsonl", "--out", str(second), "--source", "b")

    assert out == f"4 organisations exported to {first}.\n"
    assert second.read_bytes() == first.read_bytes()
    assert Organisation.objects.filter(source="b").count() == 4
    exported = {r["id"]: cleaned(r) for r in map(json.loads, first.read_text().splitlines())}
    assert exported == {r["id"]: cleaned(r) for r in fixture_records()}


def test_jsonl_export_keeps_non_latin_text_readable(imported, tmp_path):
    out = tmp_path / "all.jsonl"

    run("export_directory", "--out", str(out))

    assert "Московский физико-технический институт" in out.read_text(encoding="utf-8")


def test_csv_export_has_the_columns_and_joins_lists_with_semicolons(imported, tmp_path):
    out = tmp_path / "all.csv"

    run("export_directory", "--format", "csv", "--out", str(out))

    content = out.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert list(rows[0]) == COLUMNS
    lam = next(row for row in rows if row["id"] == "t:lam")
    assert lam == {
        **dict.fromkeys(COLUMNS, ""),
        "id": "t:lam",
        "name": "Laboratoire d'Astrophysique de Marseille",
        "aliases": "LAM",
        "kind": "research_lab",
        "country": "FR",
        "region": "FRL0",
        "city": "Marseille",
        "website": "https://www.lam.fr",
        "sectors": "aerospace; photonics",
        "keywords": "adaptive optics; space telescopes",
        "activities": "72.19",
        "siren": "732829320",
        "pic": "999999999",
        "description_fr": "Astrophysique et instrumentation",
        "description_en": "Astrophysics and instrumentation",
    }
    mipt = next(row for row in rows if row["id"] == "t:mipt")
    assert (mipt["name_en"], mipt["aliases"]) == (
        "Moscow Institute of Physics and Technology",
        "MIPT; МФТИ",
    )


def test_xlsx_export_has_the_columns_and_keeps_formula_like_names_as_text(imported, tmp_path):
    OrganisationFactory(name='=HYPERLINK("http://evil")', external_id="t:eq", source="a")
    out = tmp_path / "all.xlsx"

    run("export_directory", "--out", str(out), "--source", "a")

    workbook = load_workbook(out, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 6
    by_id = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_id["t:eq"]["name"] == '=HYPERLINK("http://evil")'
    assert by_id["t:mipt"]["inn"] == "7707083893"
    assert by_id["t:azur"]["legal_form"] == "SAS"


def test_export_replaces_an_existing_file_without_leaving_temporary_files(imported, tmp_path):
    out = tmp_path / "all.csv"
    out.write_text("old content")

    run("export_directory", "--out", str(out), "--country", "RU")

    assert [path.name for path in tmp_path.iterdir()] == ["all.csv"]
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows] == ["id", "t:mipt"]


def test_export_filters_leave_archived_organisations_out_unless_asked(imported, tmp_path):
    Organisation.objects.filter(external_id="t:safe").update(archived=True)
    without, with_archived = tmp_path / "without.jsonl", tmp_path / "with.jsonl"

    run("export_directory", "--out", str(without), "--kind", "cluster")
    run("export_directory", "--out", str(with_archived), "--kind", "cluster", "--include-archived")

    assert without.read_text() == ""
    assert [json.loads(line)["id"] for line in with_archived.read_text().splitlines()] == ["t:safe"]


def test_export_without_a_known_format_is_bad_input(tmp_path):
    with pytest.raises(CommandError) as raised:
        run("export_directory", "--out", str(tmp_path / "all.txt"))

    assert raised.value.returncode == 2
    assert str(raised.value) == "Say which format to write with --format (csv, xlsx or jsonl)."


def test_export_into_a_missing_directory_is_bad_input(tmp_path):
    out = tmp_path / "nowhere" / "all.csv"

    with pytest.raises(CommandError) as raised:
        run("export_directory", "--out", str(out))

    assert raised.value.returncode == 2
    assert str(raised.value) == f"{out}: the directory {out.parent} does not exist"
