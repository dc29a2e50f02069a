"""The sections written as rows: milestones and outputs, and risks.

Each page holds formsets; "Add another" (a submit button, so it works without JavaScript) brings
the page back with what was typed and one more blank row, saving nothing until Save.
"""

from django.utils.translation import gettext_lazy as _

from proposals.writing.enums import Section
from proposals.writing.forms_plan import MilestoneFormSet, OutputFormSet, RiskFormSet, rows_formset
from proposals.writing.saving import write_milestones, write_outputs, write_risks
from proposals.writing.views.sections import SectionPage, register


class RowsPage(SectionPage):
    """A section made of formsets: ``formsets`` maps a prefix to (formset class, rows of the proposal)."""

    def formsets(self):
        raise NotImplementedError

    def build_forms(self, data=None, files=None):
        formsets = self.formsets()
        pressed = {prefix for prefix in formsets if data is not None and f"add-{prefix}" in data}
        return {
            prefix: rows_formset(
                formset_class,
                prefix=prefix,
                rows=rows,
                data=data,
                files=files,
                retype=bool(pressed),
                add=prefix in pressed,
            )
            for prefix, (formset_class, rows) in formsets.items()
        }

    # prefix -> (heading, a row's legend with %(n)d, the "Add another" button)
    labels = {}

    def get_context(self, forms):
        groups = []
        for prefix, formset in forms.items():
            heading, legend, add_label = self.labels[prefix]
            rows = [(legend % {"n": number}, form) for number, form in enumerate(formset.forms, start=1)]
            groups.append(
                {"prefix": prefix, "formset": formset, "heading": heading, "rows": rows, "add_label": add_label}
            )
        return {"row_groups": groups}


@register
class MilestonesPage(RowsPage):
    section = Section.MILESTONES
    template_name = "proposals/writing/sections/rows.html"
    content_template = "proposals/writing/content/milestones.html"
    labels = {
        "milestone": (_("Key milestones"), _("Milestone %(n)d"), _("Add another milestone")),
        "output": (_("Outputs"), _("Output %(n)d"), _("Add another output")),
    }

    def formsets(self):
        proposal = self.proposal
        return {
            "milestone": (
                MilestoneFormSet,
                [{"description": row.description, "month": row.month} for row in proposal.milestones.all()],
            ),
            "output": (
                OutputFormSet,
                [{"description": row.description, "quantity": row.quantity} for row in proposal.outputs.all()],
            ),
        }

    def apply(self, forms, locked):
        write_milestones(locked, forms["milestone"].rows())
        write_outputs(locked, forms["output"].rows())


@register
class RisksPage(RowsPage):
    section = Section.RISKS
    template_name = "proposals/writing/sections/rows.html"
    content_template = "proposals/writing/content/risks.html"
    labels = {"risk": (_("The main risks"), _("Risk %(n)d"), _("Add another risk"))}

    def formsets(self):
        return {
            "risk": (
                RiskFormSet,
                [
                    {
                        "description": row.description,
                        "likelihood": row.likelihood,
                        "impact": row.impact,
                        "mitigation": row.mitigation,
                    }
                    for row in self.proposal.risks.all()
                ],
            )
        }

    def apply(self, forms, locked):
        write_risks(locked, forms["risk"].rows())
