from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.directory.models import Activity, Organisation, Person, Region, Sector
from jumelage.directory.taxonomy import SECTORS


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("any kind")), *Organisation.Kind.choices],
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    activity = forms.CharField(label=_("Activity code"), required=False, max_length=8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = (
            Organisation.objects.filter(archived=False).values_list("country", flat=True).distinct()
        )
        self.fields["country"].choices = [
            ("", _("any country")),
            *[(c, c) for c in sorted(set(countries))],
        ]
        self.fields["region"].choices = [
            ("", _("any region")),
            *[
                (r.code, f"{r.name} ({r.code})")
                for r in Region.objects.exclude(kind=Region.Kind.COUNTRY)
            ],
        ]
        self.fields["sector"].choices = [
            ("", _("any sector")),
            *[(c, str(label)) for c, label in SECTORS.items()],
        ]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ";").split(";") if part.strip()]


class OrganisationForm(forms.ModelForm):
    """Create or edit an organisation; list fields are typed one item per line or `;`."""

    aliases_text = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line"),
    )
    keywords_text = forms.CharField(
        label=_("Technology keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line"),
    )
    name_ru = forms.CharField(label=_("Name in Russian"), required=False, max_length=300)
    name_en = forms.CharField(label=_("Name in English"), required=False, max_length=300)
    name_fr = forms.CharField(label=_("Name in French"), required=False, max_length=300)
    description_fr = forms.CharField(
        label=_("Description in French"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=300, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "kind",
            "country",
            "region",
            "city",
            "website",
            "siren",
            "siret",
            "inn",
            "ogrn",
            "pic",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["region"].queryset = Region.objects.exclude(kind=Region.Kind.COUNTRY)
        self.fields["country"].help_text = _("Two letters: FR, RU …")
        if not self.is_bound:
            self.initial.update(
                {
                    "aliases_text": "\n".join(instance.aliases),
                    "keywords_text": "\n".join(instance.keywords),
                    "sector_codes": list(instance.sectors.all()) if instance.pk else [],
                    "activity_codes": "; ".join(instance.activities.values_list("code", flat=True))
                    if instance.pk
                    else "",
                    "version": instance.version,
                    **{f"name_{lang}": instance.names.get(lang, "") for lang in ("fr", "en", "ru")},
                    **{
                        f"description_{lang}": instance.descriptions.get(lang, "")
                        for lang in ("fr", "en", "ru")
                    },
                }
            )

    def clean_country(self):
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(_("Enter a two-letter country code such as FR or RU."))
        return country

    def clean_activity_codes(self):
        from jumelage.directory.records import _ACTIVITY

        codes = _split(self.cleaned_data.get("activity_codes", ""))
        bad = [code for code in codes if not _ACTIVITY.match(code)]
        if bad:
            raise forms.ValidationError(
                _("“%(value)s” is not a NACE/OKVED code such as 72.19") % {"value": bad[0]}
            )
        return codes

    def save(self, commit=True):
        organisation = super().save(commit=False)
        organisation.aliases = _split(self.cleaned_data.get("aliases_text", ""))
        organisation.keywords = _split(self.cleaned_data.get("keywords_text", ""))
        organisation.names = {
            lang: v
            for lang in ("fr", "en", "ru")
            if (v := self.cleaned_data.get(f"name_{lang}", "").strip())
        }
        organisation.descriptions = {
            lang: v
            for lang in ("fr", "en", "ru")
            if (v := self.cleaned_data.get(f"description_{lang}", "").strip())
        }
        return organisation

    def activities(self) -> list[Activity]:
        from jumelage.directory.services import _activities

        return _activities(self.cleaned_data.get("activity_codes", []))


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "position",
            "email",
            "phone",
            "languages",
            "consent_at",
            "consent_purpose",
        ]
        widgets = {"consent_at": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("email") or cleaned.get("phone")) and not cleaned.get("consent_at"):
            self.add_error(
                "consent_at",
                _(
                    "Contact details are kept only with the person's consent: enter the date it was given."
                ),
            )
        if cleaned.get("consent_at") and not cleaned.get("consent_purpose"):
            self.add_error("consent_purpose", _("Say what the person consented to."))
        return cleaned


class MembershipForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("Cluster or technopark"),
        queryset=Organisation.objects.filter(
            kind__in=[
                Organisation.Kind.CLUSTER,
                Organisation.Kind.TECHNOPARK,
                Organisation.Kind.ASSOCIATION,
                Organisation.Kind.PUBLIC_AGENCY,
            ],
            archived=False,
        ),
    )
