from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged into a combined proposal")


# The states of a proposal that no longer answers the call itself (a record of what was).
CLOSED_STATES = (ProposalState.WITHDRAWN, ProposalState.MERGED)


class Eligibility(models.TextChoices):
    UNDECIDED = "undecided", _("Not yet decided")
    ELIGIBLE = "eligible", _("Eligible")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class PartnerState(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class CostCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    RUNNING = "running", _("Running costs")
    CAPITAL = "capital", _("Capital")
    EVALUATION = "evaluation", _("Evaluation")
    MANAGEMENT = "management", _("Management and overheads")


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class AttachmentKind(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution")
    ACCOUNTS = "accounts", _("Accounts")
    LETTER_OF_SUPPORT = "letter_of_support", _("Letter of support")
    OTHER = "other", _("Other supporting document")


class Section(models.TextChoices):
    """The parts of a proposal that save on their own, in the order the proposal reads."""

    ACTIVITY = "activity", _("The activity and its outcome")
    PARTNERS = "partners", _("Lead and partner organisations")
    INDICATORS = "indicators", _("Indicators, baselines and targets")
    EVALUATION = "evaluation", _("Evaluation plan")
    BUDGET = "budget", _("Budget")
    CLIENT_GROUP = "client_group", _("Client group involvement")
    SPONSOR = "sponsor", _("Public-sector sponsor's support")
    THEMES = "themes", _("Cross-cutting themes")
    MILESTONES = "milestones", _("Milestones and outputs")
    RISKS = "risks", _("Risks")
    ATTACHMENTS = "attachments", _("Attachments")


# Only the lead organisation manages who is in the consortium; the lead may open any other
# section to its confirmed partners.
LEAD_ONLY_SECTIONS = (Section.PARTNERS,)
