from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissioning.organisations.models import Organisation
from commissioning.rounds.models import Invitation, Round
from panels.membership.enums import InterestNature, MemberRole
from priorities.workshop.models import Priority
from proposals.writing.models import Proposal


class Panel(models.Model):
    """The selection panel of one priority."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panels")
    priority = models.OneToOneField(Priority, on_delete=models.CASCADE, related_name="panel")
    # The highest score of the panel's scale (the lowest is 0); each criterion describes every level.
    scale_max = models.PositiveSmallIntegerField(_("Highest score"), default=4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "priority__rank"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_max__gte=1, scale_max__lte=10), name="panel_scale_1_to_10"),
        ]

    def __str__(self):
        return str(_("Panel for %(priority)s") % {"priority": self.priority})


class PanelMember(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_memberships")
    role = models.CharField(_("Role on the panel"), max_length=20, choices=MemberRole.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("From")
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user"], name="member_once_per_panel"),
            models.UniqueConstraint(fields=["panel"], condition=Q(role=MemberRole.CHAIR), name="one_chair_per_panel"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Declaration(models.Model):
    """A member's declaration about one proposal: no interest, or an interest with its nature."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="declarations")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="declarations")
    has_interest = models.BooleanField(_("I have an interest"))
    nature = models.CharField(_("Nature of the interest"), max_length=20, choices=InterestNature.choices, blank=True)
    description = models.TextField(_("Describe the interest"), max_length=5000, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["member", "proposal"]
        constraints = [
            models.UniqueConstraint(fields=["member", "proposal"], name="one_declaration_per_member_and_proposal"),
            models.CheckConstraint(
                condition=Q(has_interest=False, nature="") | (Q(has_interest=True) & ~Q(nature="")),
                name="interest_has_its_nature",
            ),
        ]

    def __str__(self):
        return f"{self.member} on {self.proposal}"


class PanelInvitation(models.Model):
    """A seat offered to someone without an account yet, through the round's invitation (role panel
    member): once they have accepted it, they take the seat (a PanelMember)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="invitations")
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="panel_seat")
    role = models.CharField(_("Role on the panel"), max_length=20, choices=MemberRole.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("From")
    )
    seated = models.OneToOneField(PanelMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "created_at"]

    def __str__(self):
        return f"{self.invitation.email} ({self.get_role_display()})"
