import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commissioning.common.money import a_year, funding_years, over_years
from commissioning.enums import Currency, Role, Stage
from commissioning.organisations.models import Organisation
from commissioning.partnerships.models import Partnership


def _public_key():
    return secrets.token_urlsafe(16)


class Round(models.Model):
    name = models.CharField(_("name"), max_length=200)
    # The round's public pages are addressed by this, not by its id: ids are sequential, so a
    # round still being set up could otherwise be found by counting.
    public_key = models.CharField(max_length=32, unique=True, default=_public_key, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("partnership")
    )
    place = models.CharField(_("place"), max_length=200, help_text=_("Where the round's money is spent"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.GBP)
    annual_budget_pence = models.BigIntegerField(_("annual budget (pence)"))
    number_of_years = models.PositiveSmallIntegerField(_("number of years"))
    start_date = models.DateField(_("start date"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.SETUP)
    questions_from_bidders_only = models.BooleanField(
        _("Only registered bidders may ask clarification questions"),
        default=False,
        help_text=_(
            "When ticked, only people an officer has added to this round as bidders can ask questions "
            "about its specifications. Otherwise anyone signed in with a confirmed email address can."
        ),
    )
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
        """'£1,000,000 a year'."""
        return a_year(self.annual_budget_pence)

    @property
    def total_budget_display(self):
        """'£3,000,000 over three years'."""
        return over_years(self.total_budget_pence, self.number_of_years)

    @property
    def years(self):
        """The round's years as FundingYears (number, start date), the first year being 1."""
        return funding_years(self.start_date, self.number_of_years)


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
