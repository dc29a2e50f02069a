"""Forms of the evidence: a candidate issue, linked to the plan."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from commissioning.plan.models import Indicator, StrategicOutcome
from priorities.evidence.models import CandidateIssue


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class CandidateIssueForm(GDSFormMixin, forms.ModelForm):
    error_names = {"name": _("the issue's name"), "outcome": _("the plan outcome")}
    indicators = IndicatorChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The plan's indicators that show this issue's trend. Select all that apply."),
    )

    class Meta:
        model = CandidateIssue
        fields = ["name", "outcome", "description", "indicators"]
        help_texts = {
            "name": _("As residents would recognise it, for example Worklessness"),
            "description": _("A sentence or two for the workshop"),
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = StrategicOutcome.objects.filter(partnership=round_.partnership_id)
        self.fields["outcome"].empty_label = None
        self.fields["indicators"].queryset = Indicator.objects.filter(
            outcome__partnership=round_.partnership_id
        ).order_by("code")
        self.fields["description"].widget.attrs["rows"] = 3

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def validate_unique(self):
        # The service checks the name against the round's other issues, case-insensitively.
        pass

    def _save_m2m(self):
        # The service sets the indicators.
        pass
