from django import template

from jumelage.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_badge.html", takes_context=True)
def notifications_badge(context):
    """The header's link to the notifications page, with the number of unread ones."""
    user = context.get("user")
    if not getattr(user, "is_authenticated", False):
        return {"show": False}
    return {"show": True, "unread": unread_count(user)}
