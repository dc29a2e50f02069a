from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from panels.membership.models import Panel, PanelMember
from panels.scoring.enums import RecommendationKind
from proposals.writing.models import Proposal


class Criterion(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("Criterion"), max_length=200)
    description = models.TextField(_("What it looks for"), max_length=2000, blank=True)
    weight = models.PositiveSmallIntegerField(_("Weight (%)"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["panel", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_1_to_100"),
        ]

    def __str__(self):
        return self.title


class LevelDescriptor(models.Model):
    """What one score means on one criterion ("3: indicators drawn from the plan with baselines and yearly targets")."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField()
    descriptor = models.CharField(_("Descriptor"), max_length=500)

    class Meta:
        ordering = ["criterion", "score"]
        constraints = [models.UniqueConstraint(fields=["criterion", "score"], name="one_descriptor_per_level")]

    def __str__(self):
        return f"{self.score}: {self.descriptor}"


class ScoreSheet(models.Model):
    """One member's scores of one proposal: a draft until submitted. Set aside (kept, marked, left out
    of every total) when the member declares an interest in the proposal after scoring it."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="score_sheets")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="score_sheets")
    submitted_at = models.DateTimeField(null=True, blank=True)
    set_aside_at = models.DateTimeField(null=True, blank=True)
    set_aside_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["proposal", "member"]
        constraints = [models.UniqueConstraint(fields=["member", "proposal"], name="one_sheet_per_member_and_proposal")]

    def __str__(self):
        return f"{self.member} on {self.proposal}"

    @property
    def counts(self):
        return self.submitted_at is not None and self.set_aside_at is None


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(_("Score"))
    comment = models.TextField(_("Comment"), max_length=5000, blank=True)

    class Meta:
        ordering = ["sheet", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(value__lte=10), name="score_at_most_10"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ModeratedScore(models.Model):
    """The panel's consensus on one criterion of one proposal, with its rationale; the members'
    own scores stay beside it, never overwritten."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="moderated_scores")
    value = models.PositiveSmallIntegerField(_("Consensus score"))
    rationale = models.TextField(_("Rationale"), max_length=5000)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    moderated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["proposal", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "criterion"], name="one_consensus_per_criterion"),
            models.CheckConstraint(condition=Q(value__lte=10), name="consensus_at_most_10"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Recommendation(models.Model):
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="recommendation")
    kind = models.CharField(_("Recommendation"), max_length=30, choices=RecommendationKind.choices)
    reasons = models.TextField(_("Reasons"), max_length=10_000)
    conditions = models.TextField(_("Conditions"), max_length=10_000, blank=True)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recommended_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=RecommendationKind.FUND_WITH_CONDITIONS) | ~Q(conditions=""),
                name="conditions_given_when_funded_with_conditions",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.proposal}"
