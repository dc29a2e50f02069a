"""Forms of contracts: a draft's terms (value per year and dates), its rows as formsets (conditions,
milestones, outputs, instalments), its indicators' baselines and targets, acceptance and a variation's reason.

Money is typed in pounds and cleaned to pence (PoundsField); every page keeps what was typed on error."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import DateInputField, GDSFormMixin, PoundsField
from proposals.writing.forms_plan import MAX_ROWS, RowForm, RowFormSet, rows_formset

__all__ = ["rows_formset"]

MONEY_INPUT = {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}


class TermsForm(GDSFormMixin, forms.Form):
    """The value in each year and the contract's dates."""

    start_date = DateInputField(label=_("Start date"))
    end_date = DateInputField(label=_("End date"))

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        for year in years:
            self.fields[f"amount_{year.number}"] = PoundsField(
                label=_("Value in %(year)s") % {"year": year.label},
                min_value=Decimal("0"),
                widget=forms.TextInput(attrs=MONEY_INPUT),
            )
        self.years = years
        self.order_fields([f"amount_{year.number}" for year in years] + ["start_date", "end_date"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return data

    def amounts(self):
        return [self.cleaned_data[f"amount_{year.number}"] for year in self.years]


class ConditionForm(RowForm):
    text = forms.CharField(label=_("Condition"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    due_date = DateInputField(label=_("Must be met by"))
    error_names = {"text": _("the condition"), "due_date": _("the date the condition must be met by")}


class MilestoneForm(RowForm):
    description = forms.CharField(label=_("Milestone"), max_length=300)
    due_date = DateInputField(label=_("Due by"))
    error_names = {"description": _("the milestone"), "due_date": _("the milestone's due date")}


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


class InstalmentForm(RowForm):
    year = forms.IntegerField(
        label=_("Year of the contract"),
        min_value=1,
        max_value=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
    )
    period_start = DateInputField(label=_("Period from"))
    period_end = DateInputField(label=_("Period to"))
    amount_pence = PoundsField(label=_("Amount"), min_value=Decimal("0"), widget=forms.TextInput(attrs=MONEY_INPUT))
    due_date = DateInputField(label=_("Due on"))
    error_names = {
        "year": _("the year of the instalment"),
        "period_start": _("the start of the instalment's period"),
        "period_end": _("the end of the instalment's period"),
        "amount_pence": _("the amount of the instalment"),
        "due_date": _("the instalment's due date"),
    }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must be on or after its start."))
        return data


def _formset(form, remove_label):
    klass = forms.formset_factory(
        form, formset=RowFormSet, extra=0, can_delete=True, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
    )
    klass.remove_label = remove_label
    return klass


FORMSETS = {
    "conditions": _formset(ConditionForm, _("Remove this condition")),
    "milestones": _formset(MilestoneForm, _("Remove this milestone")),
    "outputs": _formset(OutputForm, _("Remove this output")),
    "instalments": _formset(InstalmentForm, _("Remove this instalment")),
}


class IndicatorsForm(GDSFormMixin, forms.Form):
    """Each agreed indicator's baseline and its target in each year."""

    def __init__(self, *args, indicators, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators, self.years = indicators, years
        self.groups = []
        for row in indicators:
            names = [f"baseline_{row.pk}"]
            self.fields[f"baseline_{row.pk}"] = forms.DecimalField(
                label=_("Baseline"),
                required=False,
                max_digits=14,
                decimal_places=3,
                initial=row.baseline_value,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
            )
            for year in years:
                name = f"target_{row.pk}_{year.number}"
                targets = row.targets or []
                initial = targets[year.number - 1] if year.number <= len(targets) else ""
                self.fields[name] = forms.DecimalField(
                    label=_("Target in %(year)s") % {"year": year.label},
                    required=False,
                    max_digits=14,
                    decimal_places=3,
                    initial=initial or None,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
                )
                names.append(name)
            self.groups.append((row, names))

    def bound_groups(self):
        return [(row, [self[name] for name in names]) for row, names in self.groups]

    def error_phrase(self, name):
        kind, pk, *year = name.split("_")
        row = next(row for row in self.indicators if str(row.pk) == pk)
        if kind == "baseline":
            return str(_("the baseline of “%(name)s”") % {"name": row.indicator.name})
        return str(_("the target of “%(name)s” in year %(n)s") % {"name": row.indicator.name, "n": year[0]})

    def rows(self):
        return [
            {
                "pk": row.pk,
                "baseline_value": self.cleaned_data.get(f"baseline_{row.pk}"),
                "baseline_date": row.baseline_date,
                "targets": [self.cleaned_data.get(f"target_{row.pk}_{year.number}") for year in self.years],
            }
            for row in self.indicators
        ]


class SendForm(GDSFormMixin, forms.Form):
    submit_label = _("Send the contract to the lead")


class TakeBackForm(GDSFormMixin, forms.Form):
    submit_label = _("Take the contract back to change it")
    reason = forms.CharField(
        label=_("Why it is taken back"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit trail. Tell the lead's contact yourself that a corrected version will follow."),
    )


class AcceptForm(GDSFormMixin, forms.Form):
    submit_label = _("Accept the contract")
    confirm = forms.BooleanField(
        label=_("I have read the whole contract and accept it on behalf of the lead organisation"),
        error_messages={"required": _("Confirm that you have read the contract and accept it")},
    )


class VariationForm(GDSFormMixin, forms.Form):
    submit_label = _("Start the variation")
    reason = forms.CharField(
        label=_("Reason for the variation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changes (the value, the dates or the targets) and why. The lead reads it."),
    )
