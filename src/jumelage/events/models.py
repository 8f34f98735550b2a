"""B2B matchmaking events: sessions cut into slots, tables, participants, requests, meetings."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone (e.g. Europe/Paris)."),
            params={"value": value},
        )


class Side(models.TextChoices):
    VISITING = "visiting", _("visiting delegation")
    HOST = "host", pgettext_lazy("side of a B2B event", "host")


class Event(models.Model):
    """A B2B matchmaking event: a delegation visit or a brokerage day."""

    class Mode(models.TextChoices):
        PARTICIPANTS = "participants", _("participants pick a slot when they accept")
        ORGANISER = "organiser", _("the organiser schedules all meetings")

    programme = models.ForeignKey(
        "accounts.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("programme"),
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_time_zone]
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
    )
    is_public = models.BooleanField(
        _("listed publicly"),
        default=True,
        help_text=_("Visitors see the title, dates and place; never the participants."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    scheduling_mode = models.CharField(
        _("scheduling"), max_length=16, choices=Mode.choices, default=Mode.PARTICIPANTS
    )
    visiting_may_request_host = models.BooleanField(
        _("the visiting delegation may request hosts"), default=True
    )
    host_may_request_visiting = models.BooleanField(
        _("hosts may request the visiting delegation"), default=True
    )
    same_side_may_meet = models.BooleanField(
        _("participants of the same side may request each other"), default=False
    )
    request_expiry_hours = models.PositiveIntegerField(
        _("pending requests expire after (hours)"), default=72
    )
    max_open_requests = models.PositiveSmallIntegerField(
        _("open requests per participant at most"), default=10
    )
    default_max_meetings = models.PositiveSmallIntegerField(
        _("meetings per participant at most"), null=True, blank=True
    )
    schedule_version = models.PositiveIntegerField(default=1, editable=False)
    published_run = models.ForeignKey(
        "ScheduleRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    published_at = models.DateTimeField(_("schedule published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day is before the first day.")})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class Session(models.Model):
    """A run of fixed-length slots on one day (a morning, an afternoon)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    label = models.CharField(_("name"), max_length=100)
    day = models.DateField(_("day"))
    start = models.TimeField(_("first slot starts at"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    break_minutes = models.PositiveSmallIntegerField(_("pause between slots (minutes)"), default=5)
    slot_count = models.PositiveSmallIntegerField(_("number of slots"), default=8)

    class Meta:
        ordering = ["day", "start", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.label} ({self.day:%Y-%m-%d})"

    def slot_start(self, index: int) -> datetime:
        """When slot `index` (0-based) starts, in the event's time zone."""
        first = datetime.combine(self.day, self.start, tzinfo=self.event.zone)
        return first + timedelta(minutes=index * (self.slot_minutes + self.break_minutes))


class Slot(models.Model):
    """One meeting slot of a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    index = models.PositiveSmallIntegerField(_("slot"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(fields=["session", "index"], name="unique_slot_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.session.label} #{self.index + 1}"

    @property
    def number(self) -> int:
        return self.index + 1


class Participant(models.Model):
    """A person of an organisation taking part in an event, on one side."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("person"),
    )
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    max_meetings = models.PositiveSmallIntegerField(_("meetings at most"), null=True, blank=True)
    unavailable_slots = models.ManyToManyField(
        Slot,
        blank=True,
        related_name="unavailable_participants",
        verbose_name=_("slots when not available"),
    )
    note = models.CharField(_("what I am looking for"), max_length=500, blank=True)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["side", "person__last_name", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="unique_participant")
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} ({self.person.organisation.display_name})"

    @property
    def name(self) -> str:
        return self.person.full_name

    @property
    def organisation(self):
        return self.person.organisation


class Table(models.Model):
    """A meeting table; a host may keep one table for the whole event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=60, blank=True)
    host = models.OneToOneField(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="own_table",
        verbose_name=_("kept by host"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_table_number")
        ]

    def __str__(self) -> str:
        return self.label or str(self.number)


class MeetingRequest(models.Model):
    """One participant asks another for a meeting."""

    class Priority(models.TextChoices):
        MUST = "must", _("must meet")
        NICE = "nice", _("nice to meet")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        EXPIRED = "expired", _("expired")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="sent_requests",
        verbose_name=_("from"),
    )
    recipient = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="received_requests",
        verbose_name=_("to"),
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NICE
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        indexes = [models.Index(fields=["event", "status", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")), name="request_not_self"
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class Meeting(models.Model):
    """An accepted request: a meeting to hold, placed in a slot at a table or not yet."""

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("not checked in")
        HELD = "held", _("held")
        NO_SHOW = "no_show", _("no-show")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(
        MeetingRequest, on_delete=models.RESTRICT, related_name="meeting", null=True, blank=True
    )
    first = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    must_meet = models.BooleanField(_("must meet"), default=False)
    mutual = models.BooleanField(_("both asked"), default=False)
    slot = models.ForeignKey(
        Slot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("slot"),
    )
    table = models.ForeignKey(
        Table,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("table"),
    )
    locked = models.BooleanField(_("locked"), default=False)
    attendance = models.CharField(
        _("check-in"), max_length=16, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slot__starts_at", "table__number", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=models.Q(slot__isnull=False, table__isnull=False),
                name="one_meeting_per_table_and_slot",
            ),
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")), name="meeting_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first.name} — {self.second.name}"

    def other(self, participant: Participant) -> Participant:
        return self.second if participant.pk == self.first_id else self.first

    def has(self, participant: Participant) -> bool:
        return participant.pk in (self.first_id, self.second_id)


class ScheduleRun(models.Model):
    """One computed (or restored) schedule, kept with its assignments so it can be restored."""

    class Kind(models.TextChoices):
        ALL = "all", _("schedule all")
        UNSCHEDULED = "unscheduled", _("schedule only what is unscheduled")
        ROLLBACK = "rollback", _("roll-back")

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField(_("run"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ALL)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    based_on_version = models.PositiveIntegerField(default=0)
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    time_limit = models.FloatField(_("time limit (seconds)"), default=20)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    status = models.CharField(_("result"), max_length=16, blank=True)
    meetings_total = models.PositiveIntegerField(default=0)
    meetings_placed = models.PositiveIntegerField(default=0)
    breaks = models.PositiveIntegerField(null=True, blank=True)
    lower_bound = models.PositiveIntegerField(null=True, blank=True)
    changes = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    explanations = models.JSONField(default=list, blank=True)
    unplaced = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_run_number")
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.number}"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class Assignment(models.Model):
    """Where one run puts one meeting (no slot: the run leaves it unplaced)."""

    run = models.ForeignKey(ScheduleRun, on_delete=models.CASCADE, related_name="assignments")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="assignments")
    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    table = models.ForeignKey(
        Table, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["run", "meeting"], name="unique_assignment")]

    def __str__(self) -> str:
        return f"{self.run}: {self.meeting_id} → {self.slot_id}/{self.table_id}"
