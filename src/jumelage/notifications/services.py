"""Telling people what happened: an in-app notification and an e-mail in their language.

Every app notifies through `notify`: one notification per account, kept for the
notifications page and the header's badge, and one e-mail per address, sent once the
transaction commits (so a rolled-back action mails nobody).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.directory.models import Person
from jumelage.notifications.models import Notification
from jumelage.notifications.texts import absolute, localised, neutral, sentence

_email_muted: ContextVar[bool] = ContextVar("notifications_email_muted", default=False)


@dataclass(frozen=True)
class Addressee:
    """Whom a notification reaches: an account (for the app) and an address (for e-mail)."""

    user: Any
    email: str
    name: str
    language: str


def _known_language(*candidates: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    for candidate in candidates:
        for code in (candidate or "").replace(";", ",").split(","):
            code = code.strip().lower()[:2]
            if code in codes:
                return code
    return settings.LANGUAGE_CODE


def language_of(user: Any) -> str:
    """The language a user reads: their chosen one, else the site's."""
    return _known_language(getattr(user, "language", ""))


def addressee(recipient: Any) -> Addressee | None:
    """Resolve a user or a directory person; None when nobody may be told.

    A person is told through their account when they have an active one, and by e-mail at
    their contact address; an erased person and an inactive account are told nothing.
    """
    if isinstance(recipient, Person):
        if recipient.erased_at is not None:
            return None
        user = recipient.user if recipient.user_id else None
        if user is not None and not user.is_active:
            user = None
        return Addressee(
            user=user,
            email=recipient.email or (user.email if user is not None else ""),
            name=recipient.full_name,
            language=_known_language(
                getattr(user, "language", "") if user is not None else "", recipient.languages
            ),
        )
    if recipient is None or not getattr(recipient, "is_active", False):
        return None
    return Addressee(
        user=recipient,
        email=recipient.email or "",
        name=recipient.get_full_name() or recipient.get_username(),
        language=language_of(recipient),
    )


@contextlib.contextmanager
def email_muted() -> Iterator[None]:
    """Record notifications without e-mailing them (loading demo or imported history)."""
    token = _email_muted.set(True)
    try:
        yield
    finally:
        _email_muted.reset(token)


def send_email(*, to: Addressee, subject: str, body: str) -> None:
    """Send one plain-text e-mail (the strings are already in the addressee's language)."""
    if to.email:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to.email])


def email_for(*, to: Addressee, kind: str, params: dict[str, Any], link: str) -> tuple[str, str]:
    """The subject and body of a notification's e-mail, in the addressee's language."""
    with translation.override(to.language):
        text = sentence(kind, params)
        template = select_template(
            [f"notifications/email/{kind}.txt", "notifications/email/default.txt"]
        )
        body = template.render(
            {
                "name": to.name,
                "text": text,
                "params": params,
                "link": absolute(localised(link)) if link else "",
            }
        )
        subject = _("Jumelage: %(text)s") % {"text": text[:120]}
    return subject, body


def notify(
    *, recipients: Iterable[Any], kind: str, params: dict[str, Any], link: str = ""
) -> list[Notification]:
    """Tell each recipient (users or directory people) that `kind` happened.

    Records one unread notification per account and, once the transaction commits, sends
    one e-mail per address in its reader's language. `link` is a path on the site (with or
    without a language prefix); it is kept without one and shown in the reader's language.
    Returns the notifications recorded.
    """
    link = neutral(link)
    accounts: dict[int, Addressee] = {}
    mail: dict[str, Addressee] = {}
    for recipient in recipients:
        to = addressee(recipient)
        if to is None:
            continue
        if to.user is not None:
            if to.user.pk in accounts:
                continue
            accounts[to.user.pk] = to
        if to.email:
            mail.setdefault(to.email.lower(), to)
    notifications = Notification.objects.bulk_create(
        [
            Notification(recipient=to.user, kind=kind, params=params, link=link)
            for to in accounts.values()
        ]
    )
    if mail and not _email_muted.get():
        addressees = list(mail.values())

        def send() -> None:
            for to in addressees:
                subject, body = email_for(to=to, kind=kind, params=params, link=link)
                send_email(to=to, subject=subject, body=body)

        transaction.on_commit(send)
    return notifications


@transaction.atomic
def mark_read(*, user: Any, notifications: Iterable[int] | None = None, **about: Any) -> int:
    """Mark the user's unread notifications as read: all, those of the ids given, or those
    whose parameters match `about` (e.g. `event_id=3`). Returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notifications is not None:
        unread = unread.filter(pk__in=list(notifications))
    if about:
        unread = unread.filter(**{f"params__{key}": value for key, value in about.items()})
    return unread.update(read_at=timezone.now())
