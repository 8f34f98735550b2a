"""Background work of plans: bring a plan's funnel records and dashboard figures up to date."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django_tasks import task


@task()
def refresh_plan_task(plan_id: int) -> int:
    """Copy changed records into the plan's data version and compute its default dashboard
    figures in every language, so the next page is served from the stored snapshot.
    Returns the data version (0 when the plan no longer exists)."""
    from jumelage.outcomes import selectors
    from jumelage.outcomes.models import Plan

    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        return 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            figures = selectors.plan_figures(plan=plan)
    return figures.data_version
