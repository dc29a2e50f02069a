"""What every stage shares: people, organisations, rounds and their roles, the
strategic plan, the audit trail, the email outbox and rendered documents."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Currency, EmailStatus, OrganisationType, Role, Sector, Stage
from .money import format_pence
from .validators import validate_charity_number, validate_company_number, validate_scottish_charity_number


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Email is the login; there is no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organisations = models.ManyToManyField(
        "Organisation", related_name="people", blank=True, verbose_name=_("organisations")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return (self.full_name or self.email).split(" ")[0]


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    organisation_type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    charity_number = models.CharField(
        _("Charity Commission number"), max_length=7, blank=True, validators=[validate_charity_number]
    )
    company_number = models.CharField(
        _("Companies House number"), max_length=8, blank=True, validators=[validate_company_number]
    )
    scottish_charity_number = models.CharField(
        _("Scottish charity number"), max_length=8, blank=True, validators=[validate_scottish_charity_number]
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Round(models.Model):
    name = models.CharField(_("name"), max_length=200)
    partnership = models.CharField(_("partnership"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.GBP)
    annual_budget_pence = models.BigIntegerField(_("annual budget (pence)"))
    number_of_years = models.PositiveSmallIntegerField(_("number of years"))
    start_date = models.DateField(_("start date"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.SETUP)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(annual_budget_pence__gt=0), name="round_budget_positive"),
            models.CheckConstraint(
                condition=Q(number_of_years__gte=1, number_of_years__lte=10), name="round_years_1_to_10"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def total_budget_pence(self):
        return self.annual_budget_pence * self.number_of_years

    @property
    def annual_budget_display(self):
        return format_pence(self.annual_budget_pence)

    @property
    def total_budget_display(self):
        return format_pence(self.total_budget_pence)

    @property
    def years(self):
        """The round's years as (index, start date) pairs, the first year being 1."""
        return [(i + 1, self.start_date.replace(year=self.start_date.year + i)) for i in range(self.number_of_years)]


def round_of(obj):
    """The round an object belongs to (the object itself for a round), or None."""
    if obj is None or isinstance(obj, Round):
        return obj
    return getattr(obj, "round", None)


class RoundRole(models.Model):
    """A person's role in one round. Every right in a round comes from these."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="round_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="round_roles",
        verbose_name=_("on behalf of"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "role", "user"]
        constraints = [models.UniqueConstraint(fields=["round", "user", "role"], name="unique_round_user_role")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.round})"


def _invitation_token():
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("organisation")
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} as {self.get_role_display()} in {self.round}"

    @property
    def is_usable(self):
        return self.accepted_at is None and self.expires_at > timezone.now()


class AuditEntry(models.Model):
    """Who did what, when, with the state before and after.

    Written on every vote, so it carries few indexes: a round's trail, newest first, is the one
    read that must be quick.
    """

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_entries", db_index=False
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=100)
    summary = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, db_index=False)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["round", "-created_at"], name="audit_round_newest_first")]
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"


class StrategicOutcome(models.Model):
    """An outcome (theme) of the city's strategic plan."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["round", "code"]
        constraints = [models.UniqueConstraint(fields=["round", "code"], name="unique_outcome_code_per_round")]

    def __str__(self):
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    """A performance indicator of the strategic plan."""

    outcome = models.ForeignKey(StrategicOutcome, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example: %, per 1,000 residents, people"))
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=3, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["outcome__code", "code"]
        constraints = [models.UniqueConstraint(fields=["outcome", "code"], name="unique_indicator_code_per_outcome")]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def round(self):
        return self.outcome.round


class IndicatorReading(models.Model):
    """One value of an indicator at a date, for the city (area blank) or one area."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="readings")
    date = models.DateField(_("date"))
    area = models.CharField(_("area"), max_length=100, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["indicator", "area", "date"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date", "area"], name="unique_reading_per_date_area")
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.area or 'city'} {self.date}: {self.value}"


class OutgoingEmail(models.Model):
    """A message recorded before it is sent, so that a broker outage delays it but
    never loses it, and a retry never sends it twice (see commissioning.services.mail)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, null=True, blank=True, related_name="emails")
    dedup_key = models.CharField(max_length=255, unique=True)
    to_email = models.EmailField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachment = models.ForeignKey("Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to_email} ({self.status})"


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Document(models.Model):
    """A PDF rendered in the background from an HTML template, and stored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=50)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.PENDING)
    file = models.FileField(upload_to="documents/%Y/%m/", blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "version"], name="unique_document_version"
            )
        ]

    def __str__(self):
        return self.title
