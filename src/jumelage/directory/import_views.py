"""Upload a CSV or XLSX file, preview every row's problems, commit all or nothing."""

from django.http import Http404


def import_upload(request):
    raise Http404


def import_preview(request, pk: int):
    raise Http404


def import_commit(request, pk: int):
    raise Http404
