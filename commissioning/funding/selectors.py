"""Reads of the round's money: its funding sources, the pooled sources against the budget, the budget summary."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from commissioning import registry
from commissioning.common.money import FundingYear, format_pence, over_years
from commissioning.funding.models import FundingKind, FundingSource
from commissioning.organisations.models import Organisation


def funding_sources(round_):
    """The round's sources, pooled first then aligned, each agency by name, with its organisation loaded."""
    return (
        FundingSource.objects.filter(round=round_)
        .select_related("organisation")
        .order_by("-kind", "organisation__name")
    )


def agency_choices(round_):
    """(the organisations of the round's partnership, every other registered organisation), each by name.

    An organisation belongs to the partnership when one of its people stands in the partnership or
    holds a role in the round.
    """
    theirs = Q(partnership_members__partnership_id=round_.partnership_id) | Q(round_roles__round_id=round_.pk)
    ids = set(Organisation.objects.filter(theirs).values_list("pk", flat=True))
    everyone = list(Organisation.objects.order_by("name"))
    return [org for org in everyone if org.pk in ids], [org for org in everyone if org.pk not in ids]


def _per_year(sources, number_of_years):
    totals = [0] * number_of_years
    for source in sources:
        for number in range(1, number_of_years + 1):
            totals[number - 1] += source.amount_in_year(number)
    return totals


def pooled_mismatches(round_, sources=None):
    """The years in which the pooled sources do not add up to the round's budget, each as a sentence naming
    the year and the difference. Empty when they agree, and when no pooled source is recorded (the budget
    summaries then use the round's budget)."""
    sources = list(funding_sources(round_) if sources is None else sources)
    pooled = [source for source in sources if source.kind == FundingKind.POOLED]
    if not pooled:
        return []
    problems = []
    for year, given in zip(round_.years, _per_year(pooled, round_.number_of_years), strict=True):
        budget = round_.annual_budget_pence
        if given == budget:
            continue
        values = {
            "n": year.number,
            "span": year.span,
            "given": format_pence(given),
            "budget": format_pence(budget),
            "difference": format_pence(abs(budget - given)),
        }
        if given < budget:
            text = _(
                "In year %(n)d (%(span)s), pooled sources give %(given)s but the round's budget is %(budget)s: "
                "%(difference)s short."
            )
        else:
            text = _(
                "In year %(n)d (%(span)s), pooled sources give %(given)s but the round's budget is %(budget)s: "
                "%(difference)s more than the budget."
            )
        problems.append(text % values)
    return problems


class Basis:
    """Where a summary's available money comes from."""

    POOLED = "pooled"
    BUDGET = "budget"
    SPECIFICATION = "specification"


@dataclass(frozen=True)
class SummaryYear:
    """One year of a budget summary, in pence. Left is what is available less what is allocated (money is
    committed by a contract only once allocated to its decision)."""

    year: FundingYear
    available_pence: int
    allocated_pence: int
    committed_pence: int

    @property
    def left_pence(self):
        return self.available_pence - self.allocated_pence

    @property
    def is_over(self):
        return self.left_pence < 0


@dataclass(frozen=True)
class AlignedSource:
    """An agency's aligned money: it keeps and spends it against the round's outcomes."""

    organisation: Organisation
    amounts: list  # pence in each year of the round

    @property
    def total_pence(self):
        return sum(self.amounts)

    @property
    def total_display(self):
        """'£750,000 over three years'."""
        return over_years(self.total_pence, len(self.amounts))


@dataclass
class BudgetSummary:
    """The money per year of a round (or of one specification): available, allocated, committed and left,
    with the aligned money beside it."""

    basis: str
    years: list
    aligned: list = field(default_factory=list)  # AlignedSource, for the round's own summary
    pooled_agencies: list = field(default_factory=list)
    specification: object = None

    @property
    def totals(self):
        return SummaryYear(
            year=None,
            available_pence=sum(row.available_pence for row in self.years),
            allocated_pence=sum(row.allocated_pence for row in self.years),
            committed_pence=sum(row.committed_pence for row in self.years),
        )

    @property
    def aligned_years(self):
        """(FundingYear, pence) of all aligned money each year."""
        return [
            (row.year, sum(source.amounts[index] for source in self.aligned)) for index, row in enumerate(self.years)
        ]

    @property
    def basis_text(self):
        if self.basis == Basis.POOLED:
            return _("Available: the pooled funding sources (%(agencies)s).") % {
                "agencies": ", ".join(str(org) for org in self.pooled_agencies)
            }
        if self.basis == Basis.SPECIFICATION:
            return _("Available: the specification's maximum allocation.")
        return _("Available: the round's budget. No pooled funding source is recorded yet.")


def budget_summary(round_, *, specification=None, sources=None):
    """The budget summary of ``round_`` or, with ``specification``, of that specification alone (its maximum
    allocation available, and only its proposals' money). A constant number of queries: one for the
    sources (none when ``sources`` are given) and what the registered sources of money use read."""
    number_of_years = round_.number_of_years
    allocated = registry.money_used(round_, "allocated", specification)
    committed = registry.money_used(round_, "committed", specification)
    aligned, pooled_agencies = [], []
    if specification is not None:
        basis = Basis.SPECIFICATION
        available = specification.allocations_in_round(number_of_years)
    else:
        sources = list(funding_sources(round_) if sources is None else sources)
        pooled = [source for source in sources if source.kind == FundingKind.POOLED]
        aligned = [
            AlignedSource(source.organisation, _per_year([source], number_of_years))
            for source in sources
            if source.kind == FundingKind.ALIGNED
        ]
        if pooled:
            basis = Basis.POOLED
            available = _per_year(pooled, number_of_years)
            pooled_agencies = [source.organisation for source in pooled]
        else:
            basis = Basis.BUDGET
            available = [round_.annual_budget_pence] * number_of_years
    years = [
        SummaryYear(
            year=year,
            available_pence=int(available[year.number - 1] or 0) if year.number <= len(available) else 0,
            allocated_pence=int(allocated.get(year.number, 0)),
            committed_pence=int(committed.get(year.number, 0)),
        )
        for year in round_.years
    ]
    return BudgetSummary(
        basis=basis, years=years, aligned=aligned, pooled_agencies=pooled_agencies, specification=specification
    )
