from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissioning.common.money import amount_in_year
from commissioning.funding.models import FundingSource
from commissioning.rounds.models import Round
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from proposals.writing.models import Proposal


class DecisionSettings(models.Model):
    """Who approves the round's decisions: a second officer (never the one who recorded it) or the board's chair."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="decision_settings")
    approver_kind = models.CharField(
        _("Who approves decisions"), max_length=20, choices=ApproverKind.choices, default=ApproverKind.SECOND_OFFICER
    )
    board_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Chair of the board"),
    )

    def __str__(self):
        return f"Decision approval for {self.round}"


class Decision(models.Model):
    """The partnership's final decision on one proposal. A change after approval makes a new version that needs a
    reason and a new approval; every version's content is kept in the audit trail."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision")
    kind = models.CharField(_("Decision"), max_length=30, choices=DecisionKind.choices)
    reasons = models.TextField(_("Reasons"), max_length=10_000)
    feedback = models.TextField(_("Feedback for the proposer"), max_length=10_000, blank=True)
    # The amount funded in each year of the round, in pence, the first year first (negotiated: may be less than
    # the amount requested, which stays in the proposal's budget). Empty when not funded.
    amounts_pence = models.JSONField(_("Amount funded in each year (pence)"), default=list)
    status = models.CharField(max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.AWAITING_APPROVAL)
    version = models.PositiveSmallIntegerField(default=1)
    change_reason = models.TextField(_("Reason for the change"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.AWAITING_APPROVAL) | Q(approved_at__isnull=False),
                name="approved_decision_has_its_moment",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.proposal}"

    @property
    def is_funded(self):
        return self.kind != DecisionKind.DO_NOT_FUND

    def amount_in_year(self, year):
        return amount_in_year(self.amounts_pence, year) if self.is_funded else 0

    @property
    def total_pence(self):
        return sum(self.amount_in_year(year) for year in range(1, len(self.amounts_pence or []) + 1))


class DecisionCondition(models.Model):
    """One condition of a "fund with conditions" decision, with the date by which it must be met."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="conditions")
    text = models.TextField(_("Condition"), max_length=2000)
    due_date = models.DateField(_("Must be met by"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class DecisionFunding(models.Model):
    """Which funding source pays how much of a funded decision in one year of the round."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="funding")
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="decision_funding")
    year = models.PositiveSmallIntegerField()
    amount_pence = models.BigIntegerField()

    class Meta:
        ordering = ["year", "source_id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "source", "year"], name="one_amount_per_source_and_year"),
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="decision_funding_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=1), name="decision_funding_year_from_1"),
        ]

    def __str__(self):
        return f"{self.source} pays {self.amount_pence} in year {self.year}"
