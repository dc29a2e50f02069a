"""The round's budget against the specifications' maximum allocations, year by year.

A draft is the sub-group's working copy: it always saves, and counts against nothing. The
budget is enforced when a specification is submitted, approved, or amended after publication,
against what the round's other submitted, approved and published specifications allocate.
Each check runs with the round row locked (``lock_round``), so that two officers acting at
once cannot together go over. Amounts kept for years beyond the round's end (the round was
shortened) are never counted.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commissioning.common.errors import BudgetExceeded
from commissioning.common.money import FundingYear, a_year, format_pence
from commissioning.rounds.models import Round
from priorities.specifications.enums import SpecificationState
from priorities.specifications.models import Specification

# The states whose allocations hold part of the round's budget.
COUNTED_STATES = (
    SpecificationState.SUBMITTED,
    SpecificationState.APPROVED,
    SpecificationState.PUBLISHED,
    SpecificationState.AMENDED,
)


@dataclass(frozen=True)
class BudgetYear:
    """One year of the round: its budget, what other specifications already hold, and what is left."""

    year: FundingYear
    budget_pence: int
    allocated_pence: int

    @property
    def left_pence(self):
        return self.budget_pence - self.allocated_pence

    @property
    def is_over(self):
        return self.left_pence < 0

    @property
    def sentence(self):
        """'Year 1 (2027 to 2028): a budget of £1,000,000, of which other specifications hold £700,000;
        £300,000 left.'"""
        values = {
            "year": self.year.label,
            "budget": format_pence(self.budget_pence),
            "held": format_pence(self.allocated_pence),
            "left": format_pence(abs(self.left_pence)),
        }
        if self.is_over:
            return (
                _("%(year)s: a budget of %(budget)s, of which other specifications hold %(held)s; %(left)s over.")
                % values
            )
        return (
            _("%(year)s: a budget of %(budget)s, of which other specifications hold %(held)s; %(left)s left.") % values
        )


def lock_round(round_id):
    """The round, its row locked until the transaction ends: budget checks run one at a time."""
    return Round.objects.select_for_update().get(pk=round_id)


def allocated(round_, *, excluding=None, number_of_years=None):
    """What the round's counted specifications (less ``excluding``, a primary key) hold, per year of the round.

    One query, however many specifications. ``number_of_years`` counts as if the round had that many.
    """
    number_of_years = round_.number_of_years if number_of_years is None else number_of_years
    specs = Specification.objects.filter(round_id=round_.pk, state__in=COUNTED_STATES)
    if excluding is not None:
        specs = specs.exclude(pk=excluding)
    totals = [0] * number_of_years
    for amounts in specs.values_list("allocations_pence", flat=True):
        for index, amount in enumerate((amounts or [])[:number_of_years]):
            totals[index] += int(amount or 0)
    return totals


def budget_years(round_, *, excluding=None):
    """A BudgetYear for each year of the round, for the edit page (one query)."""
    return [
        BudgetYear(year=year, budget_pence=round_.annual_budget_pence, allocated_pence=held)
        for year, held in zip(round_.years, allocated(round_, excluding=excluding), strict=True)
    ]


def over_budget(round_, allocations, *, excluding=None):
    """The years in which ``allocations`` with the other counted specifications exceed the budget,
    as sentences naming the year and the amount over (empty when within budget)."""
    problems = []
    for year, held, amount in zip(round_.years, allocated(round_, excluding=excluding), allocations, strict=False):
        over = held + amount - round_.annual_budget_pence
        if over > 0:
            problems.append(
                _(
                    "%(year)s would be %(over)s over the round's budget of %(budget)s. Other specifications "
                    "already hold %(held)s that year, so this one can have at most %(room)s that year."
                )
                % {
                    "year": year.label,
                    "over": format_pence(over),
                    "budget": a_year(round_.annual_budget_pence),
                    "held": format_pence(held),
                    "room": format_pence(max(round_.annual_budget_pence - held, 0)),
                }
            )
    return problems


def check_budget(round_, spec):
    """Refuse ``spec`` if its allocations, with the round's other counted specifications, exceed the
    budget in any year. Call inside a transaction with the round locked (``lock_round``).

    Raises BudgetExceeded, whose details name each year and the amount over.
    """
    problems = over_budget(round_, spec.allocations_in_round(round_.number_of_years), excluding=spec.pk)
    if problems:
        raise BudgetExceeded(
            ngettext(
                "The maximum allocation is over the round's budget in %(n)d year.",
                "The maximum allocation is over the round's budget in %(n)d years.",
                len(problems),
            )
            % {"n": len(problems)},
            details=problems,
        )


def round_change_refusals(round_):
    """Why the round cannot take its new budget or number of years (``round_`` holds the new values,
    not yet saved): a year in which the counted specifications already hold more than the new budget,
    or a year the round would lose while they hold money in it."""
    held = allocated(round_, number_of_years=10)  # the most years a round can have
    years = {year.number: year for year in round_.years}
    reasons = []
    for number, amount in enumerate(held, start=1):
        if not amount:
            continue
        year = years.get(number)
        if year is None:
            reasons.append(
                ngettext(
                    "The round cannot be shortened to %(n)d year: its specifications already allocate %(held)s.",
                    "The round cannot be shortened to %(n)d years: its specifications already allocate %(held)s.",
                    round_.number_of_years,
                )
                % {
                    "n": round_.number_of_years,
                    "held": _("%(amount)s in year %(number)d") % {"amount": format_pence(amount), "number": number},
                }
            )
        elif amount > round_.annual_budget_pence:
            reasons.append(
                _("%(year)s: the specifications already allocate %(held)s, %(over)s more than a budget of %(budget)s.")
                % {
                    "year": year.label,
                    "held": format_pence(amount),
                    "over": format_pence(amount - round_.annual_budget_pence),
                    "budget": a_year(round_.annual_budget_pence),
                }
            )
    return reasons
