"""Picking organisations among a whole directory: a search box instead of a list of them all.

`OrganisationPicker` renders only the organisations already chosen (as checked boxes, or a
checked radio button when one is picked) and a search box. With JavaScript, typing asks the
server (`views.organisation_search`, through htmx) for the first matches, shown as boxes to tick;
without it, the "Search" button posts the form back and the page comes back with the matches and
everything typed so far. Names are matched by the directory's search (any script, any
transliteration), so it stays fast with 100,000 organisations.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse

from jumelage.directory.models import Organisation
from jumelage.directory.selectors import DirectoryFilters, search_organisations

RESULTS = 15
PICK = "_pick"  # the name of the no-JavaScript search button; its value names the field


def search(query: str, scope: QuerySet[Organisation], exclude: list[int]) -> list[Organisation]:
    """The first organisations of `scope` matching `query` (every word starts a word of a name)."""
    if not query.strip():
        return []
    found = search_organisations(DirectoryFilters(q=query)).filter(pk__in=scope.values("pk"))
    return list(found.exclude(pk__in=exclude).order_by("name", "pk")[:RESULTS])


def _ids(values: Any) -> list[int]:
    if values in (None, ""):
        return []
    if not isinstance(values, list | tuple):
        values = [values]
    return [int(v) for v in (getattr(v, "pk", v) for v in values) if str(v).isdigit()]


class OrganisationPicker(forms.Widget):
    template_name = "outcomes/widgets/organisation_picker.html"

    def __init__(self, *, multiple: bool = True, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        self.allow_multiple_selected = multiple
        self.scope: QuerySet[Organisation] = Organisation.objects.none()
        self.search_url = ""
        self.query = ""

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def format_value(self, value):
        return [str(pk) for pk in _ids(value)]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = _ids(value)
        selected = {
            o.pk: o for o in Organisation.objects.filter(pk__in=chosen).select_related("region")
        }
        context["widget"].update(
            {
                "multiple": self.multiple,
                "input_type": "checkbox" if self.multiple else "radio",
                "selected": [selected[pk] for pk in chosen if pk in selected],
                "results": search(self.query, self.scope, chosen),
                "query": self.query,
                "searched": bool(self.query.strip()),
                "search_url": self.search_url,
                "pick": PICK,
            }
        )
        return context


class PickerFormMixin:
    """For forms with organisation pickers: wire each to its scope and search address, and
    treat a no-JavaScript "Search" as a round trip that saves nothing and shows no errors."""

    def setup_picker(self, name: str, scope: QuerySet[Organisation], search_url: str) -> None:
        field = self.fields[name]  # type: ignore[attr-defined]
        widget = field.widget
        widget.is_required = field.required
        widget.scope = scope
        field.queryset = scope
        multiple = "1" if widget.multiple else "0"
        widget.search_url = f"{search_url}?field={name}&multiple={multiple}"
        if self.is_bound:  # type: ignore[attr-defined]
            widget.query = self.data.get(f"{name}_q", "")  # type: ignore[attr-defined]

    @property
    def picking(self) -> bool:
        return self.is_bound and bool(self.data.get(PICK))  # type: ignore[attr-defined]

    def hide_errors_while_picking(self) -> None:
        if self.picking:
            from django.forms.utils import ErrorDict

            self._errors = ErrorDict()  # type: ignore[attr-defined]
            self.cleaned_data = {}  # type: ignore[attr-defined]


def search_url(plan_id: int, scope: str) -> str:
    return reverse("outcomes:organisation_search", args=[plan_id, scope])
