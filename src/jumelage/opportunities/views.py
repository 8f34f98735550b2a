"""Profile pages: thin views over the opportunities' selectors and services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jumelage.core.errors import DomainError
from jumelage.core.errors import PermissionDenied as DomainPermissionDenied
from jumelage.opportunities import rules, selectors, services
from jumelage.opportunities.forms import (
    InterestForm,
    ProfileForm,
    ProfileSearchForm,
    SavedSearchForm,
)
from jumelage.opportunities.models import CooperationProfile, SavedSearch


def _filters(request) -> tuple[ProfileSearchForm, selectors.ProfileFilters]:
    form = ProfileSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.ProfileFilters(
        **{key: data.get(key) or "" for key in ("q", "type", "sector", "country")}
    )


def profile_list(request):
    form, filters = _filters(request)
    queryset = selectors.search_profiles(request.user, filters).filter(
        status=CooperationProfile.Status.PUBLISHED
    )
    page = Paginator(queryset, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    owned_ids = set(rules.owned_organisations(request.user).values_list("pk", flat=True))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "owned_ids": owned_ids,
        "can_create": rules.can_create_profile(request.user),
        "own_profiles": selectors.own_profiles(request.user)[:50]
        if request.user.is_authenticated
        else [],
        "review_count": selectors.review_queue(request.user).count()
        if request.user.is_authenticated
        else 0,
        "save_form": SavedSearchForm(initial={"alerts": True}),
    }
    template = "opportunities/_results.html" if request.htmx else "opportunities/profile_list.html"
    return render(request, template, context)


def profile_detail(request, pk: int):
    try:
        profile = selectors.profile_detail(request.user, pk)
    except CooperationProfile.DoesNotExist as error:
        raise Http404(_("No such profile.")) from error
    owner = rules.is_owner(request.user, profile)
    context = {
        "profile": profile,
        "show_identity": owner or rules.is_reviewer(request.user, profile),
        "is_owner": owner,
        "can_edit": rules.can_edit(request.user, profile),
        "transitions": [
            (action, services.transition_label(action))
            for action in rules.allowed_transitions(request.user, profile)
        ],
        "can_express_interest": rules.can_express_interest(request.user, profile),
        "interests": profile.interests.select_related("organisation") if owner else [],
        "my_interests": rules.visible_interests(request.user).filter(
            profile=profile, organisation__in=rules.interest_organisations(request.user, profile)
        )
        if request.user.is_authenticated and not owner
        else [],
    }
    return render(request, "opportunities/profile_detail.html", context)


def _save(request, form: ProfileForm):
    try:
        profile = services.save_profile(
            actor=request.user,
            profile=form.save(),
            sectors=form.cleaned_data["sector_codes"],
            activities=form.activities(),
        )
    except DomainError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None
    messages.success(request, _("Saved as a draft. Submit it for review when it is ready."))
    return redirect("opportunities:profile_detail", pk=profile.pk)


@login_required
def profile_create(request):
    organisations = rules.owned_organisations(request.user).filter(archived=False)
    if not organisations.exists():
        raise PermissionDenied
    form = ProfileForm(
        request.POST or None,
        instance=CooperationProfile(language=(request.LANGUAGE_CODE or "en")[:2]),
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form)
        if response:
            return response
    return render(request, "opportunities/profile_form.html", {"form": form, "profile": None})


@login_required
def profile_edit(request, pk: int):
    profile = get_object_or_404(CooperationProfile, pk=pk)
    if not rules.can_edit(request.user, profile):
        raise PermissionDenied
    form = ProfileForm(
        request.POST or None,
        instance=profile,
        organisations=rules.owned_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form)
        if response:
            return response
    return render(request, "opportunities/profile_form.html", {"form": form, "profile": profile})


@login_required
@require_POST
def profile_transition(request, pk: int, action: str):
    profile = get_object_or_404(rules.visible_profiles(request.user), pk=pk)
    try:
        services.transition_profile(
            actor=request.user,
            profile=profile,
            action=action,
            comment=request.POST.get("comment", "")[:2000],
        )
    except DomainPermissionDenied as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        done = {
            "submit": _("Submitted for review."),
            "withdraw": _("Withdrawn: it is a draft again."),
            "publish": _("Published."),
            "return": _("Returned to draft."),
            "close": _("Closed."),
            "extend": _("Extended by a year."),
        }
        messages.success(request, done.get(action, _("Done.")))
    return redirect("opportunities:profile_detail", pk=pk)


@login_required
def review_queue(request):
    profiles = selectors.review_queue(request.user)
    return render(request, "opportunities/review_queue.html", {"profiles": profiles})


@login_required
def interest_create(request, pk: int):
    try:
        profile = selectors.profile_detail(request.user, pk)
    except CooperationProfile.DoesNotExist as error:
        raise Http404(_("No such profile.")) from error
    if not rules.can_express_interest(request.user, profile):
        raise PermissionDenied
    form = InterestForm(
        request.POST or None,
        organisations=rules.interest_organisations(request.user, profile),
    )
    if request.method == "POST" and form.is_valid():
        try:
            interest = services.express_interest(
                actor=request.user,
                profile=profile,
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Your interest was sent. You will be notified when the owner answers."),
            )
            return redirect("opportunities:interest_detail", pk=interest.pk)
    return render(request, "opportunities/interest_form.html", {"form": form, "profile": profile})


@login_required
def interest_list(request):
    received, sent = selectors.interests_for(request.user)
    return render(request, "opportunities/interest_list.html", {"received": received, "sent": sent})


@login_required
def interest_detail(request, pk: int):
    interest = get_object_or_404(
        rules.visible_interests(request.user).select_related(
            "profile",
            "profile__organisation",
            "profile__created_by",
            "organisation",
            "created_by",
        ),
        pk=pk,
    )
    receiving = rules.is_owner(request.user, interest.profile)
    context = {
        "interest": interest,
        "receiving": receiving,
        "can_decide": rules.can_decide_interest(request.user, interest),
        "revealed": interest.contacts_revealed,
    }
    return render(request, "opportunities/interest_detail.html", context)


@login_required
@require_POST
def interest_decide(request, pk: int):
    interest = get_object_or_404(rules.visible_interests(request.user), pk=pk)
    decision = request.POST.get("decision")
    if decision not in {"accept", "decline"}:
        raise Http404
    try:
        services.decide_interest(actor=request.user, interest=interest, accept=decision == "accept")
    except DomainPermissionDenied as error:
        raise PermissionDenied(error.message) from error
    messages.success(
        request,
        _("Accepted: you and the interested organisation now see each other's contacts.")
        if decision == "accept"
        else _("Declined."),
    )
    return redirect("opportunities:interest_detail", pk=pk)


@login_required
def saved_search_list(request):
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
        _search_form, filters = _filters(request)
        if form.is_valid():
            services.save_search(
                user=request.user,
                name=form.cleaned_data["name"],
                filters={
                    "q": filters.q,
                    "type": filters.type,
                    "sector": filters.sector,
                    "country": filters.country,
                },
                alerts=form.cleaned_data["alerts"],
            )
            messages.success(request, _("Search saved."))
            return redirect("opportunities:saved_search_list")
    searches = SavedSearch.objects.filter(user=request.user)
    return render(request, "opportunities/saved_search_list.html", {"searches": searches})


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    saved_search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    services.delete_search(user=request.user, saved_search=saved_search)
    messages.success(request, _("Saved search deleted."))
    return redirect("opportunities:saved_search_list")
