"""Background work of the directory: thin, idempotent, taking ids."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from jumelage.directory import uploads
from jumelage.directory.models import ImportBatch


@task()
def check_upload_task(batch_id: int, language: str | None = None) -> int:
    """Check an uploaded file kept as a batch, its problems worded in `language` (the
    uploader's); returns how many rows it has."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return 0
    with translation.override(language):
        return len(uploads.check_batch(batch=batch).records)


@task()
def commit_upload_task(batch_id: int, language: str | None = None) -> int:
    """Import a previewed batch that its uploader asked to import; returns how many
    organisations it created or updated (0 if there was nothing to do)."""
    with translation.override(language):
        result = uploads.commit_batch(batch_id=batch_id)
    return 0 if result is None else result.created + result.updated
