"""`jumelage import-directory` and `jumelage import-cooperations` (INTERFACES.md §1–2)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jumelage.directory.models import (
    Activity,
    CooperationProject,
    DuplicateCandidate,
    Membership,
    Organisation,
    Sector,
)
from jumelage.directory.taxonomy import SECTORS
from tests.factories import OrganisationFactory

FIXTURES = Path(__file__).parent / "fixtures"
ORGANISATIONS = FIXTURES / "organisations.jsonl"
COOPERATIONS = FIXTURES / "cooperations.jsonl"
KIND_CHOICES = (
    "association, cluster, company, investor, large_company, other, public_agency, "
    "research_lab, sme, startup, technopark, university"
)

pytestmark = pytest.mark.django_db


def run(command: str, *args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def write_lines(path: Path, lines: list) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def good(external_id: str, **fields) -> dict:
    return {"id": external_id, "name": f"Organisation {external_id}", "country": "FR", **fields}


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            CooperationProject,
            Membership,
            Sector,
            Activity,
            DuplicateCandidate,
        )
    }


def test_import_directory_creates_every_organisation_with_its_fields():
    out, _err = run("import_directory", str(ORGANISATIONS), "--source", "test")

    assert out == (
        f"{ORGANISATIONS} (source “test”): 4 created, 0 updated, 0 unchanged, 0 archived.\n"
        "0 possible duplicates flagged for review (Directory → Duplicates).\n"
    )
    lam = Organisation.objects.get(source="test", external_id="t:lam")
    assert lam.kind == "research_lab"
    assert lam.aliases == ["LAM"]
    assert lam.region_text == "FRL0"
    assert lam.descriptions == {
        "fr": "Astrophysique et instrumentation",
        "en": "Astrophysics and instrumentation",
    }
    assert sorted(lam.sectors.values_list("code", flat=True)) == ["aerospace", "photonics"]
    assert list(lam.activities.values_list("code", flat=True)) == ["72.19"]
    assert lam.identifiers() == {"siren": "732829320", "pic": "999999999"}
    mipt = Organisation.objects.get(external_id="t:mipt")
    assert mipt.identifiers() == {"inn": "7707083893", "ogrn": "1027700132195"}
    azur = Organisation.objects.get(external_id="t:azur")
    assert [m.parent.external_id for m in azur.memberships.all()] == ["t:safe"]


def test_import_directory_twice_changes_nothing_the_second_time():
    run("import_directory", str(ORGANISATIONS), "--source", "test")
    versions = dict(Organisation.objects.values_list("external_id", "version"))

    out, _err = run("import_directory", str(ORGANISATIONS), "--source", "test")

    assert out.splitlines()[0] == (
        f"{ORGANISATIONS} (source “test”): 0 created, 0 updated, 4 unchanged, 0 archived."
    )
    assert dict(Organisation.objects.values_list("external_id", "version")) == versions
    assert Membership.objects.count() == 1


def test_import_directory_updates_a_changed_organisation(tmp_path):
    run("import_directory", str(ORGANISATIONS), "--source", "test")
    lines = [json.loads(line) for line in ORGANISATIONS.read_text().splitlines() if line]
    lines[0]["city"] = "Aix-en-Provence"
    changed = write_lines(tmp_path / "changed.jsonl", lines)

    out, _err = run("import_directory", str(changed), "--source", "test")

    assert out.splitlines()[0] == (
        f"{changed} (source “test”): 0 created, 1 updated, 3 unchanged, 0 archived."
    )
    lam = Organisation.objects.get(external_id="t:lam")
    assert (lam.city, lam.version) == ("Aix-en-Provence", 2)


def test_import_directory_replace_archives_the_organisations_absent_from_the_file(tmp_path):
    other_source = OrganisationFactory(name="Kept elsewhere", source="manual")
    run("import_directory", str(ORGANISATIONS), "--source", "test")
    lines = [line for line in ORGANISATIONS.read_text().splitlines() if '"t:mipt"' not in line]
    smaller = write_lines(tmp_path / "smaller.jsonl", lines)

    out, _err = run("import_directory", str(smaller), "--source", "test", "--replace")

    assert out.splitlines()[0] == (
        f"{smaller} (source “test”): 0 created, 0 updated, 3 unchanged, 1 archived."
    )
    assert list(
        Organisation.objects.filter(archived=True).values_list("external_id", flat=True)
    ) == ["t:mipt"]
    other_source.refresh_from_db()
    assert not other_source.archived
    assert Organisation.objects.count() == 5


def test_import_directory_without_replace_archives_nothing(tmp_path):
    run("import_directory", str(ORGANISATIONS), "--source", "test")
    one = write_lines(tmp_path / "one.jsonl", [good("t:new")])

    run("import_directory", str(one), "--source", "test")

    assert not Organisation.objects.filter(archived=True).exists()


def test_reimporting_an_archived_organisation_brings_it_back(tmp_path):
    run("import_directory", str(ORGANISATIONS), "--source", "test")
    run(
        "import_directory",
        str(write_lines(tmp_path / "none.jsonl", [good("t:x")])),
        "--source",
        "test",
        "--replace",
    )
    assert Organisation.objects.filter(archived=True).count() == 4

    out, _err = run("import_directory", str(ORGANISATIONS), "--source", "test")

    assert out.splitlines()[0].endswith("0 created, 4 updated, 0 unchanged, 0 archived.")
    assert Organisation.objects.filter(archived=True).count() == 0


def test_import_directory_default_source_is_import(tmp_path):
    run("import_directory", str(write_lines(tmp_path / "a.jsonl", [good("a:1")])))

    assert Organisation.objects.get(external_id="a:1").source == "import"


def test_the_same_id_in_two_sources_is_two_organisations_flagged_as_duplicates():
    run("import_directory", str(ORGANISATIONS), "--source", "first")

    out, _err = run("import_directory", str(ORGANISATIONS), "--source", "second")

    assert Organisation.objects.count() == 8
    assert DuplicateCandidate.objects.count() == 4
    assert out.splitlines()[1] == (
        "4 possible duplicates flagged for review (Directory → Duplicates)."
    )


BAD_ORGANISATION_LINES = [
    pytest.param(
        '{"id": "t:9",',
        "not valid JSON (Expecting property name enclosed in double quotes)",
        id="bad-json",
    ),
    pytest.param({"name": "No id", "country": "FR"}, "field “id”: is required", id="missing-id"),
    pytest.param({"id": "t:9", "country": "FR"}, "field “name”: is required", id="missing-name"),
    pytest.param(
        good("t:9", country="France"),
        "field “country”: must be an ISO 3166-1 alpha-2 code such as FR or RU",
        id="bad-country",
    ),
    pytest.param(
        good("t:9", kind="spaceship"),
        f"field “kind”: “spaceship” is not one of: {KIND_CHOICES}",
        id="bad-kind",
    ),
    pytest.param(
        good("t:9", kind=["sme"]),
        f"field “kind”: “['sme']” is not one of: {KIND_CHOICES}",
        id="kind-not-a-text",
    ),
    pytest.param(
        good("t:9", sectors=["aerospace", "quantum"]),
        f"field “sectors”: “quantum” is not one of: {', '.join(SECTORS)}",
        id="bad-sector",
    ),
    pytest.param(
        good("t:9", activities=["72-19"]),
        "field “activities”: “72-19” is not a NACE/OKVED code such as 72.19",
        id="bad-activity",
    ),
    pytest.param(
        good("t:9", identifiers={"siren": "732829321"}),
        "field “identifiers.siren”: SIREN “732829321” is not valid: its check digit is wrong.",
        id="bad-siren",
    ),
    pytest.param(
        good("t:9", identifiers={"inn": "7707083894"}),
        "field “identifiers.inn”: INN “7707083894” is not valid: its check digit is wrong.",
        id="bad-inn",
    ),
    pytest.param(
        good("t:9", identifiers={"ogrn": "1027700132196"}),
        "field “identifiers.ogrn”: OGRN “1027700132196” is not valid: its check digit is wrong.",
        id="bad-ogrn",
    ),
    pytest.param(
        good("t:lam"),
        "field “id”: “t:lam” already appears on line 1",
        id="duplicate-id",
    ),
    pytest.param(
        good("t:9", members_of=["t:nowhere"]),
        "field “members_of”: unknown organisation id “t:nowhere”",
        id="unknown-members-of",
    ),
    pytest.param(
        good("x" * 129),
        "field “id”: is too long: at most 128 characters",
        id="id-too-long",
    ),
]


@pytest.mark.parametrize(("bad_line", "message"), BAD_ORGANISATION_LINES)
def test_a_bad_line_after_good_ones_is_reported_and_nothing_is_written(tmp_path, bad_line, message):
    OrganisationFactory(name="Already there")
    good_lines = [line for line in ORGANISATIONS.read_text().splitlines()]
    path = write_lines(tmp_path / "directory.jsonl", [*good_lines, bad_line])
    bad_line_number = len(good_lines) + 1
    before = counts()

    with pytest.raises(CommandError) as raised:
        run("import_directory", str(path), "--source", "test")

    assert raised.value.returncode == 2
    location = f"{path}, line {bad_line_number}"
    assert str(raised.value) == (
        f"{location}: {message}"
        if message.startswith("not valid JSON")
        else f"{location}, {message}"
    )
    assert counts() == before


def test_the_first_problem_of_a_file_is_the_one_reported(tmp_path):
    path = write_lines(
        tmp_path / "two-bad.jsonl", [good("t:1"), good("t:2", country="XXX"), good("", kind="?")]
    )

    with pytest.raises(CommandError) as raised:
        run("import_directory", str(path))

    assert str(raised.value) == (
        f"{path}, line 2, field “country”: must be an ISO 3166-1 alpha-2 code such as FR or RU"
    )


def test_a_missing_file_is_bad_input(tmp_path):
    path = tmp_path / "missing.jsonl"

    with pytest.raises(CommandError) as raised:
        run("import_directory", str(path))

    assert raised.value.returncode == 2
    assert str(raised.value) == f"{path}: cannot be read: No such file or directory"


def test_a_file_that_is_not_utf8_is_bad_input(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "1", "name": "Société", "country": "FR"}\n'.encode("latin-1"))

    with pytest.raises(CommandError) as raised:
        run("import_directory", str(path))

    assert raised.value.returncode == 2
    assert str(raised.value) == f"{path}: not UTF-8 text"
    assert Organisation.objects.count() == 0


def test_a_source_name_longer_than_the_database_allows_is_bad_input():
    with pytest.raises(CommandError) as raised:
        run("import_directory", str(ORGANISATIONS), "--source", "s" * 65)

    assert raised.value.returncode == 2
    assert Organisation.objects.count() == 0


def test_progress_bar_is_shown_when_asked_and_hidden_otherwise(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [good("a:1"), good("a:2")])

    _out, shown = run("import_directory", str(path), "--progress")
    _out, default = run("import_directory", str(path))
    _out, quiet = run("import_directory", str(path), "--quiet")

    assert "0/2" in shown
    assert default == ""
    assert quiet == ""


def test_quiet_and_progress_cannot_be_asked_together():
    with pytest.raises(CommandError) as raised:
        run("import_directory", str(ORGANISATIONS), "--quiet", "--progress")

    assert "not allowed with argument" in str(raised.value)


# Cooperation history


def test_import_cooperations_links_projects_to_their_participants():
    run("import_directory", str(ORGANISATIONS), "--source", "test")

    out, _err = run("import_cooperations", str(COOPERATIONS), "--source", "h2020")

    assert out == f"{COOPERATIONS} (source “h2020”): 2 created, 0 updated, 0 unchanged.\n"
    project = CooperationProject.objects.get(source="h2020", external_id="h2020:1")
    assert (project.year, project.funding_programme, project.lang) == (2015, "H2020-SPACE", "en")
    assert sorted(project.participants.values_list("external_id", flat=True)) == [
        "t:lam",
        "t:mipt",
    ]
    single = CooperationProject.objects.get(external_id="h2020:2")
    assert list(single.participants.values_list("external_id", flat=True)) == ["t:azur"]


def test_import_cooperations_twice_changes_nothing_the_second_time():
    run("import_directory", str(ORGANISATIONS), "--source", "test")
    run("import_cooperations", str(COOPERATIONS))

    out, _err = run("import_cooperations", str(COOPERATIONS))

    assert out == f"{COOPERATIONS} (source “import”): 0 created, 0 updated, 2 unchanged.\n"
    assert CooperationProject.objects.count() == 2


BAD_PROJECT_LINES = [
    pytest.param(
        '{"id": "p:9", "participants": ["t:lam"]',
        "line 3: not valid JSON (Expecting ',' delimiter)",
        id="bad-json",
    ),
    pytest.param(
        {"id": "p:9", "participants": ["t:lam", "t:ghost"]},
        "line 3, field “participants”: unknown organisation id “t:ghost”",
        id="unknown-participant",
    ),
    pytest.param(
        {"id": "p:9", "participants": []},
        "line 3, field “participants”: must list at least one organisation id",
        id="no-participant",
    ),
    pytest.param(
        {"title": "No id", "participants": ["t:lam"]},
        "line 3, field “id”: is required",
        id="missing-id",
    ),
    pytest.param(
        {"id": "h2020:1", "participants": ["t:lam"]},
        "line 3, field “id”: “h2020:1” already appears on line 1",
        id="duplicate-id",
    ),
    pytest.param(
        {"id": "p:9", "year": "2015", "participants": ["t:lam"]},
        "line 3, field “year”: must be a year such as 2015",
        id="bad-year",
    ),
]


@pytest.mark.parametrize(("bad_line", "message"), BAD_PROJECT_LINES)
def test_a_bad_project_line_is_reported_and_no_project_is_written(tmp_path, bad_line, message):
    run("import_directory", str(ORGANISATIONS), "--source", "test")
    good_lines = COOPERATIONS.read_text().splitlines()
    path = write_lines(tmp_path / "projects.jsonl", [*good_lines, bad_line])
    before = counts()

    with pytest.raises(CommandError) as raised:
        run("import_cooperations", str(path))

    assert raised.value.returncode == 2
    assert str(raised.value) == f"{path}, {message}"
    assert counts() == before
    assert CooperationProject.objects.count() == 0


# The console script, as a shell runs it


def console(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JUMELAGE_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)  # a fresh embedded database, never the test database
    return subprocess.run(
        [sys.executable, "-m", "jumelage", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.django_db(transaction=False)
def test_console_script_migrates_a_new_database_and_exits_2_on_bad_input(tmp_path):
    data_dir = tmp_path / "data"
    bad = write_lines(tmp_path / "bad.jsonl", [good("t:1"), good("t:2", country="RUS")])

    imported = console(data_dir, "import-directory", str(ORGANISATIONS), "--source", "cli")
    refused = console(data_dir, "import-directory", str(bad), "--source", "cli")
    exported = console(data_dir, "export-directory", "--out", str(tmp_path / "all.jsonl"))

    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == "The database is not up to date: migrating it first.\n"
    assert imported.stdout.startswith(f"{ORGANISATIONS} (source “cli”): 4 created,")
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr == (
        f"CommandError: {bad}, line 2, field “country”: must be an ISO 3166-1 alpha-2 code "
        "such as FR or RU\n"
    )
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"4 organisations exported to {tmp_path / 'all.jsonl'}.\n"
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == 4
