from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.directory.forms import set_place_choices
from jumelage.directory.models import Organisation


class PartnerSearchForm(forms.Form):
    text = forms.CharField(
        label=_("What partner do you seek?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe your need in French, English or Russian."),
    )
    lang = forms.ChoiceField(
        label=_("Language of the text"),
        required=False,
        choices=[
            ("", _("detect")),
            ("fr", _("French")),
            ("en", _("English")),
            ("ru", _("Russian")),
        ],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any kind")), *Organisation.Kind.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_place_choices(self)

    def filters(self) -> dict[str, list[str]]:
        data = self.cleaned_data
        return {key: [data[key]] for key in ("country", "region", "kind") if data.get(key)}


class FeedbackForm(forms.Form):
    result = forms.ModelChoiceField(queryset=Organisation.objects.all())
    relevant = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
    query = forms.CharField(required=False, max_length=4000)
    query_lang = forms.CharField(required=False, max_length=8)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False)
    profile = forms.IntegerField(required=False)
    rank = forms.IntegerField(required=False, min_value=0)
    score = forms.FloatField(required=False)
