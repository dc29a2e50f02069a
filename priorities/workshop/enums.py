from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DISCUSSION = "discussion", _("Open for discussion")
    VOTING = "voting", _("Voting open")
    CLOSED = "closed", _("Voting closed")
    CONFIRMED = "confirmed", _("Results confirmed")


class VotingMethod(models.TextChoices):
    PHONES = "phones", _("On phones and laptops")
    PAPER = "paper", _("With paper dots on the walls (counts entered by the facilitator)")
