"""Reading screening results."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from jumelage.compliance.models import SanctionsList, ScreeningHit


def review_queue(status: str = ScreeningHit.Status.PENDING) -> QuerySet[ScreeningHit]:
    return (
        ScreeningHit.objects.filter(status=status)
        .select_related("organisation", "person", "person__organisation", "decided_by")
        .order_by("-score", "id")
    )


def hit_counts() -> dict[str, int]:
    rows = ScreeningHit.objects.values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in ScreeningHit.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def stale_lists() -> list[SanctionsList]:
    return [
        version for version in SanctionsList.objects.filter(is_current=True) if version.is_stale
    ]


def hits_for_organisation(organisation) -> QuerySet[ScreeningHit]:
    return ScreeningHit.objects.filter(
        Q(organisation=organisation) | Q(person__organisation=organisation)
    )
