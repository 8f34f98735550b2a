"""Cooperation profiles (EEN-style offers and requests), expressions of interest, and saved
searches with their alert dispatches."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.directory.countries import country_name
from jumelage.directory.taxonomy import SECTORS

# How long a published profile stays visible, and by how much one extension prolongs it.
VALIDITY = timedelta(days=365)
# An extension may be asked for at the earliest this long before the profile expires.
EXTENSION_WINDOW = timedelta(days=30)


class ProfileType(models.TextChoices):
    TECHNOLOGY_OFFER = "technology_offer", _("technology offer")
    TECHNOLOGY_REQUEST = "technology_request", _("technology request")
    BUSINESS_OFFER = "business_offer", _("business offer")
    BUSINESS_REQUEST = "business_request", _("business request")
    RD_PARTNER_SEARCH = "rd_partner_search", _("R&D partner search")


# What the matching engine calls the direction of each type: an offer faces a request.
DIRECTION = {
    ProfileType.TECHNOLOGY_OFFER: "offer",
    ProfileType.BUSINESS_OFFER: "offer",
    ProfileType.TECHNOLOGY_REQUEST: "request",
    ProfileType.BUSINESS_REQUEST: "request",
    ProfileType.RD_PARTNER_SEARCH: "cooperation",
}


class PartnershipType(models.TextChoices):
    LICENCE = "licence", _("licence agreement")
    JOINT_VENTURE = "joint_venture", _("joint venture")
    RESEARCH = "research", _("research cooperation")
    TECHNICAL = "technical", _("technical cooperation")
    SUBCONTRACTING = "subcontracting", _("subcontracting")
    MANUFACTURING = "manufacturing", _("manufacturing agreement")
    DISTRIBUTION = "distribution", _("distribution agreement")
    COMMERCIAL = "commercial", _("commercial agreement")
    INVESTMENT = "investment", _("investment")
    SUPPLIER = "supplier", _("supplier agreement")


class Stage(models.TextChoices):
    CONCEPT = "concept", _("concept stage")
    DEVELOPMENT = "development", _("under development")
    LAB_TESTED = "lab_tested", _("lab tested")
    DEMONSTRATION = "demonstration", _("available for demonstration")
    MARKET = "market", _("already on the market")


class IprStatus(models.TextChoices):
    NONE = "none", _("no IPR applied")
    SECRET = "secret", _("secret know-how")
    APPLIED = "applied", _("IPR applied but not yet granted")
    GRANTED = "granted", _("IPR granted")


class CooperationProfile(models.Model):
    """An offer or request an organisation publishes to find partners abroad."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")
        EXPIRED = "expired", _("expired")
        CLOSED = "closed", pgettext_lazy("profile status", "closed")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public: anyone sees it, without the organisation's identity")
        PRIVATE = "private", _("private: only your organisation and its reviewers see it")

    class Language(models.TextChoices):
        FR = "fr", _("French")
        EN = "en", _("English")
        RU = "ru", _("Russian")

    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="cooperation_profiles",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    type = models.CharField(_("type"), max_length=32, choices=ProfileType.choices)
    title = models.CharField(_("title"), max_length=256)
    summary = models.TextField(_("summary"), max_length=500, validators=[MaxLengthValidator(500)])
    description = models.TextField(
        _("description"), max_length=4000, validators=[MaxLengthValidator(4000)]
    )
    partner_sought = models.TextField(
        _("partner sought"),
        max_length=4000,
        blank=True,
        validators=[MaxLengthValidator(4000)],
        help_text=_("The role you expect the partner to play."),
    )
    partnership_types = models.JSONField(_("partnership types"), default=list)
    partner_kinds = models.JSONField(_("kinds of partner sought"), default=list, blank=True)
    stage = models.CharField(
        _("stage of development"), max_length=16, choices=Stage.choices, blank=True
    )
    ipr_status = models.CharField(
        _("IPR status"), max_length=16, choices=IprStatus.choices, blank=True
    )
    sectors = models.ManyToManyField(
        "directory.Sector", blank=True, related_name="+", verbose_name=_("sectors")
    )
    activities = models.ManyToManyField(
        "directory.Activity", blank=True, related_name="+", verbose_name=_("activities")
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)
    extended = models.BooleanField(_("extended once"), default=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        verbose_name = _("cooperation profile")
        verbose_name_plural = _("cooperation profiles")
        indexes = [models.Index(fields=["status", "visibility", "expires_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """A stable public reference, as EEN profiles have (type, year, number)."""
        code = "".join(word[0] for word in self.type.split("_")).upper()
        year = (self.published_at or self.created_at or timezone.now()).year
        return f"{code}-{year}-{self.pk:05d}"

    @property
    def direction(self) -> str:
        return DIRECTION[ProfileType(self.type)]

    @property
    def is_live(self) -> bool:
        """Published and not past its expiry (even if the expiry job has not run yet)."""
        return self.status == self.Status.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )

    def partnership_type_labels(self) -> list[str]:
        labels = dict(PartnershipType.choices)
        return [str(labels.get(code, code)) for code in self.partnership_types]

    def partner_kind_labels(self) -> list[str]:
        from jumelage.directory.models import Organisation

        labels = dict(Organisation.Kind.choices)
        return [str(labels.get(code, code)) for code in self.partner_kinds]


class ExpressionOfInterest(models.Model):
    """A member's reply to a profile, relayed to its owner, who accepts or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    profile = models.ForeignKey(
        CooperationProfile,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("profile"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="expressions_of_interest",
        verbose_name=_("interested organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    message = models.TextField(_("message"), max_length=2000, validators=[MaxLengthValidator(2000)])
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organisation"], name="one_interest_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.profile}"

    @property
    def contacts_revealed(self) -> bool:
        return self.status == self.Status.ACCEPTED


class SavedSearch(models.Model):
    """A user's profile search, run every day to mail what was newly published."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    q = models.CharField(_("words"), max_length=200, blank=True)
    type = models.CharField(_("type"), max_length=32, choices=ProfileType.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=32, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    alerts = models.BooleanField(_("daily e-mail alert"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""

    @property
    def sector_label(self) -> str:
        return str(SECTORS.get(self.sector, self.sector)) if self.sector else ""


class AlertDispatch(models.Model):
    """One day's run of a saved search's alert: at most one per day, so reruns send nothing."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="dispatches"
    )
    day = models.DateField()
    # Profiles published up to this moment were considered; the next run starts here.
    until = models.DateTimeField()
    profiles = models.JSONField(default=list)
    sent = models.BooleanField(default=False)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "day"], name="one_alert_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.saved_search} {self.day}"
