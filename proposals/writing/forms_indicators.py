"""The indicators section: for each of the specification's plan indicators, the baseline the
proposal starts from (its value, date and source) and a target for each year of the round.

One form per indicator, prefixed ``indicator-<pk>``, so that its inputs are the ids completeness
links to (``id_indicator-12-baseline_value``, ``id_indicator-12-target_2``...).
"""

from crispy_forms_gds.layout import Fieldset, Layout, Size
from django import forms
from django.utils.translation import gettext as _

from commissioning.common.forms import DateInputField
from proposals.writing.forms import SectionForm
from proposals.writing.saving import IndicatorEntry

VALUE_DIGITS, VALUE_PLACES = 14, 3


def _value_field(label, help_text=""):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}),
    )


class IndicatorForm(SectionForm):
    """The proposal's baseline and yearly targets on one indicator (``indicator``)."""

    def __init__(self, *args, proposal, indicator, baseline=None, **kwargs):
        self.indicator = indicator
        years = proposal.round.years
        self.years = years
        kwargs.setdefault("prefix", f"indicator-{indicator.pk}")
        if baseline is not None:
            targets = {target.year: target.value for target in baseline.targets.all()}
            initial = {
                "baseline_value": baseline.baseline_value,
                "baseline_date": baseline.baseline_date,
                "baseline_source": baseline.baseline_source,
            }
            initial.update({f"target_{year.number}": targets.get(year.number) for year in years})
            kwargs.setdefault("initial", initial)
        unit = indicator.unit
        super().__init__(*args, proposal=proposal, **kwargs)
        name = str(indicator)
        self.fields["baseline_value"] = _value_field(
            _("Baseline"), _("In the indicator's unit: %(unit)s") % {"unit": unit} if unit else ""
        )
        self.fields["baseline_date"] = DateInputField(label=_("Date of the baseline"), required=False)
        self.fields["baseline_source"] = forms.CharField(
            label=_("Source of the baseline"),
            required=False,
            max_length=300,
            help_text=_("Where the figure comes from, for example a survey or a published statistic."),
        )
        for year in years:
            self.fields[f"target_{year.number}"] = _value_field(
                _("Target for %(year)s") % {"year": year.label[:1].lower() + year.label[1:]}
            )
        self.error_names = {
            "baseline_value": _("the baseline for %(name)s") % {"name": name},
            "baseline_date": _("the date of the baseline for %(name)s") % {"name": name},
            "baseline_source": _("the source of the baseline for %(name)s") % {"name": name},
            **{
                f"target_{year.number}": _("the target for %(name)s in year %(n)d") % {"name": name, "n": year.number}
                for year in years
            },
        }
        self.helper.layout = Layout(
            Fieldset(
                "baseline_value",
                "baseline_date",
                "baseline_source",
                legend=_("The baseline"),
                legend_size=Size.SMALL,
            ),
            Fieldset(
                *[f"target_{year.number}" for year in years],
                legend=_("Targets, year by year"),
                legend_size=Size.SMALL,
            ),
        )

    def entry(self):
        data = self.cleaned_data
        return IndicatorEntry(
            indicator_id=self.indicator.pk,
            baseline_value=data.get("baseline_value"),
            baseline_date=data.get("baseline_date"),
            baseline_source=data.get("baseline_source") or "",
            targets=tuple(
                (year.number, data.get(f"target_{year.number}"))
                for year in self.years
                if data.get(f"target_{year.number}") is not None
            ),
        )
