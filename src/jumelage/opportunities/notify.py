"""Telling people what happened to their profiles and interests: in the app and by e-mail.

A notification stores a code and its parameters, not a sentence, so that it is shown in the
language of whoever reads it; e-mails are written in the recipient's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from jumelage.opportunities.models import Notification

Kind = Notification.Kind


def notification_text(kind: str, params: dict[str, Any]) -> str:
    """The sentence of a notification in the active language."""
    templates = {
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
    }
    template = templates.get(kind)
    if template is None:
        return kind
    try:
        return template % {"organisation": "", "title": "", "comment": "", **params}
    except (KeyError, TypeError, ValueError):
        return kind


def _language_of(user: Any) -> str:
    language = (getattr(user, "language", "") or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute(url: str) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{url}" if base else url


def send_in_language(*, user: Any, subject: str, body_lines: list[str]) -> None:
    """Send one e-mail to `user`; the strings given are already in their language."""
    if not user.email:
        return
    send_mail(
        subject=subject,
        message="\n\n".join(body_lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def notify(*, users: Iterable[Any], kind: str, params: dict[str, Any], url: str = "") -> int:
    """Record a notification for each user and e-mail it once the transaction commits."""
    recipients = {user.pk: user for user in users if user is not None and user.is_active}
    Notification.objects.bulk_create(
        [Notification(user=user, kind=kind, params=params, url=url) for user in recipients.values()]
    )

    def mail() -> None:
        for user in recipients.values():
            with translation.override(_language_of(user)):
                text = notification_text(kind, params)
                lines = [text]
                if url:
                    lines.append(_("Open it in Jumelage: %(url)s") % {"url": absolute(url)})
                send_in_language(
                    user=user,
                    subject=_("Jumelage: %(text)s") % {"text": text[:120]},
                    body_lines=lines,
                )

    transaction.on_commit(mail)
    return len(recipients)
