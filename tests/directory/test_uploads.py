"""Uploading a directory file in the browser: read, preview with problems, commit."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from jumelage.core.errors import InputError
from jumelage.directory.exports import export_organisations
from jumelage.directory.models import ImportBatch, Organisation
from jumelage.directory.records import check_organisation
from jumelage.directory.uploads import check_upload, commit_batch, restart_if_stalled
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, give_role
from tests.worker import run_worker

FIXTURES = Path(__file__).parent / "fixtures"
ORGANISATIONS = FIXTURES / "organisations.jsonl"
HEADER = ["id", "name", "kind", "country", "city", "sectors", "activities", "siren"]
BAD_COUNTRY = "must be an ISO 3166-1 alpha-2 code such as FR or RU"

pytestmark = pytest.mark.django_db


def csv_bytes(rows: list[list], *, delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_ROWS = [
    HEADER,
    ["up:1", "Photonique Provence", "sme", "FR", "Marseille", "photonics; aerospace", "26.70", ""],
    ["up:2", "Казанский оптический завод", "company", "RU", "Казань", "photonics", "", ""],
]


def upload(client, name: str, content: bytes, source: str = "upload"):
    """Post a file as the upload page does; its check runs as the task backend would, on commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("directory:import_upload"),
            {"file": SimpleUploadedFile(name, content), "source": source},
        )


def commit(client, batch: ImportBatch, **extra):
    """Ask for the import as the preview page does; it runs as the task backend would, on
    commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("directory:import_commit", args=[batch.pk]), **extra)


def fixture_records() -> list[dict]:
    return [json.loads(line) for line in ORGANISATIONS.read_text().splitlines() if line.strip()]


def comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in {"_line", "members_of"}}


@pytest.fixture
def manager_client(client, programme_manager):
    client.force_login(programme_manager)
    return client


# Reading files


def test_csv_with_semicolons_and_a_bom_is_read_as_records():
    content = csv_bytes(GOOD_ROWS, delimiter=";", bom=True)

    records, problems = check_upload(name="excel.csv", content=content)

    assert problems == []
    assert [(r["_line"], r["id"], r["name"]) for r in records] == [
        (2, "up:1", "Photonique Provence"),
        (3, "up:2", "Казанский оптический завод"),
    ]
    assert records[0]["sectors"] == ["photonics", "aerospace"]
    assert records[0]["activities"] == ["26.70"]
    assert records[1]["kind"] == "company"


def test_csv_export_read_back_gives_the_same_records():
    call_command("import_directory", str(ORGANISATIONS), "--source", "a", stdout=io.StringIO())
    content, _type, _ext = export_organisations(Organisation.objects.all(), "csv")

    records, problems = check_upload(name="export.csv", content=content)

    assert problems == []
    expected = {r["id"]: comparable(check_organisation(r)[0]) for r in fixture_records()}
    assert {r["id"]: comparable(r) for r in records} == expected


def test_xlsx_export_read_back_gives_the_same_records():
    call_command("import_directory", str(ORGANISATIONS), "--source", "a", stdout=io.StringIO())
    content, _type, _ext = export_organisations(Organisation.objects.all(), "xlsx")

    records, problems = check_upload(name="export.xlsx", content=content)

    assert problems == []
    expected = {r["id"]: comparable(check_organisation(r)[0]) for r in fixture_records()}
    assert {r["id"]: comparable(r) for r in records} == expected


def test_numbers_typed_in_a_spreadsheet_are_read_as_text():
    content = xlsx_bytes([HEADER, ["up:1", "Numbers SAS", "sme", "FR", "", "", "", 732829320]])

    records, problems = check_upload(name="numbers.xlsx", content=content)

    assert problems == []
    assert records[0]["identifiers"] == {"siren": "732829320"}


def test_blank_rows_are_skipped_and_row_numbers_kept():
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], [""] * len(HEADER), GOOD_ROWS[2]]

    records, _problems = check_upload(name="gaps.csv", content=csv_bytes(rows))

    assert [r["_line"] for r in records] == [2, 4]


def test_an_unknown_column_is_a_problem_of_the_header_row():
    rows = [[*HEADER, "sector"], [*GOOD_ROWS[1], "photonics"]]

    _records, problems = check_upload(name="typo.csv", content=csv_bytes(rows))

    assert [(p.line, p.field) for p in problems] == [(1, "sector")]
    assert problems[0].message.startswith("is not a known column; the columns are: id, name,")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "latin1.csv",
            "id,name,country\n1,Société,FR\n".encode("latin-1"),
            "latin1.csv: not UTF-8 text; in Excel, save it as “CSV UTF-8”.",
            id="not-utf8",
        ),
        pytest.param(
            "broken.xlsx",
            b"PK\x03\x04 this is not a workbook",
            "broken.xlsx: cannot be read as an XLSX workbook.",
            id="broken-xlsx",
        ),
        pytest.param(
            "old.xls",
            b"\xd0\xcf\x11\xe0",
            "old.xls: old Excel files (.xls) cannot be read; save it as .xlsx or CSV UTF-8.",
            id="xls",
        ),
        pytest.param(
            "notes.pdf",
            b"%PDF-1.4",
            "notes.pdf: choose a CSV, XLSX or JSON Lines (.jsonl) file.",
            id="pdf",
        ),
        pytest.param(
            "no-header.csv",
            b"up:1,Photonique Provence,FR\n",
            "no-header.csv: the first row must name the columns; id, name, country missing. "
            "Export the directory to get a file with every column.",
            id="no-header",
        ),
        pytest.param(
            "header-only.csv",
            b"id,name,country\n",
            "header-only.csv: there is no organisation in this file.",
            id="header-only",
        ),
        pytest.param("empty.csv", b"", "empty.csv: the file is empty.", id="empty"),
    ],
)
def test_a_file_that_cannot_be_read_is_an_input_error(name, content, message):
    with pytest.raises(InputError) as raised:
        check_upload(name=name, content=content)

    assert raised.value.message == message


def test_a_jsonl_line_that_is_not_json_is_a_problem_of_that_line():
    content = b'{"id": "j:1", "name": "One", "country": "FR"}\n{"id": "j:2",\n'

    records, problems = check_upload(name="lines.jsonl", content=content)

    assert [r["id"] for r in records] == ["j:1"]
    assert [p.as_dict() for p in problems] == [
        {
            "line": 2,
            "field": "",
            "message": "not valid JSON (Expecting property name enclosed in double quotes)",
        }
    ]


def test_a_jsonl_line_that_is_not_an_object_is_previewed_as_a_problem(manager_client):
    content = b'{"id": "j:1", "name": "One", "country": "FR"}\n["j:2", "Two"]\n'

    upload(manager_client, "lines.jsonl", content)

    assert ImportBatch.objects.get().problems == [
        {"line": 2, "field": "", "message": "each line must be a JSON object"}
    ]


# The pages


def test_upload_page_shows_the_form_to_a_programme_manager(manager_client):
    response = manager_client.get(reverse("directory:import_upload"))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'name="source"' in content
    assert 'value="import"' in content


def test_a_csv_with_one_bad_row_is_previewed_with_its_problem_and_cannot_be_committed(
    manager_client,
):
    rows = [*GOOD_ROWS, ["up:3", "Bad Country Ltd", "sme", "France", "", "", "", ""]]
    organisations_before = Organisation.objects.count()

    response = upload(manager_client, "partners.csv", csv_bytes(rows))

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:import_preview", args=[batch.pk])
    assert batch.problems == [{"line": 4, "field": "country", "message": BAD_COUNTRY}]
    preview = manager_client.get(response["Location"])
    assert preview.status_code == 200
    assert (preview.context["rows_ok"], preview.context["rows_with_problems"]) == (2, 1)
    assert preview.context["can_commit"] is False
    content = preview.content.decode()
    assert '<tr class="problem" id="row-4">' in content
    assert f"<code>country</code>: {BAD_COUNTRY}" in content
    assert '<button type="submit" id="commit-button" disabled>' in content

    refused = manager_client.post(reverse("directory:import_commit", args=[batch.pk]))

    assert refused.status_code == 302
    assert refused["Location"] == reverse("directory:import_preview", args=[batch.pk])
    assert [str(m) for m in get_messages(refused.wsgi_request)] == [
        "This file has problems: correct them and upload it again."
    ]
    assert Organisation.objects.count() == organisations_before
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEW


def test_a_good_xlsx_is_committed_into_the_managers_programme(manager_client, programme):
    response = upload(manager_client, "partners.xlsx", xlsx_bytes(GOOD_ROWS), source="fair-2026")
    batch = ImportBatch.objects.get()
    preview = manager_client.get(response["Location"])
    assert preview.context["can_commit"] is True
    assert (preview.context["rows_ok"], preview.context["rows_with_problems"]) == (2, 0)
    assert '<button type="submit" id="commit-button">' in preview.content.decode()

    committed = commit(manager_client, batch)

    assert committed.status_code == 302
    assert committed["Location"] == response["Location"]
    done = manager_client.get(committed["Location"]).content.decode()
    assert (
        '<span id="import-summary">'
        "partners.xlsx imported: 2 organisations (2 new, 0 updated, 0 unchanged).</span>"
    ) in done
    assert "commit-button" not in done
    created = Organisation.objects.filter(source="fair-2026").order_by("external_id")
    assert [(o.external_id, o.name, o.country, o.programme_id) for o in created] == [
        ("up:1", "Photonique Provence", "FR", programme.pk),
        ("up:2", "Казанский оптический завод", "RU", programme.pk),
    ]
    assert sorted(created[0].sectors.values_list("code", flat=True)) == ["aerospace", "photonics"]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED


def test_committing_a_batch_twice_imports_it_once(manager_client):
    upload(manager_client, "partners.xlsx", xlsx_bytes(GOOD_ROWS))
    batch = ImportBatch.objects.get()
    commit(manager_client, batch, follow=True)
    Organisation.objects.filter(external_id="up:1").update(city="Changed since")

    again = commit(manager_client, batch)

    assert again["Location"] == reverse("directory:import_preview", args=[batch.pk])
    assert [str(m) for m in get_messages(again.wsgi_request)] == [
        "This file has already been imported."
    ]
    assert Organisation.objects.get(external_id="up:1").city == "Changed since"
    assert Organisation.objects.filter(source="upload").count() == 2
    preview = manager_client.get(again["Location"])
    assert "This file has been imported." in preview.content.decode()
    assert "commit-button" not in preview.content.decode()


def test_preview_shows_organisations_that_may_already_be_in_the_directory(
    manager_client, member_company
):
    rows = [HEADER, ["up:9", "Optique Azur", "sme", "FR", "Nice", "", "", ""]]

    response = upload(manager_client, "azur.csv", csv_bytes(rows))

    preview = manager_client.get(response["Location"])
    assert preview.context["rows_with_duplicates"] == 1
    detail = reverse("directory:organisation_detail", args=[member_company.pk])
    assert f'<a href="{detail}">Optique Azur SAS</a>' in preview.content.decode()


def test_a_row_updating_an_organisation_the_manager_may_not_edit_is_a_problem(manager_client):
    elsewhere = ProgrammeFactory(name="Other programme", slug="other")
    OrganisationFactory(
        name="Someone Else's", source="upload", external_id="up:1", programme=elsewhere
    )

    upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS))

    assert ImportBatch.objects.get().problems == [
        {"line": 2, "field": "id", "message": "updates “Someone Else's”, which you may not edit"}
    ]


def test_a_file_over_10_mb_is_refused_with_a_form_error(manager_client):
    response = upload(manager_client, "huge.csv", b"x" * (12 * 1024 * 1024))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["This file is 12.0\xa0MB; files up to 10.0\xa0MB can be uploaded."]
    }
    assert ImportBatch.objects.count() == 0


def test_an_unreadable_file_is_refused_with_a_form_error(manager_client):
    response = upload(manager_client, "broken.xlsx", b"not a workbook at all")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["broken.xlsx: cannot be read as an XLSX workbook."]
    }
    assert "broken.xlsx: cannot be read as an XLSX workbook." in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_source_with_spaces_is_refused(manager_client):
    response = upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS), source="my fair")

    assert response.context["form"].errors == {
        "source": ["Use letters, digits and . : - _ only, without spaces."]
    }


# Who may import


def test_a_member_gets_403_on_every_import_page(client, member_user, programme_manager):
    upload(client_for(client, programme_manager), "partners.csv", csv_bytes(GOOD_ROWS))
    batch = ImportBatch.objects.get()
    client.force_login(member_user)

    responses = [
        client.get(reverse("directory:import_upload")),
        upload(client, "partners.csv", csv_bytes(GOOD_ROWS)),
        client.get(reverse("directory:import_preview", args=[batch.pk])),
        client.get(reverse("directory:import_progress", args=[batch.pk])),
        client.post(reverse("directory:import_commit", args=[batch.pk])),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403, 403]
    assert ImportBatch.objects.count() == 1
    assert not Organisation.objects.filter(source="upload").exists()


def test_an_ecosystem_manager_may_not_import(client, ecosystem_manager):
    client.force_login(ecosystem_manager)

    assert client.get(reverse("directory:import_upload")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    url = reverse("directory:import_upload")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_a_manager_cannot_see_or_commit_another_managers_batch(client, programme_manager):
    upload(client_for(client, programme_manager), "partners.csv", csv_bytes(GOOD_ROWS))
    batch = ImportBatch.objects.get()
    other = UserFactory(username="pm2")
    give_role(other, "programme_manager", programme=ProgrammeFactory(name="Other", slug="other"))
    client.force_login(other)

    preview = client.get(reverse("directory:import_preview", args=[batch.pk]))
    progress = client.get(reverse("directory:import_progress", args=[batch.pk]))
    commit = client.post(reverse("directory:import_commit", args=[batch.pk]))

    assert (preview.status_code, progress.status_code, commit.status_code) == (404, 404, 404)
    assert not Organisation.objects.filter(source="upload").exists()


def client_for(client, user):
    client.force_login(user)
    return client


# Checking in the background


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes connections it finds inside a transaction, as between two tasks: the
# test runs without the usual wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_an_upload_is_checked_by_the_worker_while_its_page_shows_the_progress(
    manager_client, settings
):
    settings.TASKS = DATABASE_TASKS
    rows = [*GOOD_ROWS, ["up:3", "Bad Country Ltd", "sme", "France", "", "", "", ""]]

    response = upload(manager_client, "partners.csv", csv_bytes(rows))

    batch = ImportBatch.objects.get()
    preview_url = reverse("directory:import_preview", args=[batch.pk])
    progress_url = reverse("directory:import_progress", args=[batch.pk])
    assert response["Location"] == preview_url
    assert (batch.status, batch.records, batch.problems) == (ImportBatch.Status.CHECKING, [], [])
    waiting = manager_client.get(preview_url)
    assert waiting.status_code == 200
    content = waiting.content.decode()
    assert f'hx-get="{progress_url}" hx-trigger="every 1s"' in content
    assert '<progress max="100" value="0">' in content
    assert "commit-button" not in content
    still = manager_client.get(progress_url, headers={"HX-Request": "true"})
    assert still.status_code == 200
    assert 'id="import-progress"' in still.content.decode()

    run_worker()

    batch.refresh_from_db()
    assert (batch.status, batch.progress, bytes(batch.content)) == (
        ImportBatch.Status.PREVIEW,
        100,
        b"",
    )
    assert batch.problems == [{"line": 4, "field": "country", "message": BAD_COUNTRY}]
    done = manager_client.get(progress_url, headers={"HX-Request": "true"})
    assert (done.status_code, done["HX-Redirect"]) == (200, preview_url)
    preview = manager_client.get(preview_url)
    assert (preview.context["rows_ok"], preview.context["rows_with_problems"]) == (2, 1)
    assert f"<code>country</code>: {BAD_COUNTRY}" in preview.content.decode()


def _kill_the_worker_of(batch: ImportBatch, *, minutes_ago: int) -> None:
    """As if a worker had taken the batch's check and been killed `minutes_ago` minutes ago:
    its task stays "running" for ever and the batch shows no progress since then."""
    from django_tasks_db.models import DBTaskResult

    claimed = DBTaskResult.objects.ready().update(status="RUNNING")
    assert claimed == 1
    ImportBatch.objects.filter(pk=batch.pk).update(
        progress=20, progress_at=timezone.now() - timedelta(minutes=minutes_ago)
    )


@pytest.mark.django_db(transaction=True)
def test_a_check_whose_worker_was_killed_is_started_again_and_imports_once(
    manager_client, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS))
    batch = ImportBatch.objects.get()
    _kill_the_worker_of(batch, minutes_ago=6)
    preview_url = reverse("directory:import_preview", args=[batch.pk])

    page = manager_client.get(preview_url)

    content = page.content.decode()
    assert "The check had stopped, probably because its worker was interrupted" in content
    assert '<progress max="100" value="0">' in content
    batch.refresh_from_db()
    assert (batch.status, batch.restarts) == (ImportBatch.Status.CHECKING, 1)
    assert DBTaskResult.objects.ready().count() == 1
    # Seen again at once, the restarted check is not restarted a second time.
    manager_client.get(reverse("directory:import_progress", args=[batch.pk]))
    assert DBTaskResult.objects.ready().count() == 1

    run_worker()

    batch.refresh_from_db()
    assert (batch.status, batch.progress, batch.restarts) == (ImportBatch.Status.PREVIEW, 100, 1)
    manager_client.post(reverse("directory:import_commit", args=[batch.pk]))
    run_worker()
    assert Organisation.objects.filter(source="upload").count() == len(GOOD_ROWS) - 1


def previewed_by_the_worker(client, settings) -> ImportBatch:
    """A good file uploaded and checked by the database backend's worker."""
    settings.TASKS = DATABASE_TASKS
    upload(client, "partners.csv", csv_bytes(GOOD_ROWS))
    run_worker()
    return ImportBatch.objects.get()


@pytest.mark.django_db(transaction=True)
def test_the_import_runs_in_the_worker_while_the_page_shows_it_is_under_way(
    manager_client, settings
):
    batch = previewed_by_the_worker(manager_client, settings)
    preview_url = reverse("directory:import_preview", args=[batch.pk])

    asked = manager_client.post(reverse("directory:import_commit", args=[batch.pk]))

    assert asked["Location"] == preview_url
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTING
    assert not Organisation.objects.filter(source="upload").exists()
    waiting = manager_client.get(preview_url).content.decode()
    assert "The organisations of the file are being imported, all at once" in waiting
    assert '<progress max="100" id="import-running">' in waiting
    again = manager_client.post(reverse("directory:import_commit", args=[batch.pk]))
    assert [str(m) for m in get_messages(again.wsgi_request)] == [
        "This file is already being imported."
    ]

    run_worker()

    batch.refresh_from_db()
    assert (batch.status, batch.result) == (
        ImportBatch.Status.COMMITTED,
        {"created": 2, "updated": 0, "unchanged": 0, "duplicates": 0},
    )
    done = manager_client.get(reverse("directory:import_progress", args=[batch.pk]))
    assert done["Location"] == preview_url
    page = manager_client.get(preview_url).content.decode()
    assert "partners.csv imported: 2 organisations (2 new, 0 updated, 0 unchanged)." in page
    assert Organisation.objects.filter(source="upload").count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_was_killed_is_started_again_and_imports_once(
    manager_client, settings
):
    from django_tasks_db.models import DBTaskResult

    batch = previewed_by_the_worker(manager_client, settings)
    manager_client.post(reverse("directory:import_commit", args=[batch.pk]))
    # Killed inside its transaction, the import left nothing behind but its "running" task.
    _kill_the_worker_of(batch, minutes_ago=19)
    assert (
        "had stopped"
        not in manager_client.get(
            reverse("directory:import_preview", args=[batch.pk])
        ).content.decode()
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        progress_at=timezone.now() - timedelta(minutes=21)
    )

    page = manager_client.get(reverse("directory:import_progress", args=[batch.pk]))

    assert "The import had stopped, probably because its worker was interrupted" in (
        page.content.decode()
    )
    assert DBTaskResult.objects.ready().count() == 1
    run_worker()
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.restarts) == (ImportBatch.Status.COMMITTED, 1)
    assert Organisation.objects.filter(source="upload").count() == 2


def test_an_import_whose_requester_was_removed_is_handed_back_unimported(
    manager_client, programme_manager, settings
):
    settings.TASKS = DATABASE_TASKS
    upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS))
    ImportBatch.objects.update(status=ImportBatch.Status.COMMITTING, committed_by=None)
    batch = ImportBatch.objects.get()

    assert commit_batch(batch_id=batch.pk) is None

    batch.refresh_from_db()
    assert (batch.status, batch.error) == (
        ImportBatch.Status.PREVIEW,
        "This file now updates organisations you may not edit: upload it again.",
    )
    page = manager_client.get(reverse("directory:import_preview", args=[batch.pk]))
    assert (
        '<p class="card problem" id="import-error" role="alert">'
        "This file now updates organisations you may not edit: upload it again.</p>"
    ) in page.content.decode()
    assert not Organisation.objects.filter(source="upload").exists()


@pytest.mark.django_db(transaction=True)
def test_a_check_that_moved_on_recently_is_left_to_its_worker(manager_client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS))
    batch = ImportBatch.objects.get()
    _kill_the_worker_of(batch, minutes_ago=4)

    page = manager_client.get(reverse("directory:import_progress", args=[batch.pk]))

    assert "The check had stopped" not in page.content.decode()
    assert '<progress max="100" value="20">' in page.content.decode()
    batch.refresh_from_db()
    assert (batch.status, batch.restarts) == (ImportBatch.Status.CHECKING, 0)
    assert DBTaskResult.objects.ready().count() == 0


def test_only_one_of_two_pages_restarts_a_stalled_check(manager_client, settings):
    settings.TASKS = DATABASE_TASKS
    upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS))
    ImportBatch.objects.update(progress_at=timezone.now() - timedelta(minutes=10))
    seen_by_first = ImportBatch.objects.get()
    seen_by_second = ImportBatch.objects.get()

    assert restart_if_stalled(batch=seen_by_first) is True
    assert restart_if_stalled(batch=seen_by_second) is False
    assert ImportBatch.objects.get().restarts == 1


def test_the_restart_delays_are_settings(manager_client, settings):
    settings.TASKS = DATABASE_TASKS
    settings.UPLOAD_CHECK_STALLED_MINUTES = 30
    upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS))
    ImportBatch.objects.update(progress_at=timezone.now() - timedelta(minutes=10))
    assert restart_if_stalled(batch=ImportBatch.objects.get()) is False
    ImportBatch.objects.update(progress_at=timezone.now() - timedelta(minutes=31))
    assert restart_if_stalled(batch=ImportBatch.objects.get()) is True
    assert ImportBatch.objects.get().restarts == 1


@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_a_restart_delay_that_is_not_a_positive_number_of_minutes_stops_the_start(
    monkeypatch, value
):
    from django.core.exceptions import ImproperlyConfigured

    from jumelage.settings import env_minutes

    monkeypatch.setenv("UPLOAD_IMPORT_STALLED_MINUTES", value)
    with pytest.raises(ImproperlyConfigured, match="UPLOAD_IMPORT_STALLED_MINUTES"):
        env_minutes("UPLOAD_IMPORT_STALLED_MINUTES", 20)
    monkeypatch.setenv("UPLOAD_IMPORT_STALLED_MINUTES", "45")
    assert env_minutes("UPLOAD_IMPORT_STALLED_MINUTES", 20) == 45


def test_a_batch_being_checked_cannot_be_committed(manager_client, settings):
    settings.TASKS = DATABASE_TASKS
    upload(manager_client, "partners.csv", csv_bytes(GOOD_ROWS))
    batch = ImportBatch.objects.get()

    refused = manager_client.post(reverse("directory:import_commit", args=[batch.pk]))

    assert [str(m) for m in get_messages(refused.wsgi_request)] == [
        "This file is still being checked: wait for the preview."
    ]
    assert not Organisation.objects.filter(source="upload").exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKING


def test_a_workbook_that_fails_deep_inside_is_shown_as_unreadable_and_nothing_is_kept(
    manager_client,
):
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not-a-workbook/>")

    response = upload(manager_client, "damaged.xlsx", damaged.getvalue())

    batch = ImportBatch.objects.get()
    assert (batch.status, batch.error, bytes(batch.content), batch.records) == (
        ImportBatch.Status.FAILED,
        "damaged.xlsx: cannot be read as an XLSX workbook.",
        b"",
        [],
    )
    page = manager_client.get(response["Location"])
    content = page.content.decode()
    assert '<p id="import-error">damaged.xlsx: cannot be read as an XLSX workbook.</p>' in content
    assert "hx-get" not in content
    refused = manager_client.post(reverse("directory:import_commit", args=[batch.pk]))
    assert [str(m) for m in get_messages(refused.wsgi_request)] == [
        "This file could not be read: correct it and upload it again."
    ]
    assert Organisation.objects.count() == 0


def test_a_csv_without_the_required_columns_is_refused_before_anything_is_kept(manager_client):
    response = upload(manager_client, "partners.csv", csv_bytes([["name", "city"], ["A", "B"]]))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": [
            "partners.csv: the first row must name the columns; id, country missing. "
            "Export the directory to get a file with every column."
        ]
    }
    assert ImportBatch.objects.count() == 0


def test_the_check_reports_its_progress_as_rows_are_checked():
    rows = [HEADER] + [
        [f"up:{n}", f"Organisation {n}", "sme", "FR", "", "", "", ""] for n in range(250)
    ]
    reported: list[int] = []

    records, problems = check_upload(
        name="many.csv", content=csv_bytes(rows), progress=reported.append
    )

    assert (len(records), problems) == (250, [])
    assert reported == [20, 44, 68]


def test_problems_are_worded_in_the_uploaders_language_though_checked_later(manager_client):
    rows = [*GOOD_ROWS, ["up:3", "Bad Country Ltd", "sme", "France", "", "", "", ""]]

    with TestCase.captureOnCommitCallbacks(execute=True):
        manager_client.post(
            "/fr/directory/import/",
            {"file": SimpleUploadedFile("partners.csv", csv_bytes(rows)), "source": "upload"},
        )

    assert ImportBatch.objects.get().problems == [
        {
            "line": 4,
            "field": "country",
            "message": "doit être un code ISO 3166-1 alpha-2, comme FR ou RU",
        }
    ]


@pytest.mark.django_db(transaction=True)
def test_a_page_does_not_wait_for_an_import_that_is_still_running(manager_client, settings):
    """An import holds its batch's row locked until it commits: a page seeing the batch
    past the restart delay must not restart it, nor wait for it."""
    import threading

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises whole transactions")
    batch = previewed_by_the_worker(manager_client, settings)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.COMMITTING,
        progress_at=timezone.now() - timedelta(minutes=30),
    )
    locked, release = threading.Event(), threading.Event()

    def running_import() -> None:
        with transaction.atomic():
            ImportBatch.objects.select_for_update().get(pk=batch.pk)
            locked.set()
            release.wait(10)
        connection.close()

    worker = threading.Thread(target=running_import)
    worker.start()
    try:
        assert locked.wait(10)
        seen = ImportBatch.objects.get(pk=batch.pk)
        assert restart_if_stalled(batch=seen) is False
        assert ImportBatch.objects.get(pk=batch.pk).restarts == 0
    finally:
        release.set()
        worker.join()
    assert restart_if_stalled(batch=ImportBatch.objects.get(pk=batch.pk)) is True
