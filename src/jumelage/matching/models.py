"""The matching app's records: builds of the recommendation index, and users' feedback."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexBuild(models.Model):
    """One full build of the matching index from the database.

    The index on disk names the build it came from; an index whose build is not recorded
    in this database (another database, or a build that was rolled back) is not used.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    organisations = models.PositiveIntegerField(default=0)
    projects = models.PositiveIntegerField(default=0)
    profiles = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("index build")
        verbose_name_plural = _("index builds")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status}"


class Feedback(models.Model):
    """A user's judgement of one recommendation: relevant or not, with what was asked."""

    class Subject(models.TextChoices):
        TEXT = "text", _("a free-text need")
        ORGANISATION = "organisation", _("an organisation")
        PROFILE = "profile", _("a cooperation profile")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.CharField(_("asked for"), max_length=16, choices=Subject.choices)
    query = models.TextField(_("query"), blank=True)
    query_lang = models.CharField(_("language"), max_length=8, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    subject_organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_profile = models.ForeignKey(
        "opportunities.CooperationProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recommended organisation"),
    )
    rank = models.PositiveSmallIntegerField(_("rank"), default=0)
    score = models.FloatField(_("score"), default=0.0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    relevant = models.BooleanField(_("relevant"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("recommendation feedback")
        verbose_name_plural = _("recommendation feedback")

    def __str__(self) -> str:
        return f"{self.subject} → {self.result_id}: {'+' if self.relevant else '-'}"
