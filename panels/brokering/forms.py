"""The panel's request to proposers, the lead's answer, and the panel's withdrawal."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from commissioning.organisations.models import Organisation
from panels.brokering.enums import RequestKind
from panels.brokering.models import BrokeringRequest


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(title)s, led by %(lead)s") % {"title": obj.title, "lead": obj.lead_organisation.name}


class AskForm(GDSFormMixin, forms.ModelForm):
    submit_label = _("Send the request")
    error_names = {"kind": _("what the panel asks"), "what": _("what is asked"), "why": _("why")}

    kind = forms.ChoiceField(label=_("What the panel asks"), choices=RequestKind.choices, widget=forms.RadioSelect)
    proposals = ProposalChoiceField(
        label=_("Proposals addressed"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the proposals the request is addressed to.")},
    )
    new_lead = forms.ModelChoiceField(
        label=_("For a merge: the organisation to lead the combined proposal"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("One of the leads of the proposals to merge."),
    )

    class Meta:
        model = BrokeringRequest
        fields = ["kind", "proposals", "what", "why", "new_lead"]
        widgets = {"what": forms.Textarea(attrs={"rows": 4}), "why": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = proposals
        self.fields["new_lead"].queryset = Organisation.objects.filter(
            pk__in=proposals.values("lead_organisation_id")
        ).order_by("name")

    def clean(self):
        data = super().clean()
        chosen = data.get("proposals")
        if data.get("kind") == RequestKind.MERGE and chosen is not None:
            if len(chosen) < 2:
                self.add_error("proposals", _("Choose two or more proposals to merge."))
            lead = data.get("new_lead")
            if lead is None:
                self.add_error("new_lead", _("Choose the organisation to lead the combined proposal."))
            elif lead.pk not in {proposal.lead_organisation_id for proposal in chosen}:
                self.add_error("new_lead", _("Choose one of the leads of the proposals to merge."))
        return data


class AnswerForm(GDSFormMixin, forms.Form):
    submit_label = _("Send your answer")

    consent = forms.TypedChoiceField(
        label=_("Your organisation's answer"),
        choices=[("yes", _("We consent")), ("no", _("We decline"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether your organisation consents or declines.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The panel and the other proposers read it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("consent") is False and not data.get("comment", "").strip():
            raise ValidationError({"comment": _("Say why your organisation declines.")})
        return data


class WithdrawForm(GDSFormMixin, forms.Form):
    submit_label = _("Withdraw the request")

    note = forms.CharField(
        label=_("Why the panel withdraws it"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the panel withdraws the request.")},
    )
