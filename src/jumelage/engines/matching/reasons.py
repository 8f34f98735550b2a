"""Reason codes: each reason has a stable code, parameters and an English text.

The application translates a reason from its code and params (the labels inside params are
already in the language asked for); `text` is the English rendering, used by the file
interface and as a fallback.
"""

from __future__ import annotations

from typing import Any

from jumelage.engines.matching.model import Reason

# code → (kind, English template). Templates use the params by name.
REASON_CODES: dict[str, tuple[str, str]] = {
    "shares_concepts": ("topic", "shares: {concepts}"),
    "matching_terms": ("topic", "matching terms: {terms}"),
    "same_activity": ("topic", "same activity: {activities}"),
    "same_sector": ("topic", "same sector: {sectors}"),
    "worked_with": ("network", "worked with {partner} on project {project}"),
    "similar_project": ("network", "took part in a similar project: {project} ({title})"),
    "track_record": ("network", "took part in {projects} cooperation projects"),
    "partner_of_partner": ("network", "worked with {via}, a partner of {partner}"),
    "same_city": ("network", "based in {place}, like {partners}"),
    "same_region": ("network", "based in the region {place}, like {partners}"),
    "name_like_partner": ("network", "its name shares “{words}” with your partner {partner}"),
    "offers_what_you_request": ("complement", "offers what you request: {title}"),
    "requests_what_you_offer": ("complement", "requests what you offer: {title}"),
    "seeks_cooperation": ("complement", "seeks cooperation on: {title}"),
    "partner_kind": ("complement", "is a {kind}, the kind of partner sought"),
}


def render(code: str, params: dict[str, Any]) -> str:
    """Return the English text of reason `code` with `params` (lists joined by commas)."""
    _, template = REASON_CODES[code]
    values = {
        key: ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value
        for key, value in params.items()
    }
    return template.format(**values)


def make_reason(code: str, **params: Any) -> Reason:
    """Build a Reason for `code`, its kind and English text derived from the code table."""
    kind, _ = REASON_CODES[code]
    return Reason(kind=kind, code=code, params=params, text=render(code, params))
