"""Sanctions lists, their entries, screening hits and their review."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SanctionsList(models.Model):
    """One loaded version of a sanctions or restricted-party list."""

    list_id = models.CharField(_("list"), max_length=100, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    source_format = models.CharField(_("format"), max_length=32)
    filename = models.CharField(_("file"), max_length=255)
    list_date = models.DateField(_("list date"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    is_current = models.BooleanField(_("current version"), default=True)

    class Meta:
        ordering = ["list_id", "-loaded_at"]
        verbose_name = _("sanctions list")
        verbose_name_plural = _("sanctions lists")

    def __str__(self) -> str:
        return f"{self.name} ({self.dated:%Y-%m-%d})"

    @property
    def dated(self):
        """The list's own date when it says one, else the day it was loaded."""
        return self.list_date or self.loaded_at.date()

    @property
    def is_stale(self) -> bool:
        age = timezone.now().date() - self.dated
        return age > timedelta(days=settings.SCREENING_STALE_DAYS)


class ListEntryRecord(models.Model):
    """A listed party as stored: the engine's entry, kept as data, with a change hash."""

    sanctions_list = models.ForeignKey(
        SanctionsList, on_delete=models.CASCADE, related_name="entries"
    )
    entry_id = models.CharField(max_length=200)
    schema = models.CharField(max_length=32)
    caption = models.CharField(max_length=500)
    data = models.JSONField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sanctions_list", "entry_id"], name="unique_entry_per_list"
            )
        ]

    def __str__(self) -> str:
        return self.caption


class ScreeningHit(models.Model):
    """A possible match between a directory entity and a list entry, pending review."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending review")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="screening_hits",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="screening_hits",
        verbose_name=_("person"),
    )
    list_id = models.CharField(_("list"), max_length=100)
    entry_id = models.CharField(_("list entry"), max_length=200)
    entry_name = models.CharField(_("listed name"), max_length=500)
    entry_hash = models.CharField(max_length=64)
    screened_name = models.CharField(_("screened name"), max_length=500)
    score = models.FloatField(_("score"))
    code = models.CharField(max_length=64)
    params = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)
    explanation = models.TextField(_("explanation"))
    programmes = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "-score", "id"]
        verbose_name = _("screening hit")
        verbose_name_plural = _("screening hits")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person", "list_id", "entry_id"],
                name="unique_hit_per_subject",
            )
        ]
        indexes = [models.Index(fields=["status", "organisation"])]

    def __str__(self) -> str:
        return f"{self.subject} ~ {self.entry_name}"

    @property
    def subject(self):
        return self.organisation or self.person


class HitDecision(models.Model):
    """The audit trail of a hit: every status change, who made it, why, on which entry.

    A change the platform makes itself keeps a code from SYSTEM_REASONS as its reason, so
    that it is read in each reader's language; a person's reason is kept as they wrote it.
    """

    SYSTEM_REASONS = {
        "found_by_screening": _("found by screening"),
        "entry_changed": _("the list entry changed since it was dismissed"),
    }
    # Reasons stored as English text before they were stored as codes.
    _LEGACY_REASONS = {
        "found by screening": "found_by_screening",
        "the list entry changed since it was dismissed": "entry_changed",
    }

    hit = models.ForeignKey(ScreeningHit, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(max_length=16, choices=ScreeningHit.Status.choices)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entry_hash = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.hit_id} → {self.status}"

    @property
    def reason_text(self) -> str:
        """The reason in the active language when the platform gave it, else as written."""
        if self.decided_by_id is None:
            code = self._LEGACY_REASONS.get(self.reason, self.reason)
            if code in self.SYSTEM_REASONS:
                return str(self.SYSTEM_REASONS[code])
        return self.reason


class DualUseFlag(models.Model):
    """A cooperation topic found to possibly concern dual-use items: needs review."""

    class Status(models.TextChoices):
        POSSIBLE = "possible_dual_use", _("possible dual-use — needs review")
        NONE = "no_indicator_found", _("no indicator found")

    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    text = models.TextField()
    status = models.CharField(max_length=32, choices=Status.choices)
    categories = models.JSONField(default=list)
    matches = models.JSONField(default=list)
    vocabulary_version = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.status}"
