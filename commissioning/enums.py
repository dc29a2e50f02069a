from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    SETUP = "setup", _("Set-up")
    WORKSHOP = "workshop", _("Priority workshop")
    SPECIFICATION = "specification", _("Specifications")
    CALL = "call", _("Call for proposals")
    PANELS = "panels", _("Selection panels")
    AWARD = "award", _("Decisions and award")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


STAGE_ORDER = [choice.value for choice in Stage]

STAGE_PURPOSE = {
    Stage.SETUP: _("Officers load the strategic plan, statistics and the residents' survey."),
    Stage.WORKSHOP: _("Board members place their dots and the partnership chooses its priorities."),
    Stage.SPECIFICATION: _("Sub-groups write an outcome-based specification for each priority."),
    Stage.CALL: _("Specifications are published; consortia ask questions and submit proposals."),
    Stage.PANELS: _("Selection panels meet proposers and score their proposals."),
    Stage.AWARD: _("Final decisions within the budget; contracts agreed with lead organisations."),
    Stage.MONITORING: _("Activities report against the plan's indicators until mainstreamed or de-commissioned."),
    Stage.CLOSED: _("The round is complete."),
}


class Role(models.TextChoices):
    OFFICER = "officer", _("Partnership officer")
    BOARD = "board", _("Board member")
    SUBGROUP = "subgroup", _("Sub-group member")
    PANEL = "panel", _("Panel member")
    BIDDER = "bidder", _("Bidder")
    SPONSOR = "sponsor", _("Public-sector sponsor")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")
    VOLUNTARY = "voluntary", _("Voluntary")
    COMMUNITY = "community", _("Community")


class OrganisationType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health body")
    EDUCATION = "education", _("College or university")
    SCHOOL = "school", _("School")
    BUSINESS = "business", _("Business")
    CHARITY = "charity", _("Charity")
    COMMUNITY_GROUP = "community_group", _("Community group")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    HOUSING = "housing", _("Housing association")
    OTHER = "other", _("Other")


class Currency(models.TextChoices):
    GBP = "GBP", _("Pounds sterling (GBP)")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
