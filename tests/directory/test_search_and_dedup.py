import pytest

from jumelage.directory.dedup import name_fingerprint, name_similarity
from jumelage.directory.selectors import DirectoryFilters, search_organisations
from tests.factories import OrganisationFactory


def test_legal_forms_and_scripts_share_a_fingerprint():
    assert name_fingerprint("ООО «Ромашка»") == name_fingerprint("Romashka LLC") == "romashk"
    assert name_fingerprint("Université Côte d'Azur") == name_fingerprint("UNIVERSITE COTE D AZUR")


def test_different_institutes_do_not_look_alike():
    assert (
        name_similarity(
            "Space Research Institute RAS", "Research Institute of Space Instrumentation"
        )
        < 0.9
    )


@pytest.fixture
def tomsk(db):
    return [
        OrganisationFactory(
            name="Томский государственный университет", country="RU", kind="university"
        ),
        OrganisationFactory(name="Tomsk Polytechnic University", country="RU", kind="university"),
        OrganisationFactory(
            name="Фонд «Сколково»", country="RU", kind="technopark", aliases=["Skolkovo Foundation"]
        ),
        OrganisationFactory(
            name="Laboratoire d'Astrophysique de Marseille", country="FR", kind="research_lab"
        ),
    ]


def names(filters):
    return sorted(org.name for org in search_organisations(filters))


@pytest.mark.parametrize("query", ["Томск", "Tomsk", "Tomskiy", "tomskij", "TOMSKY"])
def test_name_search_finds_the_same_organisations_in_any_script(tomsk, query):
    assert names(DirectoryFilters(q=query)) == [
        "Tomsk Polytechnic University",
        "Томский государственный университет",
    ]


def test_cyrillic_query_finds_latin_name_and_back(tomsk):
    assert names(DirectoryFilters(q="Сколково")) == ["Фонд «Сколково»"]
    assert names(DirectoryFilters(q="Skolkovo")) == ["Фонд «Сколково»"]
    assert names(DirectoryFilters(q="Лаборатория")) == []


def test_filters_combine_with_the_query(tomsk):
    assert names(DirectoryFilters(q="Tomsk", kind="university", country="FR")) == []
    assert names(DirectoryFilters(country="FR")) == ["Laboratoire d'Astrophysique de Marseille"]
    assert names(DirectoryFilters(kind="technopark")) == ["Фонд «Сколково»"]


def test_archived_organisations_are_hidden_unless_asked(tomsk):
    tomsk[0].archived = True
    tomsk[0].save()
    assert names(DirectoryFilters(q="Tomsk")) == ["Tomsk Polytechnic University"]
    assert len(names(DirectoryFilters(q="Tomsk", include_archived=True))) == 2
