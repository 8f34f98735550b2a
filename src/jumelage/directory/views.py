"""Directory pages: thin views over the directory's selectors and services."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jumelage.core.errors import DomainError
from jumelage.directory import rules, selectors, services
from jumelage.directory.forms import MembershipForm, OrganisationForm, PersonForm, SearchForm
from jumelage.directory.models import DuplicateCandidate, Membership, Organisation, Person, Region


def _filters(request) -> tuple[SearchForm, selectors.DirectoryFilters]:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.DirectoryFilters(
        **{k: data.get(k) or "" for k in ("q", "country", "region", "kind", "sector", "activity")}
    )


def organisation_list(request):
    form, filters = _filters(request)
    queryset = selectors.search_organisations(filters)
    page = Paginator(queryset, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": rules.can_create_organisation(request.user),
    }
    template = "directory/_results.html" if request.htmx else "directory/organisation_list.html"
    return render(request, template, context)


def organisation_export(request, fmt: str):
    from jumelage.directory.exports import export_organisations

    _form, filters = _filters(request)
    try:
        content, content_type, extension = export_organisations(
            selectors.search_organisations(filters), fmt
        )
    except ValueError as error:
        raise Http404(str(error)) from error
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="organisations.{extension}"'
    return response


def organisation_detail(request, pk: int):
    try:
        organisation = selectors.organisation_detail(pk)
    except Organisation.DoesNotExist as error:
        raise Http404(_("No such organisation.")) from error
    can_edit = rules.can_edit_organisation(request.user, organisation)
    duplicates = (
        DuplicateCandidate.objects.filter(
            Q(first=organisation) | Q(second=organisation), status=DuplicateCandidate.Status.OPEN
        ).select_related("first", "second")
        if can_edit
        else []
    )
    people = list(organisation.people.all()) if rules.can_see_people(request.user) else []
    context = {
        "organisation": organisation,
        "can_edit": can_edit,
        "people": people,
        "show_contacts": can_edit,
        "duplicates": duplicates,
        "projects": organisation.projects.all(),
    }
    return render(request, "directory/organisation_detail.html", context)


def _save_organisation(request, organisation: Organisation, form: OrganisationForm):
    try:
        saved, duplicates = services.save_organisation_record(
            actor=request.user,
            organisation=organisation,
            changes=form.record_changes(),
            expected_version=form.cleaned_data.get("version") if organisation.pk else None,
        )
    except services.InvalidRecord as error:
        form.add_record_problems(error.problems)
        return None
    except services.StaleEdit as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, _("Saved."))
    for other in duplicates:
        messages.warning(
            request,
            _("This may be the same organisation as “%(name)s”: a manager can merge them.")
            % {"name": other.name},
        )
    return redirect("directory:organisation_detail", pk=saved.pk)


@login_required
def organisation_create(request):
    if not rules.can_create_organisation(request.user):
        raise PermissionDenied
    organisation = Organisation()
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        managed = rules.managed_programme_ids(request.user)
        if managed:
            organisation.programme_id = min(managed)
        response = _save_organisation(request, organisation, form)
        if response:
            return response
    return render(request, "directory/organisation_form.html", {"form": form, "organisation": None})


@login_required
def organisation_edit(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rules.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        response = _save_organisation(request, organisation, form)
        if response:
            return response
    return render(
        request, "directory/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def membership_add(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rules.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_membership(
                actor=request.user, organisation=organisation, parent=form.cleaned_data["parent"]
            )
        except DomainError as error:
            form.add_error("parent", error.message)
        else:
            messages.success(request, _("Membership added."))
            return redirect("directory:organisation_detail", pk=pk)
    return render(
        request, "directory/membership_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def membership_remove(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    if not rules.can_edit_organisation(request.user, membership.organisation):
        raise PermissionDenied
    services.remove_membership(actor=request.user, membership=membership)
    messages.success(request, _("Membership removed."))
    return redirect("directory:organisation_detail", pk=membership.organisation_id)


@login_required
def person_create(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rules.can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=Person(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        services.save_person(actor=request.user, person=form.save(commit=False))
        messages.success(request, _("Saved."))
        return redirect("directory:organisation_detail", pk=pk)
    return render(
        request, "directory/person_form.html", {"form": form, "organisation": organisation}
    )


@login_required
def person_edit(request, pk: int):
    person = get_object_or_404(
        Person.objects.select_related("organisation"), pk=pk, erased_at__isnull=True
    )
    if not rules.can_edit_person(request.user, person):
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.save_person(actor=request.user, person=form.save(commit=False))
        messages.success(request, _("Saved."))
        return redirect("directory:organisation_detail", pk=person.organisation_id)
    return render(
        request,
        "directory/person_form.html",
        {"form": form, "organisation": person.organisation, "person": person},
    )


@login_required
def person_export(request, pk: int):
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), pk=pk)
    if not rules.can_edit_person(request.user, person):
        raise PermissionDenied
    response = HttpResponse(
        json.dumps(services.export_person(person=person), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
def person_erase(request, pk: int):
    person = get_object_or_404(
        Person.objects.select_related("organisation"), pk=pk, erased_at__isnull=True
    )
    if not rules.can_edit_person(request.user, person):
        raise PermissionDenied
    if request.method == "POST":
        services.erase_person(actor=request.user, person=person)
        messages.success(request, _("The person's data was erased."))
        return redirect("directory:organisation_detail", pk=person.organisation_id)
    return render(request, "directory/person_erase.html", {"person": person})


def region_list(request):
    regions = selectors.regions_with_counts()
    return render(request, "directory/region_list.html", {"regions": regions})


def region_detail(request, code: str):
    region = get_object_or_404(Region.objects.select_related("parent"), code=code)
    organisations = selectors.search_organisations(selectors.DirectoryFilters(region=code))
    page = Paginator(organisations, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/region_detail.html",
        {"region": region, "page": page, "children": region.children.all()},
    )


@login_required
def people_list(request):
    q = request.GET.get("q", "")
    page = Paginator(selectors.search_people(q), settings.DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "directory/people_list.html", {"page": page, "q": q})


@login_required
def duplicate_list(request):
    if not rules.is_manager(request.user):
        raise PermissionDenied
    editable = rules.editable_organisations(request.user).values("pk")
    candidates = DuplicateCandidate.objects.filter(
        status=DuplicateCandidate.Status.OPEN, first__in=editable, second__in=editable
    ).select_related("first", "second", "first__region", "second__region")
    page = Paginator(candidates, settings.DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "directory/duplicate_list.html", {"page": page})


@login_required
@require_POST
def duplicate_decide(request, pk: int):
    candidate = get_object_or_404(
        DuplicateCandidate.objects.select_related("first", "second"), pk=pk
    )
    if not rules.can_merge(request.user, candidate.first, candidate.second):
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision == "dismiss":
        candidate.status = DuplicateCandidate.Status.DISMISSED
        candidate.save(update_fields=["status"])
        messages.success(request, _("Marked as not a duplicate."))
        return redirect("directory:duplicate_list")
    if decision not in {"keep_first", "keep_second"}:
        raise Http404
    kept, absorbed = (
        (candidate.first, candidate.second)
        if decision == "keep_first"
        else (candidate.second, candidate.first)
    )
    services.merge_organisations(actor=request.user, kept=kept, absorbed=absorbed)
    messages.success(
        request,
        _("“%(absorbed)s” was merged into “%(kept)s”.")
        % {"absorbed": absorbed.name, "kept": kept.name},
    )
    return redirect("directory:organisation_detail", pk=kept.pk)


def result_count(n: int) -> str:
    return ngettext("%(count)d organisation", "%(count)d organisations", n) % {"count": n}
