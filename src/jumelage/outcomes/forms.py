"""Forms of the plan pages; the services check the rules again on save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.accounts.models import Programme, Role
from jumelage.directory.models import Organisation, Person, Region, Sector
from jumelage.events.models import Event
from jumelage.outcomes.models import (
    Accompaniment,
    Action,
    FollowUpEntry,
    Metric,
    Outcome,
    Plan,
)
from jumelage.outcomes.widgets import OrganisationPicker, PickerFormMixin, search_url

# Beyond this many organisations to choose from, a search box replaces the drop-down list.
LONGEST_LIST = 30
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["programme", "name", "description", "start_date", "end_date"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programmes=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes

    def clean(self):
        data = super().clean()
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            self.add_error("end_date", _("The plan ends before it starts."))
        return data


class ObjectiveForm(forms.Form):
    metric = forms.ChoiceField(label=_("what is counted"), choices=Metric.choices)
    target = forms.IntegerField(label=_("target"), min_value=0)
    sector = forms.ModelChoiceField(
        label=_("sector"), queryset=Sector.objects.all(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("target region"), queryset=Region.objects.all(), required=False
    )


def _organisations_of(plan: Plan):
    return Organisation.objects.filter(programme_id=plan.programme_id, archived=False).order_by(
        "name"
    )


def _all_organisations():
    return Organisation.objects.filter(archived=False)


class ActionForm(PickerFormMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "kind",
            "title",
            "description",
            "start_date",
            "end_date",
            "place",
            "budget_amount",
            "budget_currency",
            "event",
            "partners",
            "participants",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": OrganisationPicker(),
            "participants": OrganisationPicker(),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = _organisations_of(plan)
        for name in ("partners", "participants"):
            self.setup_picker(name, organisations, search_url(plan.pk, "programme"))
        self.fields["event"].queryset = Event.objects.filter(programme_id=plan.programme_id)


class AccompanimentForm(PickerFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("organisation"),
        queryset=Organisation.objects.none(),
        widget=OrganisationPicker(multiple=False),
    )
    since = forms.DateField(label=_("accompanied since"), widget=DATE)
    adviser = forms.ModelChoiceField(
        label=_("adviser in charge"), queryset=get_user_model().objects.none(), required=False
    )
    actions = forms.ModelMultipleChoiceField(
        label=_("actions"), queryset=Action.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_picker("organisation", _organisations_of(plan), search_url(plan.pk, "programme"))
        self.fields["actions"].queryset = plan.actions.all()
        self.fields["adviser"].queryset = (
            get_user_model()
            .objects.filter(
                roles__kind=Role.Kind.PROGRAMME_MANAGER, roles__programme_id=plan.programme_id
            )
            .distinct()
        )


class FollowUpForm(PickerFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=FollowUpEntry.Kind.choices)
    date = forms.DateField(label=_("date"), widget=DATE)
    person = forms.ModelChoiceField(
        label=_("person contacted"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Only people who gave their consent can be named."),
    )
    counterpart = forms.ModelChoiceField(
        label=_("prospective partner discussed"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=OrganisationPicker(multiple=False),
    )
    note = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args: Any, accompaniment: Accompaniment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organisation=accompaniment.organisation,
            consent_at__isnull=False,
            erased_at__isnull=True,
        )
        self.setup_picker(
            "counterpart",
            _all_organisations().exclude(pk=accompaniment.organisation_id),
            search_url(accompaniment.plan_id, "all"),
        )


class OutcomeForm(PickerFormMixin, forms.ModelForm):
    attachment = forms.FileField(label=_("attachment"), required=False)

    class Meta:
        model = Outcome
        fields = [
            "kind",
            "title",
            "description",
            "date",
            "organisation",
            "partners",
            "sector",
            "actions",
            "amount",
            "currency",
            "count",
            "confidence",
            "origin_meeting",
            "origin_interest",
        ]
        widgets = {
            "date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "partners": OrganisationPicker(),
        }

    def __init__(
        self, *args: Any, plan: Plan, organisations, can_confirm: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() > LONGEST_LIST:
            # A manager declares for any of the plan's accompanied organisations: thousands.
            self.fields["organisation"].widget = OrganisationPicker(multiple=False)
            self.setup_picker("organisation", organisations, search_url(plan.pk, "accompanied"))
        self.setup_picker("partners", _all_organisations(), search_url(plan.pk, "all"))
        self.fields["actions"].queryset = plan.actions.all()
        self.fields["origin_meeting"].queryset = self._meetings(plan, organisations)
        self.fields["origin_interest"].queryset = self._interests(organisations)
        if not can_confirm:
            del self.fields["confidence"]

    @staticmethod
    def _meetings(plan: Plan, organisations):
        from jumelage.events.models import Meeting

        events = plan.actions.filter(event__isnull=False).values("event_id")
        ids = organisations.values("pk")
        return (
            Meeting.objects.filter(event_id__in=events, attendance=Meeting.Attendance.HELD)
            .filter(
                Q(first__person__organisation_id__in=ids)
                | Q(second__person__organisation_id__in=ids)
            )
            .select_related("first__person", "second__person")
        )

    @staticmethod
    def _interests(organisations):
        from jumelage.opportunities.models import ExpressionOfInterest

        ids = organisations.values("pk")
        return ExpressionOfInterest.objects.filter(
            Q(organisation_id__in=ids) | Q(profile__organisation_id__in=ids)
        ).select_related("organisation", "profile")


class FiltersForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("start of a period", "from"), required=False, widget=DATE
    )
    date_to = forms.DateField(
        label=pgettext_lazy("end of a period", "to"), required=False, widget=DATE
    )
    sector = forms.ModelChoiceField(
        label=_("sector"), queryset=Sector.objects.all(), required=False
    )
    region = forms.ModelChoiceField(
        label=_("region"), queryset=Region.objects.all(), required=False
    )
    as_of = forms.IntegerField(
        label=_("as of data version"),
        min_value=1,
        required=False,
        help_text=_("Recompute the figures as they stood at a past report's data version."),
        widget=forms.NumberInput(attrs={"size": 6}),
    )


class FollowUpAnswerForm(forms.Form):
    NOTHING = ""
    kind = forms.ChoiceField(
        label=_("What came of this meeting?"),
        choices=[(NOTHING, _("Nothing so far")), *Outcome.Kind.choices],
        required=False,
    )
    title = forms.CharField(label=_("In a few words"), max_length=300, required=False)
    date = forms.DateField(label=_("date"), required=False, widget=DATE)
    amount = forms.DecimalField(
        label=_("amount"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    currency = forms.CharField(label=_("currency"), max_length=3, initial="EUR", required=False)
    count = forms.IntegerField(label=_("number"), min_value=1, initial=1, required=False)


def programmes_for(user) -> Any:
    from jumelage.directory.rules import managed_programme_ids

    if getattr(user, "is_superuser", False):
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=managed_programme_ids(user))
