from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.common.money import amount_in_year


class FundingKind(models.TextChoices):
    POOLED = "pooled", _("Pooled")
    ALIGNED = "aligned", _("Aligned")


FUNDING_KIND_HELP = {
    FundingKind.POOLED: _("Paid into one pot that the partnership allocates."),
    FundingKind.ALIGNED: _("Kept and spent by the agency itself, against the round's outcomes."),
}


class FundingSource(models.Model):
    """One agency's contribution to a round: how much in each year of the round, pooled or aligned."""

    round = models.ForeignKey("Round", on_delete=models.CASCADE, related_name="funding_sources")
    organisation = models.ForeignKey(
        "Organisation", on_delete=models.PROTECT, related_name="funding_sources", verbose_name=_("Contributing agency")
    )
    kind = models.CharField(_("Pooled or aligned"), max_length=10, choices=FundingKind.choices)
    # Pence in each year of the round, the first year first: [year 1, year 2, ...].
    amounts_pence = models.JSONField(_("Amount in each year (pence)"), default=list)
    note = models.TextField(_("Note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation", "kind"], name="one_source_per_agency_and_kind")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_kind_display().lower()})"

    def amount_in_year(self, year):
        """Pence in ``year`` (1 for the round's first year); 0 where none is recorded."""
        return amount_in_year(self.amounts_pence, year)

    @property
    def total_pence(self):
        return sum(int(amount or 0) for amount in self.amounts_pence or [])
