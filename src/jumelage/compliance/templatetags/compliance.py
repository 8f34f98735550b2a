from django import template

from jumelage.compliance.models import ScreeningHit
from jumelage.compliance.selectors import hits_for_organisation, stale_lists

register = template.Library()


@register.inclusion_tag("compliance/_badge.html", takes_context=True)
def screening_badge(context, organisation):
    """A confirmed hit marks the organisation; a pending one shows a warning."""
    statuses = set(hits_for_organisation(organisation).values_list("status", flat=True))
    return {
        "confirmed": ScreeningHit.Status.CONFIRMED in statuses,
        "pending": ScreeningHit.Status.PENDING in statuses,
        "user": context.get("user"),
    }


@register.inclusion_tag("compliance/_stale.html", takes_context=True)
def stale_list_warning(context):
    """Stale lists are announced to those who act on screening results."""
    from jumelage.compliance.rules import can_review

    user = context.get("user")
    if not getattr(user, "is_authenticated", False) or not can_review(user):
        return {"lists": []}
    return {"lists": stale_lists()}
