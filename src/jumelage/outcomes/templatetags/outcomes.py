"""Numbers and money in the active language, for the plan pages."""

from __future__ import annotations

from typing import Any

from django import template

from jumelage.outcomes.formatting import format_date, format_money, format_number

register = template.Library()


@register.filter
def num(value: Any) -> Any:
    """Group the digits of a number the way the active language does; leave text alone."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return format_number(value)


@register.filter
def cell(value: Any) -> Any:
    """A table cell: numbers grouped, dates in the language's short form, text as is."""
    from datetime import date

    if isinstance(value, date):
        return format_date(value)
    return num(value)


@register.simple_tag
def money(amount: Any, currency: str) -> str:
    return format_money(amount, currency)
