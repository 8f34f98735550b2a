"""Legal identifiers and their check digits.

SIREN (9 digits) and SIRET (14 digits) carry a Luhn check digit; La Poste's establishments
(SIREN 356000000) are the documented exception for SIRET, checked by digit sum instead.
INN has 10 digits (organisations, one control digit) or 12 (individuals, two); OGRN has
13 digits (organisations, modulus 11) and OGRNIP 15 (individual entrepreneurs, modulus 13).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits(value: str, lengths: tuple[int, ...], label: str) -> str:
    if not value.isdigit() or len(value) not in lengths:
        counts = _(" or ").join(str(n) for n in lengths)
        raise ValidationError(
            _("%(label)s must have %(counts)s digits; “%(value)s” does not.")
            % {"label": label, "counts": counts, "value": value},
            code="format",
        )
    return value


def _bad_check(label: str, value: str) -> ValidationError:
    return ValidationError(
        _("%(label)s “%(value)s” is not valid: its check digit is wrong.")
        % {"label": label, "value": value},
        code="checksum",
    )


def validate_siren(value: str) -> None:
    _digits(value, (9,), "SIREN")
    if not luhn_ok(value):
        raise _bad_check("SIREN", value)


def validate_siret(value: str) -> None:
    _digits(value, (14,), "SIRET")
    if value.startswith("356000000"):
        if sum(int(c) for c in value) % 5 != 0:
            raise _bad_check("SIRET", value)
    elif not luhn_ok(value):
        raise _bad_check("SIRET", value)


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def validate_inn(value: str) -> None:
    _digits(value, (10, 12), "INN")
    if len(value) == 10:
        ok = _weighted(value, _INN10_WEIGHTS) == int(value[9])
    else:
        ok = _weighted(value, _INN12_WEIGHTS_1) == int(value[10]) and _weighted(
            value, _INN12_WEIGHTS_2
        ) == int(value[11])
    if not ok:
        raise _bad_check("INN", value)


def validate_ogrn(value: str) -> None:
    _digits(value, (13, 15), "OGRN")
    modulus = 11 if len(value) == 13 else 13
    if int(value[:-1]) % modulus % 10 != int(value[-1]):
        raise _bad_check("OGRN", value)


IDENTIFIER_VALIDATORS = {
    "siren": validate_siren,
    "siret": validate_siret,
    "inn": validate_inn,
    "ogrn": validate_ogrn,
}
