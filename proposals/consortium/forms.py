"""The lead's forms for the consortium, and the invited contact's decline."""

from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from proposals.consortium.services import partner_sections_choices
from proposals.writing.models import ProposalPartner


class PartnerForm(GDSFormMixin, forms.ModelForm):
    submit_label = _("Invite the partner")
    error_names = {
        "organisation_name": _("the organisation's name"),
        "contact_name": _("the contact's name"),
        "contact_email": _("the contact's email address"),
        "role_in_delivery": _("its role in delivery"),
    }

    class Meta:
        model = ProposalPartner
        fields = ["organisation_name", "contact_name", "contact_email", "role_in_delivery"]
        widgets = {"role_in_delivery": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"contact_email": _("We email them a link to confirm or decline.")}


class RoleForm(GDSFormMixin, forms.ModelForm):
    submit_label = _("Save the role")
    error_names = {"role_in_delivery": _("its role in delivery")}

    class Meta:
        model = ProposalPartner
        fields = ["role_in_delivery"]
        widgets = {"role_in_delivery": forms.Textarea(attrs={"rows": 4})}


class PartnerSectionsForm(GDSFormMixin, forms.Form):
    submit_label = _("Save the sections partners may edit")

    sections = forms.MultipleChoiceField(
        label=_("Sections your confirmed partners may edit"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Partners always read the whole proposal. Only the lead manages the partners."),
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = partner_sections_choices()
        if action:
            self.helper.form_action = action


class DeclineForm(GDSFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why your organisation declines"),
        max_length=5000,
        help_text=_("The lead organisation will read this."),
        error_messages={"required": _("Say why your organisation declines.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = [Submit("decline", _("Decline"), css_class="govuk-button--warning")]
