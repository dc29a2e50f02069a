"""The activity's plan as rows: key milestones (with their month), outputs (with how many), and the
main risks (likelihood, impact and mitigation).

Each kind is a formset. A row left wholly blank is ignored and a row marked "Remove" is dropped,
so a save writes exactly the rows left. Without JavaScript, "Add another" posts the page, which
comes back with what was typed and one more blank row (nothing saved until Save).
"""

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from proposals.writing.enums import Level
from proposals.writing.models import MAX_MONTH

MAX_ROWS = 50


class RowForm(GDSFormMixin, forms.Form):
    """One row of a formset: fields only (the section page draws the form element and its buttons)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.inputs = []


class MilestoneForm(RowForm):
    description = forms.CharField(label=_("Milestone"), max_length=300)
    month = forms.IntegerField(
        label=_("Month"),
        min_value=1,
        max_value=MAX_MONTH,
        help_text=_("Counted from the start of the activity: month 1 is its first month."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    error_names = {"description": _("the milestone"), "month": _("the month of the milestone")}


class OutputForm(RowForm):
    description = forms.CharField(label=_("Output"), max_length=300)
    quantity = forms.IntegerField(
        label=_("How many"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
    )
    error_names = {"description": _("the output"), "quantity": _("how many of the output")}


class RiskForm(RowForm):
    description = forms.CharField(label=_("Risk"), max_length=500)
    likelihood = forms.ChoiceField(label=_("Likelihood"), choices=Level.choices, widget=forms.RadioSelect)
    impact = forms.ChoiceField(label=_("Impact"), choices=Level.choices, widget=forms.RadioSelect)
    mitigation = forms.CharField(
        label=_("Mitigation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you will do to make it less likely, or to lessen its impact."),
    )
    error_names = {
        "description": _("the risk"),
        "likelihood": _("the likelihood of the risk"),
        "impact": _("the impact of the risk"),
        "mitigation": _("the mitigation of the risk"),
    }


class RowFormSet(BaseFormSet):
    """Rows where a wholly blank row is ignored (every row may stay empty) and "Remove" drops one."""

    remove_label = _("Remove this row")

    def _construct_form(self, i, **kwargs):
        kwargs.setdefault("empty_permitted", True)
        return super()._construct_form(i, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = self.remove_label

    def rows(self):
        """The cleaned rows kept: neither blank nor removed, in the order typed."""
        return [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def typed_rows(self):
        """What was typed in each row not marked "Remove", as the page posted it (even when not valid)."""
        rows = []
        for form in self.forms:
            if form.data.get(form.add_prefix("DELETE")):
                continue
            values = {}
            for name, field in form.fields.items():
                if name == "DELETE":
                    continue
                values[name] = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
            if any(str(value or "").strip() for value in values.values()):
                rows.append(values)
        return rows


def _formset(form, remove_label):
    klass = formset_factory(
        form,
        formset=RowFormSet,
        extra=0,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )
    klass.remove_label = remove_label
    return klass


MilestoneFormSet = _formset(MilestoneForm, _("Remove this milestone"))
OutputFormSet = _formset(OutputForm, _("Remove this output"))
RiskFormSet = _formset(RiskForm, _("Remove this risk"))


def rows_formset(formset_class, *, prefix, rows, data=None, files=None, retype=False, add=False):
    """The formset of ``rows`` (dicts): bound to ``data`` when posted, else showing ``rows``.

    With ``retype`` (an "Add another" button was pressed), the posted rows come back unbound, as
    typed, without messages; ``add`` gives this formset one blank row more. An empty list shows
    one blank row to start from."""
    if data is not None and not retype:
        return formset_class(data=data, files=files, prefix=prefix)
    if data is not None:
        rows = formset_class(data=data, files=files, prefix=prefix).typed_rows()
    formset = formset_class(initial=rows[:MAX_ROWS] or None, prefix=prefix)
    if (add or not rows) and len(rows) < MAX_ROWS:
        formset.extra = 1
    return formset
