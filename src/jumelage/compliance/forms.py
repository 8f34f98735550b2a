from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.engines.screening import FORMATS


class ListUploadForm(forms.Form):
    file = forms.FileField(label=_("List file"))
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f) for f in sorted(FORMATS)])
    list_date = forms.DateField(
        label=_("Date of the list"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty when the file states its date."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("confirm", _("Confirm: it is the listed party")),
            ("dismiss", _("Dismiss: it is not the listed party")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ScreenNameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    schema = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("Organization", _("organisation")),
            ("Person", _("person")),
            ("Thing", _("unknown")),
        ],
    )
    country = forms.CharField(label=_("Country"), max_length=2, required=False)


class TopicForm(forms.Form):
    text = forms.CharField(
        label=_("Cooperation topic"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000
    )
