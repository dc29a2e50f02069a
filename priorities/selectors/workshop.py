"""Reads for the priority workshop: what each person may see, the tally, the ranking and the selection.

Every function here runs a fixed number of queries, whatever the number of issues,
participants or dots, so that the voting page, the projector and the results stay fast.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from commissioning.enums import Sector
from commissioning.exports import spreadsheet_text
from commissioning.models import Indicator
from commissioning.rules import manages_round

from ..models import CandidateIssue, CrossCuttingTheme, Dot, PaperCount, Participant, TieDecision, Workshop

# The order of the segments in every bar, and of the legend; "" is a participant whose sector is not recorded.
SECTOR_ORDER = [Sector.PUBLIC.value, Sector.PRIVATE.value, Sector.VOLUNTARY.value, Sector.COMMUNITY.value, ""]
SECTOR_LABELS = {**{s.value: s.label for s in Sector}, "": _("Sector not recorded")}
STATUS_LABELS = {
    "selected": _("Priority"),
    "tied": _("Tied at the cut-off"),
    "cross-cutting": _("Cross-cutting"),
    "not selected": _("Not selected"),
}


def workshops_in(round_):
    return Workshop.objects.filter(round=round_).order_by("-date", "title")


def workshops_visible_to(user, round_):
    """Officers see every workshop of the round; others the ones they take part in, or whose results are confirmed."""
    if manages_round(user, round_):
        return workshops_in(round_)
    from django.db.models import Q

    from ..models.workshop import WorkshopState

    return workshops_in(round_).filter(Q(participants__user=user) | Q(state=WorkshopState.CONFIRMED)).distinct()


def participant_for(user, workshop_pk):
    """The user's seat in the workshop, with the workshop loaded, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    # order_by(): one seat at most, so skip the default ordering's joins (this runs on every dot).
    seats = Participant.objects.select_related("workshop", "user").filter(workshop_id=workshop_pk, user=user)
    return seats.order_by().first()


def participant_by_id(participant_pk, workshop_pk):
    return (
        Participant.objects.select_related("workshop", "user")
        .filter(pk=participant_pk, workshop_id=workshop_pk)
        .order_by()
        .first()
    )


def participant_for_code(code):
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    if not code:
        return None
    return Participant.objects.select_related("workshop", "user").filter(join_code=code).first()


def wall_issues(workshop):
    """The issues on the workshop's wall, with what the evidence pages show about them loaded."""
    return (
        CandidateIssue.objects.filter(workshops=workshop)
        .select_related("outcome")
        .prefetch_related(
            "survey_results",
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
        )
        .order_by("name")
    )


def participants(workshop):
    """Everyone taking part, with their organisation, group and number of dots placed."""
    return (
        Participant.objects.filter(workshop=workshop)
        .select_related("user", "organisation", "group")
        .annotate(dots_placed=Count("dots"))
        .order_by("user__full_name", "user__email")
    )


def own_dots(participant):
    """{issue id: number of the participant's dots on it}."""
    counts = {}
    for issue_id in Dot.objects.filter(participant=participant).values_list("issue_id", flat=True):
        counts[issue_id] = counts.get(issue_id, 0) + 1
    return counts


def all_ballots(workshop):
    """For officers only: every participant's dots, as {participant id: [issue names]}."""
    ballots = {}
    for participant_id, name in (
        Dot.objects.filter(workshop=workshop)
        .order_by("participant", "slot")
        .values_list("participant_id", "issue__name")
    ):
        ballots.setdefault(participant_id, []).append(name)
    return ballots


@dataclass
class Segment:
    sector: str
    label: str
    dots: int
    percent: float


@dataclass
class TallyRow:
    issue: CandidateIssue
    by_sector: dict
    total: int = 0
    rank: int = 0
    segments: list = field(default_factory=list)
    percent: float = 0.0


@dataclass
class Tally:
    workshop: Workshop
    rows: list
    participants: int
    complete: int | None  # participants who placed all their dots; None on paper
    total_dots: int
    sectors_counted: bool

    @property
    def expected_dots(self):
        return self.participants * self.workshop.dots_per_participant

    @property
    def totals_disagree(self):
        return self.total_dots != self.expected_dots

    @property
    def legend(self):
        used = {segment.sector for row in self.rows for segment in row.segments}
        return [(sector, SECTOR_LABELS[sector]) for sector in SECTOR_ORDER if sector in used or sector != ""]


def _dot_counts(workshop):
    """{issue id: {sector: dots}} from the phones, or from the paper counts."""
    counts = {}
    if workshop.is_paper:
        rows = PaperCount.objects.filter(workshop=workshop).values_list("issue_id", "sector", "dots")
        for issue_id, sector, dots in rows:
            counts.setdefault(issue_id, {})[sector] = dots
        # An issue counted by sector ignores any earlier single total.
        for by_sector in counts.values():
            if len(by_sector) > 1 and "" in by_sector:
                del by_sector[""]
        return counts
    rows = (
        Dot.objects.filter(workshop=workshop)
        .values_list("issue_id", "participant__sector")
        .annotate(n=Count("id"))
        .order_by()
    )
    for issue_id, sector, n in rows:
        counts.setdefault(issue_id, {})[sector or ""] = n
    return counts


def workshop_tally(workshop):
    """Dots per issue, split by the voters' sector, ranked, with turnout. Four queries."""
    counts = _dot_counts(workshop)
    issues = list(CandidateIssue.objects.filter(workshops=workshop).select_related("outcome").order_by("name"))
    seats = list(Participant.objects.filter(workshop=workshop).annotate(n=Count("dots")).values_list("n", flat=True))
    rows = []
    for issue in issues:
        by_sector = counts.get(issue.pk, {})
        rows.append(TallyRow(issue=issue, by_sector=by_sector, total=sum(by_sector.values())))
    rows.sort(key=lambda row: (-row.total, row.issue.name.lower()))
    top = max((row.total for row in rows), default=0)
    previous_total, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.total != previous_total:
            rank, previous_total = position, row.total
        row.rank = rank
        row.percent = round(100 * row.total / top, 1) if top else 0.0
        row.segments = [
            Segment(sector, SECTOR_LABELS[sector], row.by_sector[sector], round(100 * row.by_sector[sector] / top, 1))
            for sector in SECTOR_ORDER
            if row.by_sector.get(sector)
        ]
    sectors_counted = not workshop.is_paper or any(sector for by in counts.values() for sector in by)
    return Tally(
        workshop=workshop,
        rows=rows,
        participants=len(seats),
        complete=None if workshop.is_paper else sum(1 for n in seats if n >= workshop.dots_per_participant),
        total_dots=sum(row.total for row in rows),
        sectors_counted=sectors_counted,
    )


@dataclass
class Selection:
    """The ranked issues and which of them become priorities."""

    tally: Tally
    selected: list  # TallyRows, in rank order
    tied: list = field(default_factory=list)  # TallyRows tied across the cut-off
    places_for_tied: int = 0
    decision: TieDecision | None = None
    cross_cutting: list = field(default_factory=list)

    @property
    def has_tie(self):
        return bool(self.tied)

    @property
    def tie_unresolved(self):
        return self.has_tie and self.decision is None

    @property
    def selected_ids(self):
        return {row.issue.pk for row in self.selected}

    @property
    def cross_cutting_ids(self):
        return {theme.issue_id for theme in self.cross_cutting}

    def status_of(self, row):
        if row.issue.pk in self.selected_ids:
            return "selected"
        if self.tie_unresolved and row in self.tied:
            return "tied"
        if row.issue.pk in self.cross_cutting_ids:
            return "cross-cutting"
        return "not selected"

    @property
    def rows(self):
        return [(row, self.status_of(row)) for row in self.tally.rows]

    @property
    def left_out(self):
        return [row for row in self.tally.rows if row.issue.pk not in self.selected_ids and row not in self.tied]


def workshop_selection(workshop, tally=None):
    """The top ``priorities_to_select`` issues by dots; a tie across the cut-off needs the facilitator's decision."""
    tally = tally or workshop_tally(workshop)
    rows, places = tally.rows, workshop.priorities_to_select
    cross_cutting = list(
        CrossCuttingTheme.objects.filter(round_id=workshop.round_id).select_related("issue", "decided_by")
    )
    # Loaded whether or not there is a tie, so that the page's query count stays the same.
    decisions = list(TieDecision.objects.filter(workshop=workshop).prefetch_related("tied_issues", "chosen_issues"))
    if len(rows) <= places or rows[places - 1].total != rows[places].total:
        return Selection(tally=tally, selected=rows[:places], cross_cutting=cross_cutting)
    cut = rows[places - 1].total
    above = [row for row in rows if row.total > cut]
    tied = [row for row in rows if row.total == cut]
    places_for_tied = places - len(above)
    tied_ids = {row.issue.pk for row in tied}
    decision = None
    for candidate in decisions:
        chosen_ids = {issue.pk for issue in candidate.chosen_issues.all()}
        if (
            candidate.tied_dots == cut
            and {issue.pk for issue in candidate.tied_issues.all()} == tied_ids
            and len(chosen_ids) == places_for_tied
        ):
            decision = candidate
            break
    selected = above
    if decision is not None:
        chosen_ids = {issue.pk for issue in decision.chosen_issues.all()}
        selected = above + [row for row in tied if row.issue.pk in chosen_ids]
    return Selection(
        tally=tally,
        selected=selected,
        tied=tied,
        places_for_tied=places_for_tied,
        decision=decision,
        cross_cutting=cross_cutting,
    )


def results_table(workshop):
    """The results as rows for a spreadsheet: a header, then each issue ranked, with its dots by
    sector and the outcome. Issue names are kept as text even when they start like a formula."""
    sectors = list(SECTOR_LABELS)
    header = [_("Rank"), _("Issue"), _("Dots"), *[SECTOR_LABELS[key] for key in sectors], _("Result")]
    rows = [
        [
            row.rank,
            spreadsheet_text(row.issue.name),
            row.total,
            *[row.by_sector.get(key, 0) for key in sectors],
            STATUS_LABELS[status],
        ]
        for row, status in workshop_selection(workshop).rows
    ]
    return [[str(cell) for cell in header], *rows]


def tie_decisions(workshop):
    return (
        TieDecision.objects.filter(workshop=workshop)
        .select_related("decided_by")
        .prefetch_related("tied_issues", "chosen_issues")
    )
