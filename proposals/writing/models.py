from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissioning.common.storage import document_storage
from commissioning.organisations.models import Organisation
from commissioning.plan.models import Indicator
from commissioning.rounds.models import Round
from priorities.specifications.models import Specification
from priorities.workshop.models import CrossCuttingTheme
from proposals.writing.enums import (
    CLOSED_STATES,
    AttachmentKind,
    CostCategory,
    Eligibility,
    Level,
    PartnerState,
    ProposalState,
)

PROPOSAL_TEXT_MAX = 20_000
# A month of the activity, counted from its start: ten years at most, as a round.
MAX_MONTH = 120
MAX_STEERING_GROUP_PLACES = 50
# The most any budget cell may hold: £100,000,000, far beyond any round, well inside a bigint.
MAX_CELL_PENCE = 100_000_000_00


class Proposal(models.Model):
    """A consortium's answer to one published specification, led by one organisation."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    specification = models.ForeignKey(Specification, on_delete=models.PROTECT, related_name="proposals")
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_proposals", verbose_name=_("Lead organisation")
    )
    title = models.CharField(_("Title of the activity"), max_length=200)
    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT)

    # The activity and how it brings about the specification's outcome.
    activity = models.TextField(_("The activity"), max_length=PROPOSAL_TEXT_MAX, blank=True)
    how_outcome = models.TextField(
        _("How the activity brings about the outcome"), max_length=PROPOSAL_TEXT_MAX, blank=True
    )
    neighbourhoods = models.CharField(
        _("Neighbourhoods the activity works in"),
        max_length=500,
        blank=True,
        help_text=_("Separate them with commas, for example: Hillfields, Foleshill, Wood End."),
    )
    evaluation_plan = models.TextField(_("Evaluation plan"), max_length=PROPOSAL_TEXT_MAX, blank=True)
    client_group_involvement = models.TextField(
        _("How the client group was involved"), max_length=PROPOSAL_TEXT_MAX, blank=True
    )
    steering_group_places = models.PositiveSmallIntegerField(
        _("Places for client-group representatives on the steering group"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_STEERING_GROUP_PLACES)],
    )
    sponsor_contact_name = models.CharField(_("Sponsor's named contact"), max_length=200, blank=True)
    sponsor_contact_role = models.CharField(_("Their role"), max_length=200, blank=True)
    sponsor_evidence = models.TextField(
        _("Evidence of the conversation with the sponsor"), max_length=PROPOSAL_TEXT_MAX, blank=True
    )

    # Which sections the lead lets its confirmed partners edit (keys of Section).
    partner_sections = models.JSONField(default=list, blank=True)
    # Each section's revision: a save names the revision it was made from, and is refused when
    # someone else saved the section since (never a silent overwrite).
    section_revisions = models.JSONField(default=dict, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The number of the latest submitted version (0: never submitted).
    version = models.PositiveIntegerField(default=0)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(_("Why it is withdrawn"), max_length=5000, blank=True)
    # A proposal merged, at a panel's request, into a combined one: it stays readable with its history.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_originals"
    )

    # An officer's extension of the deadline for this proposal alone.
    extended_deadline = models.DateTimeField(_("Extended deadline"), null=True, blank=True)
    extension_reason = models.TextField(_("Why the extension was granted"), max_length=5000, blank=True)
    extension_granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    extension_granted_at = models.DateTimeField(null=True, blank=True)

    eligibility = models.CharField(
        _("eligibility"), max_length=20, choices=Eligibility.choices, default=Eligibility.UNDECIDED
    )
    eligibility_reason = models.TextField(_("Reason"), max_length=5000, blank=True)
    eligibility_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    eligibility_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["specification__priority__rank", "lead_organisation__name", "pk"]
        constraints = [
            # One live proposal per lead organisation per specification (a withdrawn or merged one stays as a record).
            models.UniqueConstraint(
                fields=["specification", "lead_organisation"],
                condition=~Q(state__in=CLOSED_STATES),
                name="one_live_proposal_per_lead_and_specification",
            ),
            models.CheckConstraint(
                condition=~Q(state=ProposalState.DRAFT) | Q(eligibility=Eligibility.UNDECIDED),
                name="proposal_eligibility_only_once_submitted",
            ),
        ]
        indexes = [models.Index(fields=["round", "state"], name="proposal_round_state")]

    def __str__(self):
        return self.title

    @property
    def deadline(self):
        """The deadline in force for this proposal: its extension, else the specification's."""
        return self.extended_deadline or self.specification.proposal_deadline

    def revision_of(self, section):
        return int((self.section_revisions or {}).get(str(section), 0))


class ProposalPartner(models.Model):
    """An organisation in a proposal's consortium: the lead (one per proposal) or a partner."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="proposal_partnerships"
    )
    # Who was invited, as the lead typed it (the organisation may not be registered yet).
    organisation_name = models.CharField(_("Organisation's name"), max_length=200)
    contact_name = models.CharField(_("Contact's name"), max_length=200)
    contact_email = models.EmailField(_("Contact's email address"))
    role_in_delivery = models.TextField(_("Its role in delivery"), max_length=5000)
    is_lead = models.BooleanField(default=False)
    state = models.CharField(_("state"), max_length=20, choices=PartnerState.choices, default=PartnerState.INVITED)
    token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("Why it declined"), max_length=5000, blank=True)

    class Meta:
        ordering = ["proposal", "-is_lead", "organisation_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal"], condition=Q(is_lead=True), name="one_lead_per_proposal"),
            models.UniqueConstraint(
                fields=["proposal", "organisation"],
                condition=Q(organisation__isnull=False),
                name="organisation_once_per_proposal",
            ),
        ]

    def __str__(self):
        return self.organisation_name


class ProposalIndicator(models.Model):
    """The baseline the proposal starts from on one of the specification's indicators."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="indicator_baselines")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    baseline_value = models.DecimalField(_("Baseline"), max_digits=14, decimal_places=3, null=True, blank=True)
    baseline_date = models.DateField(_("Date of the baseline"), null=True, blank=True)
    baseline_source = models.CharField(_("Source of the baseline"), max_length=300, blank=True)

    class Meta:
        ordering = ["proposal", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "indicator"], name="one_baseline_per_indicator"),
        ]

    def __str__(self):
        return f"{self.indicator} in {self.proposal}"


class ProposalIndicatorTarget(models.Model):
    """The target on one indicator for one year of the round (the first year is 1)."""

    baseline = models.ForeignKey(ProposalIndicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10)])
    value = models.DecimalField(_("Target"), max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["baseline", "year"]
        constraints = [
            models.UniqueConstraint(fields=["baseline", "year"], name="one_target_per_indicator_year"),
            models.CheckConstraint(condition=Q(year__gte=1, year__lte=10), name="target_year_1_to_10"),
        ]

    def __str__(self):
        return f"{self.value} in year {self.year}"


class BudgetLine(models.Model):
    """One cell of the budget: what one organisation of the consortium spends in one year on one kind of cost."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    partner = models.ForeignKey(ProposalPartner, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=20, choices=CostCategory.choices)
    amount_pence = models.BigIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CELL_PENCE)],
    )

    class Meta:
        ordering = ["proposal", "year", "partner", "category"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "year", "category"], name="one_budget_cell"),
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0, amount_pence__lte=MAX_CELL_PENCE), name="budget_cell_in_bounds"
            ),
            models.CheckConstraint(condition=Q(year__gte=1, year__lte=10), name="budget_year_1_to_10"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} in year {self.year}"


class ThemeResponse(models.Model):
    """The proposal's response to one of the round's cross-cutting themes."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="theme_responses")
    theme = models.ForeignKey(CrossCuttingTheme, on_delete=models.PROTECT, related_name="+")
    response = models.TextField(_("Response"), max_length=PROPOSAL_TEXT_MAX)

    class Meta:
        ordering = ["proposal", "theme__title"]
        constraints = [models.UniqueConstraint(fields=["proposal", "theme"], name="one_response_per_theme")]

    def __str__(self):
        return str(self.theme)


class Milestone(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="milestones")
    description = models.CharField(_("Milestone"), max_length=300)
    month = models.PositiveSmallIntegerField(
        _("Month"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTH)],
        help_text=_("Counted from the start of the activity: month 1 is its first month."),
    )

    class Meta:
        ordering = ["proposal", "month", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=MAX_MONTH), name="milestone_month_in_bounds"),
        ]

    def __str__(self):
        return self.description


class Output(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="outputs")
    description = models.CharField(_("Output"), max_length=300)
    quantity = models.PositiveIntegerField(
        _("How many"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )

    class Meta:
        ordering = ["proposal", "pk"]

    def __str__(self):
        return self.description


class Risk(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="risks")
    description = models.CharField(_("Risk"), max_length=500)
    likelihood = models.CharField(_("Likelihood"), max_length=10, choices=Level.choices)
    impact = models.CharField(_("Impact"), max_length=10, choices=Level.choices)
    mitigation = models.TextField(_("Mitigation"), max_length=5000)

    class Meta:
        ordering = ["proposal", "pk"]

    def __str__(self):
        return self.description


def attachment_path(instance, filename):
    # The stored name says nothing of the original: that is kept in ``original_name``.
    return f"proposals/{instance.proposal_id}/{instance.stored_key}"


class Attachment(models.Model):
    """A supporting document, stored in private storage and served only through a view that checks permission."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("What it is"), max_length=30, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=attachment_path, storage=document_storage, max_length=300)
    stored_key = models.CharField(max_length=64, editable=False)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "kind", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
