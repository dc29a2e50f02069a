from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissioning.plan.models import Indicator, StrategicOutcome
from commissioning.rounds.models import Round


class CandidateIssue(models.Model):
    """An issue put before the priority workshop, with the evidence behind it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="candidate_issues")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("short description"), max_length=2000, blank=True)
    outcome = models.ForeignKey(
        StrategicOutcome,
        on_delete=models.PROTECT,
        related_name="candidate_issues",
        verbose_name=_("strategic plan outcome"),
    )
    indicators = models.ManyToManyField(
        Indicator,
        related_name="candidate_issues",
        blank=True,
        verbose_name=_("indicators"),
        help_text=_("The plan's indicators that show this issue's trend."),
    )

    class Meta:
        ordering = ["round", "name"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="unique_issue_name_per_round")]

    def __str__(self):
        return self.name


# More residents than any survey asks, and well within the column's range.
MAX_SAMPLE_SIZE = 10_000_000


class SurveyResult(models.Model):
    """From the residents' survey: the share of residents who rank the issue among the most important."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="survey_results")
    issue = models.ForeignKey(CandidateIssue, on_delete=models.CASCADE, related_name="survey_results")
    share_percent = models.DecimalField(_("share of residents (%)"), max_digits=5, decimal_places=2)
    sample_size = models.PositiveIntegerField(_("sample size"))
    survey_date = models.DateField(_("survey date"))

    class Meta:
        ordering = ["issue", "survey_date"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "survey_date"], name="unique_survey_result_per_date"),
            models.CheckConstraint(
                condition=Q(share_percent__gte=0, share_percent__lte=100), name="survey_share_0_to_100"
            ),
            models.CheckConstraint(condition=Q(sample_size__gt=0), name="survey_sample_positive"),
        ]

    def __str__(self):
        return f"{self.issue}: {self.share_percent}% ({self.survey_date})"
