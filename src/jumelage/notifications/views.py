"""The notifications page: a user's notifications, each opened (and so read) by a click."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jumelage.notifications import selectors, services

PAGE_SIZE = 50


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "unread": selectors.unread_count(request.user)}
    return render(request, "notifications/notification_list.html", context)


@login_required
@require_POST
def mark_read(request):
    ids = [int(pk) for pk in request.POST.getlist("notification") if pk.isdigit()]
    changed = services.mark_read(user=request.user, notifications=ids or None)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            changed,
        )
        % {"count": changed},
    )
    return redirect("notifications:list")


@login_required
def notification_open(request, pk: int):
    """Mark one notification read and follow its link (or come back to the list)."""
    notification = get_object_or_404(selectors.notifications_of(request.user), pk=pk)
    if notification.read_at is None:
        services.mark_read(user=request.user, notifications=[notification.pk])
    return redirect(notification.url or "notifications:list")
