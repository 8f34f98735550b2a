"""Reading a user's notifications: every query goes through `notifications_of`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jumelage.notifications.models import Notification


def notifications_of(user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first (nobody reads another's)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_of(user: Any, **about: Any) -> QuerySet[Notification]:
    """The user's unread notifications, optionally those whose parameters match `about`."""
    unread = notifications_of(user).filter(read_at__isnull=True)
    if about:
        unread = unread.filter(**{f"params__{key}": value for key, value in about.items()})
    return unread


def unread_count(user: Any) -> int:
    return unread_of(user).count()
