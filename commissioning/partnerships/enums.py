from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipRole(models.TextChoices):
    OFFICER = "officer", _("Partnership officer")
    BOARD = "board", _("Board member")
