"""Telling people what happened: an in-app notice and an e-mail, in the reader's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from jumelage.directory.models import Person
from jumelage.events.models import Event, Notification


def _language(person: Person) -> str:
    user = person.user
    language = (getattr(user, "language", "") or "")[:2]
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def subject(kind: str, params: dict[str, Any]) -> str:
    """The one-line summary of a notice, also the e-mail's subject."""
    texts = {
        Notification.Kind.REQUEST_RECEIVED: _("%(requester)s asks to meet you at %(event)s"),
        Notification.Kind.REQUEST_ACCEPTED: _(
            "%(recipient)s accepted your meeting request at %(event)s"
        ),
        Notification.Kind.REQUEST_DECLINED: _(
            "%(recipient)s declined your meeting request at %(event)s"
        ),
        Notification.Kind.REQUEST_EXPIRED: _(
            "Your meeting request to %(recipient)s at %(event)s expired"
        ),
        Notification.Kind.SCHEDULE_CHANGED: _("Your agenda for %(event)s has changed"),
        Notification.Kind.REGISTRATION_APPROVED: _("Your registration for %(event)s is approved"),
    }
    template = texts.get(kind)
    if template is None:
        return str(kind)
    return template % _Defaults(params)


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def notification_text(notification: Notification) -> str:
    return subject(notification.kind, notification.params)


def notify(
    *, person: Person, event: Event, kind: str, params: dict[str, Any], link: str = ""
) -> Notification:
    """Record an in-app notice for `person` and e-mail it once the transaction commits.

    `link` is a path on the site; SITE_URL (when set) makes it absolute in the e-mail.
    """
    params = {"event": event.title, **params}
    notification = Notification.objects.create(person=person, event=event, kind=kind, params=params)
    if person.email and person.erased_at is None:
        with translation.override(_language(person)):
            context = {
                "person": person,
                "event": event,
                "params": params,
                "link": f"{getattr(settings, 'SITE_URL', '')}{link}" if link else "",
            }
            body = render_to_string(f"events/email/{kind}.txt", context)
            title = subject(kind, params)
        address = person.email
        transaction.on_commit(
            lambda: send_mail(title, body, settings.DEFAULT_FROM_EMAIL, [address])
        )
    return notification
