from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.common.storage import document_storage
from commissioning.rounds.models import Round
from proposals.writing.models import Proposal


class SimilarProposal(models.Model):
    """Another proposal found similar to this one, with how similar (0 to 1) and why, in words."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="similar")
    other = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(max_digits=4, decimal_places=3)
    same_priority = models.BooleanField()
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["proposal", "-same_priority", "-score", "other_id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "other"], name="unique_similar_pair"),
            models.CheckConstraint(condition=~models.Q(proposal=models.F("other")), name="similar_not_itself"),
        ]

    def __str__(self):
        return f"{self.proposal} ~ {self.other}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel")


class ProposalExport(models.Model):
    """A file of a round's proposal list, made in the background; the page shows its progress."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposal_exports")
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", storage=document_storage, blank=True, max_length=300)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.get_format_display()} export of {self.round}"
