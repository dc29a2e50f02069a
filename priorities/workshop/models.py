import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commissioning.enums import Sector
from commissioning.organisations.models import Organisation
from commissioning.plan.models import StrategicOutcome
from commissioning.rounds.models import Round
from priorities.evidence.models import CandidateIssue
from priorities.workshop.enums import ACTION_STATES, VotingMethod, WorkshopState


class Priority(models.Model):
    """One of the round's chosen priorities: each gets a sub-group and a specification."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="priorities")
    issue = models.ForeignKey(CandidateIssue, on_delete=models.PROTECT, related_name="priorities")
    outcome = models.ForeignKey(StrategicOutcome, on_delete=models.PROTECT, related_name="priorities")
    title = models.CharField(_("title"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("rank"))
    dots = models.PositiveIntegerField(_("dots"), default=0)
    workshop = models.ForeignKey(
        "priorities.Workshop", on_delete=models.SET_NULL, null=True, blank=True, related_name="priorities"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "rank"]
        verbose_name_plural = _("priorities")
        constraints = [models.UniqueConstraint(fields=["round", "issue"], name="unique_priority_issue_per_round")]

    def __str__(self):
        return self.title


class CrossCuttingTheme(models.Model):
    """An issue left out of the priorities that every proposal must still address."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="cross_cutting_themes")
    issue = models.ForeignKey(CandidateIssue, on_delete=models.PROTECT, related_name="cross_cutting_themes")
    title = models.CharField(_("title"), max_length=200)
    rationale = models.TextField(_("why it is cross-cutting"), max_length=5000)
    requirements = models.TextField(
        _("what every proposal must show"), max_length=5000, blank=True, help_text=_("Included in every specification.")
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    workshop = models.ForeignKey(
        "priorities.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cross_cutting_themes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "title"]
        constraints = [models.UniqueConstraint(fields=["round", "issue"], name="unique_cross_cutting_issue_per_round")]

    def __str__(self):
        return self.title


# No 0/O, 1/I/L: a code is read off a card and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

JOIN_CODE_LENGTH = 8

MAX_DOTS_PER_PARTICIPANT = 20

# The most dots one paper count may hold: a room of a thousand with the most dots each, well
# within the column's range.
MAX_PAPER_COUNT = 1000 * MAX_DOTS_PER_PARTICIPANT


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Workshop(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    issues = models.ManyToManyField(
        CandidateIssue, through="WorkshopIssue", related_name="workshops", verbose_name=_("candidate issues")
    )
    dots_per_participant = models.PositiveSmallIntegerField(_("dots per participant"), default=3)
    allow_stacking = models.BooleanField(_("several dots may go on one issue"), default=False)
    priorities_to_select = models.PositiveSmallIntegerField(_("number of priorities to select"), default=6)
    voting_method = models.CharField(
        _("how the room votes"), max_length=10, choices=VotingMethod.choices, default=VotingMethod.PHONES
    )
    state = models.CharField(_("state"), max_length=12, choices=WorkshopState.choices, default=WorkshopState.DRAFT)
    show_tally = models.BooleanField(
        _("show the tally live"), default=True, help_text=_("When off, the tally stays hidden until the reveal.")
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "-date", "title"]
        constraints = [
            models.UniqueConstraint(fields=["round", "title"], name="unique_workshop_title_per_round"),
            models.CheckConstraint(
                condition=Q(dots_per_participant__gte=1, dots_per_participant__lte=MAX_DOTS_PER_PARTICIPANT),
                name="workshop_dots_1_to_20",
            ),
            models.CheckConstraint(
                condition=Q(priorities_to_select__gte=1, priorities_to_select__lte=50),
                name="workshop_priorities_1_to_50",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_paper(self):
        return self.voting_method == VotingMethod.PAPER

    @property
    def is_voting(self):
        return self.state == WorkshopState.VOTING

    def allows(self, action):
        """Whether the workshop's state lets ``action`` (a key of ACTION_STATES) start."""
        return self.state in ACTION_STATES[action]

    @property
    def settings_editable(self):
        return self.allows("set_up")


class WorkshopIssue(models.Model):
    """A candidate issue on this workshop's wall."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="wall")
    issue = models.ForeignKey(CandidateIssue, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["workshop", "issue__name"]
        constraints = [models.UniqueConstraint(fields=["workshop", "issue"], name="unique_issue_per_workshop")]

    def __str__(self):
        return f"{self.issue} ({self.workshop})"


class DiscussionGroup(models.Model):
    """A table of participants discussing the issues, with its note-taker's notes."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100)
    note_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("note-taker"),
    )
    notes = models.TextField(_("notes"), max_length=20_000, blank=True)

    class Meta:
        ordering = ["workshop", "name"]
        constraints = [models.UniqueConstraint(fields=["workshop", "name"], name="unique_group_name_per_workshop")]

    def __str__(self):
        return self.name

    @property
    def round(self):
        return self.workshop.round


class Participant(models.Model):
    """A board member taking part, with the sector their dots count for."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_seats")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    group = models.ForeignKey(
        DiscussionGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("discussion group"),
    )
    join_code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True, null=True, blank=True)
    code_issued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workshop", "user__full_name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["workshop", "user"], name="unique_participant_per_workshop")]

    def __str__(self):
        return str(self.user)

    @property
    def round(self):
        return self.workshop.round


class Dot(models.Model):
    """One dot a participant placed on an issue.

    The database holds the limits: ``slot`` is the dot's number in the participant's allowance
    (1 to the workshop's dots per participant, unique per participant), ``stack_position`` its
    number on one issue (always 1 when stacking is off, unique per participant and issue). Two
    simultaneous requests from one phone can never make a fourth dot or a second one on an issue.
    """

    # No index of their own: the (workshop, issue) index and the unique (participant, slot) index lead with them.
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="dots", db_index=False)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots", db_index=False)
    issue = models.ForeignKey(CandidateIssue, on_delete=models.CASCADE, related_name="dots")
    slot = models.PositiveSmallIntegerField()
    stack_position = models.PositiveSmallIntegerField(default=1)
    placed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["participant", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="unique_dot_slot_per_participant"),
            models.UniqueConstraint(
                fields=["participant", "issue", "stack_position"], name="unique_dot_stack_position"
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=1, slot__lte=MAX_DOTS_PER_PARTICIPANT), name="dot_slot_in_range"
            ),
            models.CheckConstraint(condition=Q(stack_position__gte=1), name="dot_stack_position_positive"),
        ]
        indexes = [models.Index(fields=["workshop", "issue"])]

    def __str__(self):
        return f"{self.issue} ({self.slot})"


class PaperCount(models.Model):
    """Dots counted off the walls: per issue, either one total (sector blank) or one row per sector."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="paper_counts")
    issue = models.ForeignKey(CandidateIssue, on_delete=models.CASCADE, related_name="+")
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    dots = models.PositiveIntegerField(_("dots"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["workshop", "issue", "sector"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "issue", "sector"], name="unique_paper_count"),
            models.CheckConstraint(condition=Q(dots__gte=0), name="paper_count_not_negative"),
        ]

    def __str__(self):
        return f"{self.issue} {self.sector or 'all'}: {self.dots}"


class TieDecision(models.Model):
    """How the facilitator settled a tie across the cut-off, and why."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="tie_decisions")
    tied_issues = models.ManyToManyField(CandidateIssue, related_name="+", verbose_name=_("tied issues"))
    chosen_issues = models.ManyToManyField(CandidateIssue, related_name="+", verbose_name=_("chosen issues"))
    tied_dots = models.PositiveIntegerField()
    reason = models.TextField(_("reason"), max_length=2000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["workshop", "-decided_at", "-id"]

    def __str__(self):
        return ngettext("%(workshop)s: tie at %(n)d dot", "%(workshop)s: tie at %(n)d dots", self.tied_dots) % {
            "workshop": self.workshop,
            "n": self.tied_dots,
        }
