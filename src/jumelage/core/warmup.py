"""Getting a fresh web process ready before its first request.

A new worker would otherwise spend its first requests importing every view (the URL
configuration, the API's schemas), reading the translation catalogues and compiling the
templates: seconds of delay for the first visitors after a start. `jumelage.gunicorn`
calls `warm_up` in each worker before it takes requests.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Import the views, read the catalogues of every language, compile the project's
    templates and read the matching index. Never raises: a worker must start anyway."""
    try:
        get_resolver()._populate()  # imports every URL module, hence every view
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translation.gettext("Directory")
        for name in _project_templates():
            try:
                get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError):
                logger.exception("template %s could not be compiled", name)
    except Exception:
        logger.exception("could not warm up this process")
    from jumelage.matching.index import warm_up as warm_up_index

    warm_up_index()


def _project_templates() -> list[str]:
    names = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jumelage."):
            continue
        root = Path(config.path) / "templates"
        names += [p.relative_to(root).as_posix() for p in sorted(root.rglob("*.html"))]
    return names
