"""Template filters for reading a proposal: its budget as a table with its totals."""

from django import template

register = template.Library()


@register.filter
def budget_table(proposal):
    """The saved budget of ``proposal`` as the budget page shows it (a BudgetTable), from the rows
    already loaded with the proposal (see ``completeness.PREFETCH``)."""
    from proposals.writing.forms_budget import BudgetForm  # noqa: PLC0415 -- template libraries load before the apps

    return BudgetForm(proposal=proposal).table()
