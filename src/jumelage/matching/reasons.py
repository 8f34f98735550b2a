"""Why a partner was recommended, in the reader's language.

The engine gives each reason a stable code and parameters; labels inside the parameters
(concepts, activities) are already in the language asked for. Here each code becomes a
translatable sentence with named placeholders.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.directory.models import Organisation
from jumelage.directory.taxonomy import sector_label


def _join(values: Any) -> str:
    if isinstance(values, list | tuple):
        # Translators: separator between the items of a list in a reason ("optics, lasers").
        return _(", ").join(str(value) for value in values)
    return str(values)


def _kind_label(code: str) -> str:
    return str(dict(Organisation.Kind.choices).get(code, code))


def translate_reason(
    code: str, params: dict[str, Any], fallback: str = "", *, show_profile_title: bool = True
) -> str:
    """The sentence for reason `code` with `params` in the active language.

    Profiles are anonymous: unless `show_profile_title`, a complementarity reason says that a
    matching profile exists without naming it, so that it is not tied to its organisation.
    """
    p = params
    if code == "shares_concepts":
        return _("shares: %(concepts)s") % {"concepts": _join(p.get("concepts", []))}
    if code == "matching_terms":
        return _("matching terms: %(terms)s") % {"terms": _join(p.get("terms", []))}
    if code == "same_activity":
        return _("same activity: %(activities)s") % {"activities": _join(p.get("activities", []))}
    if code == "same_sector":
        labels = [sector_label(code) for code in p.get("codes", [])] or p.get("sectors", [])
        return _("same sector: %(sectors)s") % {"sectors": _join(labels)}
    if code == "worked_with":
        count = int(p.get("projects", 1) or 1)
        title = p.get("project_title") or p.get("project", "")
        if count > 1:
            return ngettext(
                "worked with %(partner)s on %(count)d project, the latest “%(title)s”",
                "worked with %(partner)s on %(count)d projects, the latest “%(title)s”",
                count,
            ) % {"partner": p.get("partner", ""), "count": count, "title": title}
        return _("worked with %(partner)s on project “%(title)s”") % {
            "partner": p.get("partner", ""),
            "title": title,
        }
    if code == "similar_project":
        return _("took part in a similar project: “%(title)s”") % {
            "title": p.get("title") or p.get("project", "")
        }
    if code == "partner_of_partner":
        return _("worked with %(via)s, a partner of %(partner)s") % {
            "via": p.get("via", ""),
            "partner": p.get("partner", ""),
        }
    if code == "name_like_partner":
        return _("its name shares “%(words)s” with your partner %(partner)s") % {
            "words": _join(p.get("words", [])),
            "partner": p.get("partner", ""),
        }
    if code in {"same_city", "same_region"}:
        count = int(p.get("count", 1) or 1)
        values = {"place": p.get("place", ""), "partners": _join(p.get("partners", []))}
        if code == "same_city":
            return (
                ngettext(
                    "based in %(place)s, like your partner %(partners)s",
                    "based in %(place)s, like your partners %(partners)s",
                    count,
                )
                % values
            )
        return (
            ngettext(
                "based in the region %(place)s, like your partner %(partners)s",
                "based in the region %(place)s, like your partners %(partners)s",
                count,
            )
            % values
        )
    if code == "track_record":
        count = int(p.get("projects", 0) or 0)
        return ngettext(
            "took part in %(count)d cooperation project",
            "took part in %(count)d cooperation projects",
            count,
        ) % {"count": count}
    if code in {"offers_what_you_request", "requests_what_you_offer", "seeks_cooperation"}:
        if show_profile_title:
            templates = {
                "offers_what_you_request": _("offers what you request: %(title)s"),
                "requests_what_you_offer": _("requests what you offer: %(title)s"),
                "seeks_cooperation": _("seeks cooperation on: %(title)s"),
            }
            return templates[code] % {"title": p.get("title", "")}
        anonymous = {
            "offers_what_you_request": _("has published an offer that answers your request"),
            "requests_what_you_offer": _("has published a request for what you offer"),
            "seeks_cooperation": _("has published a search for R&D partners on this topic"),
        }
        return anonymous[code]
    if code == "partner_kind":
        return _("is a %(kind)s, the kind of partner sought") % {
            "kind": _kind_label(p.get("kind", ""))
        }
    return fallback or code
