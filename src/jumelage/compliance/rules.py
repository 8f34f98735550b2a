"""Who sees and decides screening results."""

from __future__ import annotations

from typing import Any

from jumelage.accounts.models import Role
from jumelage.directory.rules import _roles, is_programme_manager


def can_decide(user: Any) -> bool:
    """Only compliance officers (and superusers) confirm or dismiss hits."""
    if getattr(user, "is_superuser", False):
        return True
    return any(role.kind == Role.Kind.COMPLIANCE_OFFICER for role in _roles(user))


def can_review(user: Any) -> bool:
    """Compliance officers decide; programme managers may look at the queue."""
    return can_decide(user) or is_programme_manager(user)


def can_load_lists(user: Any) -> bool:
    return can_decide(user)
