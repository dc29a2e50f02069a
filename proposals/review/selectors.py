"""Reads of the officers' review: the proposal lists with their requested amounts, what the panels
receive, similar proposals and exports, and what still keeps the round from the panels.

Each year's requested amount is a subquery of the budget (one column a year), so a list of any
length is read in one query and can be sorted and filtered on its amounts in the database.
"""

from django.db.models import Count, F, Func, IntegerField, Max, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from priorities.specifications.enums import PUBLIC_STATES
from priorities.specifications.models import Specification
from proposals.review.models import ProposalExport, SimilarProposal
from proposals.writing.completeness import PREFETCH as COMPLETENESS_PREFETCH
from proposals.writing.completeness import problems_of
from proposals.writing.enums import CLOSED_STATES, Eligibility, PartnerState, ProposalState
from proposals.writing.models import BudgetLine, Proposal


def year_field(year):
    """The annotation holding a proposal's requested amount in ``year`` (pence)."""
    return f"year_{year}_pence"


def _budget_sum(**filters):
    # SUM as a plain function, not Django's aggregate: one row from the proposal's lines, no GROUP BY.
    lines = (
        # A partner that declined is no longer in the consortium: its cells ask for nothing, as on the budget page.
        BudgetLine.objects.filter(proposal=OuterRef("pk"), **filters)
        .exclude(partner__state=PartnerState.DECLINED)
        .order_by()
        .annotate(total=Func(F("amount_pence"), function="SUM"))
        .values("total")
    )
    return Coalesce(Subquery(lines, output_field=IntegerField()), Value(0))


def with_requested_amounts(proposals, number_of_years):
    """``proposals`` with ``year_<n>_pence`` for each year of the round and ``total_pence``."""
    annotations = {year_field(year): _budget_sum(year=year) for year in range(1, number_of_years + 1)}
    return proposals.annotate(**annotations, total_pence=_budget_sum())


def requested_sums(number_of_years):
    """The same amounts as ``with_requested_amounts``, as sums over one join of the proposals with their
    budget lines, grouped by proposal: the way to sort a whole round by one of them, since the database
    then sums every line once rather than running a subquery for each proposal."""
    counted = Q(budget_lines__partner__state__in=[s for s in PartnerState.values if s != PartnerState.DECLINED])
    sums = {
        year_field(year): Coalesce(Sum("budget_lines__amount_pence", filter=counted & Q(budget_lines__year=year)), 0)
        for year in range(1, number_of_years + 1)
    }
    sums["total_pence"] = Coalesce(Sum("budget_lines__amount_pence", filter=counted), 0)
    return sums


LISTED_FIELDS = (
    "round_id",
    "title",
    "state",
    "eligibility",
    "submitted_at",
    "lead_organisation__name",
    "specification__priority__title",
    "specification__priority__rank",
)


def review_list(round_, *, specification=None):
    """The round's proposals in every state (drafts too: officers see what is coming), with the
    requested amounts and how many similar proposals each has.

    Only for people who manage the round: views check ``proposals.review_proposals`` first."""
    proposals = (
        Proposal.objects.filter(round=round_)
        .select_related("lead_organisation", "specification__priority")
        # What the list and the export show: a proposal's long texts stay in the database.
        .only(*LISTED_FIELDS)
    )
    if specification is not None:
        proposals = proposals.filter(specification=specification)
    similar = (
        SimilarProposal.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    proposals = proposals.annotate(similar_count=Coalesce(Subquery(similar, output_field=IntegerField()), Value(0)))
    return with_requested_amounts(proposals, round_.number_of_years)


def complete_unsubmitted(round_, proposals):
    """The ids of the proposals among ``proposals`` not submitted (drafts, withdrawn) that lack nothing.

    A submitted proposal was complete when it was submitted (submission refuses one that is not),
    so only the others are checked, in Python, with the rows completeness reads loaded in a fixed
    number of queries whatever their number."""
    unsubmitted = (
        Proposal.objects.filter(pk__in=proposals.exclude(state=ProposalState.SUBMITTED).values("pk"))
        .select_related("round", "specification__round", "specification__priority")
        .prefetch_related(*COMPLETENESS_PREFETCH, "specification__indicators")
    )
    themes = list(round_.cross_cutting_themes.order_by("title"))
    return [
        proposal.pk
        for proposal in unsubmitted
        if not problems_of(
            proposal,
            indicators=sorted(proposal.specification.indicators.all(), key=lambda indicator: indicator.code),
            themes=themes,
        )
    ]


def export_rows(round_):
    """The round's proposals for an export, amounts included, in a stable order (read in chunks)."""
    return review_list(round_).order_by("specification__priority__rank", "lead_organisation__name", "pk")


def eligible_proposals(round_or_specification):
    """The submitted proposals an officer has found eligible: the only ones a panel receives."""
    filters = {"state": ProposalState.SUBMITTED, "eligibility": Eligibility.ELIGIBLE}
    if isinstance(round_or_specification, Specification):
        filters["specification"] = round_or_specification
    else:
        filters["round"] = round_or_specification
    return Proposal.objects.filter(**filters).select_related("lead_organisation", "specification__priority")


def review_proposal(round_, pk):
    """One proposal of the round for the officers' review page, or None."""
    return (
        Proposal.objects.filter(round=round_, pk=pk)
        .select_related("lead_organisation", "specification__priority", "round", "eligibility_decided_by")
        .first()
    )


def similar_to(proposal):
    """The proposals found similar to ``proposal``: same priority first, then the most similar."""
    return SimilarProposal.objects.filter(proposal=proposal).select_related(
        "other__lead_organisation", "other__specification__priority"
    )


def submitted_for_similarity(round_):
    """What the similarity finder reads of the round's submitted proposals, in one query each."""
    proposals = Proposal.objects.filter(round=round_, state=ProposalState.SUBMITTED).select_related(
        "specification__priority"
    )
    return proposals.prefetch_related("partners__organisation").order_by("pk")


def export_for(round_, pk):
    return ProposalExport.objects.filter(round=round_, pk=pk).first()


def recent_exports(round_, *, limit=5):
    return ProposalExport.objects.filter(round=round_).select_related("requested_by")[:limit]


def review_counts(round_):
    """How many proposals the round has in each state, and the submitted ones by eligibility."""
    counts = Proposal.objects.filter(round=round_).aggregate(
        draft=Count("pk", filter=Q(state=ProposalState.DRAFT)),
        submitted=Count("pk", filter=Q(state=ProposalState.SUBMITTED)),
        withdrawn=Count("pk", filter=Q(state=ProposalState.WITHDRAWN)),
        undecided=Count("pk", filter=Q(state=ProposalState.SUBMITTED, eligibility=Eligibility.UNDECIDED)),
        eligible=Count("pk", filter=Q(state=ProposalState.SUBMITTED, eligibility=Eligibility.ELIGIBLE)),
        not_eligible=Count("pk", filter=Q(state=ProposalState.SUBMITTED, eligibility=Eligibility.NOT_ELIGIBLE)),
    )
    return counts


def published_specifications(round_):
    return (
        Specification.objects.filter(round=round_, state__in=PUBLIC_STATES)
        .select_related("priority")
        .order_by("priority__rank")
    )


def specifications_with_counts(round_):
    """The round's published specifications, each with ``submitted_count``, in one query."""
    return published_specifications(round_).annotate(
        submitted_count=Count("proposals", filter=Q(proposals__state=ProposalState.SUBMITTED))
    )


def deadlines_not_passed(round_, *, now=None):
    """(title, deadline) for each published specification whose deadline, or one of its proposals'
    extended deadline, is still to come: the latest of them for each specification."""
    now = now or timezone.now()
    waiting = []
    extended = dict(
        Proposal.objects.filter(round=round_, extended_deadline__isnull=False)
        .exclude(state__in=CLOSED_STATES)
        .order_by()
        .values("specification")
        .annotate(latest=Max("extended_deadline"))
        .values_list("specification", "latest")
    )
    for spec in published_specifications(round_):
        deadlines = [d for d in (spec.proposal_deadline, extended.get(spec.pk)) if d is not None]
        latest = max(deadlines) if deadlines else None
        if latest is not None and latest > now:
            waiting.append((spec.title, latest))
    return waiting


def requested_amounts(proposal):
    """[(FundingYear, pence)] for each year of the round, and the total, read in one query."""
    round_ = proposal.round
    row = with_requested_amounts(Proposal.objects.filter(pk=proposal.pk), round_.number_of_years).values(
        *(year_field(year.number) for year in round_.years), "total_pence"
    )[0]
    return [(year, row[year_field(year.number)]) for year in round_.years], row["total_pence"]
