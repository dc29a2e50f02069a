from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissioning.common.money import amount_in_year
from commissioning.documents.models import Document
from commissioning.organisations.models import Organisation
from commissioning.plan.models import Indicator
from commissioning.rounds.models import Round
from panels.contracts.enums import VersionStatus
from panels.decisions.models import Decision
from priorities.workshop.models import Priority
from proposals.writing.models import Proposal


class Contract(models.Model):
    """The contract with the lead organisation of one funded proposal: a series of versions."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="contracts")
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="contract")
    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="contract")
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts")
    # The sub-group that monitors the contract: the one of the proposal's priority.
    monitored_by = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="contracts")
    sponsor_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="sponsored_contracts"
    )
    sponsor_contact_name = models.CharField(_("Sponsor's named contact"), max_length=200, blank=True)
    sponsor_contact_email = models.EmailField(_("Sponsor contact's email address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal__title", "pk"]

    def __str__(self):
        return _("Contract for “%(title)s”") % {"title": self.proposal.title}


class ContractVersion(models.Model):
    """One version of a contract. Only a draft changes; an accepted version never does."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    reason = models.TextField(_("Reason for the variation"), max_length=5000, blank=True)
    # The contract's value in each year of the round, in pence, the first year first.
    amounts_pence = models.JSONField(_("Value in each year (pence)"), default=list)
    start_date = models.DateField(_("Start date"))
    end_date = models.DateField(_("End date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="unique_contract_version_number"),
            models.CheckConstraint(
                condition=~Q(status__in=[VersionStatus.ACCEPTED, VersionStatus.SUPERSEDED])
                | Q(accepted_at__isnull=False, accepted_by__isnull=False),
                name="accepted_contract_records_who_and_when",
            ),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="contract_ends_after_start"),
        ]

    def __str__(self):
        return _("%(contract)s, version %(n)d") % {"contract": self.contract, "n": self.number}

    @property
    def round(self):
        """The round of the contract (a document of this version belongs to it)."""
        return self.contract.round

    @property
    def is_draft(self):
        return self.status == VersionStatus.DRAFT

    @property
    def number_of_years(self):
        return len(self.amounts_pence or [])

    @property
    def total_pence(self):
        return sum(int(amount or 0) for amount in self.amounts_pence or [])

    def amount_in_year(self, year):
        return amount_in_year(self.amounts_pence, year)


class ContractCondition(models.Model):
    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="conditions")
    text = models.TextField(_("Condition"), max_length=2000)
    due_date = models.DateField(_("Must be met by"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class ContractIndicator(models.Model):
    """An agreed indicator: its baseline and its target for each year (decimals as text, the first year first)."""

    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    baseline_value = models.DecimalField(_("Baseline"), max_digits=14, decimal_places=3, null=True, blank=True)
    baseline_date = models.DateField(_("Date of the baseline"), null=True, blank=True)
    baseline_source = models.CharField(_("Source of the baseline"), max_length=300, blank=True)
    targets = models.JSONField(_("Targets in each year"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.indicator.name


class ContractMilestone(models.Model):
    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(_("Milestone"), max_length=300)
    due_date = models.DateField(_("Due by"))

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description


class ContractOutput(models.Model):
    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="outputs")
    description = models.CharField(_("Output"), max_length=300)
    quantity = models.PositiveIntegerField(_("How many"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description


class Instalment(models.Model):
    """One payment of the schedule. It is released only once the monitoring report of its period is accepted
    (``released_at`` stays empty until monitoring releases it)."""

    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="instalments")
    year = models.PositiveSmallIntegerField()
    period_start = models.DateField(_("Period from"))
    period_end = models.DateField(_("Period to"))
    amount_pence = models.BigIntegerField(_("Amount"))
    due_date = models.DateField(_("Due on"))
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gte=0), name="instalment_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=1), name="instalment_year_from_1"),
        ]

    def __str__(self):
        return f"{self.amount_pence} due {self.due_date}"


class ReportDue(models.Model):
    """A monitoring report the lead owes: the period it covers and when it is due."""

    version = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("Period from"))
    period_end = models.DateField(_("Period to"))
    due_date = models.DateField(_("Due on"))

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"Report for {self.period_start} to {self.period_end}"
