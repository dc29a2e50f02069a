from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    EXPERT = "expert", _("Expert")
    COMMUNITY = "community", _("Voluntary and community member")


class InterestNature(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    EMPLOYMENT = "employment", _("Employment")
    GOVERNANCE = "governance", _("Trustee or governance")
    PERSONAL = "personal", _("Personal")
    OTHER = "other", _("Other")
