"""Numbers, money and dates in the active language (Django's formats; no Babel needed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language

CURRENCY_SYMBOLS = {"EUR": "€", "RUB": "₽", "USD": "$", "GBP": "£", "CHF": "CHF", "CNY": "¥"}
NBSP = "\u00a0"


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_money(amount: Decimal | int | float | None, currency: str) -> str:
    """`€1,250,000.00` in English, `1 250 000,00 €` in French and Russian."""
    if amount is None:
        return ""
    code = (currency or "EUR").upper()
    symbol = CURRENCY_SYMBOLS.get(code, code)
    decimals = 0 if Decimal(amount) == Decimal(amount).to_integral_value() else 2
    number = format_number(amount, decimals)
    if (get_language() or "en")[:2] == "en" and len(symbol) == 1:
        return f"{symbol}{number}"
    return f"{number}{NBSP}{symbol}"


def format_date(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT", use_l10n=True) if value else ""


def format_day(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT", use_l10n=True) if value else ""
