"""Forms of the strategic plan: outcomes and their indicators, edited by officers."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from commissioning.plan.models import Indicator, StrategicOutcome
from commissioning.plan.services import INDICATOR_FIELDS
from commissioning.plan.validators import check_baseline_and_target

_CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9._-]+$", _("Use only letters, numbers, dots, hyphens and underscores, with no spaces.")
)


class OutcomeForm(GDSFormMixin, forms.ModelForm):
    """An outcome of the strategic plan; the partnership is set by the view."""

    error_names = {"code": _("the outcome's code"), "title": _("the outcome's title")}

    class Meta:
        model = StrategicOutcome
        fields = ["code", "title", "description"]
        help_texts = {"code": _("A short code, for example O1. Indicator and issue files refer to it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].validators.append(_CODE_VALIDATOR)
        self.fields["code"].widget.attrs.update({"spellcheck": "false", "autocapitalize": "characters"})
        self.fields["description"].widget.attrs["rows"] = 3

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def validate_unique(self):
        # The service checks the code against the plan's other outcomes, case-insensitively.
        pass


class IndicatorForm(GDSFormMixin, forms.ModelForm):
    error_names = {"code": _("the indicator's code"), "name": _("the indicator's name"), "outcome": _("the outcome")}
    higher_is_better = forms.TypedChoiceField(
        label=_("Which direction is better?"),
        choices=[("True", _("A higher value is better")), ("False", _("A lower value is better"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether a higher or a lower value is better")},
    )

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        help_texts = {
            "code": _("A short code, unique in the plan, for example WK1. Readings files refer to it."),
            "baseline_date": _("For example, 31 3 2025"),
            "target_date": _("For example, 31 3 2030"),
            "source": _("For example: DWP benefit claimants, Office for National Statistics"),
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = StrategicOutcome.objects.filter(partnership=round_.partnership_id)
        self.fields["outcome"].empty_label = None
        self.fields["code"].validators.append(_CODE_VALIDATOR)
        self.fields["code"].widget.attrs.update({"spellcheck": "false", "autocapitalize": "characters"})
        for name in ("baseline_value", "target_value"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
        if self.instance.pk:
            self.initial["higher_is_better"] = str(self.instance.higher_is_better)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        for name, message in check_baseline_and_target(cleaned):
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def validate_unique(self):
        # The service checks the code against the whole plan, case-insensitively.
        pass
