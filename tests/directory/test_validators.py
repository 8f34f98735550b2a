import pytest
from django.core.exceptions import ValidationError

from jumelage.directory.validators import (
    validate_inn,
    validate_ogrn,
    validate_siren,
    validate_siret,
)


@pytest.mark.parametrize("value", ["732829320", "552100554", "356000000"])
def test_valid_siren_passes_luhn(value):
    validate_siren(value)


def test_siren_with_wrong_check_digit_is_rejected_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        validate_siren("732829321")
    assert error.value.messages == ["SIREN “732829321” is not valid: its check digit is wrong."]


def test_siren_of_wrong_length_names_the_expected_digits():
    with pytest.raises(ValidationError) as error:
        validate_siren("12345")
    assert error.value.messages == ["SIREN must have 9 digits; “12345” does not."]


def test_siret_luhn_and_la_poste_exception():
    validate_siret("73282932000074")
    validate_siret("35600000000010")  # La Poste: digit sum divisible by 5
    with pytest.raises(ValidationError):
        validate_siret("73282932000075")


@pytest.mark.parametrize("value", ["7707083893", "7736050003", "500100732259"])
def test_valid_inn_passes(value):
    validate_inn(value)


@pytest.mark.parametrize("value", ["7707083894", "500100732258", "77070838", "77O7083893"])
def test_invalid_inn_is_rejected(value):
    with pytest.raises(ValidationError):
        validate_inn(value)


@pytest.mark.parametrize("value", ["1027700132195", "1027739642281", "304500116000157"])
def test_valid_ogrn_and_ogrnip_pass(value):
    validate_ogrn(value)


def test_ogrn_with_wrong_control_digit_is_rejected():
    with pytest.raises(ValidationError) as error:
        validate_ogrn("1027700132196")
    assert error.value.messages == ["OGRN “1027700132196” is not valid: its check digit is wrong."]
