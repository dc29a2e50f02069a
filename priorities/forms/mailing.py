from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.forms import GDSFormMixin


class SignupForm(GDSFormMixin, forms.Form):
    submit_label = _("Sign up")

    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will email you a link to confirm."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
