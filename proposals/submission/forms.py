from crispy_forms_gds.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import DateTimeInputField, GDSFormMixin
from proposals.submission.services import REASON_MAX


class WarningButtonMixin:
    """The form's one button in GOV.UK's warning style: what it does cannot be undone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = [Submit("submit", self.submit_label, css_class="govuk-button--warning")]


class SubmitForm(GDSFormMixin, forms.Form):
    submit_label = _("Submit the proposal")


class WithdrawForm(WarningButtonMixin, GDSFormMixin, forms.Form):
    submit_label = _("Withdraw the proposal")
    error_names = {"reason": _("why you are withdrawing the proposal")}

    reason = forms.CharField(
        label=_("Why are you withdrawing the proposal?"),
        help_text=_("The partnership's officers read this. A withdrawn proposal cannot be submitted again."),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExtensionForm(GDSFormMixin, forms.Form):
    submit_label = _("Grant the extension")

    deadline = DateTimeInputField(
        label=_("New deadline for this proposal"),
        help_text=_("After the specification's deadline. For example, 26 2 2027, then the time in the UK, like 12:00"),
    )
    reason = forms.CharField(
        label=_("Why is the extension granted?"),
        help_text=_("Recorded in the audit trail and sent to the lead organisation's contact."),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    error_names = {"deadline": _("the new deadline"), "reason": _("the reason for the extension")}


class RemoveExtensionForm(WarningButtonMixin, GDSFormMixin, forms.Form):
    submit_label = _("Remove the extension")
    error_names = {"reason": _("the reason for removing the extension")}

    reason = forms.CharField(
        label=_("Why is the extension removed?"),
        help_text=_("Recorded in the audit trail and sent to the lead organisation's contact."),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompareForm(forms.Form):
    """Which earlier version to compare with (a GET form)."""

    against = forms.TypedChoiceField(label=_("Compare with"), coerce=int, required=False)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["against"].choices = [(n, _("Version %(n)d") % {"n": n}) for n in numbers]
