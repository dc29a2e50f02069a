from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.partnerships.models import Partnership


class StrategicOutcome(models.Model):
    """An outcome (theme) of the city's strategic plan, kept by the partnership for all its rounds."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        ordering = ["partnership", "code"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="unique_outcome_code_per_partnership")
        ]

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
    def partnership(self):
        return self.outcome.partnership


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
