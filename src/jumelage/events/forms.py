from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.directory.models import Person
from jumelage.events.models import Event, MeetingRequest, Participant, Side, Slot, Table


def slot_label(slot: Slot) -> str:
    start = timezone.localtime(slot.starts_at, slot.session.event.zone)
    end = timezone.localtime(slot.ends_at, slot.session.event.zone)
    return f"{slot.session.label} · {start:%Y-%m-%d %H:%M}–{end:%H:%M}"


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Slot) -> str:
        return slot_label(obj)


class SlotMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Slot) -> str:
        return slot_label(obj)


class EventForm(forms.ModelForm):
    tables = forms.IntegerField(label=_("number of tables"), min_value=1, max_value=500, initial=10)

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "description",
            "place",
            "time_zone",
            "start_date",
            "end_date",
            "is_public",
            "registration_open",
            "scheduling_mode",
            "visiting_may_request_host",
            "host_may_request_visiting",
            "same_side_may_meet",
            "request_expiry_hours",
            "max_open_requests",
            "default_max_meetings",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tables"].initial = self.instance.tables.count()


class SessionForm(forms.Form):
    label = forms.CharField(label=_("name"), max_length=100, initial=_("Morning"))
    day = forms.DateField(label=_("day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("first slot starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    slot_minutes = forms.IntegerField(
        label=_("slot length (minutes)"), min_value=5, max_value=240, initial=20
    )
    break_minutes = forms.IntegerField(
        label=_("pause between slots (minutes)"), min_value=0, max_value=120, initial=5
    )
    slot_count = forms.IntegerField(
        label=_("number of slots"), min_value=1, max_value=60, initial=8
    )


class RegisterForm(forms.Form):
    side = forms.ChoiceField(label=_("I come with"), choices=Side.choices)
    note = forms.CharField(
        label=_("what I am looking for"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AddParticipantForm(forms.Form):
    person = forms.ModelChoiceField(label=_("person"), queryset=Person.objects.none())
    side = forms.ChoiceField(label=_("side"), choices=Side.choices)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(erased_at__isnull=True)
            .exclude(participations__event=event)
            .select_related("organisation")
            .order_by("last_name", "first_name")
        )
        self.fields["person"].label_from_instance = lambda p: (
            f"{p.full_name} — {p.organisation.display_name}"
        )


class RequestForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("meet"), queryset=Participant.objects.none())
    priority = forms.ChoiceField(
        label=_("priority"),
        choices=MeetingRequest.Priority.choices,
        initial=MeetingRequest.Priority.NICE,
    )
    message = forms.CharField(
        label=_("message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
        self.fields["recipient"].label_from_instance = lambda p: (
            f"{p.name} — {p.organisation.display_name} ({p.get_side_display()})"
        )


class PickSlotForm(forms.Form):
    slot = SlotChoiceField(
        label=_("slot"),
        queryset=Slot.objects.none(),
        required=False,
        empty_label=_("let the organiser choose"),
    )

    def __init__(self, *args, slots, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = (
            Slot.objects.filter(pk__in=[s.pk for s in slots])
            .select_related("session__event")
            .order_by("starts_at")
        )
        self.fields["slot"].required = required


class AvailabilityForm(forms.Form):
    unavailable_slots = SlotMultipleChoiceField(
        label=_("slots when I am not available"),
        queryset=Slot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_meetings = forms.IntegerField(
        label=_("meetings at most"), min_value=0, max_value=100, required=False
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable_slots"].queryset = (
            Slot.objects.filter(session__event=event)
            .select_related("session__event")
            .order_by("starts_at")
        )


class ScheduleForm(forms.Form):
    unscheduled_only = forms.BooleanField(
        label=_("schedule only what is unscheduled (placed meetings stay put)"), required=False
    )
    time_limit = forms.IntegerField(
        label=_("time limit (seconds)"), min_value=1, max_value=600, initial=20
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MoveForm(VersionForm):
    slot = SlotChoiceField(
        label=_("slot"), queryset=Slot.objects.none(), required=False, empty_label=_("unscheduled")
    )
    table = forms.ModelChoiceField(
        label=_("table"),
        queryset=Table.objects.none(),
        required=False,
        empty_label=_("any free table"),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = (
            Slot.objects.filter(session__event=event)
            .select_related("session__event")
            .order_by("starts_at")
        )
        self.fields["table"].queryset = event.tables.all()
