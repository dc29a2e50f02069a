"""Reads of decisions: a round's settings and decisions, the money they take year by year (for the
budget guard, the decisions page and every budget summary), what a bidder and a contributing
agency may read. Each read is a fixed number of queries, whatever the number of rows."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, Sum

from commissioning.enums import Role
from commissioning.funding.models import FundingKind, FundingSource
from commissioning.rounds.models import RoundRole
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from panels.decisions.models import Decision, DecisionCondition, DecisionFunding, DecisionSettings
from panels.membership.models import Panel
from panels.scoring.models import Criterion, ModeratedScore
from panels.scoring.ranking import weighted_total
from priorities.workshop.models import Priority
from proposals.review.selectors import eligible_proposals, with_requested_amounts, year_field
from proposals.writing.enums import PartnerState
from proposals.writing.models import Proposal, ProposalPartner
from proposals.writing.rules import organisation_ids_of

# Decisions whose money counts against the budget: approved, and recorded but awaiting approval.
COUNTED = (DecisionStatus.AWAITING_APPROVAL, DecisionStatus.APPROVED)


def settings_of(round_):
    """The round's DecisionSettings, or unsaved defaults (a second officer approves)."""
    found = DecisionSettings.objects.filter(round=round_).select_related("board_chair").first()
    return found or DecisionSettings(round=round_)


def board_members(round_):
    """The people with a board role in the round: who may be named the chair that approves."""
    return (
        get_user_model()
        .objects.filter(round_roles__round=round_, round_roles__role=Role.BOARD)
        .distinct()
        .order_by("full_name", "pk")
    )


def decision_of(proposal):
    """``proposal``'s decision with its conditions and its funding (sources loaded), or None."""
    return (
        Decision.objects.filter(proposal=proposal)
        .select_related("decided_by", "approved_by")
        .prefetch_related(
            Prefetch("conditions", queryset=DecisionCondition.objects.order_by("order", "pk")),
            Prefetch("funding", queryset=DecisionFunding.objects.select_related("source__organisation")),
        )
        .first()
    )


def decidable_proposal(round_, pk):
    """An eligible proposal of the round (not merged, not withdrawn) that takes a decision, or None."""
    return (
        eligible_proposals(round_)
        .filter(pk=pk)
        .select_related("round", "specification__priority", "specification__round", "recommendation")
        .first()
    )


def sources_of(round_):
    """The round's funding sources (pooled first), with their agencies."""
    return list(FundingSource.objects.filter(round=round_).select_related("organisation").order_by("-kind", "pk"))


def available_by_year(round_, sources=None):
    """{year: pence} the round may fund: the sum of its pooled sources when it has any, else its budget."""
    sources = sources_of(round_) if sources is None else sources
    pooled = [source for source in sources if source.kind == FundingKind.POOLED]
    years = range(1, round_.number_of_years + 1)
    if pooled:
        return {year: sum(source.amount_in_year(year) for source in pooled) for year in years}
    return dict.fromkeys(years, round_.annual_budget_pence)


def _sum_amounts(rows, number_of_years):
    totals = dict.fromkeys(range(1, number_of_years + 1), 0)
    for kind, amounts in rows:
        if kind == DecisionKind.DO_NOT_FUND:
            continue
        for year, amount in enumerate(amounts or [], start=1):
            if year in totals:
                totals[year] += int(amount or 0)
    return totals


def funded_by_year(round_, *, specification=None, statuses=COUNTED, exclude=None):
    """{year: pence} funded by the round's decisions in ``statuses`` (of one specification's proposals
    when given), leaving out the decision ``exclude`` (the one being changed). One query."""
    decisions = Decision.objects.filter(proposal__round=round_, status__in=statuses)
    if specification is not None:
        decisions = decisions.filter(proposal__specification=specification)
    if exclude is not None:
        decisions = decisions.exclude(pk=exclude.pk)
    return _sum_amounts(decisions.values_list("kind", "amounts_pence"), round_.number_of_years)


def aligned_by_year(round_, *, specification=None, statuses=COUNTED, exclude=None):
    """{year: pence} that aligned sources pay of the round's decisions in ``statuses``: money the agencies
    keep and spend themselves, so none of it comes out of the round's own (pooled) money. One query."""
    rows = DecisionFunding.objects.filter(
        decision__proposal__round=round_, decision__status__in=statuses, source__kind=FundingKind.ALIGNED
    ).exclude(decision__kind=DecisionKind.DO_NOT_FUND)
    if specification is not None:
        rows = rows.filter(decision__proposal__specification=specification)
    if exclude is not None:
        rows = rows.exclude(decision=exclude)
    totals = dict.fromkeys(range(1, round_.number_of_years + 1), 0)
    for row in rows.values("year").order_by().annotate(total=Sum("amount_pence")):
        if row["year"] in totals:
            totals[row["year"]] += row["total"]
    return totals


def from_round_by_year(round_, *, specification=None, statuses=COUNTED, exclude=None):
    """{year: pence} the round's decisions in ``statuses`` take from the round's own money: what they
    fund, less what aligned sources pay of it. This is what the round's budget and a specification's
    maximum allocation are measured against. Two queries."""
    funded = funded_by_year(round_, specification=specification, statuses=statuses, exclude=exclude)
    aligned = aligned_by_year(round_, specification=specification, statuses=statuses, exclude=exclude)
    return {year: funded[year] - aligned[year] for year in funded}


def allocated(round_, specification=None):
    """{year: pence} of the round's own money that its approved decisions to fund take (the registry's
    "allocated" money); aligned money is shown beside it, never counted in it."""
    return from_round_by_year(round_, specification=specification, statuses=(DecisionStatus.APPROVED,))


def aligned_by_decision(round_):
    """{decision id: {year: pence}} that aligned sources pay of each of the round's decisions. One query."""
    paid = defaultdict(lambda: defaultdict(int))
    for decision_id, year, pence in DecisionFunding.objects.filter(
        decision__proposal__round=round_, source__kind=FundingKind.ALIGNED
    ).values_list("decision_id", "year", "amount_pence"):
        paid[decision_id][year] += pence
    return paid


def source_use(round_, *, statuses=COUNTED, exclude=None):
    """{(source id, year): pence} of the round's funding sources taken by decisions in ``statuses``."""
    rows = DecisionFunding.objects.filter(decision__proposal__round=round_, decision__status__in=statuses).exclude(
        decision__kind=DecisionKind.DO_NOT_FUND
    )
    if exclude is not None:
        rows = rows.exclude(decision=exclude)
    return {
        (row["source_id"], row["year"]): row["total"]
        for row in rows.values("source_id", "year").order_by().annotate(total=Sum("amount_pence"))
    }


@dataclass
class DecisionRow:
    """One proposal of the decisions page."""

    proposal: object
    requested: list  # pence a year, year 1 first
    requested_total: int
    moderated_total: object  # Decimal out of 100, or None while not every criterion is agreed
    recommendation: object
    decision: object
    years: list = field(default_factory=list)  # the round's FundingYears
    aligned: dict = field(default_factory=dict)  # {year: pence} aligned sources pay of the decision

    @property
    def funded(self):
        decision = self.decision
        return [decision.amount_in_year(year) for year in range(1, len(self.requested) + 1)] if decision else []

    @property
    def funded_total(self):
        return sum(self.funded)

    @property
    def counts(self):
        return self.decision is not None and self.decision.is_funded

    @property
    def year_pairs(self):
        """(FundingYear, requested, funded or None when not funded) for each year."""
        funded = self.funded
        return [
            (year, self.requested[index], funded[index] if self.counts else None)
            for index, year in enumerate(self.years)
        ]


@dataclass
class PriorityBlock:
    priority: object
    specification: object
    rows: list = field(default_factory=list)
    years: list = field(default_factory=list)

    def funded_by_year(self, *, statuses=COUNTED):
        """Pence a year the priority's decisions in ``statuses`` take from the round's own money."""
        return [
            sum(
                row.decision.amount_in_year(year.number) - row.aligned.get(year.number, 0)
                for row in self.rows
                if row.counts and row.decision.status in statuses
            )
            for year in self.years
        ]

    @property
    def aligned_by_year(self):
        """Pence a year that aligned sources pay of the priority's decisions (approved and awaiting)."""
        return [
            sum(row.aligned.get(year.number, 0) for row in self.rows if row.counts and row.decision.status in COUNTED)
            for year in self.years
        ]

    @property
    def has_aligned(self):
        return any(self.aligned_by_year)

    @property
    def aligned_years(self):
        """(FundingYear, pence aligned sources pay) for each year in which they pay something."""
        return [(year, pence) for year, pence in zip(self.years, self.aligned_by_year, strict=True) if pence]

    @property
    def year_rows(self):
        """(FundingYear, maximum allocation, funded from the round's own money (approved and awaiting),
        left) for each year."""
        allocations = self.specification.allocations_in_round(len(self.years)) if self.specification else []
        funded = self.funded_by_year()
        return [
            (
                year,
                allocations[index] if allocations else 0,
                funded[index],
                (allocations[index] if allocations else 0) - funded[index],
            )
            for index, year in enumerate(self.years)
        ]


def decision_blocks(round_):
    """Every priority of the round in rank order, its eligible proposals ranked as its panel ranks them
    (moderated weighted total, highest first; those not yet moderated last), each with its requested
    amounts, recommendation and decision. Five queries whatever the numbers of priorities and proposals."""
    years = list(round_.years)
    priorities = list(
        Priority.objects.filter(round=round_).select_related("specification__round").order_by("rank", "pk")
    )
    proposals = list(
        with_requested_amounts(eligible_proposals(round_), round_.number_of_years)
        .select_related("recommendation", "decision__decided_by", "decision__approved_by")
        .order_by("lead_organisation__name", "pk")
    )
    panels = {panel.priority_id: panel for panel in Panel.objects.filter(round=round_)}
    weights = defaultdict(dict)
    for panel_id, pk, weight in Criterion.objects.filter(panel__round=round_).values_list("panel_id", "pk", "weight"):
        weights[panel_id][pk] = weight
    agreed = defaultdict(dict)
    for proposal_id, criterion_id, value in ModeratedScore.objects.filter(
        proposal__round=round_, criterion__panel__round=round_
    ).values_list("proposal_id", "criterion_id", "value"):
        agreed[proposal_id][criterion_id] = value
    aligned = aligned_by_decision(round_)
    blocks = {priority.pk: PriorityBlock(priority, _specification(priority), years=years) for priority in priorities}
    for proposal in proposals:
        block = blocks.get(proposal.specification.priority_id)
        if block is None:
            continue
        panel = panels.get(proposal.specification.priority_id)
        panel_weights = weights[panel.pk] if panel else {}
        values = agreed[proposal.pk]
        complete = bool(panel_weights) and all(pk in values for pk in panel_weights)
        block.rows.append(
            DecisionRow(
                proposal=proposal,
                requested=[getattr(proposal, year_field(year.number)) for year in years],
                requested_total=proposal.total_pence,
                moderated_total=weighted_total(values, panel_weights, panel.scale_max) if complete else None,
                recommendation=getattr(proposal, "recommendation", None),
                decision=getattr(proposal, "decision", None),
                years=years,
                aligned=aligned.get(getattr(getattr(proposal, "decision", None), "pk", None), {}),
            )
        )
    for block in blocks.values():
        block.rows.sort(key=lambda row: (row.moderated_total is None, -(row.moderated_total or 0)))
    return list(blocks.values())


def _specification(priority):
    try:
        return priority.specification
    except Priority.specification.RelatedObjectDoesNotExist:
        return None


def moderated_total_of(proposal):
    """The proposal's moderated weighted total out of 100, or None while a criterion has no consensus."""
    panel = Panel.objects.filter(priority_id=proposal.specification.priority_id).first()
    if panel is None:
        return None
    weights = dict(Criterion.objects.filter(panel=panel).values_list("pk", "weight"))
    values = dict(
        ModeratedScore.objects.filter(proposal=proposal, criterion__panel=panel).values_list("criterion_id", "value")
    )
    if not weights or any(pk not in values for pk in weights):
        return None
    return weighted_total(values, weights, panel.scale_max)


def undecided_by_priority(round_):
    """For each priority of the round with eligible proposals: (priority title, proposals without a
    decision, decisions awaiting approval)."""
    counts = {}
    for title, rank, decision_id, status in (
        eligible_proposals(round_)
        .order_by("specification__priority__rank", "pk")
        .values_list(
            "specification__priority__title", "specification__priority__rank", "decision__pk", "decision__status"
        )
    ):
        missing, awaiting = counts.get((rank, title), (0, 0))
        if decision_id is None:
            missing += 1
        elif status == DecisionStatus.AWAITING_APPROVAL:
            awaiting += 1
        counts[(rank, title)] = (missing, awaiting)
    return [(title, missing, awaiting) for (_rank, title), (missing, awaiting) in sorted(counts.items())]


def has_decisions(round_):
    return Decision.objects.filter(proposal__round=round_).exists()


def awaiting_approval_by(user):
    """The decisions awaiting ``user``'s approval in every round: those recorded by another officer of a
    round they are an officer of (where a second officer approves), and those of the rounds that name
    them the approving chair of the board. One query."""
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    officer_rounds = RoundRole.objects.filter(user=user, role=Role.OFFICER).values("round_id")
    chaired_rounds = DecisionSettings.objects.filter(approver_kind=ApproverKind.BOARD_CHAIR, board_chair=user).values(
        "round_id"
    )
    chair_approves = DecisionSettings.objects.filter(approver_kind=ApproverKind.BOARD_CHAIR).values("round_id")
    return (
        Decision.objects.filter(status=DecisionStatus.AWAITING_APPROVAL)
        .filter(
            Q(proposal__round_id__in=officer_rounds) & ~Q(proposal__round_id__in=chair_approves) & ~Q(decided_by=user)
            | Q(proposal__round_id__in=chaired_rounds)
        )
        .select_related("proposal__round")
        .order_by("decided_at", "pk")
    )


# What a bidder reads: only approved decisions on proposals their organisation leads or is a confirmed partner of.


def _consortium_filter(user):
    organisations = organisation_ids_of(user)
    partnered = ProposalPartner.objects.filter(organisation_id__in=organisations, state=PartnerState.CONFIRMED).values(
        "proposal_id"
    )
    return Q(lead_organisation_id__in=organisations) | Q(pk__in=partnered)


def bidder_decisions(user, round_):
    """The approved decisions on the round's proposals ``user``'s organisations lead or are confirmed partners of."""
    if not organisation_ids_of(user):
        return Decision.objects.none()
    proposals = Proposal.objects.filter(round=round_).filter(_consortium_filter(user))
    return (
        Decision.objects.filter(proposal__in=proposals, status=DecisionStatus.APPROVED)
        .select_related("proposal__lead_organisation")
        .order_by("proposal__title", "pk")
    )


def bidder_decision(user, round_, proposal_pk):
    """The approved decision on proposal ``proposal_pk`` if ``user`` may read it, with its conditions; or None."""
    return (
        bidder_decisions(user, round_)
        .filter(proposal_id=proposal_pk)
        .prefetch_related(Prefetch("conditions", queryset=DecisionCondition.objects.order_by("order", "pk")))
        .first()
    )


# What a contributing agency reads.


def agency_sources(user, round_):
    """The round's funding sources ``user`` may follow: every one for an officer; otherwise those of
    the organisations the person holds a role in the round for."""
    sources = FundingSource.objects.filter(round=round_).select_related("organisation").order_by("kind", "pk")
    if user.has_perm("commissioning.change_round", round_):
        return list(sources)
    organisations = RoundRole.objects.filter(round=round_, user=user, organisation__isnull=False).values(
        "organisation_id"
    )
    return list(sources.filter(organisation_id__in=organisations))


def approved_funded(round_):
    """The round's approved decisions to fund, with their proposals and their funding by source and year."""
    return list(
        Decision.objects.filter(proposal__round=round_, status=DecisionStatus.APPROVED)
        .exclude(kind=DecisionKind.DO_NOT_FUND)
        .select_related("proposal__lead_organisation", "proposal__specification__priority")
        .prefetch_related("funding")
        .order_by("proposal__specification__priority__rank", "proposal__title", "pk")
    )
