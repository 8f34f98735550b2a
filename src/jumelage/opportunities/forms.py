from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.directory.forms import directory_countries
from jumelage.directory.models import Activity, Organisation, Sector
from jumelage.directory.taxonomy import SECTORS
from jumelage.opportunities.models import (
    CooperationProfile,
    ExpressionOfInterest,
    PartnershipType,
    ProfileType,
)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ";").split(";") if part.strip()]


class ProfileSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("any type")), *ProfileType.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [
            ("", _("any sector")),
            *[(code, str(label)) for code, label in SECTORS.items()],
        ]
        self.fields["country"].choices = directory_countries()


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=120)
    alerts = forms.BooleanField(label=_("Send me a daily e-mail of new matches"), required=False)


class ProfileForm(forms.ModelForm):
    """Create or edit a draft profile; keywords and codes are typed one per line or `;`."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    partnership_types = forms.MultipleChoiceField(
        label=_("Partnership types"),
        choices=PartnershipType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_kinds = forms.MultipleChoiceField(
        label=_("Kinds of partner sought"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sector_codes = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        required=False,
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    activity_codes = forms.CharField(
        label=_("Activity codes (NACE / OKVED)"),
        required=False,
        help_text=_("For example: 72.19; 26.70"),
    )
    keywords_text = forms.CharField(
        label=_("Keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, at most ten"),
    )

    class Meta:
        model = CooperationProfile
        fields = [
            "organisation",
            "type",
            "title",
            "summary",
            "description",
            "partner_sought",
            "partnership_types",
            "partner_kinds",
            "stage",
            "ipr_status",
            "language",
            "visibility",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
            "description": forms.Textarea(attrs={"rows": 8, "maxlength": 4000}),
            "partner_sought": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        instance = self.instance
        if instance.pk:
            self.fields["organisation"].disabled = True
        if not self.is_bound:
            self.initial.update(
                {
                    "keywords_text": "\n".join(instance.keywords),
                    "sector_codes": list(instance.sectors.all()) if instance.pk else [],
                    "activity_codes": "; ".join(instance.activities.values_list("code", flat=True))
                    if instance.pk
                    else "",
                }
            )

    def clean_keywords_text(self):
        keywords = _split(self.cleaned_data.get("keywords_text", ""))
        if len(keywords) > 10:
            raise forms.ValidationError(_("At most ten keywords."))
        return keywords

    def clean_activity_codes(self):
        from jumelage.directory.records import _ACTIVITY

        codes = _split(self.cleaned_data.get("activity_codes", ""))
        bad = [code for code in codes if not _ACTIVITY.match(code)]
        if bad:
            raise forms.ValidationError(
                _("“%(value)s” is not a NACE/OKVED code such as 72.19") % {"value": bad[0]}
            )
        return codes

    def save(self, commit=False):
        profile = super().save(commit=False)
        profile.keywords = self.cleaned_data["keywords_text"]
        profile.partnership_types = list(self.cleaned_data["partnership_types"])
        profile.partner_kinds = list(self.cleaned_data["partner_kinds"])
        return profile

    def activities(self) -> list[Activity]:
        from jumelage.directory.services import _activities

        return _activities(self.cleaned_data.get("activity_codes", []))


class InterestForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("In the name of"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = ExpressionOfInterest
        fields = ["organisation", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}
        help_texts = {
            "message": _(
                "What cooperation you have in mind, what is missing or unclear, and who you are. "
                "Your contacts are shown to the owner only if they accept."
            )
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        if organisations is not None and organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
