"""The forms of decisions: the decision on a proposal (its kind, reasons, feedback, the amount a year,
which funding source pays how much, the conditions with their dates) and who approves the round's
decisions."""

from crispy_forms_gds.layout import Fieldset, Layout, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commissioning.common.forms import DateInputField, GDSFormMixin, PoundsField
from commissioning.common.money import format_pence, pence_to_pounds
from panels.decisions.enums import ApproverKind, DecisionKind, DecisionStatus
from panels.decisions.services import Condition

BLANK_CONDITIONS = 2  # empty rows offered beside the conditions already recorded


class DecisionForm(GDSFormMixin, forms.Form):
    """``years``: the round's FundingYears; ``requested``: pence a year asked for; ``sources``: the
    round's funding sources; ``decision``: the current decision, or None."""

    submit_label = gettext_lazy("Save the decision")

    kind = forms.ChoiceField(label=gettext_lazy("Decision"), choices=DecisionKind.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=gettext_lazy("Reasons"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for the proposer"),
        help_text=gettext_lazy("The proposer reads this once the decision is approved."),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, years, requested, sources, decision=None, **kwargs):
        self.years, self.requested, self.sources, self.decision = list(years), list(requested), list(sources), decision
        existing = list(decision.conditions.all()) if decision is not None else []
        self.condition_rows = len(existing) + BLANK_CONDITIONS
        kwargs["initial"] = {**self._initial(decision, existing), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        layout = [Fieldset("kind", "reasons", "feedback", legend=_("The decision"), legend_size=Size.MEDIUM)]
        if decision is not None and decision.status == DecisionStatus.APPROVED:
            self.fields["change_reason"] = forms.CharField(
                label=_("Reason for changing the approved decision"),
                help_text=_("The changed decision is a new version and needs a new approval."),
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            layout.insert(0, Fieldset("change_reason", legend=_("The change"), legend_size=Size.MEDIUM))
        amount_names = []
        for year, asked in zip(self.years, self.requested, strict=True):
            name = f"amount_{year.number}"
            self.fields[name] = PoundsField(
                label=_("%(year)s (£)") % {"year": year.label},
                help_text=_("Requested: %(amount)s. The amount funded may be less.") % {"amount": format_pence(asked)},
                required=False,
                min_value=0,
                error_messages={"min_value": _("Enter £0 or more.")},
            )
            self.fields[name].error_name = _("the amount funded in year %(n)d") % {"n": year.number}
            amount_names.append(name)
        layout.append(Fieldset(*amount_names, legend=_("Amount funded in each year"), legend_size=Size.MEDIUM))
        for year in self.years:
            names = []
            for source in self.sources:
                name = f"source_{source.pk}_{year.number}"
                self.fields[name] = PoundsField(
                    label=_("%(source)s (£)") % {"source": source},
                    help_text=_("Up to %(amount)s in this year.")
                    % {"amount": format_pence(source.amount_in_year(year.number))},
                    required=False,
                    min_value=0,
                    error_messages={"min_value": _("Enter £0 or more.")},
                )
                self.fields[name].error_name = _("what %(source)s pays in year %(n)d") % {
                    "source": source.organisation.name,
                    "n": year.number,
                }
                names.append(name)
            if names:
                layout.append(
                    Fieldset(
                        *names,
                        legend=_("Who pays in %(year)s") % {"year": year.label},
                        legend_size=Size.SMALL,
                    )
                )
        condition_names = []
        for index in range(self.condition_rows):
            text, due = f"condition_{index}_text", f"condition_{index}_due"
            self.fields[text] = forms.CharField(
                label=_("Condition %(n)d") % {"n": index + 1},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[due] = DateInputField(
                label=_("Condition %(n)d must be met by") % {"n": index + 1}, required=False
            )
            condition_names += [text, due]
        layout.append(
            Fieldset(
                *condition_names,
                legend=_("Conditions (when funding with conditions)"),
                legend_size=Size.MEDIUM,
            )
        )
        self.helper.layout = Layout(*layout)

    def _initial(self, decision, existing):
        if decision is None:
            initial = {
                f"amount_{year.number}": pence_to_pounds(asked)
                for year, asked in zip(self.years, self.requested, strict=True)
            }
            if len(self.sources) == 1:
                source = self.sources[0]
                initial.update(
                    {
                        f"source_{source.pk}_{year.number}": pence_to_pounds(asked)
                        for year, asked in zip(self.years, self.requested, strict=True)
                    }
                )
            return initial
        initial = {"kind": decision.kind, "reasons": decision.reasons, "feedback": decision.feedback}
        amounts = decision.amounts_pence or self.requested
        for year in self.years:
            initial[f"amount_{year.number}"] = (
                pence_to_pounds(int(amounts[year.number - 1] or 0)) if year.number <= len(amounts) else None
            )
        for funding in decision.funding.all():
            initial[f"source_{funding.source_id}_{funding.year}"] = pence_to_pounds(funding.amount_pence)
        for index, condition in enumerate(existing):
            initial[f"condition_{index}_text"] = condition.text
            initial[f"condition_{index}_due"] = condition.due_date
        return initial

    @property
    def funded(self):
        return self.cleaned_data.get("kind") in (DecisionKind.FUND, DecisionKind.FUND_WITH_CONDITIONS)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in (DecisionKind.FUND, DecisionKind.FUND_WITH_CONDITIONS):
            self._clean_amounts(cleaned)
        rows = self._clean_conditions(cleaned)
        if kind == DecisionKind.FUND_WITH_CONDITIONS and not rows and not self.errors:
            self.add_error(
                "condition_0_text", _("Enter at least one condition, with the date by which it must be met.")
            )
        return cleaned

    def _clean_amounts(self, cleaned):
        for year in self.years:
            name = f"amount_{year.number}"
            if name not in self.errors and cleaned.get(name) is None:
                self.add_error(name, _("Enter the amount funded in year %(n)d.") % {"n": year.number})
        if not self.errors and not sum(cleaned.get(f"amount_{year.number}") or 0 for year in self.years):
            self.add_error(f"amount_{self.years[0].number}", _("Enter an amount funded in at least one year."))

    def _clean_conditions(self, cleaned):
        """Check each condition row (a text needs its date and a date its text); the number of conditions."""
        today = timezone.localdate()
        rows = 0
        for index in range(self.condition_rows):
            text_name, due_name = f"condition_{index}_text", f"condition_{index}_due"
            text, due = (cleaned.get(text_name) or "").strip(), cleaned.get(due_name)
            if due_name in self.errors:
                continue
            if text and due is None:
                self.add_error(due_name, _("Enter the date by which condition %(n)d must be met.") % {"n": index + 1})
            elif due is not None and not text:
                self.add_error(text_name, _("Enter condition %(n)d, or clear its date.") % {"n": index + 1})
            elif due is not None and due < today:
                self.add_error(due_name, _("The date for condition %(n)d must be today or later.") % {"n": index + 1})
            elif text:
                rows += 1
        return rows

    def amounts(self):
        return [self.cleaned_data.get(f"amount_{year.number}") or 0 for year in self.years]

    def funding(self):
        return {
            (source.pk, year.number): self.cleaned_data.get(f"source_{source.pk}_{year.number}") or 0
            for source in self.sources
            for year in self.years
        }

    def conditions(self):
        found = []
        for index in range(self.condition_rows):
            text = (self.cleaned_data.get(f"condition_{index}_text") or "").strip()
            if text:
                found.append(Condition(text=text, due_date=self.cleaned_data[f"condition_{index}_due"]))
        return found


class ApproveForm(GDSFormMixin, forms.Form):
    submit_label = gettext_lazy("Approve the decision")


class SettingsForm(GDSFormMixin, forms.Form):
    submit_label = gettext_lazy("Save who approves")

    approver_kind = forms.ChoiceField(
        label=gettext_lazy("Who approves the round's decisions"), choices=ApproverKind.choices, widget=forms.RadioSelect
    )
    board_chair = forms.ModelChoiceField(
        label=gettext_lazy("Chair of the board"),
        help_text=gettext_lazy(
            "Needed when the chair of the board approves. Only the round's board members are listed."
        ),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Choose a board member"),
    )

    def __init__(self, *args, board_members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board_chair"].queryset = board_members
        self.fields["board_chair"].label_from_instance = lambda user: user.full_name or user.email
        self.fields["board_chair"].error_messages["invalid_choice"] = _("Choose one of the round's board members.")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("approver_kind") == ApproverKind.BOARD_CHAIR
            and not cleaned.get("board_chair")
            and not self.errors
        ):
            self.add_error("board_chair", _("Choose the chair of the board."))
        return cleaned
