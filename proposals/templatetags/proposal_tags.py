"""Template filters for reading a proposal: its budget as a table with its totals, its figures and its indicators."""

from decimal import Decimal, InvalidOperation

from django import template

from proposals.writing.forms_budget import BudgetForm

register = template.Library()


@register.filter
def budget_table(proposal):
    """The saved budget of ``proposal`` as the budget page shows it (a BudgetTable), from the rows
    already loaded with the proposal (see ``completeness.PREFETCH``)."""
    return BudgetForm(proposal=proposal).table()


@register.filter
def figure(value):
    """A Decimal without trailing zeros or an exponent: 10.500 -> '10.5', 10.000 -> '10'; blank -> '–'."""
    if value is None or value == "":
        return "–"
    try:
        return format(Decimal(value).normalize(), "f")
    except (InvalidOperation, TypeError, ValueError):
        return str(value)


@register.filter
def indicator_rows(proposal, indicators):
    """(indicator, baseline or None) for each of ``indicators``, from the proposal's loaded baselines."""
    baselines = {baseline.indicator_id: baseline for baseline in proposal.indicator_baselines.all()}
    return [(indicator, baselines.get(indicator.pk)) for indicator in indicators]
