from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.directory.countries import country_choices, directory_country_codes
from jumelage.directory.models import Organisation, Person, Region, Sector
from jumelage.directory.taxonomy import SECTORS


def directory_countries() -> list[tuple[str, str]]:
    """Choices of a country select: any country, then those of the directory's organisations
    by name in the reader's language."""
    return [("", _("any country")), *country_choices(directory_country_codes())]


def set_place_choices(form: forms.Form) -> None:
    """Fill a search form's `country` select with the countries of the directory's
    organisations, by name in the reader's language, and its `region` select with the regions."""
    form.fields["country"].choices = directory_countries()
    form.fields["region"].choices = [
        ("", _("any region")),
        *[
            (r.code, f"{r.name} ({r.code})")
            for r in Region.objects.exclude(kind=Region.Kind.COUNTRY)
        ],
    ]


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
        set_place_choices(self)
        self.fields["sector"].choices = [
            ("", _("any sector")),
            *[(c, str(label)) for c, label in SECTORS.items()],
        ]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ";").split(";") if part.strip()]


LANGUAGES = ("fr", "en", "ru")
IDENTIFIER_LABELS = {
    "siren": _("SIREN"),
    "siret": _("SIRET"),
    "inn": _("INN"),
    "ogrn": _("OGRN"),
    "pic": _("PIC"),
}


class OrganisationForm(forms.Form):
    """Create or edit an organisation; list fields are typed one item per line or `;`.

    The form only gathers the fields: `record_changes()` gives them in the file format and
    the directory's `save_organisation_record` checks them as an import or the API would,
    so a problem reads the same on the page, in the API and in an import's report.
    `add_record_problems()` puts each problem back on the field it concerns.
    """

    # Required and length checks are the record's (with its messages); the browser's
    # attributes only spare a round trip.
    name = forms.CharField(
        label=_("Name"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300, "required": True}),
    )
    legal_form = forms.CharField(label=_("Legal form"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Organisation.Kind.choices, initial=Organisation.Kind.OTHER
    )
    country = forms.CharField(
        label=_("Country"),
        required=False,
        help_text=_("Two letters: FR, RU …"),
        widget=forms.TextInput(attrs={"maxlength": 2, "size": 3, "required": True}),
    )
    region = forms.ModelChoiceField(label=_("Region"), required=False, queryset=Region.objects)
    city = forms.CharField(label=_("City"), required=False)
    website = forms.CharField(label=_("Website"), required=False)
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
    siren = forms.CharField(label=IDENTIFIER_LABELS["siren"], required=False)
    siret = forms.CharField(label=IDENTIFIER_LABELS["siret"], required=False)
    inn = forms.CharField(label=IDENTIFIER_LABELS["inn"], required=False)
    ogrn = forms.CharField(label=IDENTIFIER_LABELS["ogrn"], required=False)
    pic = forms.CharField(label=IDENTIFIER_LABELS["pic"], required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Field of the record format -> field of this form, to show a problem where it belongs.
    RECORD_FIELDS = {
        "name": "name",
        "legal_form": "legal_form",
        "kind": "kind",
        "country": "country",
        "region": "region",
        "city": "city",
        "website": "website",
        "aliases": "aliases_text",
        "keywords": "keywords_text",
        "sectors": "sector_codes",
        "activities": "activity_codes",
        **{f"identifiers.{key}": key for key in IDENTIFIER_LABELS},
    }

    def __init__(self, *args, instance: Organisation | None = None, **kwargs):
        self.instance = instance if instance is not None else Organisation()
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.exclude(kind=Region.Kind.COUNTRY)
        if not self.is_bound:
            self.initial.update(self._initial_from(self.instance))

    @staticmethod
    def _initial_from(organisation: Organisation) -> dict:
        saved = organisation.pk is not None
        return {
            "name": organisation.name,
            "legal_form": organisation.legal_form,
            "kind": organisation.kind,
            "country": organisation.country,
            "region": organisation.region_id,
            "city": organisation.city,
            "website": organisation.website,
            "aliases_text": "\n".join(organisation.aliases),
            "keywords_text": "\n".join(organisation.keywords),
            "sector_codes": list(organisation.sectors.all()) if saved else [],
            "activity_codes": "; ".join(organisation.activities.values_list("code", flat=True))
            if saved
            else "",
            "version": organisation.version,
            **{key: getattr(organisation, key) for key in IDENTIFIER_LABELS},
            **{f"name_{lang}": organisation.names.get(lang, "") for lang in LANGUAGES},
            **{
                f"description_{lang}": organisation.descriptions.get(lang, "") for lang in LANGUAGES
            },
        }

    def record_changes(self) -> dict:
        """The form's fields in the file format of INTERFACES.md §1."""
        data = self.cleaned_data
        region = data.get("region")
        website = data.get("website", "")
        if website and "://" not in website:
            website = f"https://{website}"  # people type "example.org"
        return {
            "name": data["name"],
            "legal_form": data.get("legal_form", ""),
            "kind": data["kind"],
            "country": data["country"].strip().upper(),
            # A region typed as free text in a file stays unless one is chosen here.
            "region": region.code if region else self.instance.region_text,
            "city": data.get("city", ""),
            "website": website,
            "aliases": _split(data.get("aliases_text", "")),
            "keywords": _split(data.get("keywords_text", "")),
            "names": {lang: v for lang in LANGUAGES if (v := data.get(f"name_{lang}", ""))},
            "description": {
                lang: v for lang in LANGUAGES if (v := data.get(f"description_{lang}", ""))
            },
            "sectors": [sector.code for sector in data.get("sector_codes", [])],
            "activities": _split(data.get("activity_codes", "")),
            "identifiers": {key: v for key in IDENTIFIER_LABELS if (v := data.get(key, ""))},
        }

    def add_record_problems(self, problems) -> None:
        """Show each (record field, message) problem on the form field it concerns."""
        for field, message in problems:
            if field in self.RECORD_FIELDS:
                self.add_error(self.RECORD_FIELDS[field], message)
            else:
                self.add_error(
                    None, _("%(field)s: %(message)s") % {"field": field, "message": message}
                )


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
