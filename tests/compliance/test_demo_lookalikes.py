"""The demo's shipped OFAC list against look-alikes from the demo directory."""

import pytest

from jumelage.compliance import services
from jumelage.compliance.demo import load_demo_list
from jumelage.compliance.models import ScreeningHit
from tests.factories import OrganisationFactory


@pytest.fixture
def demo_list(db):
    load_demo_list()


def _hits(organisation):
    services.screen_organisation(organisation=organisation)
    return set(
        ScreeningHit.objects.filter(organisation=organisation).values_list("entry_id", flat=True)
    )


def test_a_technopark_named_after_its_city_is_not_the_vessel_named_after_the_city(
    demo_list, programme
):
    it_park = OrganisationFactory(
        name="IT Park (Kazan)",
        names={"ru": "ИТ-парк (Казань)"},
        aliases=["IT Park Kazan"],
        country="RU",
        programme=programme,
    )

    assert "us-ofac-sdn:45330" not in _hits(it_park)  # the tanker KAZAN
    assert _hits(it_park) == set()


def test_initials_of_the_institute_s_own_name_do_not_match_other_listed_bodies(
    demo_list, programme
):
    institutes = [
        OrganisationFactory(
            name="Balakovo Carbon Production LLC",
            aliases=["LLC BCP"],
            country="RU",
            programme=programme,
        ),
        OrganisationFactory(
            name="Institute of Limnology Russian Academy of Sciences",
            aliases=["IL-RAS"],
            country="RU",
            programme=programme,
        ),
        OrganisationFactory(
            name="Institute for System Programming of the Russian Academy of Sciences",
            names={"ru": "Институт системного программирования им. В. П. Иванникова РАН"},
            aliases=["ИСП РАН"],
            country="RU",
            programme=programme,
        ),
    ]

    assert [_hits(institute) for institute in institutes] == [set(), set(), set()]


def test_listed_organisations_of_the_demo_are_still_caught(demo_list, programme):
    skoltech = OrganisationFactory(
        name="Skolkovo Institute of Science and Technology",
        aliases=["Skoltech"],
        country="RU",
        programme=programme,
    )
    applied_physics = OrganisationFactory(
        name="Institute of Applied Physics, Russian Academy of Sciences",
        names={"ru": "Институт прикладной физики РАН"},
        aliases=["IAP-RAS"],
        country="RU",
        programme=programme,
    )
    vniitf = OrganisationFactory(
        name="Russian Federal Nuclear Centre Zababakhin All Russian Research Institute of "
        "Technical Physics",
        aliases=["RFNC-VNIITF"],
        country="RU",
        programme=programme,
    )

    assert "us-ofac-sdn:38222" in _hits(skoltech)
    assert "us-ofac-sdn:39144" in _hits(applied_physics)
    vniitf_hits = _hits(vniitf)
    assert "us-ofac-sdn:41014" in vniitf_hits
    assert "us-ofac-sdn:41019" not in vniitf_hits  # VNIIEF, the Sarov institute
