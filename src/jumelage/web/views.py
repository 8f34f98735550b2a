from django.db.models import Count, Q
from django.shortcuts import render

from jumelage.directory.models import CooperationProject, Organisation, Region


def home(request):
    """The front page: what the directory holds, and where to start."""
    counts = Organisation.objects.filter(archived=False).aggregate(
        total=Count("id"), countries=Count("country", distinct=True)
    )
    by_country = (
        Organisation.objects.filter(archived=False)
        .values("country")
        .annotate(n=Count("id"))
        .order_by("-n")[:6]
    )
    context = {
        "organisation_count": counts["total"],
        "country_count": counts["countries"],
        "project_count": CooperationProject.objects.count(),
        "region_count": Region.objects.filter(~Q(kind=Region.Kind.COUNTRY)).count(),
        "by_country": by_country,
    }
    return render(request, "web/home.html", context)
