"""In-app notifications: what happened that a user should know about.

A notification stores a kind and its parameters, not a sentence, so that it reads in the
language of whoever opens it; `jumelage.notifications.texts` turns it into words.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        # Cooperation profiles and expressions of interest.
        INTEREST_RECEIVED = "interest_received", _("interest received")
        INTEREST_ACCEPTED = "interest_accepted", _("interest accepted")
        INTEREST_DECLINED = "interest_declined", _("interest declined")
        PROFILE_SUBMITTED = "profile_submitted", _("profile submitted for review")
        PROFILE_PUBLISHED = "profile_published", _("profile published")
        PROFILE_RETURNED = "profile_returned", _("profile returned to draft")
        # Events.
        REQUEST_RECEIVED = "request_received", _("meeting request received")
        REQUEST_ACCEPTED = "request_accepted", _("meeting request accepted")
        REQUEST_DECLINED = "request_declined", _("meeting request declined")
        REQUEST_EXPIRED = "request_expired", _("meeting request expired")
        SCHEDULE_CHANGED = "schedule_changed", _("agenda changed")
        REGISTRATION_APPROVED = "registration_approved", _("registration approved")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # A path on the site without its language prefix; shown in the reader's language.
    link = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def text(self) -> str:
        from jumelage.notifications.texts import sentence

        return sentence(self.kind, self.params)

    @property
    def url(self) -> str:
        from jumelage.notifications.texts import localised

        return localised(self.link)
