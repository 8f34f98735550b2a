"""The screener on the real OFAC SDN and EU annex files from ../shared/data (skipped if absent).

These are the look-alike pairs and cross-script cases of the data's documentation.
"""

from pathlib import Path

import pytest

from jumelage.engines.screening import ORGANIZATION, PERSON, Query, Screener, parse_list

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
OFAC = DATA / "ofac-sdn" / "sdn_2024-05-03.csv"
OJEU = DATA / "eu-sanctions-ojeu" / "eu_ojeu_sanctions_consolidated.csv"


@pytest.fixture(scope="module")
def screener():
    if not OFAC.exists() or not OJEU.exists():
        pytest.skip(f"shared data not found under {DATA}")
    return Screener([parse_list(OFAC, "ofac-sdn-csv"), parse_list(OJEU, "ojeu-csv")])


def _ids(screener, name, schema=ORGANIZATION, **fields):
    return [hit.entry_id for hit in screener.screen(Query(name, schema, **fields))]


def test_cyrillic_mipt_finds_the_ofac_transliterated_alias_and_the_eu_entries(screener):
    hits = screener.screen(
        Query("Московский физико-технический институт", ORGANIZATION, country="RU")
    )
    by_id = {hit.entry_id: hit for hit in hits}

    assert "us-ofac-sdn:38316" in by_id
    assert by_id["us-ofac-sdn:38316"].code == "translit_match"
    assert by_id["us-ofac-sdn:38316"].params["system"] == "BGN/PCGN"
    assert "eu-833-2014-annex-iv:31" in by_id


def test_mipt_acronym_with_country_is_a_hit(screener):
    assert "us-ofac-sdn:38316" in _ids(screener, "MIPT", country="RU")


def test_russian_space_systems_is_not_gazprom_space_systems(screener):
    hits = _ids(screener, "JOINT STOCK COMPANY RUSSIAN SPACE SYSTEMS", country="RU")

    assert "us-ofac-sdn:47574" not in hits
    assert "us-ofac-sdn:39139" in hits


def test_space_research_institute_is_not_the_space_instrumentation_institute(screener):
    hits = _ids(screener, "Space Research Institute RAS", country="RU")

    assert "eu-833-2014-annex-iv:356" not in hits
    assert "eu-269-2014-annex-i-entities:543" not in hits


def test_skolkovo_institute_is_not_the_skolkovo_technopark(screener):
    hits = _ids(screener, "Skolkovo Institute of Science and Technology", country="RU")

    assert "us-ofac-sdn:38222" in hits
    assert "us-ofac-sdn:38223" not in hits


def test_person_in_official_russian_order_and_cyrillic_is_found(screener):
    hits = _ids(screener, "Путин Владимир Владимирович", PERSON)

    assert "us-ofac-sdn:35096" in hits
    assert "eu-269-2014-annex-i-persons:669" in hits
