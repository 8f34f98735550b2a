import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from jumelage.compliance import services
from jumelage.compliance.models import HitDecision, SanctionsList, ScreeningHit
from jumelage.core.errors import DomainError
from tests.factories import OrganisationFactory


@pytest.fixture
def mipt(programme):
    return OrganisationFactory(
        name="Московский физико-технический институт",
        country="RU",
        kind="university",
        programme=programme,
    )


def test_loading_a_list_screens_new_organisations_on_save(
    sdn_file, mipt, db, django_capture_on_commit_callbacks
):
    versions = services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    assert [(v.list_id, v.entry_count) for v in versions] == [("us-ofac-sdn", 2)]
    assert services.screen_organisation(organisation=mipt) == 1
    hit = ScreeningHit.objects.get(organisation=mipt)
    assert (hit.list_id, hit.entry_id) == ("us-ofac-sdn", "us-ofac-sdn:17001")
    assert hit.entry_name == "MOSKOVSKIY FIZIKO-TEKHNICHESKIY INSTITUT"
    assert hit.status == ScreeningHit.Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        other = OrganisationFactory(
            name="Optique Azur SAS"
        )  # saved after the load: screened by signal
        late = OrganisationFactory(name="Moscow Institute of Physics and Technology", country="RU")
    assert ScreeningHit.objects.filter(organisation=other).count() == 0
    assert ScreeningHit.objects.filter(organisation=late).count() == 1


def test_reloading_a_list_replaces_its_previous_version(sdn_file, db):
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    assert SanctionsList.objects.filter(list_id="us-ofac-sdn").count() == 2
    assert SanctionsList.objects.filter(list_id="us-ofac-sdn", is_current=True).count() == 1


def test_only_compliance_officers_decide_and_every_decision_is_kept(
    sdn_file, mipt, officer, programme_manager
):
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    services.screen_organisation(organisation=mipt)
    hit = ScreeningHit.objects.get(organisation=mipt)
    with pytest.raises(DomainError):
        services.decide_hit(actor=programme_manager, hit=hit, confirm=True, reason="looks right")
    hit.refresh_from_db()
    assert hit.status == ScreeningHit.Status.PENDING
    with pytest.raises(DomainError):
        services.decide_hit(actor=officer, hit=hit, confirm=True, reason="  ")
    services.decide_hit(
        actor=officer, hit=hit, confirm=True, reason="Same institute, listed under RUSSIA-EO14024"
    )
    assert list(
        HitDecision.objects.filter(hit=hit).values_list("status", "decided_by__username")
    ) == [("pending", None), ("confirmed", "officer")]


def test_confirmed_hit_blocks_actions_with_a_clear_message(sdn_file, mipt, officer):
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    services.screen_organisation(organisation=mipt)
    services.ensure_not_blocked(mipt)  # pending only: a warning, not a block
    assert services.has_pending_hits(mipt)
    hit = ScreeningHit.objects.get(organisation=mipt)
    services.decide_hit(actor=officer, hit=hit, confirm=True, reason="listed")
    with pytest.raises(services.Blocked) as error:
        services.ensure_not_blocked(mipt)
    assert f"“{hit.entry_name}”" in error.value.message
    assert mipt.name in error.value.message


def test_dismissal_holds_until_the_list_entry_changes(sdn_file, mipt, officer):
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    services.screen_organisation(organisation=mipt)
    hit = ScreeningHit.objects.get(organisation=mipt)
    services.decide_hit(actor=officer, hit=hit, confirm=False, reason="different entity")
    services.screen_organisation(organisation=mipt)
    hit.refresh_from_db()
    assert hit.status == ScreeningHit.Status.DISMISSED
    changed = sdn_file.read_text().replace("Established Date 1951", "Established Date 1946")
    sdn_file.write_text(changed)
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    services.screen_organisation(organisation=mipt)
    hit.refresh_from_db()
    assert hit.status == ScreeningHit.Status.PENDING
    reopened = hit.decisions.last()
    assert (reopened.reason, reopened.reason_text) == (
        "entry_changed",
        "the list entry changed since it was dismissed",
    )
    with translation.override("fr"):
        assert reopened.reason_text == "l'entrée de la liste a changé depuis qu'elle a été écartée"
        assert hit.decisions.first().reason_text == "trouvée par le filtrage"
    assert hit.decisions.get(decided_by=officer).reason_text == "different entity"


def test_bad_list_file_exits_2_naming_the_file_and_writes_nothing(tmp_path, db):
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "schema": "Company", "properties": {"name": ["A"]}}\nnot json\n')
    with pytest.raises(CommandError) as error:
        call_command("load_list", str(bad), "--format", "ftm-json", "--quiet")
    assert error.value.returncode == 2
    assert "broken.jsonl" in str(error.value)
    assert SanctionsList.objects.count() == 0


def test_screen_command_writes_hits_in_input_order(sdn_file, tmp_path, db):
    call_command("load_list", str(sdn_file), "--format", "ofac-sdn-csv", "--quiet")
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps(
            {
                "id": "s1",
                "name": "Московский физико-технический институт",
                "schema": "Organization",
                "country": "RU",
            }
        )
        + "\n\n"
        + json.dumps(
            {
                "id": "s2",
                "name": "Laboratoire d'Astrophysique de Marseille",
                "schema": "Organization",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.jsonl"
    call_command("screen", "--queries", str(queries), "--out", str(out), "--quiet")
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["s1", "s2"]
    assert lines[0]["hits"][0]["entry"] == "us-ofac-sdn:17001"
    assert lines[0]["hits"][0]["score"] >= 0.8
    assert lines[1]["hits"] == []


def test_screen_command_names_the_bad_line_and_field(sdn_file, tmp_path, db):
    call_command("load_list", str(sdn_file), "--format", "ofac-sdn-csv", "--quiet")
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": "s1", "name": "A"}\n{"id": "s2", "schema": "Organization"}\n')
    out = tmp_path / "r.jsonl"
    with pytest.raises(CommandError) as error:
        call_command("screen", "--queries", str(queries), "--out", str(out), "--quiet")
    assert error.value.returncode == 2
    assert "line 2" in str(error.value) and "“name”" in str(error.value)
    assert not out.exists()


def test_review_pages_in_three_languages_and_permissions(
    client, sdn_file, mipt, officer, member_user
):
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    services.screen_organisation(organisation=mipt)
    hit = ScreeningHit.objects.get(organisation=mipt)
    client.force_login(member_user)
    with translation.override("en"):
        assert client.get(reverse("compliance:queue")).status_code == 403
        assert (
            client.post(
                reverse("compliance:hit_detail", args=[hit.pk]),
                {"decision": "dismiss", "reason": "x"},
            ).status_code
            == 403
        )
    hit.refresh_from_db()
    assert hit.status == ScreeningHit.Status.PENDING
    client.force_login(officer)
    for lang in ("fr", "en", "ru"):
        with translation.override(lang):
            response = client.get(reverse("compliance:hit_detail", args=[hit.pk]))
        assert response.status_code == 200
        assert hit.entry_name in response.content.decode()
    with translation.override("en"):
        response = client.post(
            reverse("compliance:hit_detail", args=[hit.pk]),
            {"decision": "confirm", "reason": "listed"},
        )
    assert response.status_code == 302
    hit.refresh_from_db()
    assert hit.status == ScreeningHit.Status.CONFIRMED
    with translation.override("en"):
        page = client.get(reverse("directory:organisation_detail", args=[mipt.pk])).content.decode()
    assert 'id="screening-badge"' in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Joint development of a gas turbine engine combustor for aircraft", "possible_dual_use"),
        (
            "Développement conjoint d'une chambre de combustion de turbomoteur d'avion",
            "possible_dual_use",
        ),
        (
            "Совместная разработка камеры сгорания газотурбинного двигателя для самолёта",
            "possible_dual_use",
        ),
        ("Organic vineyard soil management and wine tourism", "no_indicator_found"),
    ],
)
def test_dual_use_topics_are_flagged_in_three_languages(text, expected, db):
    flag = services.flag_topic(object_type="test", object_id=1, text=text)
    assert flag.status == expected


def test_console_script_exits_2_on_a_bad_format(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("1,2\n")
    result = subprocess.run(
        [sys.executable, "-m", "jumelage", "load-list", str(path), "--format", "nope"],
        capture_output=True,
        text=True,
        env={"JUMELAGE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "--format" in result.stderr


def test_api_screens_a_name_and_decides_only_for_officers(
    client, sdn_file, mipt, officer, member_user
):
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    services.screen_organisation(organisation=mipt)
    hit = ScreeningHit.objects.get(organisation=mipt)
    client.force_login(member_user)
    assert client.get("/api/v1/compliance/hits").status_code == 403
    client.force_login(officer)
    response = client.post(
        "/api/v1/compliance/screen",
        {"name": "MIPT Moscow Institute of Physics and Technology", "schema": "Organization"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()[0]["entry"] == "us-ofac-sdn:17001"
    queue = client.get("/api/v1/compliance/hits").json()
    assert [item["id"] for item in queue] == [hit.pk]
    decided = client.post(
        f"/api/v1/compliance/hits/{hit.pk}/decision",
        {"decision": "dismiss", "reason": "another institute"},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "dismissed"
