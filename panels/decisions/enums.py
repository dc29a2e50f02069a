from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.registry import LinkGroup
from panels.scoring.enums import RecommendationKind

# A decision takes the same three answers as the panel's recommendation it is shown beside.
DecisionKind = RecommendationKind


class DecisionStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved")


class ApproverKind(models.TextChoices):
    SECOND_OFFICER = "second_officer", _("A second partnership officer")
    BOARD_CHAIR = "board_chair", _("The chair of the board")


# The round page's heading for the award stage: decisions, their letters and the contracts.
DECISIONS_GROUP = LinkGroup("decisions", _("Decisions and award"))
