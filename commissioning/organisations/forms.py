from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from commissioning.organisations.models import Organisation
from commissioning.organisations.validators import (
    normalise_identifier,
    validate_charity_number,
    validate_company_number,
    validate_scottish_charity_number,
)


class IdentifierField(forms.CharField):
    """A registration number as people type it: spaces dropped and letters upper-cased
    before its format is checked, leading zeros kept. The format sets the length, so the
    model's limit would only repeat the message (and stop people typing spaces); a generous
    limit keeps what is typed to a plausible size."""

    def __init__(self, **kwargs):
        kwargs["max_length"] = 30
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "characters"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_identifier(super().to_python(value))


IDENTIFIER_VALIDATORS = {
    "charity_number": validate_charity_number,
    "company_number": validate_company_number,
    "scottish_charity_number": validate_scottish_charity_number,
}


class OrganisationForm(GDSFormMixin, forms.ModelForm):
    error_names = {"name": _("the organisation's name"), "organisation_type": _("the type of organisation")}

    class Meta:
        model = Organisation
        fields = [
            "name",
            "sector",
            "organisation_type",
            "charity_number",
            "company_number",
            "scottish_charity_number",
            "website",
        ]
        help_texts = {
            "charity_number": _("6 or 7 digits, if registered with the Charity Commission"),
            "company_number": _("8 characters, for example 01234567 or SC123456"),
            "scottish_charity_number": _("SC followed by 6 digits, for example SC012345"),
        }
        field_classes = {
            "charity_number": IdentifierField,
            "company_number": IdentifierField,
            "scottish_charity_number": IdentifierField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checked here so that a wrong number gets its format message alone, not the model's length one too.
        for name in IDENTIFIER_VALIDATORS:
            self.fields[name].validators.append(IDENTIFIER_VALIDATORS[name])
