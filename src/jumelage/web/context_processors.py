from django.conf import settings


def navigation(request):
    """What the base layout needs on every page."""
    from jumelage.directory import rules

    user = getattr(request, "user", None)
    return {
        "languages": settings.LANGUAGES,
        "is_manager": rules.is_manager(user) if user else False,
        "can_import": rules.can_import(user) if user else False,
    }
