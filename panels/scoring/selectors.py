"""Reads of scoring: a panel's criteria with their level descriptors, a member's sheet, the peers'
sheets a member may see (only once their own is submitted), what the chair moderates and the
panel's ranking. Each read is a fixed number of queries, whatever the number of rows."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from panels.membership.models import Panel
from panels.membership.selectors import interested_proposal_ids, panel_proposals
from panels.scoring.models import Criterion, LevelDescriptor, ModeratedScore, Recommendation, Score, ScoreSheet
from panels.scoring.ranking import spread, to_discuss, weighted_total
from proposals.review.selectors import with_requested_amounts, year_field


def criteria_of(panel):
    """The panel's criteria in order, each with its ``levels`` loaded."""
    return list(
        Criterion.objects.filter(panel=panel).prefetch_related(
            Prefetch("levels", queryset=LevelDescriptor.objects.order_by("score"))
        )
    )


def weights_of(criteria):
    return {criterion.pk: criterion.weight for criterion in criteria}


def criteria_frozen(panel):
    """Whether a score has been entered on the panel (its criteria can no longer change)."""
    return Score.objects.filter(criterion__panel=panel).exists()


def sheet_of(member, proposal):
    """``member``'s sheet on ``proposal`` with its scores, or None."""
    return (
        ScoreSheet.objects.filter(member=member, proposal=proposal)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .first()
    )


def peer_sheets(member, proposal):
    """The other members' submitted sheets on ``proposal``, with their scores: none until ``member``
    has submitted their own. A set-aside sheet is listed, marked by its ``set_aside_at``."""
    own = ScoreSheet.objects.filter(member=member, proposal=proposal, submitted_at__isnull=False)
    if member is None or not own.exists():
        return []
    return list(
        ScoreSheet.objects.filter(proposal=proposal, submitted_at__isnull=False)
        .exclude(member=member)
        .select_related("member__user")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("member__user__full_name", "pk")
    )


@dataclass
class CriterionModeration:
    """One criterion of one proposal as the chair moderates it."""

    criterion: object
    scores: list = field(default_factory=list)  # (sheet, Score or None), counted sheets
    set_aside: list = field(default_factory=list)  # (sheet, Score or None)
    consensus: object = None

    @property
    def counted_values(self):
        return [score.value for _sheet, score in self.scores if score is not None]

    @property
    def spread(self):
        return spread(self.counted_values)

    @property
    def to_discuss(self):
        return to_discuss(self.counted_values)


def moderation_of(proposal, criteria):
    """Every member's submitted scores of ``proposal`` per criterion, side by side, with the consensus."""
    sheets = list(
        ScoreSheet.objects.filter(proposal=proposal, submitted_at__isnull=False)
        .select_related("member__user")
        .prefetch_related("scores")
        .order_by("member__user__full_name", "pk")
    )
    consensus = {m.criterion_id: m for m in ModeratedScore.objects.filter(proposal=proposal)}
    rows = []
    for criterion in criteria:
        row = CriterionModeration(criterion=criterion, consensus=consensus.get(criterion.pk))
        for sheet in sheets:
            score = next((s for s in sheet.scores.all() if s.criterion_id == criterion.pk), None)
            (row.scores if sheet.counts else row.set_aside).append((sheet, score))
        rows.append(row)
    return sheets, rows


@dataclass
class RankingRow:
    proposal: object
    years: list  # (FundingYear, requested pence)
    total_pence: int
    moderated_total: object  # Decimal out of 100, or None while a criterion has no consensus
    moderated_count: int
    individual_totals: list  # the counted sheets' weighted totals
    flags: int  # criteria whose counted scores spread by SPREAD_TO_DISCUSS or more
    recommendation: object
    conflicted: bool = False

    @property
    def lowest(self):
        return min(self.individual_totals) if self.individual_totals else None

    @property
    def highest(self):
        return max(self.individual_totals) if self.individual_totals else None


def ranking(panel, *, member=None):
    """The panel's proposals ranked by moderated weighted total (those not yet moderated last), with the
    members' individual totals, the requested amounts per year and the recommendation. Rows of a
    proposal ``member`` has an interest in are marked ``conflicted`` (their figures are not for them)."""
    round_ = panel.round
    criteria = list(Criterion.objects.filter(panel=panel))
    weights = weights_of(criteria)
    proposals = list(
        with_requested_amounts(panel_proposals(panel), round_.number_of_years)
        .select_related("lead_organisation", "recommendation")
        .order_by("lead_organisation__name", "pk")
    )
    ids = [p.pk for p in proposals]
    moderated = defaultdict(dict)
    for proposal_id, criterion_id, value in ModeratedScore.objects.filter(
        proposal_id__in=ids, criterion__panel=panel
    ).values_list("proposal_id", "criterion_id", "value"):
        moderated[proposal_id][criterion_id] = value
    sheets = defaultdict(lambda: defaultdict(dict))
    for proposal_id, sheet_id, criterion_id, value in Score.objects.filter(
        sheet__proposal_id__in=ids,
        sheet__submitted_at__isnull=False,
        sheet__set_aside_at__isnull=True,
        criterion__panel=panel,
    ).values_list("sheet__proposal_id", "sheet_id", "criterion_id", "value"):
        sheets[proposal_id][sheet_id][criterion_id] = value
    conflicted = interested_proposal_ids(member) if member is not None else set()
    years = list(round_.years)
    rows = []
    for proposal in proposals:
        agreed = moderated[proposal.pk]
        complete = bool(criteria) and all(c.pk in agreed for c in criteria)
        by_criterion = defaultdict(list)
        for values in sheets[proposal.pk].values():
            for criterion_id, value in values.items():
                by_criterion[criterion_id].append(value)
        rows.append(
            RankingRow(
                proposal=proposal,
                years=[(year, getattr(proposal, year_field(year.number))) for year in years],
                total_pence=proposal.total_pence,
                moderated_total=weighted_total(agreed, weights, panel.scale_max) if complete else None,
                moderated_count=len([c for c in criteria if c.pk in agreed]),
                individual_totals=[
                    weighted_total(values, weights, panel.scale_max) for values in sheets[proposal.pk].values()
                ],
                flags=sum(1 for values in by_criterion.values() if to_discuss(values)),
                recommendation=getattr(proposal, "recommendation", None),
                conflicted=proposal.pk in conflicted,
            )
        )
    rows.sort(key=lambda row: (row.moderated_total is None, -(row.moderated_total or 0)))
    return rows


def panels_missing_decisions(round_):
    """For each panel of the round: (panel, proposals without a consensus on every criterion,
    proposals without a recommendation)."""
    panels = Panel.objects.filter(round=round_).select_related("priority").annotate(n_criteria=Count("criteria"))
    missing = []
    for panel in panels:
        proposals = panel_proposals(panel)
        unmoderated = (
            proposals.annotate(
                agreed=Count("moderated_scores", filter=Q(moderated_scores__criterion__panel=panel), distinct=True)
            )
            .filter(agreed__lt=panel.n_criteria)
            .count()
            if panel.n_criteria
            else proposals.count()
        )
        unrecommended = proposals.filter(recommendation__isnull=True).count()
        missing.append((panel, unmoderated, unrecommended))
    return missing


def has_recommendation(proposal):
    return Recommendation.objects.filter(proposal=proposal).exists()
