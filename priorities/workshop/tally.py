"""The tally of a workshop's dots and the selection it leads to: ranking, the cut-off and ties."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from commissioning.common.exports import spreadsheet_text
from commissioning.enums import Sector
from priorities.evidence.models import CandidateIssue
from priorities.workshop.enums import WorkshopState
from priorities.workshop.models import CrossCuttingTheme, Dot, PaperCount, Participant, TieDecision, Workshop


@dataclass
class Segment:
    sector: str
    label: str
    dots: int
    percent: float  # of the top issue's bar
    share: float = 0.0  # of its own bar


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
    pooled: tuple = ()  # sectors shown together as "other sectors" while voting is open

    @property
    def min_voters_shown(self):
        return MIN_VOTERS_SHOWN

    @property
    def columns(self):
        """(sector, label) for each sector shown on its own, then "other sectors" when some are pooled."""
        keys = [sector for sector in SECTOR_ORDER if sector not in self.pooled]
        if self.pooled:
            keys.append(OTHER_SECTORS)
        return [(key, SECTOR_LABELS[key]) for key in keys]

    @property
    def expected_dots(self):
        return self.participants * self.workshop.dots_per_participant

    @property
    def totals_disagree(self):
        return self.total_dots != self.expected_dots

    @property
    def legend(self):
        used = {segment.sector for row in self.rows for segment in row.segments}
        return [
            (sector, SECTOR_LABELS[sector])
            for sector in SECTOR_ORDER + [OTHER_SECTORS]
            if sector in used or (sector not in ("", OTHER_SECTORS) and sector not in self.pooled)
        ]


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


def _sectors_to_pool(workshop, seats):
    """While voting is open, the sectors with fewer than MIN_VOTERS_SHOWN people who have voted: a dot
    shown under a sector of one or two voters would tell the room whose it is. Paper counts are
    entered by the facilitator after the count, and nothing is pooled once voting has closed."""
    if workshop.is_paper or workshop.state in (WorkshopState.CLOSED, WorkshopState.CONFIRMED):
        return ()
    voters = {}
    for sector, dots in seats:
        if dots:
            voters[sector or ""] = voters.get(sector or "", 0) + 1
    return tuple(sector for sector in SECTOR_ORDER if 0 < voters.get(sector, 0) < MIN_VOTERS_SHOWN)


def _pool(counts, pooled):
    for by_sector in counts.values():
        other = sum(by_sector.pop(sector, 0) for sector in pooled)
        if other:
            by_sector[OTHER_SECTORS] = other


def workshop_tally(workshop):
    """Dots per issue, split by the voters' sector, ranked, with turnout. Four queries.

    While voting is open, sectors with fewer than three voters are shown together as "other sectors"."""
    counts = _dot_counts(workshop)
    issues = list(CandidateIssue.objects.filter(workshops=workshop).select_related("outcome").order_by("name"))
    seats = list(
        Participant.objects.filter(workshop=workshop).annotate(n=Count("dots")).order_by().values_list("sector", "n")
    )
    pooled = _sectors_to_pool(workshop, seats)
    if pooled:
        _pool(counts, pooled)
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
            Segment(
                sector,
                SECTOR_LABELS[sector],
                row.by_sector[sector],
                round(100 * row.by_sector[sector] / top, 1),
                round(100 * row.by_sector[sector] / row.total, 2),
            )
            for sector in SECTOR_ORDER + [OTHER_SECTORS]
            if row.by_sector.get(sector)
        ]
    sectors_counted = not workshop.is_paper or any(sector for by in counts.values() for sector in by)
    return Tally(
        workshop=workshop,
        rows=rows,
        participants=len(seats),
        complete=None if workshop.is_paper else sum(1 for _s, n in seats if n >= workshop.dots_per_participant),
        total_dots=sum(row.total for row in rows),
        sectors_counted=sectors_counted,
        pooled=pooled,
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


# The order of the segments in every bar, and of the legend; "" is a participant whose sector is not recorded.
SECTOR_ORDER = [Sector.PUBLIC.value, Sector.PRIVATE.value, Sector.VOLUNTARY.value, Sector.COMMUNITY.value, ""]

# While voting is open, the sectors with fewer voters than this are shown together.
MIN_VOTERS_SHOWN = 3
OTHER_SECTORS = "other"

SECTOR_LABELS = {**{s.value: s.label for s in Sector}, "": _("Sector not recorded"), OTHER_SECTORS: _("Other sectors")}

STATUS_LABELS = {
    "selected": _("Priority"),
    "tied": _("Tied at the cut-off"),
    "cross-cutting": _("Cross-cutting"),
    "not selected": _("Not selected"),
}


def results_table(workshop):
    """The results as rows for a spreadsheet: a header, then each issue ranked, with its dots by
    sector and the outcome. Issue names are kept as text even when they start like a formula."""
    selection = workshop_selection(workshop)
    columns = selection.tally.columns
    header = [_("Rank"), _("Issue"), _("Dots"), *[label for _key, label in columns], _("Result")]
    rows = [
        [
            row.rank,
            spreadsheet_text(row.issue.name),
            row.total,
            *[row.by_sector.get(key, 0) for key, _label in columns],
            STATUS_LABELS[status],
        ]
        for row, status in selection.rows
    ]
    return [[str(cell) for cell in header], *rows]
