"""A web worker gets ready before its first request (`jumelage.core.warmup`)."""

from django.template.loader import get_template

from jumelage.core.warmup import _project_templates, warm_up


def test_every_template_of_the_project_compiles():
    names = _project_templates()
    assert "directory/organisation_list.html" in names and len(names) > 50
    for name in names:
        get_template(name)


def test_warming_up_without_a_database_index_or_cache_does_not_raise(db):
    warm_up()
