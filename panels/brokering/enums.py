from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    INVOLVE = "involve", _("Involve agencies from another proposal")
    MERGE = "merge", _("Merge proposals")


class RequestOutcome(models.TextChoices):
    WAITING = "waiting", _("Waiting for answers")
    AGREED = "agreed", _("Agreed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn by the panel")


class Answer(models.TextChoices):
    WAITING = "waiting", _("Not yet answered")
    CONSENTED = "consented", _("Consented")
    DECLINED = "declined", _("Declined")
