"""The words of a notification, in the active language, and its link for the reader."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jumelage.notifications.models import Notification

Kind = Notification.Kind


class _Blank(dict):
    """Parameters where a missing one reads as nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def sentence(kind: str, params: dict[str, Any]) -> str:
    """The one-line summary of a notification in the active language (also its e-mail's)."""
    templates: dict[Any, str] = {
        Kind.INTEREST_RECEIVED: _(
            "%(organisation)s expressed interest in your profile “%(title)s”."
        ),
        Kind.INTEREST_ACCEPTED: _(
            "Your interest in the profile “%(title)s” was accepted: the contacts are now shown."
        ),
        Kind.INTEREST_DECLINED: _("Your interest in the profile “%(title)s” was declined."),
        Kind.PROFILE_SUBMITTED: _(
            "The profile “%(title)s” of %(organisation)s waits for your review."
        ),
        Kind.PROFILE_PUBLISHED: _("Your profile “%(title)s” is published."),
        Kind.PROFILE_RETURNED: _("Your profile “%(title)s” was returned to draft: %(comment)s"),
        Kind.REQUEST_RECEIVED: _("%(requester)s asks to meet you at %(event)s"),
        Kind.REQUEST_ACCEPTED: _("%(recipient)s accepted your meeting request at %(event)s"),
        Kind.REQUEST_DECLINED: _("%(recipient)s declined your meeting request at %(event)s"),
        Kind.REQUEST_EXPIRED: _("Your meeting request to %(recipient)s at %(event)s expired"),
        Kind.SCHEDULE_CHANGED: _("Your agenda for %(event)s has changed"),
        Kind.REGISTRATION_APPROVED: _("Your registration for %(event)s is approved"),
    }
    template = templates.get(kind)
    if template is None:
        return str(kind)
    try:
        return template % _Blank(params or {})
    except (TypeError, ValueError):
        return str(kind)


def _language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def neutral(path: str) -> str:
    """`path` without its language prefix ("/fr/events/3/" → "/events/3/")."""
    if not path.startswith("/"):
        return path
    _empty, first, *rest = path.split("/", 2)
    if first in _language_codes():
        return "/" + (rest[0] if rest else "")
    return path


def localised(path: str) -> str:
    """A stored site path in the active language ("/events/3/" → "/ru/events/3/")."""
    if not path.startswith("/"):
        return path
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    if language not in _language_codes():
        language = settings.LANGUAGE_CODE
    return f"/{language}{neutral(path)}"


def absolute(path: str) -> str:
    """`path` made absolute with SITE_URL, when it is set, for links in e-mails."""
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base and path.startswith("/") else path
