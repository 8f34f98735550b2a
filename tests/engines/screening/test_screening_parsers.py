"""List parsers: each format on a small fixture, and bad input named by file, line and field."""

from pathlib import Path

import pytest

from jumelage.engines.screening import (
    ORGANIZATION,
    PERSON,
    VESSEL,
    Identifier,
    ListParseError,
    parse_list,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_eu_fsf_xml_keeps_names_in_every_script_dates_countries_and_identifiers():
    parsed = parse_list(FIXTURES / "eu_fsf.xml", "eu-fsf-xml")

    assert parsed.list_id == "eu-fsf"
    assert parsed.list_date == "2026-11-20T10:00:00.000+01:00"
    assert parsed.version == "171234"
    person, company = parsed.entries
    assert person.entry_id == "eu-fsf:9001"
    assert person.schema == PERSON
    assert person.names == ("Ivan Petrovich SIDOROV",)
    assert person.aliases == ("Иван Петрович Сидоров",)
    assert person.weak_aliases == ("Vanya",)
    assert person.birth_dates == ("1961-04-12",)
    assert person.nationalities == ("RU",)
    assert person.identifiers == (Identifier("passport", "7512345678", "RU"),)
    assert person.programmes == ("UKR",)
    assert person.listed_on == "2022-02-23"
    assert company.schema == ORGANIZATION
    assert company.aliases == ("АО «Пример Оптика»",)
    assert {i.scheme for i in company.identifiers} == {"registration", "inn"}
    assert company.countries == ("RU",)


def test_un_xml_joins_name_parts_and_splits_low_quality_aliases():
    parsed = parse_list(FIXTURES / "un_consolidated.xml", "un-xml")

    assert parsed.list_date == "2026-11-25T08:00:03.107-05:00"
    person, entity = parsed.entries
    assert person.entry_id == "un-sc:QDi.901"
    assert person.names == ("ABDUL KARIM EXAMPLE",)
    assert person.aliases == ("Abdul Kareem Example", "عبد الكريم")
    assert person.weak_aliases == ("Abu Karim", "Al-Karim")
    assert person.birth_dates == ("1970",)
    assert person.nationalities == ("YE",)
    assert person.identifiers == (Identifier("passport", "00112233", "YE"),)
    assert person.programmes == ("Al-Qaida",)
    assert person.listed_on == "2003-09-09"
    assert entity.schema == ORGANIZATION
    assert entity.aliases == ("ETN",)
    assert entity.countries == ("KP",)


def test_ofac_sdn_csv_reads_remarks_and_the_alt_file_beside_it():
    parsed = parse_list(FIXTURES / "ofac" / "sdn.csv", "ofac-sdn-csv")

    company, person, vessel = parsed.entries
    assert company.entry_id == "us-ofac-sdn:900001"
    assert company.schema == ORGANIZATION
    assert company.aliases == ("JSC EXAMPLE SPACE SYSTEMS", "ESS")
    assert Identifier("inn", "7700000002", "RU") in company.identifiers
    assert Identifier("ogrn", "1027700000013", "RU") in company.identifiers
    assert company.programmes == ("RUSSIA-EO14024",)
    assert person.schema == PERSON
    assert person.names == ("PETROV, Sergei Ivanovich",)
    assert person.aliases == ("PETROV, Sergey",)
    assert person.birth_dates == ("1965-03-15",)
    assert person.nationalities == ("RU",)
    assert vessel.schema == VESSEL
    assert Identifier("imo", "9000001", None) in vessel.identifiers
    assert "PA" in vessel.countries


def test_ojeu_csv_names_entries_by_act_and_annex():
    parsed = parse_list(FIXTURES / "ojeu.csv", "ojeu-csv")

    institute, person = parsed.entries
    assert institute.entry_id == "eu-833-2014-annex-iv:17"
    assert institute.list_id == "eu-833-2014-annex-iv"
    assert institute.schema == ORGANIZATION
    assert institute.aliases == ("Пример физико-технический институт", "EIPT")
    assert Identifier("ogrn", "1027700000024") in institute.identifiers
    assert Identifier("inn", "7700000003") in institute.identifiers
    assert institute.listed_on == "2022-03-01"
    assert person.entry_id == "eu-269-2014-annex-i-persons:42"
    assert person.birth_dates == ("1970-07-12",)
    assert person.nationalities == ("RU",)
    assert parsed.list_date == "2022-03-01"


def test_ftm_json_skips_non_party_entities_and_blank_lines():
    parsed = parse_list(FIXTURES / "entities.ftm.json", "ftm-json", list_id="example")

    person, company = parsed.entries
    assert person.entry_id == "example:ex-person-1"
    assert person.aliases == ("Виктор Экзамплов",)
    assert person.weak_aliases == ("Vitya",)
    assert person.birth_dates == ("1958-01-30",)
    assert person.identifiers == (Identifier("inn", "770000000004"),)
    assert person.listed_on == "2024-03-01"
    assert company.schema == ORGANIZATION
    assert company.countries == ("RU",)
    assert company.programmes == ("EX-PROG",)


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown list format 'pdf'"):
        parse_list(FIXTURES / "ojeu.csv", "pdf")


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(ListParseError, match="no such file"):
        parse_list(tmp_path / "absent.xml", "un-xml")


def test_malformed_xml_names_the_line(tmp_path):
    bad = tmp_path / "fsf.xml"
    bad.write_text('<export xmlns="x">\n<sanctionEntity logicalId="1">\n</export>\n')

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "eu-fsf-xml")

    assert error.value.location.startswith("line 3")
    assert error.value.field_name == "xml"
    assert str(bad) in str(error.value)


def test_fsf_entity_without_id_names_element_and_field(tmp_path):
    bad = tmp_path / "fsf.xml"
    bad.write_text('<export><sanctionEntity><nameAlias wholeName="X"/></sanctionEntity></export>')

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "eu-fsf-xml")

    assert error.value.location == "sanctionEntity #1"
    assert error.value.field_name == "logicalId"


def test_un_bad_birth_year_names_record_and_field(tmp_path):
    bad = tmp_path / "un.xml"
    bad.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>7</DATAID>"
        "<FIRST_NAME>A</FIRST_NAME><INDIVIDUAL_DATE_OF_BIRTH><YEAR>nineteen</YEAR>"
        "</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "un-xml")

    assert error.value.location == "INDIVIDUAL #1 (DATAID 7)"
    assert error.value.field_name == "YEAR"
    assert "nineteen" in str(error.value)


def test_ofac_row_with_wrong_column_count_names_the_line(tmp_path):
    bad = tmp_path / "sdn.csv"
    bad.write_text(
        '1,"GOOD NAME",-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n2,"SHORT ROW"\n'
    )

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "ofac-sdn-csv")

    assert error.value.location == "line 2"
    assert error.value.field_name == "row"
    assert "expected 12 columns, found 2" in str(error.value)


def test_ofac_non_numeric_entry_number_names_the_field(tmp_path):
    bad = tmp_path / "sdn.csv"
    bad.write_text('X1,"NAME",-0- ,"X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n')

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "ofac-sdn-csv")

    assert (error.value.location, error.value.field_name) == ("line 1", "ent_num")


def test_ojeu_row_without_name_names_line_and_field(tmp_path):
    bad = tmp_path / "ojeu.csv"
    bad.write_text("celex,recordId,schema,name\n32014R0833,1,Company,Fine\n32014R0833,2,Company,\n")

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "ojeu-csv")

    assert (error.value.location, error.value.field_name) == ("line 3", "name")


def test_ojeu_header_without_required_column_is_refused(tmp_path):
    bad = tmp_path / "ojeu.csv"
    bad.write_text("celex,recordId,name\n32014R0833,1,Fine\n")

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "ojeu-csv")

    assert (error.value.location, error.value.field_name) == ("line 1", "schema")


def test_ftm_invalid_json_names_the_line(tmp_path):
    bad = tmp_path / "entities.json"
    bad.write_text('{"id": "a", "schema": "Person", "properties": {"name": ["A"]}}\n{"id": \n')

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "ftm-json")

    assert (error.value.location, error.value.field_name) == ("line 2", "json")


def test_ftm_property_that_is_not_a_list_of_strings_names_the_field(tmp_path):
    bad = tmp_path / "entities.json"
    bad.write_text('{"id": "a", "schema": "Person", "properties": {"name": ["A"], "alias": [3]}}\n')

    with pytest.raises(ListParseError) as error:
        parse_list(bad, "ftm-json")

    assert (error.value.location, error.value.field_name) == ("line 1", "properties.alias")
