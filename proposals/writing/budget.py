"""A proposal's budget: amounts in pence per year, partner and cost category, and the check
against the specification's maximum allocation per year and in total. Pure computations on rows
already loaded, so that the page and the server total the same way."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from commissioning.common.money import format_pence, in_year, over_years
from proposals.writing.enums import CostCategory


@dataclass(frozen=True)
class BudgetTotals:
    """Totals of a budget: per year, per (year, partner), per (year, category), and overall."""

    per_year: list
    per_partner_year: dict
    per_category_year: dict
    total: int

    def year(self, number):
        return self.per_year[number - 1]


def totals(lines, number_of_years):
    """The totals of ``lines`` (BudgetLine rows, or (partner_id, year, category, pence) tuples)
    within the round's years; amounts for years beyond them are not counted."""
    per_year = [0] * number_of_years
    per_partner_year = defaultdict(int)
    per_category_year = defaultdict(int)
    for line in lines:
        if isinstance(line, tuple):
            partner_id, year, category, pence = line
        else:
            partner_id, year, category, pence = line.partner_id, line.year, line.category, line.amount_pence
        if not 1 <= year <= number_of_years:
            continue
        per_year[year - 1] += pence
        per_partner_year[(partner_id, year)] += pence
        per_category_year[(str(category), year)] += pence
    return BudgetTotals(
        per_year=per_year,
        per_partner_year=dict(per_partner_year),
        per_category_year=dict(per_category_year),
        total=sum(per_year),
    )


def allocation_problems(specification, per_year):
    """Sentences naming each year (and the total) in which ``per_year`` (pence, one per year of the
    round) asks for more than the specification's maximum allocation; empty when within it."""
    round_ = specification.round
    maxima = specification.allocations_in_round(round_.number_of_years)
    problems = []
    for year, asked, maximum in zip(round_.years, per_year, maxima, strict=False):
        if asked > maximum:
            problems.append(
                _("%(asked)s is %(over)s over the maximum allocation of %(maximum)s.")
                % {
                    "asked": in_year(asked, year),
                    "over": format_pence(asked - maximum),
                    "maximum": in_year(maximum, year),
                }
            )
    asked_total, maximum_total = sum(per_year), sum(maxima)
    if asked_total > maximum_total:
        problems.append(
            _("The total of %(asked)s is %(over)s over the maximum allocation of %(maximum)s.")
            % {
                "asked": over_years(asked_total, round_.number_of_years),
                "over": format_pence(asked_total - maximum_total),
                "maximum": over_years(maximum_total, round_.number_of_years),
            }
        )
    return problems


CATEGORIES = list(CostCategory)
