"""The internationalisation plan: objectives, actions, accompanied organisations, outcomes.

Figures are never typed in: they are computed from these records by `selectors.plan_figures`
(and stored per data version in `FiguresSnapshot`, so every process serves the same numbers).
Outcomes are versioned: every change appends a `ChangeLog` entry (its id is the plan's data
version) and an `OutcomeVersion` snapshot valid from that entry until the next change; the
meetings, requests, interests, logged contacts and accompaniments the funnel counts are copied
into `FunnelRecord` rows versioned the same way. So a report can say which data version it used
and be recomputed as of that version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Plan(models.Model):
    """A programme's plan of actions over a few years, e.g. a regional internationalisation plan."""

    programme = models.ForeignKey(
        "accounts.Programme",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="plan_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Metric(models.TextChoices):
    """What an objective counts; each maps to one figure of `plan_figures`."""

    ORGANISATIONS = "organisations_accompanied", _("organisations accompanied")
    MEETINGS = "meetings_held", _("meetings held")
    AGREEMENTS = "agreements", _("agreements")
    CONTRACTS = "contracts", _("contracts")
    PROJECTS = "projects", _("joint R&D projects")
    SMES = "smes_created", _("SMEs created")
    JOBS = "jobs_created", _("jobs created or kept")


class Objective(models.Model):
    """A target number for the plan, optionally for one sector and one target region."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    metric = models.CharField(_("what is counted"), max_length=32, choices=Metric.choices)
    sector = models.ForeignKey(
        "directory.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target region"),
    )
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        ordering = ["metric", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return f"{self.get_metric_display()}: {self.target}"


class Action(models.Model):
    """Something the plan does: a mission abroad, a delegation received, a fair, a B2B day…"""

    class Kind(models.TextChoices):
        MISSION = "mission", _("mission abroad")
        DELEGATION = "delegation", _("incoming delegation")
        TRADE_FAIR = "trade_fair", _("trade fair")
        B2B_EVENT = "b2b_event", _("B2B event")
        WEBINAR = "webinar", _("webinar")
        TRAINING = "training", _("training")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    budget_amount = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("B2B event"),
        help_text=_("The meetings of this event count for the plan."),
    )
    partners = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("economic partners mobilised"),
    )
    participants = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="plan_actions",
        verbose_name=_("organisations taking part"),
    )

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title


class Accompaniment(models.Model):
    """An organisation the plan accompanies, in some of its actions, with an adviser in charge."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="accompaniments")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="accompaniments",
        verbose_name=_("organisation"),
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="accompaniments", verbose_name=_("actions")
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adviser in charge"),
    )
    since = models.DateField(_("accompanied since"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name = _("accompanied organisation")
        verbose_name_plural = _("accompanied organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation"], name="one_accompaniment_per_plan"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class FollowUpEntry(models.Model):
    """One entry of the shared follow-up log of an accompanied organisation."""

    class Kind(models.TextChoices):
        CALL = "call", _("call")
        VISIT = "visit", _("visit")
        EMAIL = "email", _("e-mail")
        MEETING = "meeting", pgettext_lazy("follow-up", "meeting")
        OTHER = "other", _("other")

    accompaniment = models.ForeignKey(
        Accompaniment, on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=4000)
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person contacted"),
        help_text=_("Only people who gave their consent can be named."),
    )
    counterpart = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prospective partner discussed"),
        help_text=_("Counts as a contact between the two organisations in the funnel."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("follow-up entry")
        verbose_name_plural = _("follow-up log")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Outcome(models.Model):
    """A result the plan can claim: an agreement, a contract, a project, an SME, jobs."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("cooperation agreement")
        CONTRACT = "contract", _("contract")
        PROJECT = "project", _("joint R&D project")
        LICENCE = "licence", _("licence")
        DISTRIBUTION = "distribution", _("distribution deal")
        SME = "sme", _("SME created")
        JOBS = "jobs", _("jobs created or kept")

    class Confidence(models.TextChoices):
        DECLARED = "declared", _("declared")
        CONFIRMED = "confirmed", _("confirmed")
        EVIDENCED = "evidenced", _("evidenced")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"), help_text=_("When it was signed, started or created."))
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="outcomes",
        verbose_name=_("organisation"),
        help_text=_("The organisation that declares it; its region counts for the figures."),
    )
    partners = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="partner_outcomes",
        verbose_name=_("partner organisations"),
    )
    sector = models.ForeignKey(
        "directory.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
        help_text=_("Empty: the organisation's first sector."),
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="outcomes", verbose_name=_("actions claiming it")
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    count = models.PositiveIntegerField(
        _("number"), default=1, help_text=_("Jobs created or kept, or SMEs created.")
    )
    confidence = models.CharField(
        _("confidence"), max_length=16, choices=Confidence.choices, default=Confidence.DECLARED
    )
    origin_meeting = models.ForeignKey(
        "events.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("came from the meeting"),
    )
    origin_interest = models.ForeignKey(
        "opportunities.ExpressionOfInterest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("came from the expression of interest"),
    )
    origin_recommendation = models.ForeignKey(
        "matching.Feedback",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("came from the recommendation"),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        indexes = [models.Index(fields=["plan", "date"])]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"outcomes/{instance.outcome.plan_id}/{instance.outcome_id}/{filename}"


class Attachment(models.Model):
    """Evidence of an outcome: a signed agreement, an invoice, a press release."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class ChangeLog(models.Model):
    """An append-only log of changes to a plan's records; an entry's id is a data version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    object_type = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["plan", "id"])]

    def __str__(self) -> str:
        return f"v{self.pk} {self.action} {self.object_type} {self.object_id}"


class OutcomeVersion(models.Model):
    """What an outcome said between two data versions: the rows the figures are counted from.

    A snapshot is valid from `valid_from` (a ChangeLog id) until `valid_to` (exclusive; null
    while current). A deleted outcome closes its last snapshot and opens none. Region and
    attributed action are fixed when the snapshot is written, so a past figure does not move
    when an organisation moves region later.
    """

    outcome_id = models.PositiveBigIntegerField(db_index=True)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    valid_from = models.PositiveBigIntegerField()
    valid_to = models.PositiveBigIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=16)
    date = models.DateField()
    organisation_id = models.PositiveBigIntegerField()
    sector_id = models.PositiveBigIntegerField(null=True)
    region_id = models.PositiveBigIntegerField(null=True)
    action_id = models.PositiveBigIntegerField(null=True)
    action_ids = models.JSONField(default=list)
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    currency = models.CharField(max_length=3, blank=True)
    count = models.PositiveIntegerField(default=1)
    confidence = models.CharField(max_length=16)

    class Meta:
        ordering = ["outcome_id", "valid_from"]
        indexes = [models.Index(fields=["plan", "valid_to", "date"])]

    def __str__(self) -> str:
        return f"outcome {self.outcome_id} v{self.valid_from}–{self.valid_to or ''}"


class FollowUpReminder(models.Model):
    """A reminder sent to one participant of a held meeting, n months after it; sent once."""

    meeting = models.ForeignKey("events.Meeting", on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        "events.Participant", on_delete=models.CASCADE, related_name="+"
    )
    months = models.PositiveSmallIntegerField()
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    outcome = models.ForeignKey(
        Outcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant", "months"], name="one_reminder_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.participant_id} +{self.months}m"


class FunnelRecord(models.Model):
    """What a meeting, meeting request, interest, logged contact or accompaniment said between
    two data versions: the rows the funnel is counted from, versioned like `OutcomeVersion`.

    They copy the records of the events and opportunities apps (and of this app's follow-up
    log and accompaniments) when those change, so a report for a past period can be recomputed
    as of its data version even after a meeting was moved, checked in again or deleted. The
    two organisations are stored lowest id first, each with its region and sectors (",3,7,")
    as they were when the row was written.
    """

    class Kind(models.TextChoices):
        REQUEST = "request", _("meeting request")
        MEETING = "meeting", pgettext_lazy("B2B", "meeting")
        INTEREST = "interest", _("expression of interest")
        CONTACT = "contact", _("logged contact")
        ACCOMPANIMENT = "accompaniment", _("accompanied organisation")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    source_id = models.PositiveBigIntegerField()
    valid_from = models.PositiveBigIntegerField()
    valid_to = models.PositiveBigIntegerField(null=True, blank=True)
    event_id = models.PositiveBigIntegerField(null=True)
    day = models.DateField()
    org_a = models.PositiveBigIntegerField(null=True)
    org_b = models.PositiveBigIntegerField(null=True)
    region_a = models.PositiveBigIntegerField(null=True)
    region_b = models.PositiveBigIntegerField(null=True)
    sectors_a = models.CharField(max_length=200, blank=True)
    sectors_b = models.CharField(max_length=200, blank=True)
    held = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "source_id", "valid_from"]
        indexes = [
            models.Index(fields=["plan", "valid_to", "kind", "day"]),
            models.Index(fields=["plan", "kind", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} v{self.valid_from}–{self.valid_to or ''}"


class PlanSync(models.Model):
    """What the plan's funnel records were last copied from: a fingerprint per source scope."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.JSONField(default=dict)
    synced_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"plan {self.plan_id} synced {self.synced_at}"


class FiguresSnapshot(models.Model):
    """Figures (or the network) computed once for a data version, shared by every process.

    A data version's records never change, so a snapshot needs no invalidation: a change makes
    a new version, whose figures are computed by a background task or by the first request.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    data_version = models.PositiveBigIntegerField()
    key = models.CharField(max_length=64)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "data_version", "key"], name="one_snapshot_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} plan {self.plan_id} v{self.data_version}"
