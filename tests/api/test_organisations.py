"""Organisations over the API: search, detail, create and edit, under the UI's rules."""

from __future__ import annotations

import pytest

from jumelage.core.models import AuditEntry
from jumelage.directory.models import Activity, Organisation, Region, Sector
from tests.api.conftest import bearer
from tests.factories import OrganisationFactory, RegionFactory

STALE_MESSAGE = (
    "Someone else changed this organisation while you were editing it. "
    "Reload the page to see their changes, then edit again."
)


@pytest.fixture
def directory(db):
    """Three live organisations in two countries, with regions, sectors and codes."""
    paca = RegionFactory()
    alpes = RegionFactory(
        code="FRL03", kind=Region.Kind.DEPARTMENT, parent=paca, names={"fr": "Alpes-Maritimes"}
    )
    tomsk = RegionFactory(
        code="RU-TOM", country="RU", names={"en": "Tomsk Oblast", "ru": "Томская область"}
    )
    photonics = Sector.objects.create(code="photonics", position=1)
    aerospace = Sector.objects.create(code="aerospace", position=0)
    optics = Activity.objects.create(
        code="26.70", labels={"en": "Manufacture of optical instruments"}
    )
    research = Activity.objects.create(code="72.19", labels={"en": "Other research"})
    aircraft = Activity.objects.create(code="30.30", labels={"en": "Manufacture of aircraft"})
    nice = OrganisationFactory(name="Photonique Nice", kind="startup", region=alpes, city="Nice")
    nice.sectors.set([photonics])
    nice.activities.set([optics])
    siberia = OrganisationFactory(name="Томск Фотоника", country="RU", kind="cluster", region=tomsk)
    siberia.sectors.set([photonics])
    siberia.activities.set([research])
    marseille = OrganisationFactory(
        name="Aero Marseille", kind="sme", region=paca, city="Marseille"
    )
    marseille.sectors.set([aerospace])
    marseille.activities.set([aircraft])
    OrganisationFactory(name="Ancienne Photonique", archived=True, region=paca)
    return {"nice": nice, "siberia": siberia, "marseille": marseille}


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


# Reading ------------------------------------------------------------------------------


def test_list_returns_live_organisations_in_name_order_with_count(client, directory):
    response = client.get("/api/v1/organisations")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert (body["limit"], body["offset"]) == (25, 0)
    assert names(response) == ["Aero Marseille", "Photonique Nice", "Томск Фотоника"]
    assert body["items"][1] == {
        "id": directory["nice"].pk,
        "name": "Photonique Nice",
        "display_name": "Photonique Nice",
        "name_latin": "Photonique Nice",
        "kind": "startup",
        "country": "FR",
        "region": {"code": "FRL03", "name": "Alpes-Maritimes"},
        "city": "Nice",
        "website": "",
        "sectors": [{"code": "photonics", "label": "Photonics"}],
        "activities": [{"code": "26.70", "label": "Manufacture of optical instruments"}],
        "archived": False,
        "version": 1,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=RU", ["Томск Фотоника"]),
        ("country=fr", ["Aero Marseille", "Photonique Nice"]),
        ("region=FRL0", ["Aero Marseille", "Photonique Nice"]),
        ("region=FRL03", ["Photonique Nice"]),
        ("kind=sme", ["Aero Marseille"]),
        ("sector=photonics", ["Photonique Nice", "Томск Фотоника"]),
        ("activity=26", ["Photonique Nice"]),
        ("activity=72.19", ["Томск Фотоника"]),
        ("q=tomsk", ["Томск Фотоника"]),
        ("q=фотоника", ["Photonique Nice", "Томск Фотоника"]),
        ("q=nice", ["Photonique Nice"]),
        ("sector=photonics&country=FR", ["Photonique Nice"]),
        ("q=nowhere", []),
    ],
)
def test_list_filters_like_the_directory_search(client, directory, query, expected):
    response = client.get(f"/api/v1/organisations?{query}")

    assert response.status_code == 200
    assert names(response) == expected
    assert response.json()["count"] == len(expected)


def test_list_pages_with_limit_and_offset_and_counts_every_match(client, db):
    for number in range(30):
        OrganisationFactory(name=f"Org {number:02d}")

    response = client.get("/api/v1/organisations?limit=10&offset=20")

    assert response.status_code == 200
    assert response.json()["count"] == 30
    assert names(response) == [f"Org {number:02d}" for number in range(20, 30)]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=0", "limit", "Input should be greater than or equal to 1"),
        ("limit=101", "limit", "Input should be less than or equal to 100"),
        ("offset=-1", "offset", "Input should be greater than or equal to 0"),
    ],
)
def test_list_refuses_a_bad_page_naming_the_parameter(client, db, query, field, message):
    response = client.get(f"/api/v1/organisations?{query}")

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Some fields are not valid.",
        "errors": [{"field": field, "message": message}],
    }


def _organisation_with_everything(region, number: int) -> Organisation:
    organisation = OrganisationFactory(name=f"Company {number:02d}", region=region)
    organisation.sectors.set(Sector.objects.all())
    organisation.activities.set(Activity.objects.all())
    return organisation


def test_list_uses_the_same_number_of_queries_for_3_or_30_organisations(
    client, db, django_assert_num_queries
):
    region = RegionFactory()
    Sector.objects.create(code="photonics")
    Activity.objects.create(code="26.70", labels={"en": "Optics"})
    for number in range(3):
        _organisation_with_everything(region, number)
    # count, page, sectors, activities; regions come in the page's join
    with django_assert_num_queries(4):
        small = client.get("/api/v1/organisations?limit=30")
    for number in range(3, 30):
        _organisation_with_everything(region, number)
    with django_assert_num_queries(4):
        large = client.get("/api/v1/organisations?limit=30")

    assert len(small.json()["items"]) == 3
    assert len(large.json()["items"]) == 30
    assert large.json()["items"][29]["sectors"] == [{"code": "photonics", "label": "Photonics"}]


def test_detail_shows_every_field_and_the_memberships(client, member_company, cluster):
    Organisation.objects.filter(pk=member_company.pk).update(
        inn="7707083893", names={"en": "Azur Optics", "ru": "Оптик Азур"}, keywords=["lidar"]
    )

    response = client.get(f"/api/v1/organisations/{member_company.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body.pop("created_at").endswith("Z")
    assert body.pop("updated_at").endswith("Z")
    assert body == {
        "id": member_company.pk,
        "name": "Optique Azur SAS",
        "display_name": "Azur Optics",
        "name_latin": "Optique Azur SAS",
        "names": {"en": "Azur Optics", "ru": "Оптик Азур"},
        "aliases": [],
        "legal_form": "",
        "kind": "company",
        "country": "FR",
        "region": None,
        "region_text": "",
        "city": "",
        "website": "",
        "description": {},
        "keywords": ["lidar"],
        "sectors": [],
        "activities": [],
        "identifiers": {"inn": "7707083893"},
        "member_of": [{"id": cluster.pk, "name": "SAFE Cluster"}],
        "members": [],
        "archived": False,
        "version": 1,
        "can_edit": False,
    }


@pytest.mark.parametrize(("language", "name"), [("ru", "Оптик Азур"), ("en", "Azur Optics")])
def test_detail_names_the_organisation_in_the_requested_language(
    client, member_company, language, name
):
    Organisation.objects.filter(pk=member_company.pk).update(
        names={"en": "Azur Optics", "ru": "Оптик Азур"}
    )

    response = client.get(
        f"/api/v1/organisations/{member_company.pk}", headers={"Accept-Language": language}
    )

    assert response.json()["display_name"] == name


def test_detail_of_an_unknown_organisation_is_404(client, db):
    response = client.get("/api/v1/organisations/999999")

    assert response.status_code == 404
    assert response.json() == {"detail": "No such organisation."}


@pytest.mark.parametrize(
    ("user", "can_edit"),
    [
        ("member_user", True),
        ("ecosystem_manager", True),
        ("programme_manager", True),
        ("outsider_user", False),
        (None, False),
    ],
)
def test_detail_tells_whether_the_caller_may_edit(client, caller, member_company, user, can_edit):
    caller(user)

    response = client.get(f"/api/v1/organisations/{member_company.pk}")

    assert response.status_code == 200
    assert response.json()["can_edit"] is can_edit


# Editing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("member_user", 200),
        ("ecosystem_manager", 200),
        ("programme_manager", 200),
        ("outsider_user", 403),
        (None, 401),
    ],
)
def test_edit_follows_the_rules(client, caller, member_company, user, status):
    caller(user)

    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "city": "Sophia Antipolis"},
        content_type="application/json",
    )

    assert response.status_code == status
    member_company.refresh_from_db()
    if status == 200:
        assert response.json()["city"] == "Sophia Antipolis"
        assert response.json()["version"] == 2
        assert (member_company.city, member_company.version) == ("Sophia Antipolis", 2)
        assert AuditEntry.objects.filter(action="update").count() == 1
    else:
        assert (member_company.city, member_company.version) == ("", 1)
        assert not AuditEntry.objects.exists()


def test_outsider_is_told_why_an_edit_is_refused(client, outsider_user, member_company):
    client.force_login(outsider_user)

    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "name": "Hijacked"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "You may not edit this organisation."}
    member_company.refresh_from_db()
    assert member_company.name == "Optique Azur SAS"


def test_ecosystem_manager_may_not_edit_an_organisation_outside_the_cluster(
    client, ecosystem_manager, outsider_company
):
    client.force_login(ecosystem_manager)

    response = client.patch(
        f"/api/v1/organisations/{outsider_company.pk}",
        {"version": 1, "city": "Tomsk"},
        content_type="application/json",
    )

    assert response.status_code == 403
    outsider_company.refresh_from_db()
    assert outsider_company.city == ""


def test_member_may_not_edit_the_cluster_it_belongs_to(client, member_user, cluster):
    client.force_login(member_user)

    response = client.patch(
        f"/api/v1/organisations/{cluster.pk}",
        {"version": 1, "city": "Marseille"},
        content_type="application/json",
    )

    assert response.status_code == 403
    cluster.refresh_from_db()
    assert cluster.city == ""


def test_edit_changes_only_the_fields_sent(client, member_user, directory):
    nice = directory["nice"]
    Organisation.objects.filter(pk=nice.pk).update(siren="732829320", keywords=["lidar"])
    client.force_login(member_user)
    from jumelage.accounts.models import Role
    from tests.factories import give_role

    give_role(member_user, Role.Kind.MEMBER, organisation=nice)

    response = client.patch(
        f"/api/v1/organisations/{nice.pk}",
        {"version": 1, "name": "Photonique Côte d'Azur"},
        content_type="application/json",
    )

    assert response.status_code == 200
    nice.refresh_from_db()
    assert nice.name == "Photonique Côte d'Azur"
    assert nice.name_latin == "Photonique Côte d'Azur"
    assert (nice.city, nice.kind, nice.region.code) == ("Nice", "startup", "FRL03")
    assert (nice.siren, nice.keywords) == ("732829320", ["lidar"])
    assert list(nice.sectors.values_list("code", flat=True)) == ["photonics"]
    assert list(nice.activities.values_list("code", flat=True)) == ["26.70"]


def test_edit_with_a_stale_version_is_409_and_writes_nothing(client, member_user, member_company):
    client.force_login(member_user)
    url = f"/api/v1/organisations/{member_company.pk}"
    read = client.get(url).json()
    first = client.patch(
        url, {"version": read["version"], "city": "Nice"}, content_type="application/json"
    )
    assert first.status_code == 200

    second = client.patch(
        url,
        {"version": read["version"], "city": "Toulon", "identifiers": {"inn": "7707083893"}},
        content_type="application/json",
    )

    assert second.status_code == 409
    assert second.json() == {"detail": STALE_MESSAGE}
    member_company.refresh_from_db()
    assert (member_company.city, member_company.inn, member_company.version) == ("Nice", "", 2)
    assert AuditEntry.objects.filter(action="update").count() == 1


def test_edit_without_a_version_is_refused(client, member_user, member_company):
    client.force_login(member_user)

    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"city": "Nice"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "version", "message": "is required"}]
    member_company.refresh_from_db()
    assert member_company.city == ""


def test_edit_with_a_bad_inn_check_digit_is_422_naming_the_field(
    client, member_user, member_company
):
    client.force_login(member_user)

    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "city": "Nice", "identifiers": {"inn": "7707083894"}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Some fields are not valid.",
        "errors": [
            {
                "field": "identifiers.inn",
                "message": "INN “7707083894” is not valid: its check digit is wrong.",
            }
        ],
    }
    member_company.refresh_from_db()
    assert (member_company.inn, member_company.city, member_company.version) == ("", "", 1)
    assert not AuditEntry.objects.exists()


def test_edit_reports_every_bad_field_at_once(client, member_user, member_company):
    client.force_login(member_user)

    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {
            "version": 1,
            "country": "France",
            "kind": "castle",
            "sectors": ["alchemy"],
            "activities": ["7219"],
            "identifiers": {"siren": "12345"},
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    fields = [error["field"] for error in response.json()["errors"]]
    assert fields == ["country", "kind", "sectors", "activities", "identifiers.siren"]
    assert response.json()["errors"][-1]["message"] == (
        "SIREN must have 9 digits; “12345” does not."
    )
    member_company.refresh_from_db()
    assert (member_company.country, member_company.version) == ("FR", 1)


def test_edit_of_a_wrongly_typed_field_names_it(client, member_user, member_company):
    client.force_login(member_user)

    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "identifiers": {"inn": 7707083893}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "identifiers.inn", "message": "Input should be a valid string"}
    ]


def test_edit_by_token_needs_no_csrf_and_records_the_actor(client, member_user, member_company):
    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "website": "https://optique-azur.example"},
        content_type="application/json",
        headers=bearer(member_user),
    )

    assert response.status_code == 200
    assert response.json()["website"] == "https://optique-azur.example"
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (
        member_user,
        "update",
        str(member_company.pk),
    )


# Creating -----------------------------------------------------------------------------

NEW_ORGANISATION = {
    "name": "Лазерные системы",
    "country": "RU",
    "kind": "sme",
    "city": "Томск",
    "sectors": ["photonics"],
    "activities": ["26.70"],
    "identifiers": {"inn": "7707083893", "ogrn": "1027700132195"},
    "description": {"en": "Fibre lasers", "ru": "Волоконные лазеры"},
}


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("programme_manager", 201),
        ("ecosystem_manager", 201),
        ("member_user", 403),
        ("outsider_user", 403),
        (None, 401),
    ],
)
def test_create_is_for_managers_only(client, caller, cluster, user, status):
    caller(user)
    before = Organisation.objects.count()

    response = client.post(
        "/api/v1/organisations", NEW_ORGANISATION, content_type="application/json"
    )

    assert response.status_code == status
    if status == 201:
        assert Organisation.objects.count() == before + 1
    else:
        assert Organisation.objects.count() == before
        assert not Sector.objects.exists()


def test_create_saves_the_record_in_the_managers_programme(client, programme_manager, programme):
    client.force_login(programme_manager)

    response = client.post(
        "/api/v1/organisations", NEW_ORGANISATION, content_type="application/json"
    )

    assert response.status_code == 201
    body = response.json()
    organisation = Organisation.objects.get(pk=body["id"])
    assert organisation.programme == programme
    assert (organisation.name, organisation.name_latin) == ("Лазерные системы", body["name_latin"])
    assert (organisation.inn, organisation.ogrn) == ("7707083893", "1027700132195")
    assert body["sectors"] == [{"code": "photonics", "label": "Photonics"}]
    assert body["identifiers"] == {"inn": "7707083893", "ogrn": "1027700132195"}
    assert body["description"] == {"en": "Fibre lasers", "ru": "Волоконные лазеры"}
    assert (body["version"], body["can_edit"], body["possible_duplicates"]) == (1, True, [])


def test_create_warns_of_a_possible_duplicate(client, programme_manager, member_company):
    client.force_login(programme_manager)

    response = client.post(
        "/api/v1/organisations",
        {"name": "OPTIQUE AZUR", "country": "FR"},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["possible_duplicates"] == [
        {"id": member_company.pk, "name": "Optique Azur SAS"}
    ]


def test_create_with_a_bad_inn_writes_nothing(client, programme_manager):
    client.force_login(programme_manager)
    before = Organisation.objects.count()

    response = client.post(
        "/api/v1/organisations",
        {**NEW_ORGANISATION, "identifiers": {"inn": "7707083894"}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "identifiers.inn",
            "message": "INN “7707083894” is not valid: its check digit is wrong.",
        }
    ]
    assert Organisation.objects.count() == before
    assert not Sector.objects.exists()
    assert not AuditEntry.objects.exists()


def test_create_without_a_name_is_422(client, programme_manager):
    client.force_login(programme_manager)

    response = client.post(
        "/api/v1/organisations", {"country": "FR"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "name", "message": "is required"}]


def test_create_with_a_too_long_pic_is_422(client, programme_manager):
    client.force_login(programme_manager)

    response = client.post(
        "/api/v1/organisations",
        {"name": "Pic SA", "country": "FR", "identifiers": {"pic": "9" * 20}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "identifiers.pic",
            "message": "is too long: at most 12 characters",
        }
    ]
    assert not Organisation.objects.filter(name="Pic SA").exists()
