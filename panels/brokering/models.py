from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.organisations.models import Organisation
from panels.brokering.enums import Answer, RequestKind, RequestOutcome
from panels.membership.models import Panel
from proposals.writing.models import Proposal


class BrokeringRequest(models.Model):
    """The panel asks proposers to work together: to involve agencies from another proposal, or to merge."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="brokering_requests")
    kind = models.CharField(_("What the panel asks"), max_length=20, choices=RequestKind.choices)
    what = models.TextField(_("What is asked"), max_length=5000)
    why = models.TextField(_("Why"), max_length=5000)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20, choices=RequestOutcome.choices, default=RequestOutcome.WAITING)
    outcome_note = models.TextField(_("Outcome"), max_length=5000, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # For a merge: the organisation to lead the combined proposal, and the proposal it became.
    new_lead = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("New lead")
    )
    combined = models.OneToOneField(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_from_request"
    )

    class Meta:
        ordering = ["panel", "-asked_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.panel})"


class BrokeringParty(models.Model):
    """A proposal a request is addressed to, and its lead's answer."""

    request = models.ForeignKey(BrokeringRequest, on_delete=models.CASCADE, related_name="parties")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="brokering_parties")
    answer = models.CharField(max_length=20, choices=Answer.choices, default=Answer.WAITING)
    comment = models.TextField(_("Comment"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "proposal"]
        constraints = [models.UniqueConstraint(fields=["request", "proposal"], name="proposal_once_per_request")]

    def __str__(self):
        return f"{self.proposal} in {self.request}"
