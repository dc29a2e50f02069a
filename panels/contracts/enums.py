from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent to the lead, awaiting acceptance")
    ACCEPTED = "accepted", _("Accepted")
    SUPERSEDED = "superseded", _("Replaced by a later accepted version")


# What an officer edits on a draft, each a page of its own.
SECTIONS = ("conditions", "indicators", "milestones", "outputs", "instalments")
