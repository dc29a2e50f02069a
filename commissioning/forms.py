from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .enums import Role
from .models import Organisation, Round, User
from .money import pence_to_pounds, pounds_to_pence
from .validators import (
    normalise_identifier,
    validate_charity_number,
    validate_company_number,
    validate_scottish_charity_number,
)


class GDSFormMixin:
    """A crispy helper with the GOV.UK error summary and one submit button."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        # The browser's own validation would stop the form before our error summary and messages appear.
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", self.submit_label))


class PoundsField(forms.DecimalField):
    """Pounds typed by a person (commas and £ allowed), cleaned to whole pence."""

    default_error_messages = {
        "invalid": _("Enter an amount of money in pounds, like 5,000,000 or 1250.50."),
        "min_value": _("Enter an amount greater than £0."),
        "max_digits": _("Enter a smaller amount."),
        "max_whole_digits": _("Enter a smaller amount."),
        "max_decimal_places": _("Enter pounds and pence only, with no more than 2 numbers after the decimal point."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0.01"))
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace("£", "").strip()
        return super().to_python(value)

    def clean(self, value):
        pounds = super().clean(value)
        return None if pounds is None else pounds_to_pence(pounds)


class RoundForm(GDSFormMixin, forms.ModelForm):
    annual_budget = PoundsField(
        label=_("Annual budget (£)"), help_text=_("The money available each year, for example 5,000,000")
    )
    # Declared here (not only by the model's check constraint) so that 0 or 11 gets a plain message.
    number_of_years = forms.IntegerField(
        label=_("Number of years"),
        min_value=1,
        max_value=10,
        error_messages={
            "invalid": _("Enter the number of years as a whole number, like 3."),
            "min_value": _("A round lasts at least 1 year."),
            "max_value": _("A round lasts at most 10 years."),
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": 10, "inputmode": "numeric"}),
    )

    class Meta:
        model = Round
        fields = ["name", "partnership", "place", "annual_budget", "number_of_years", "start_date"]
        # A date input sends and shows ISO dates whatever the language's date format.
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"start_date": _("For example 2027-04-01")}
        error_messages = {"start_date": {"invalid": _("Enter a real date, like 2027-04-01.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["annual_budget"] = pence_to_pounds(self.instance.annual_budget_pence)

    def round_fields(self):
        data = {
            name: self.cleaned_data[name] for name in ["name", "partnership", "place", "number_of_years", "start_date"]
        }
        data["annual_budget_pence"] = self.cleaned_data["annual_budget"]
        return data

    def _post_clean(self):
        # The budget is stored in pence under another name; the service validates the model.
        if "annual_budget" in self.cleaned_data:
            self.instance.annual_budget_pence = self.cleaned_data["annual_budget"]
        super()._post_clean()


class IdentifierField(forms.CharField):
    """A registration number as people type it: spaces dropped and letters upper-cased
    before its format is checked, leading zeros kept. The format sets the length, so a
    separate length limit would only repeat the message (and stop people typing spaces)."""

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
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


class InvitationForm(GDSFormMixin, forms.Form):
    submit_label = _("Send invitation")

    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role in this round"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False, empty_label=_("None")
    )


class AcceptInvitationForm(GDSFormMixin, forms.Form):
    submit_label = _("Accept invitation")

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(
        label=_("Create a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password."),
    )

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            # Checked against the person to be, so that a password like their own address is refused.
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                validate_password(password, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
