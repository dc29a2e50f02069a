"""Forms of the writing area: starting a proposal, and the forms of its sections.

A section's form takes the proposal (``proposal=``) and writes its cleaned data onto the locked
proposal in ``apply_to`` (see ``proposals.writing.views.sections``). The section page draws the
``<form>`` element, its revision and its Save button, so a section's forms render fields only.
Field names follow the completeness checks' ``Problem.field`` (``theme-12``), so that each
problem links to its input (``id_theme-12``).
"""

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from proposals.writing.models import PROPOSAL_TEXT_MAX, Proposal, ThemeResponse


class RevisionForm(forms.Form):
    """The revision of the section the page was made from: a save from an older one is refused."""

    revision = forms.IntegerField(min_value=0, max_value=2**31, widget=forms.HiddenInput)


class SectionForm(GDSFormMixin, forms.Form):
    """One form of a section page: fields only, written onto the locked proposal by ``apply_to``."""

    def __init__(self, *args, proposal, **kwargs):
        self.proposal = proposal
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        self.helper.inputs = []

    def apply_to(self, proposal):
        """Write the cleaned data onto ``proposal`` (locked; saved by the caller) and its rows."""
        raise NotImplementedError


class ProposalFieldsForm(SectionForm):
    """A section made of fields of the proposal itself, named in ``model_fields``."""

    model_fields = ()
    widgets = {}

    def __init__(self, *args, proposal, **kwargs):
        kwargs.setdefault("initial", {name: getattr(proposal, name) for name in self.model_fields})
        super().__init__(*args, proposal=proposal, **kwargs)
        declared = dict(self.fields)
        generated = fields_for_model(Proposal, fields=self.model_fields, widgets=self.widgets)
        self.fields = {name: declared.get(name) or generated[name] for name in self.model_fields}
        self.fields.update({name: field for name, field in declared.items() if name not in self.fields})

    def apply_to(self, proposal):
        for name in self.model_fields:
            setattr(proposal, name, self.cleaned_data[name])


def _textarea(rows=8):
    return forms.Textarea(attrs={"rows": rows})


class StartForm(GDSFormMixin, forms.Form):
    lead_organisation = forms.ModelChoiceField(
        label=_("The lead organisation"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("It handles the finance, the evaluation and the partnership's support."),
    )
    title = forms.CharField(label=_("Title of the activity"), max_length=200)
    submit_label = _("Start the proposal")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = organisations


class ActivityForm(ProposalFieldsForm):
    model_fields = ("title", "activity", "how_outcome", "neighbourhoods")
    widgets = {"activity": _textarea(10), "how_outcome": _textarea(10)}


class EvaluationForm(ProposalFieldsForm):
    model_fields = ("evaluation_plan",)
    widgets = {"evaluation_plan": _textarea(10)}


class ClientGroupForm(ProposalFieldsForm):
    model_fields = ("client_group_involvement", "steering_group_places")
    widgets = {
        "client_group_involvement": _textarea(10),
        "steering_group_places": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    }
    error_names = {"steering_group_places": _("the number of places on the steering group")}


class SponsorForm(ProposalFieldsForm):
    model_fields = ("sponsor_contact_name", "sponsor_contact_role", "sponsor_evidence")
    widgets = {"sponsor_evidence": _textarea(8)}


class ThemesForm(SectionForm):
    """One response to each of the round's cross-cutting themes (``theme-<pk>``)."""

    def __init__(self, *args, proposal, themes, **kwargs):
        self.themes = list(themes)
        responses = {response.theme_id: response.response for response in proposal.theme_responses.all()}
        kwargs.setdefault("initial", {f"theme-{theme.pk}": responses.get(theme.pk, "") for theme in self.themes})
        super().__init__(*args, proposal=proposal, **kwargs)
        for theme in self.themes:
            self.fields[f"theme-{theme.pk}"] = forms.CharField(
                label=_("Your response to %(title)s") % {"title": theme.title},
                help_text=theme.requirements,
                required=False,
                max_length=PROPOSAL_TEXT_MAX,
                widget=_textarea(6),
            )

    def apply_to(self, proposal):
        existing = {response.theme_id: response for response in ThemeResponse.objects.filter(proposal=proposal)}
        for theme in self.themes:
            text = self.cleaned_data[f"theme-{theme.pk}"]
            response = existing.get(theme.pk)
            if not text:
                if response is not None:
                    response.delete()
            elif response is None:
                ThemeResponse.objects.create(proposal=proposal, theme=theme, response=text)
            elif response.response != text:
                response.response = text
                response.save(update_fields=["response"])
