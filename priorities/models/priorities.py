from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.models import Round, StrategicOutcome

from .evidence import CandidateIssue


class Priority(models.Model):
    """One of the round's chosen priorities: each gets a sub-group and a specification."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="priorities")
    issue = models.ForeignKey(CandidateIssue, on_delete=models.PROTECT, related_name="priorities")
    outcome = models.ForeignKey(StrategicOutcome, on_delete=models.PROTECT, related_name="priorities")
    title = models.CharField(_("title"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("rank"))
    dots = models.PositiveIntegerField(_("dots"), default=0)
    workshop = models.ForeignKey(
        "priorities.Workshop", on_delete=models.SET_NULL, null=True, blank=True, related_name="priorities"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "rank"]
        verbose_name_plural = _("priorities")
        constraints = [models.UniqueConstraint(fields=["round", "issue"], name="unique_priority_issue_per_round")]

    def __str__(self):
        return self.title


class CrossCuttingTheme(models.Model):
    """An issue left out of the priorities that every proposal must still address."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="cross_cutting_themes")
    issue = models.ForeignKey(CandidateIssue, on_delete=models.PROTECT, related_name="cross_cutting_themes")
    title = models.CharField(_("title"), max_length=200)
    rationale = models.TextField(_("why it is cross-cutting"))
    requirements = models.TextField(
        _("what every proposal must show"), blank=True, help_text=_("Included in every specification.")
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    workshop = models.ForeignKey(
        "priorities.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cross_cutting_themes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "title"]
        constraints = [models.UniqueConstraint(fields=["round", "issue"], name="unique_cross_cutting_issue_per_round")]

    def __str__(self):
        return self.title
