"""Upload a CSV, XLSX or JSON Lines file, check it in the background, preview every row's
problems, commit all or nothing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import RegexValidator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from jumelage.core.errors import DomainError, InputError
from jumelage.directory import rules, uploads
from jumelage.directory.models import ImportBatch


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, separated by commas or semicolons), XLSX or JSON Lines, with the "
            "columns of the directory export; list cells separated by “;”."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.jsonl,.ndjson"}),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=64,
        initial="import",
        help_text=gettext_lazy(
            "Where the records come from. Uploading an id again with the same source "
            "updates that organisation."
        ),
        validators=[
            RegexValidator(
                r"^[\w.:-]+$",
                gettext_lazy("Use letters, digits and . : - _ only, without spaces."),
            )
        ],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > uploads.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; files up to %(limit)s can be uploaded.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(uploads.MAX_UPLOAD_BYTES),
                }
            )
        try:
            uploads.file_format(upload.name)
        except InputError as error:
            raise forms.ValidationError(error.message) from error
        return upload


def _require_importer(request) -> None:
    if not rules.can_import(request.user):
        raise PermissionDenied


def _batch_of(request, pk: int) -> ImportBatch:
    batches = ImportBatch.objects.defer("content")
    if not request.user.is_superuser:
        batches = batches.filter(created_by=request.user)
    return get_object_or_404(batches, pk=pk)


def _batch_checked(request, pk: int) -> ImportBatch:
    """The batch, its check started again first if it had stalled (and, with a backend that
    runs tasks at once, already done)."""
    batch = _batch_of(request, pk)
    return _batch_of(request, pk) if uploads.restart_if_stalled(batch=batch) else batch


@login_required
def import_upload(request):
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = uploads.stage_upload(
                user=request.user,
                name=upload.name,
                content=upload.read(),
                source=form.cleaned_data["source"],
            )
        except InputError as error:
            form.add_error("file", error.message)
        else:
            return redirect("directory:import_preview", pk=batch.pk)
    context = {"form": form, "columns": ", ".join(uploads.KNOWN_COLUMNS)}
    return render(request, "directory/import_upload.html", context)


@login_required
def import_preview(request, pk: int):
    _require_importer(request)
    batch = _batch_checked(request, pk)
    if batch.status in (
        ImportBatch.Status.CHECKING,
        ImportBatch.Status.COMMITTING,
        ImportBatch.Status.FAILED,
    ):
        return render(request, "directory/import_checking.html", {"batch": batch})
    by_line: dict[int, list[dict]] = {}
    for problem in batch.problems:
        by_line.setdefault(problem["line"], []).append(problem)
    rows = [
        {
            "line": record["_line"],
            "record": record,
            "problems": by_line.pop(record["_line"], []),
            "duplicates": record.get("_duplicates", []),
        }
        for record in batch.records
    ]
    with_problems = sum(1 for row in rows if row["problems"])
    context = {
        "batch": batch,
        "rows": rows,
        "file_problems": [problem for problems in by_line.values() for problem in problems],
        "rows_ok": len(rows) - with_problems,
        "rows_with_problems": with_problems,
        "rows_with_duplicates": sum(1 for row in rows if row["duplicates"]),
        "can_commit": batch.status == ImportBatch.Status.PREVIEW and not batch.problems,
        "committed": batch.status == ImportBatch.Status.COMMITTED,
        "summary": _summary(batch) if batch.status == ImportBatch.Status.COMMITTED else "",
        "duplicates_waiting": _duplicates_waiting(batch),
    }
    return render(request, "directory/import_preview.html", context)


@login_required
def import_progress(request, pk: int):
    """The progress of a file's check, for the preview page to poll until it is done."""
    _require_importer(request)
    batch = _batch_checked(request, pk)
    if batch.status in (ImportBatch.Status.CHECKING, ImportBatch.Status.COMMITTING):
        return render(request, "directory/_import_progress.html", {"batch": batch})
    preview = reverse("directory:import_preview", args=[batch.pk])
    if request.htmx:
        return HttpResponse(headers={"HX-Redirect": preview})
    return redirect(preview)


@login_required
@require_POST
def import_commit(request, pk: int):
    """Hand the import to the task backend; the preview page then follows it and, once it
    is done, says what it changed."""
    _require_importer(request)
    batch = _batch_of(request, pk)
    try:
        started = uploads.start_commit(batch=batch, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if not started:
            messages.info(
                request,
                _("This file is already being imported.")
                if ImportBatch.objects.filter(
                    pk=batch.pk, status=ImportBatch.Status.COMMITTING
                ).exists()
                else _("This file has already been imported."),
            )
    return redirect("directory:import_preview", pk=batch.pk)


def _summary(batch: ImportBatch) -> str:
    """What the import of `batch` changed, in the reader's language."""
    counts = {key: int(batch.result.get(key, 0)) for key in ("created", "updated", "unchanged")}
    total = sum(counts.values())
    return ngettext(
        "%(file)s imported: %(count)d organisation (%(created)d new, %(updated)d updated, "
        "%(unchanged)d unchanged).",
        "%(file)s imported: %(count)d organisations (%(created)d new, %(updated)d updated, "
        "%(unchanged)d unchanged).",
        total,
    ) % {"file": batch.filename, "count": total, **counts}


def _duplicates_waiting(batch: ImportBatch) -> str:
    count = int(batch.result.get("duplicates", 0)) if batch.result else 0
    if not count:
        return ""
    return ngettext(
        "%(count)d possible duplicate is waiting for review.",
        "%(count)d possible duplicates are waiting for review.",
        count,
    ) % {"count": count}
