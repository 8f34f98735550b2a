"""The screening engine's reason codes and dual-use results in the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext


def dual_use_message(status: str) -> str:
    return {
        "possible_dual_use": _("possible dual-use — needs review"),
        "no_indicator_found": _("no indicator found"),
    }.get(status, status)


def _join(values: Any) -> str:
    """Quoted names listed in the active language's quotation marks and separator."""
    if isinstance(values, list | tuple):
        # Translators: one quoted name inside a list, with your language's quotation marks.
        quoted = [pgettext("quoted name in a list", "“%(name)s”") % {"name": v} for v in values]
        # Translators: what separates the quoted names of a list.
        return pgettext("separator of a list", ", ").join(quoted)
    return str(values or "")


def reason_text(code: str, params: dict[str, Any], fallback: str) -> str:
    """One reason of a hit in the user's language; the engine's English text if unknown."""
    values = {
        "query": params.get("query", ""),
        "listed": _join(params.get("listed"))
        if isinstance(params.get("listed"), list | tuple)
        else params.get("listed", ""),
        "scheme": str(params.get("scheme", "")).upper(),
        "value": params.get("value", ""),
        "listed_value": params.get("listed_value", ""),
        "query_date": params.get("query_date", ""),
        "listed_date": params.get("listed_date", ""),
        "country": params.get("country", ""),
        "missing": _join(params.get("missing")),
        "shared": _join(params.get("shared")),
        "forms": _join(params.get("forms")),
    }
    typos = int(params.get("typos") or 0)
    templates = {
        "exact_match": _("The name “%(query)s” is the listed name “%(listed)s”."),
        "normalised_match": _(
            "The name “%(query)s” equals the listed name “%(listed)s” once case, accents and punctuation are set aside."
        ),
        "translit_match": _(
            "The name “%(query)s” matches the listed name “%(listed)s” after transliteration between scripts."
        ),
        "reordered_match": _(
            "The name “%(query)s” has the same words as the listed name “%(listed)s” in another order."
        ),
        "partial_match": _(
            "Every word of “%(query)s” is in the listed name “%(listed)s”, which also has %(missing)s."
        ),
        "overlap_match": _(
            "The name “%(query)s” shares %(shared)s with the listed name “%(listed)s”."
        ),
        "fuzzy_match": ngettext(
            "The name “%(query)s” is spelt close to the listed name “%(listed)s” (%(typos)d word differs slightly).",
            "The name “%(query)s” is spelt close to the listed name “%(listed)s” (%(typos)d words differ slightly).",
            typos,
        ),
        "abbreviation_match": _("“%(query)s” is the abbreviation of the listed name “%(listed)s”."),
        "initials_match": _(
            "The name “%(query)s” matches the listed name “%(listed)s” only through initials."
        ),
        "identifier_match": _("The %(scheme)s %(value)s is the listed party's."),
        "identifier_conflict": _(
            "The %(scheme)s %(value)s differs from the listed party's (%(listed_value)s)."
        ),
        "birth_date_match": _("The birth date %(query_date)s is a listed birth date."),
        "birth_year_match": _(
            "The birth year of %(query_date)s agrees with the listed %(listed_date)s."
        ),
        "birth_date_near": _(
            "The birth date %(query_date)s is within a year of the listed %(listed_date)s."
        ),
        "birth_date_conflict": _(
            "The birth date %(query_date)s differs from the listed %(listed_date)s."
        ),
        "country_match": _("The country %(country)s is one of the listed party's countries."),
        "country_conflict": _("The country %(country)s is not among the listed party's countries."),
        "legal_form_country_conflict": _(
            "The listed party states no country, but its legal form is one used in the former"
            " USSR, Vietnam and Mongolia, not in %(country)s."
        ),
        "legal_form_ignored": _("Legal forms were set aside: %(forms)s."),
        "weak_alias": _("The listed name is a weak alias, which the list marks as low quality."),
        "short_name_unsupported": _(
            "Only the short name “%(query)s” resembles the listed party; the full names do not agree."
        ),
    }
    template = templates.get(code)
    if template is None:
        return fallback
    try:
        return template % {**values, "typos": typos}
    except (KeyError, TypeError, ValueError):
        return fallback


def hit_reasons(hit) -> list[str]:
    """Every reason of a stored hit, translated."""
    reasons = hit.reasons or [{"code": hit.code, "params": hit.params, "text": hit.explanation}]
    return [
        reason_text(r.get("code", ""), r.get("params") or {}, r.get("text", "")) for r in reasons
    ]
