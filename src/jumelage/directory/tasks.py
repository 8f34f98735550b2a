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
