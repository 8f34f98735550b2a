"""Regions over the API: open to everyone, with the count of organisations in each."""

from __future__ import annotations

from jumelage.directory.models import Region
from tests.factories import OrganisationFactory, RegionFactory


def test_regions_are_listed_with_their_parent_and_live_organisation_count(client, db):
    paca = RegionFactory()
    alpes = RegionFactory(
        code="FRL03", kind=Region.Kind.DEPARTMENT, parent=paca, names={"fr": "Alpes-Maritimes"}
    )
    tomsk = RegionFactory(
        code="RU-TOM",
        country="RU",
        names={"en": "Tomsk Oblast", "ru": "Томская область"},
        airr_member=True,
        airr_joined=2010,
    )
    OrganisationFactory(region=alpes)
    OrganisationFactory(region=alpes, archived=True)
    OrganisationFactory(region=tomsk, country="RU")

    response = client.get("/api/v1/regions")

    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "FRL0",
            "country": "FR",
            "kind": "region",
            "name": "Provence-Alpes-Côte d'Azur",
            "names": paca.names,
            "parent": None,
            "airr_member": False,
            "airr_joined": None,
            "organisation_count": 0,
        },
        {
            "code": "FRL03",
            "country": "FR",
            "kind": "department",
            "name": "Alpes-Maritimes",
            "names": {"fr": "Alpes-Maritimes"},
            "parent": {"code": "FRL0", "name": "Provence-Alpes-Côte d'Azur"},
            "airr_member": False,
            "airr_joined": None,
            "organisation_count": 1,
        },
        {
            "code": "RU-TOM",
            "country": "RU",
            "kind": "region",
            "name": "Tomsk Oblast",
            "names": {"en": "Tomsk Oblast", "ru": "Томская область"},
            "parent": None,
            "airr_member": True,
            "airr_joined": 2010,
            "organisation_count": 1,
        },
    ]


def test_region_names_follow_the_requested_language(client, db):
    RegionFactory(
        code="RU-TOM", country="RU", names={"en": "Tomsk Oblast", "ru": "Томская область"}
    )

    response = client.get("/api/v1/regions/RU-TOM", headers={"Accept-Language": "ru"})

    assert response.json()["name"] == "Томская область"


def test_region_detail_lists_its_sub_regions(client, db):
    paca = RegionFactory(descriptions={"en": "Between the Alps and the sea."})
    RegionFactory(
        code="FRL03", kind=Region.Kind.DEPARTMENT, parent=paca, names={"fr": "Alpes-Maritimes"}
    )
    RegionFactory(
        code="FRL04", kind=Region.Kind.DEPARTMENT, parent=paca, names={"fr": "Bouches-du-Rhône"}
    )

    response = client.get("/api/v1/regions/FRL0")

    assert response.status_code == 200
    body = response.json()
    assert body["description"] == "Between the Alps and the sea."
    assert body["children"] == [
        {"code": "FRL03", "name": "Alpes-Maritimes"},
        {"code": "FRL04", "name": "Bouches-du-Rhône"},
    ]


def test_unknown_region_is_404(client, db):
    response = client.get("/api/v1/regions/XX99")

    assert response.status_code == 404
    assert response.json() == {"detail": "No such region."}


def test_region_list_uses_a_constant_number_of_queries(client, db, django_assert_num_queries):
    parent = RegionFactory()
    for number in range(20):
        RegionFactory(code=f"FRL0{number:02d}", parent=parent)

    with django_assert_num_queries(1):
        response = client.get("/api/v1/regions")

    assert len(response.json()) == 21
