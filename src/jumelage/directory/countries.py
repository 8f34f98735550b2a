"""Country names in the reader's language, from ISO 3166-1 alpha-2 codes.

The names and their French and Russian translations come from django-countries (the
Unicode CLDR names, kept up to date by that project), so that every page and filter shows
"Russie", "Russia" or "Россия" rather than "RU".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django_countries import countries

from jumelage.engines.text.analysis import strip_accents

# The European Commission's codes that differ from ISO 3166-1 (CORDIS uses them).
_EU_CODES = {"EL": "GR", "UK": "GB"}


def country_name(code: str | None) -> str:
    """The name of the country `code` in the active language; the code itself when unknown."""
    code = (code or "").strip().upper()
    return str(countries.name(_EU_CODES.get(code, code)) or code)


def country_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, name) pairs for a select, sorted by name in the active language."""
    named = [(code, country_name(code)) for code in set(codes) if code]
    return sorted(named, key=lambda pair: (_sort_key(pair[1]), pair[0]))


def _sort_key(name: str) -> str:
    # "Égypte" sorts with E; accents are only taken off Latin letters ("й" stays).
    folded = name.casefold()
    return strip_accents(folded) if all(ord(c) < 0x0400 for c in folded) else folded


# The countries of the directory are read once per process and kept for 5 minutes (reading
# them scans every organisation: 100 ms at 100,000), forgotten at once in the process that
# saves, deletes or imports organisations; another process sees a new country within 5 minutes.
COUNTRIES_CACHE_KEY = "directory:countries"
COUNTRIES_CACHE_SECONDS = 300


def directory_country_codes() -> list[str]:
    """The codes of the countries of the directory's current organisations."""
    from jumelage.directory.models import Organisation

    codes = cache.get(COUNTRIES_CACHE_KEY)
    if codes is None:
        # order_by: without it the model's ordering joins the DISTINCT, which then returns
        # one row per organisation instead of one per country.
        codes = list(
            Organisation.objects.filter(archived=False)
            .order_by("country")
            .values_list("country", flat=True)
            .distinct()
        )
        cache.set(COUNTRIES_CACHE_KEY, codes, COUNTRIES_CACHE_SECONDS)
    return codes


def forget_countries(**_kwargs: object) -> None:
    cache.delete(COUNTRIES_CACHE_KEY)
