"""Partner pages: the search by need, "Partners for you", and feedback buttons."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jumelage.directory.models import Organisation
from jumelage.matching import services
from jumelage.matching.forms import FeedbackForm, PartnerSearchForm
from jumelage.opportunities import rules as profile_rules
from jumelage.opportunities.models import CooperationProfile

PARTNERS_FOR_YOU = 5


def search(request):
    form = PartnerSearchForm(request.GET or None)
    recommendations, pending = [], ""
    if form.is_bound and form.is_valid():
        try:
            recommendations = services.recommend_organisations(
                text=form.cleaned_data["text"],
                text_lang=form.cleaned_data["lang"] or None,
                filters=form.filters(),
                lang=get_language(),
                top=20,
                viewer=request.user,
            )
        except services.IndexNotReady as error:
            pending = error.message
    context = {
        "form": form,
        "recommendations": recommendations,
        "pending": pending,
        "searched": form.is_bound and form.is_valid(),
        "feedback_query": form.cleaned_data.get("text", "")
        if form.is_bound and form.is_valid()
        else "",
        "feedback_lang": form.cleaned_data.get("lang", "")
        if form.is_bound and form.is_valid()
        else "",
    }
    template = "matching/_results.html" if request.htmx else "matching/search.html"
    return render(request, template, context)


def partners_for_you(request):
    """The "Partners for you" block of an organisation or a profile page (htmx)."""
    profile = organisation = None
    recommendations, pending = [], ""
    try:
        if request.GET.get("profile"):
            profile = (
                profile_rules.visible_profiles(request.user)
                .select_related("organisation")
                .get(pk=int(request.GET["profile"]))
            )
            recommendations = services.recommend_for_profile(
                profile=profile, lang=get_language(), top=PARTNERS_FOR_YOU, viewer=request.user
            )
        elif request.GET.get("organisation"):
            organisation = get_object_or_404(
                Organisation, pk=int(request.GET["organisation"]), archived=False
            )
            recommendations = services.recommend_organisations(
                organisation=organisation,
                lang=get_language(),
                top=PARTNERS_FOR_YOU,
                viewer=request.user,
            )
        else:
            raise Http404(_("Say for which organisation or profile."))
    except (ValueError, CooperationProfile.DoesNotExist) as error:
        raise Http404(_("No such profile.")) from error
    except services.IndexNotReady as error:
        pending = error.message
    context = {
        "loaded": True,
        "profile": profile,
        "organisation": organisation,
        "recommendations": recommendations,
        "pending": pending,
    }
    return render(request, "matching/_partners_for_you.html", context)


@require_POST
def feedback(request):
    if not request.user.is_authenticated:
        raise PermissionDenied
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("This feedback could not be recorded."), status=400)
    data = form.cleaned_data
    profile = None
    if data.get("profile"):
        profile = profile_rules.visible_profiles(request.user).filter(pk=data["profile"]).first()
        if profile is None:
            raise Http404(_("No such profile."))
    services.record_feedback(
        user=request.user,
        result=data["result"],
        relevant=data["relevant"],
        query=data.get("query") or "",
        query_lang=data.get("query_lang") or "",
        subject_organisation=data.get("organisation"),
        subject_profile=profile,
        rank=data.get("rank") or 0,
        score=data.get("score") or 0.0,
    )
    message = (
        _("Thank you: marked as relevant.")
        if data["relevant"]
        else _("Thank you: marked as not relevant.")
    )
    return HttpResponse(format_html('<span class="muted feedback-done">{}</span>', message))
