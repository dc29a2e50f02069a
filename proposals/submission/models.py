from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from proposals.writing.models import Proposal


class ProposalVersion(models.Model):
    """The whole proposal as it was submitted: never changed once written."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "-number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="unique_proposal_version")]

    def __str__(self):
        return _("Version %(number)s of %(proposal)s") % {"number": self.number, "proposal": self.proposal}
