"""The form of a funding source: the agency, pooled or aligned, and the amount in each year of the round."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Fieldset, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin, PoundsField
from commissioning.common.money import pence_to_pounds
from commissioning.funding.models import FUNDING_KIND_HELP, FundingKind
from commissioning.funding.selectors import agency_choices
from commissioning.organisations.models import Organisation


class FundingSourceForm(GDSFormMixin, forms.Form):
    """A source's fields; ``source`` (when changing one) fills them in."""

    error_names = {"organisation": _("the contributing agency"), "kind": _("whether the money is pooled or aligned")}

    organisation = forms.ModelChoiceField(
        label=_("Contributing agency"),
        queryset=Organisation.objects.all(),
        help_text=_("The partnership's organisations come first. An agency not listed must be registered first."),
    )
    kind = forms.ChoiceField(
        label=_("Pooled or aligned"),
        choices=[Choice(kind.value, kind.label, hint=FUNDING_KIND_HELP[kind]) for kind in FundingKind],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        help_text=_("For example, the agreement the money comes under."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, round_, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        partnership, others = agency_choices(round_)
        groups = [
            (_("The partnership's organisations"), [(org.pk, str(org)) for org in partnership]),
            (_("Other registered organisations"), [(org.pk, str(org)) for org in others]),
        ]
        self.fields["organisation"].choices = [("", _("Choose an agency")), *[g for g in groups if g[1]]]
        self.year_fields = []
        for year in round_.years:
            name = f"amount_year_{year.number}"
            self.fields[name] = PoundsField(label=_("%(year)s (£)") % {"year": year.label}, required=False, min_value=0)
            self.year_fields.append(name)
        if source is not None and not self.is_bound:
            self.initial.update(organisation=source.organisation_id, kind=source.kind, note=source.note)
            for number, name in enumerate(self.year_fields, start=1):
                self.initial[name] = pence_to_pounds(source.amount_in_year(number))
        self.helper.layout = Layout(
            "organisation",
            "kind",
            Fieldset(
                *self.year_fields,
                legend=_("The amount in each year of the round"),
                legend_size=Size.MEDIUM,
            ),
            "note",
        )

    def clean(self):
        cleaned = super().clean()
        typed = self.year_fields and not any(self.errors.get(name) for name in self.year_fields)
        if typed and not any(cleaned.get(name) for name in self.year_fields):
            self.add_error(self.year_fields[0], _("Enter the amount the agency gives in at least one year"))
        return cleaned

    def service_fields(self):
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "kind": data["kind"],
            "note": data.get("note") or "",
            "amounts_pence": [data.get(name) or 0 for name in self.year_fields],
        }
