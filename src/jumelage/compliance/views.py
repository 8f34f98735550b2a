"""Compliance pages: lists, the review queue, decisions, name and topic checks."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jumelage.compliance import labels, rules, selectors, services
from jumelage.compliance.forms import DecisionForm, ListUploadForm, ScreenNameForm, TopicForm
from jumelage.compliance.models import DualUseFlag, SanctionsList, ScreeningHit
from jumelage.compliance.tasks import screen_directory_task
from jumelage.core.errors import DomainError, InputError
from jumelage.engines import screening


def _require_review(user) -> None:
    if not rules.can_review(user):
        raise PermissionDenied


@login_required
def dashboard(request):
    _require_review(request.user)
    form = ListUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not rules.can_load_lists(request.user):
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / Path(upload.name).name
                with path.open("wb") as out:
                    for chunk in upload.chunks():
                        out.write(chunk)
                try:
                    versions = services.load_list(
                        path=path,
                        fmt=form.cleaned_data["format"],
                        actor=request.user,
                        list_date=form.cleaned_data["list_date"],
                    )
                except InputError as error:
                    form.add_error("file", error.message)
                    versions = []
            if versions:
                screen_directory_task.enqueue()
                messages.success(
                    request, _("The list was loaded; the directory is being screened against it.")
                )
                return redirect("compliance:dashboard")
    lists = SanctionsList.objects.order_by("list_id", "-loaded_at")
    context = {
        "form": form,
        "lists": lists,
        "counts": selectors.hit_counts(),
        "stale_days": settings.SCREENING_STALE_DAYS,
        "can_decide": rules.can_decide(request.user),
        "flags": DualUseFlag.objects.filter(status=DualUseFlag.Status.POSSIBLE)[:20],
    }
    return render(request, "compliance/dashboard.html", context)


@login_required
def queue(request):
    _require_review(request.user)
    status = request.GET.get("status", ScreeningHit.Status.PENDING)
    if status not in ScreeningHit.Status.values:
        status = ScreeningHit.Status.PENDING
    page = Paginator(selectors.review_queue(status), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": ScreeningHit.Status.choices,
            "counts": selectors.hit_counts(),
        },
    )


@login_required
def hit_detail(request, pk: int):
    _require_review(request.user)
    hit = get_object_or_404(
        ScreeningHit.objects.select_related("organisation", "person", "decided_by"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not rules.can_decide(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.decide_hit(
                    actor=request.user,
                    hit=hit,
                    confirm=form.cleaned_data["decision"] == "confirm",
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as error:
                form.add_error("reason", error.message)
            else:
                messages.success(request, _("Decision recorded."))
                return redirect("compliance:queue")
    context = {
        "hit": hit,
        "form": form,
        "reasons": labels.hit_reasons(hit),
        "decisions": hit.decisions.select_related("decided_by"),
        "can_decide": rules.can_decide(request.user),
    }
    return render(request, "compliance/hit_detail.html", context)


@login_required
def screen_name(request):
    _require_review(request.user)
    form = ScreenNameForm(request.GET or None)
    hits = None
    if form.is_valid() and services.current_lists():
        screener, _hashes = services.current_screener()
        query = screening.Query(
            name=form.cleaned_data["name"],
            schema=form.cleaned_data["schema"],
            country=form.cleaned_data["country"].upper() or None,
        )
        hits = [
            {
                "hit": hit,
                "reasons": [labels.reason_text(r.code, r.params, r.text) for r in hit.reasons],
            }
            for hit in screener.screen(query)
        ]
    return render(
        request,
        "compliance/screen_name.html",
        {"form": form, "hits": hits, "lists_loaded": bool(services.current_lists())},
    )


@login_required
def check_topic(request):
    form = TopicForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = screening.check_dual_use(form.cleaned_data["text"])
    return render(
        request,
        "compliance/check_topic.html",
        {
            "form": form,
            "result": result,
            "message": labels.dual_use_message(result.status) if result else "",
        },
    )
