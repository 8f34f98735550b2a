"""Plain-English renderings of the reason codes carried by hits.

The app translates a reason from its `code` and `params`; these English texts are the
reference wording and what the engine puts in `Hit.explanation`.
"""

from __future__ import annotations

from typing import Any

from .model import Reason

NAME_CODES = (
    "exact_match",
    "normalised_match",
    "translit_match",
    "reordered_match",
    "partial_match",
    "overlap_match",
    "fuzzy_match",
    "abbreviation_match",
    "initials_match",
)
ATTRIBUTE_CODES = (
    "identifier_match",
    "identifier_conflict",
    "birth_date_match",
    "birth_year_match",
    "birth_date_near",
    "birth_date_conflict",
    "country_match",
    "country_conflict",
    "legal_form_country_conflict",
    "legal_form_ignored",
    "weak_alias",
    "short_name_unsupported",
)

_TEMPLATES = {
    "exact_match": 'The name "{query}" is the listed {name_type} "{listed}".',
    "normalised_match": (
        'The name "{query}" equals the listed {name_type} "{listed}" once case, accents and '
        "punctuation are set aside."
    ),
    "translit_match": (
        'The {query_script} name "{query}" matches the listed {listed_script} {name_type} '
        '"{listed}" after transliteration{system_text}.'
    ),
    "reordered_match": (
        'The name "{query}" has the same words as the listed {name_type} "{listed}" in another '
        "order."
    ),
    "partial_match": (
        'Every word of "{query}" is in the listed {name_type} "{listed}", which also has '
        "{missing_text}."
    ),
    "overlap_match": (
        'The name "{query}" shares {shared_text} with the listed {name_type} "{listed}".'
    ),
    "fuzzy_match": (
        'The name "{query}" is spelt close to the listed {name_type} "{listed}" '
        "({typos} word(s) differ slightly)."
    ),
    "abbreviation_match": (
        '"{query}" is the abbreviation formed by the initials of the listed {name_type} "{listed}".'
    ),
    "initials_match": (
        'The name "{query}" matches the listed {name_type} "{listed}" only through initials.'
    ),
    "identifier_match": "The {scheme} {value} is the listed party's {scheme}.",
    "identifier_conflict": (
        "The {scheme} {value} differs from the listed party's {scheme} ({listed_value})."
    ),
    "birth_date_match": "The birth date {query_date} is a listed birth date.",
    "birth_year_match": "The birth year of {query_date} agrees with the listed {listed_date}.",
    "birth_date_near": (
        "The birth date {query_date} is within a year of the listed {listed_date}."
    ),
    "birth_date_conflict": "The birth date {query_date} differs from the listed {listed_date}.",
    "country_match": "The country {country} is one of the listed party's countries.",
    "country_conflict": (
        "The country {country} is not among the listed party's countries ({listed})."
    ),
    "legal_form_country_conflict": (
        "The listed party states no country, but its legal form is one used in the former USSR, Vietnam and"
        " Mongolia, not in {country}."
    ),
    "legal_form_ignored": "Legal forms were set aside: {forms}.",
    "weak_alias": "The listed name is a weak alias, which the list marks as low quality.",
    "short_name_unsupported": (
        'Only the short name "{query}" resembles the listed party; the full names do not agree.'
    ),
}

_FEATURE_TEXT = {
    "translit": "written in another script or transliteration system",
    "reordered": "words in another order",
    "missing": "words of the listed name absent",
    "typos": "small spelling differences",
}


def render(code: str, params: dict[str, Any]) -> str:
    """The English sentence for a reason code and its parameters."""
    values = dict(params)
    values.setdefault("name_type", "name")
    system = values.get("system")
    values["system_text"] = f" ({system})" if system else ""
    missing = values.get("missing") or []
    values["missing_text"] = ", ".join(f'"{word}"' for word in missing) or "more words"
    values["shared_text"] = ", ".join(f'"{word}"' for word in values.get("shared") or [])
    if isinstance(values.get("forms"), list | tuple):
        values["forms"] = ", ".join(f'"{form}"' for form in values["forms"])
    if isinstance(values.get("listed"), list | tuple):
        values["listed"] = ", ".join(values["listed"])
    text = _TEMPLATES[code].format(**values)
    features = [f for f in params.get("features", []) if f in _FEATURE_TEXT and f != code[:-6]]
    if code in ("translit_match", "fuzzy_match", "partial_match") and features:
        extra = [_FEATURE_TEXT[f] for f in features if not code.startswith(f)]
        if extra:
            text += " Also: " + "; ".join(extra) + "."
    return text


def reason(code: str, **params: Any) -> Reason:
    """A `Reason` with its English text."""
    return Reason(code=code, params=params, text=render(code, params))
