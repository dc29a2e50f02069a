"""The budget section: a table of year × organisation × cost category, in pounds.

Its totals are worked out on the page by ``static/js/budget.js`` as the person types, and on the
server from the same cells; each save is recorded in the audit trail with what is asked each year.
A budget over the specification's maximum still saves (a draft always does), and the page says, for
each year and in all, the maximum, what is asked and how much is over it.
"""

from django.utils.translation import gettext as _

from proposals.writing.enums import CostCategory, Section
from proposals.writing.forms_budget import BudgetForm
from proposals.writing.views.sections import SectionPage, register


@register
class BudgetPage(SectionPage):
    section = Section.BUDGET
    form_classes = {"form": BudgetForm}
    template_name = "proposals/writing/sections/budget.html"
    content_template = "proposals/writing/content/budget.html"
    live_template = "proposals/writing/_budget_allocation.html"
    audit_action = "proposal.budget_saved"
    wide = True

    def audit_after(self, forms):
        return forms["form"].audit_after()

    def get_context(self, forms):
        form = forms.get("form") or BudgetForm(proposal=self.proposal)
        return {
            "budget_form": form,
            "budget_table": form.table(),
            "categories": list(CostCategory),
            "number_of_years": self.proposal.round.number_of_years,
            "budget_hint": _(
                "Enter amounts in pounds, like 12,500 or 1250.50; leave a cell blank for nothing. "
                "You can save a budget over the maximum while you work on it, but you cannot submit it."
            ),
        }
