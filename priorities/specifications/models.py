import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commissioning.common.money import over_years
from commissioning.organisations.models import Organisation
from commissioning.partnerships.models import Partnership
from commissioning.plan.models import Indicator, StrategicOutcome
from commissioning.rounds.models import Round
from priorities.specifications.enums import (
    ACTION_STATES,
    CURRENT_SIGNOFF_STATES,
    PUBLIC_STATES,
    AnnouncementKind,
    SignoffRole,
    SignoffState,
    SpecificationState,
    SubscriberSource,
    SubscriberStatus,
)
from priorities.workshop.models import Priority

# The longest text a section of a specification (or an answer) may hold: a few pages.
SPECIFICATION_TEXT_MAX = 10_000
# The most partner organisations a specification may ask for, and steering-group places it may
# reserve: well above any real consortium, well within the columns' range.
MAX_PARTNERS = 50
MAX_STEERING_GROUP_PLACES = 50


class SubgroupMember(models.Model):
    """A person on the sub-group of one priority: they write its specification."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="subgroup_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subgroup_memberships")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["priority", "user"], name="unique_subgroup_member")]

    def __str__(self):
        return f"{self.user} – {self.priority}"


class Specification(models.Model):
    """What the partnership wants to commission for one priority. Every field the case
    study asks for is its own field, so that panels and monitoring can use them."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="specifications")
    priority = models.OneToOneField(Priority, on_delete=models.CASCADE, related_name="specification")
    state = models.CharField(
        _("state"), max_length=20, choices=SpecificationState.choices, default=SpecificationState.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)

    outcome_sought = models.TextField(
        _("Outcome sought"),
        max_length=SPECIFICATION_TEXT_MAX,
        blank=True,
        help_text=_("The change for people that the activity must bring about, not the services it delivers."),
    )
    strategic_outcome = models.ForeignKey(
        StrategicOutcome,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="specifications",
        verbose_name=_("Strategic plan outcome it serves"),
    )
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="specifications",
        verbose_name=_("Performance indicators"),
        help_text=_("The plan's indicators the activity must measure its success against."),
    )
    minimum_partners = models.PositiveSmallIntegerField(
        _("Minimum number of partner organisations"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTNERS)],
        help_text=_("Counting the lead organisation."),
    )
    lead_organisation_role = models.TextField(
        _("What the lead organisation is responsible for"),
        max_length=SPECIFICATION_TEXT_MAX,
        blank=True,
        default=_("Finance, evaluation and partnership support on behalf of the partnership."),
    )
    client_group = models.CharField(
        _("Client group"), max_length=300, blank=True, help_text=_("The people the activity is for.")
    )
    client_group_consulted = models.BooleanField(_("The client group was consulted"), default=False)
    client_group_consultation = models.TextField(
        _("How the client group was consulted"), max_length=SPECIFICATION_TEXT_MAX, blank=True
    )
    steering_group_places = models.PositiveSmallIntegerField(
        _("Places for client-group representatives on the steering group"),
        default=0,
        validators=[MaxValueValidator(MAX_STEERING_GROUP_PLACES)],
    )
    allocations_pence = models.JSONField(
        _("Maximum allocation per year (pence)"),
        default=list,
        blank=True,
        help_text=_("One amount for each year of the round, in pence."),
    )
    evaluation_requirements = models.TextField(
        _("How proposals must show the activity will be evaluated"), max_length=SPECIFICATION_TEXT_MAX, blank=True
    )
    sponsor_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_specifications",
        verbose_name=_("Public-sector sponsor"),
    )
    sponsor_contact_name = models.CharField(_("Sponsor's named contact"), max_length=200, blank=True)
    sponsor_contact_email = models.EmailField(
        _("Sponsor contact's email address"),
        blank=True,
        help_text=_("When the specification is submitted, the contact is emailed to confirm the commitment."),
    )
    mainstreaming_commitment = models.TextField(
        _("Sponsor's commitment to consider mainstream funding"),
        max_length=SPECIFICATION_TEXT_MAX,
        blank=True,
        help_text=_("What the sponsor will consider funding from its main budget if the activity succeeds."),
    )
    finance_officer_name = models.CharField(_("Sponsor's finance officer"), max_length=200, blank=True)
    finance_officer_email = models.EmailField(
        _("Finance officer's email address"),
        blank=True,
        help_text=_("The finance officer is emailed too, and must also confirm before the specification is approved."),
    )
    milestones = models.TextField(_("Key milestones and outputs"), max_length=SPECIFICATION_TEXT_MAX, blank=True)
    proposal_deadline = models.DateTimeField(_("Deadline for proposals"), null=True, blank=True)
    question_deadline = models.DateTimeField(_("Deadline for clarification questions"), null=True, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_version = models.PositiveIntegerField(null=True, blank=True)
    amendment_count = models.PositiveSmallIntegerField(default=0)
    # Why an officer last sent it back to the sub-group; cleared when it is submitted again.
    return_reason = models.TextField(_("Why it was returned"), blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "priority__rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question_deadline__isnull=True)
                | Q(proposal_deadline__isnull=True)
                | Q(question_deadline__lte=models.F("proposal_deadline")),
                name="specification_questions_close_before_proposals",
            ),
            models.CheckConstraint(condition=Q(minimum_partners__gte=1), name="specification_partners_at_least_1"),
        ]

    def __str__(self):
        return str(self.priority)

    @property
    def title(self):
        return self.priority.title

    @property
    def is_public(self):
        return self.state in PUBLIC_STATES

    def allocations_in_round(self, number_of_years=None):
        """One amount (pence) for each year of the round: an amount kept for a year beyond the round's
        end (it was shortened) is neither counted nor shown; a year added since counts as nothing."""
        if number_of_years is None:
            number_of_years = self.round.number_of_years
        amounts = [int(amount or 0) for amount in (self.allocations_pence or [])][:number_of_years]
        return amounts + [0] * (number_of_years - len(amounts))

    @property
    def total_allocation_pence(self):
        return sum(self.allocations_in_round())

    @property
    def total_allocation_display(self):
        """'£2,250,000 over three years'."""
        return over_years(self.total_allocation_pence, self.round.number_of_years)

    def allocation_rows(self):
        """(FundingYear, pence) for each year of the round."""
        return list(zip(self.round.years, self.allocations_in_round(), strict=True))

    def allows(self, action):
        """Whether the specification's state lets ``action`` (a key of ACTION_STATES) start."""
        return self.state in ACTION_STATES[action]

    @property
    def questions_open(self):
        return self.is_public and (self.question_deadline is None or timezone.now() < self.question_deadline)


class SponsorSignoff(models.Model):
    """One person's answer for the sponsor: its named contact or its finance officer, asked to
    confirm the commitment to consider mainstream funding if the activity succeeds (or to decline
    with a reason). A change to the sponsor's details supersedes the answer and asks again."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="signoffs")
    role = models.CharField(_("role"), max_length=20, choices=SignoffRole.choices)
    state = models.CharField(_("state"), max_length=20, choices=SignoffState.choices, default=SignoffState.PENDING)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("sponsor")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    commitment = models.TextField(_("the commitment asked about"), blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    # The invitation that lets someone without an account register to answer.
    invitation = models.ForeignKey(
        "commissioning.Invitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason for declining"), blank=True)
    # True for an acknowledgement an officer typed in before sponsors answered for themselves.
    recorded_by_officer = models.BooleanField(default=False)

    class Meta:
        ordering = ["specification", "role", "-asked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["specification", "role"],
                condition=Q(state__in=CURRENT_SIGNOFF_STATES),
                name="one_current_signoff_per_role",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.name} – {self.specification}"

    @property
    def who(self):
        """ "Fiona Finance (Coventry City Council)": the person and their organisation, as sentences name them."""
        name = (self.answered_by.full_name if self.answered_by_id and self.answered_by.full_name else "") or self.name
        return f"{name} ({self.organisation})" if self.organisation_id else name

    @property
    def is_current(self):
        return self.state in CURRENT_SIGNOFF_STATES


class SpecificationVersion(models.Model):
    """Every saved change, with the field values as they were, for the diff page."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=SpecificationState.choices)
    data = models.JSONField()
    note = models.CharField(_("what changed and why"), max_length=500, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["specification", "-number"]
        constraints = [models.UniqueConstraint(fields=["specification", "number"], name="unique_specification_version")]

    def __str__(self):
        return f"{self.specification} v{self.number}"

    @property
    def is_public(self):
        return self.state in PUBLIC_STATES


class Question(models.Model):
    """A bidder's clarification question; its answer is published without the asker's name."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="clarification_questions")
    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("Your question"), max_length=5000)
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("Answer"), max_length=SPECIFICATION_TEXT_MAX, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["specification", "asked_at", "id"]

    def __str__(self):
        return self.text[:80]

    @property
    def is_answered(self):
        return self.answered_at is not None


class SpecificationFollower(models.Model):
    """A signed-in person who receives the answers to questions on a specification."""

    specification = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_specifications")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["specification", "user"], name="unique_specification_follower")]

    def __str__(self):
        return f"{self.user} follows {self.specification}"


def _token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """Someone on the partnership's mailing list: every round's calls go to them."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="subscribers")
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("Email address"))
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING)
    source = models.CharField(max_length=20, choices=SubscriberSource.choices, default=SubscriberSource.SIGNUP)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # When the last confirmation link was sent: another is sent only once a while has passed.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "email"], name="unique_subscriber_email_per_partnership")
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class Announcement(models.Model):
    """A message to everyone on the list (and followers), recorded at the moment of the
    decision; its per-person emails are recorded by a task, or by the sweep if the broker was down."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="announcements")
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=AnnouncementKind.choices)
    specification = models.ForeignKey(
        "priorities.Specification", on_delete=models.CASCADE, related_name="announcements"
    )
    version = models.PositiveIntegerField()
    question = models.ForeignKey(
        "priorities.Question", on_delete=models.CASCADE, null=True, blank=True, related_name="announcements"
    )
    note = models.CharField(max_length=500, blank=True)
    # The site's address when the announcement was made: its emails are recorded later, by a task.
    base_url = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.specification} v{self.version}"
