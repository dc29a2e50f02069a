from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DISCUSSION = "discussion", _("Open for discussion")
    VOTING = "voting", _("Voting open")
    CLOSED = "closed", _("Voting closed")
    CONFIRMED = "confirmed", _("Results confirmed")


_BEFORE_CONFIRMATION = (WorkshopState.DRAFT, WorkshopState.DISCUSSION, WorkshopState.VOTING, WorkshopState.CLOSED)

# The states each action starts from. The services refuse any other; the views read the same table
# before they offer the action's form or button, so that nobody (a superuser included) is offered
# what will be refused.
ACTION_STATES = {
    "set_up": (WorkshopState.DRAFT, WorkshopState.DISCUSSION),
    "change_participants": _BEFORE_CONFIRMATION,
    "issue_codes": _BEFORE_CONFIRMATION,
    "change_groups": _BEFORE_CONFIRMATION,
    "open_discussion": (WorkshopState.DRAFT,),
    "open_voting": (WorkshopState.DRAFT, WorkshopState.DISCUSSION, WorkshopState.CLOSED),
    "close_voting": (WorkshopState.VOTING,),
    "count_paper": (WorkshopState.VOTING, WorkshopState.CLOSED),
    # Resolving the tie, cross-cutting decisions and confirming the results.
    "decide": (WorkshopState.CLOSED,),
    "results_pdf": (WorkshopState.CONFIRMED,),
}


class VotingMethod(models.TextChoices):
    PHONES = "phones", _("On phones and laptops")
    PAPER = "paper", _("With paper dots on the walls (counts entered by the facilitator)")
