"""Keep the matching index in step with the database: changes are collected per
transaction and applied by one background task once it commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from jumelage.directory.models import CooperationProject, Organisation
from jumelage.matching.index import Changes
from jumelage.opportunities.models import CooperationProfile


class _Pending:
    """The changes of one transaction, flushed as one task when it commits."""

    def __init__(self) -> None:
        self.changes = Changes()
        self.done = False

    def flush(self) -> None:
        self.done = True
        changes, self.changes = self.changes, Changes()
        _enqueue(changes)


def _enqueue(changes: Changes) -> None:
    from jumelage.matching.tasks import update_index_task

    if changes:
        update_index_task.enqueue(**changes.as_kwargs())


def _record(kind: str, value: Any) -> None:
    """Note that a row of `kind` (a field of Changes) changed, for the index's next update."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        changes = Changes()
        getattr(changes, kind).add(value)
        _enqueue(changes)
        return
    pending: _Pending | None = getattr(connection, "_jumelage_matching_pending", None)
    # A rolled-back transaction drops its commit callbacks: start afresh when ours is gone
    # (or has already run).
    if (
        pending is None
        or pending.done
        or not any(entry[1] == pending.flush for entry in connection.run_on_commit)
    ):
        pending = _Pending()
        connection._jumelage_matching_pending = pending
        transaction.on_commit(pending.flush)
    getattr(pending.changes, kind).add(value)


def _organisation_saved(sender, instance: Organisation, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    _record("organisations", instance.pk)


def _organisation_deleted(sender, instance: Organisation, **kwargs) -> None:
    _record("removed_organisations", instance.external_ref)


def _organisation_codes_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Organisation):
        _record("organisations", instance.pk)
    else:
        for pk in pk_set or ():
            _record("organisations", pk)


def _project_saved(sender, instance: CooperationProject, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    _record("projects", instance.pk)


def _project_deleted(sender, instance: CooperationProject, **kwargs) -> None:
    _record("removed_projects", instance.external_id)


def _participants_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, CooperationProject):
        _record("projects", instance.pk)
    else:
        for pk in pk_set or ():
            _record("projects", pk)


def _profile_changed(sender, instance: CooperationProfile, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    _record("profiles", instance.pk)


def connect() -> None:
    uid = "jumelage.matching"
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid=f"{uid}.org")
    post_delete.connect(_organisation_deleted, sender=Organisation, dispatch_uid=f"{uid}.org-")
    for through in (Organisation.sectors.through, Organisation.activities.through):
        m2m_changed.connect(
            _organisation_codes_changed, sender=through, dispatch_uid=f"{uid}.{through.__name__}"
        )
    post_save.connect(_project_saved, sender=CooperationProject, dispatch_uid=f"{uid}.project")
    post_delete.connect(_project_deleted, sender=CooperationProject, dispatch_uid=f"{uid}.project-")
    m2m_changed.connect(
        _participants_changed,
        sender=CooperationProject.participants.through,
        dispatch_uid=f"{uid}.participants",
    )
    post_save.connect(_profile_changed, sender=CooperationProfile, dispatch_uid=f"{uid}.profile")
    post_delete.connect(_profile_changed, sender=CooperationProfile, dispatch_uid=f"{uid}.profile-")
