from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jumelage.directory import validators
from jumelage.directory.countries import country_name


def pick_language(texts: dict | None, language: str | None = None) -> str:
    """Return the text of `texts` in `language` (default: the active one), else any."""
    if not texts:
        return ""
    language = (language or get_language() or "en")[:2]
    for lang in (language, "en", "fr", "ru"):
        if texts.get(lang):
            return texts[lang]
    return next((text for text in texts.values() if text), "")


class Region(models.Model):
    """A country, region or department: NUTS code in the EU, ISO 3166-2 elsewhere."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        REGION = "region", pgettext_lazy("territory", "region")
        DEPARTMENT = "department", _("department")

    code = models.CharField(_("code"), max_length=16, unique=True)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGION)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    names = models.JSONField(_("names"), default=dict)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    airr_member = models.BooleanField(
        _("member of the Association of Innovative Regions of Russia"), default=False
    )
    airr_joined = models.PositiveSmallIntegerField(_("joined in"), null=True, blank=True)

    class Meta:
        ordering = ["country", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.names) or self.code

    @property
    def description(self) -> str:
        return pick_language(self.descriptions)


class Sector(models.Model):
    """A sector of the innovation economy; its label is translated by code."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        from jumelage.directory.taxonomy import sector_label

        return sector_label(self.code)


class Activity(models.Model):
    """A NACE Rev.2 / OKVED2 activity (identical up to four digits)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    labels = models.JSONField(_("labels"), default=dict)

    class Meta:
        ordering = ["code"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        return pick_language(self.labels)


class Organisation(models.Model):
    """An innovation actor: company, cluster, technopark, lab, university, agency."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        STARTUP = "startup", _("start-up")
        SME = "sme", _("SME")
        LARGE_COMPANY = "large_company", _("large company")
        CLUSTER = "cluster", _("cluster")
        TECHNOPARK = "technopark", _("technopark")
        UNIVERSITY = "university", _("university")
        RESEARCH_LAB = "research_lab", _("research lab")
        PUBLIC_AGENCY = "public_agency", _("public agency")
        INVESTOR = "investor", _("investor")
        ASSOCIATION = "association", _("association")
        OTHER = "other", _("other")

    source = models.CharField(_("source"), max_length=64, default="manual")
    external_id = models.CharField(_("external id"), max_length=128, blank=True)
    programme = models.ForeignKey(
        "accounts.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=300)
    name_latin = models.CharField(_("name in Latin script"), max_length=400, blank=True)
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("region"),
    )
    region_text = models.CharField(_("region (as given)"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="organisations", verbose_name=_("sectors")
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="organisations", verbose_name=_("activities")
    )
    siren = models.CharField(
        _("SIREN"), max_length=9, blank=True, validators=[validators.validate_siren]
    )
    siret = models.CharField(
        _("SIRET"), max_length=14, blank=True, validators=[validators.validate_siret]
    )
    inn = models.CharField(
        _("INN"), max_length=12, blank=True, validators=[validators.validate_inn]
    )
    ogrn = models.CharField(
        _("OGRN"), max_length=15, blank=True, validators=[validators.validate_ogrn]
    )
    pic = models.CharField(_("PIC"), max_length=12, blank=True)
    search_key = models.TextField(editable=False, blank=True, default="")
    fingerprint = models.CharField(max_length=300, editable=False, blank=True, db_index=True)
    archived = models.BooleanField(_("archived"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name_latin", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_external_id_per_source",
            )
        ]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["archived", "name_latin"])]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return pick_language(self.descriptions)

    @property
    def display_name(self) -> str:
        """The name in the active language when known, else the registered name."""
        return pick_language(self.names) or self.name

    @property
    def country_name(self) -> str:
        """The country's name in the active language ("Russie", "Russia", "Россия")."""
        return country_name(self.country)

    @property
    def external_ref(self) -> str:
        """The id used in files: the external id, else `jumelage:<pk>`."""
        return self.external_id or f"jumelage:{self.pk}"

    def identifiers(self) -> dict[str, str]:
        return {
            key: value
            for key in ("siren", "siret", "inn", "ogrn", "pic")
            if (value := getattr(self, key))
        }


class Membership(models.Model):
    """An organisation belongs to a cluster, technopark or association."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("member")
    )
    parent = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("cluster or technopark"),
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "parent"], name="unique_membership"),
            models.CheckConstraint(
                condition=~models.Q(organisation=models.F("parent")), name="membership_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ∈ {self.parent}"


class Person(models.Model):
    """A contact person of an organisation, kept with their consent."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("organisation"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    name_latin = models.CharField(_("name in Latin script"), max_length=250, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=50, blank=True)
    consent_at = models.DateField(_("consent given on"), null=True, blank=True)
    consent_purpose = models.CharField(_("purpose of the consent"), max_length=300, blank=True)
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True)
    search_key = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CooperationProject(models.Model):
    """A past joint project or agreement: what the matcher knows of who worked with whom."""

    source = models.CharField(_("source"), max_length=64, default="manual")
    external_id = models.CharField(_("external id"), max_length=128)
    title = models.CharField(_("title"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    lang = models.CharField(_("language"), max_length=8, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    funding_programme = models.CharField(_("funding programme"), max_length=100, blank=True)
    participants = models.ManyToManyField(
        Organisation, related_name="projects", verbose_name=_("participants")
    )

    class Meta:
        ordering = ["-year", "external_id"]
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="unique_project_per_source"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.external_id


class DuplicateCandidate(models.Model):
    """Two organisations that look like one entered twice, pending a manager's decision."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DISMISSED = "dismissed", _("not a duplicate")
        MERGED = "merged", _("merged")

    first = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("similarity"))
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="unique_duplicate_pair")
        ]

    def __str__(self) -> str:
        return f"{self.first} ≈ {self.second}"


class ImportBatch(models.Model):
    """An uploaded file, checked in the background, then imported all at once, also in the
    background.

    The file itself is kept in the database until it is checked, so that a worker on
    another machine can read it; its checked records and problems replace it.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("being checked")
        PREVIEW = "preview", _("preview")
        COMMITTING = "committing", _("being imported")
        COMMITTED = "committed", _("committed")
        FAILED = "failed", _("could not be read")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("file"), max_length=255)
    source = models.CharField(_("source"), max_length=64)
    content = models.BinaryField(blank=True, default=b"")
    records = models.JSONField(default=list)
    problems = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # When the work last showed a sign of life (started or moved on): work that shows none
    # for `uploads.stalled_after(status)` is taken for dead (its worker stopped) and restarted.
    progress_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    restarts = models.PositiveSmallIntegerField(_("restarts of the check"), default=0)
    error = models.TextField(_("error"), blank=True)
    # Who asked for the import, and what it changed (counts of ImportResult) once done.
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename
