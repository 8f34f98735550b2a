"""Writing the audit trail."""

from __future__ import annotations

from typing import Any

from jumelage.core.models import AuditEntry


def record(*, actor: Any, action: str, obj: Any, data: dict | None = None) -> AuditEntry:
    """Record that `actor` did `action` to `obj` (any model instance)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data or {},
    )
