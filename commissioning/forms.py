from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .enums import Role
from .models import Organisation, Round
from .money import pence_to_pounds, pounds_to_pence
from .validators import normalise_identifier


class GDSFormMixin:
    """A crispy helper with the GOV.UK error summary and one submit button."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("submit", self.submit_label))


class PoundsField(forms.DecimalField):
    """Pounds typed by a person (commas and £ allowed), cleaned to whole pence."""

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

    class Meta:
        model = Round
        fields = ["name", "partnership", "place", "annual_budget", "number_of_years", "start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"start_date": _("For example 2027-04-01")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["annual_budget"] = pence_to_pounds(self.instance.annual_budget_pence)
        self.fields["number_of_years"].min_value = 1
        self.fields["number_of_years"].max_value = 10
        self.fields["number_of_years"].widget.attrs.update({"min": 1, "max": 10})

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

    def _clean_identifier(self, name):
        return normalise_identifier(self.cleaned_data.get(name, ""))

    def clean_charity_number(self):
        return self._clean_identifier("charity_number")

    def clean_company_number(self):
        return self._clean_identifier("company_number")

    def clean_scottish_charity_number(self):
        return self._clean_identifier("scottish_charity_number")


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

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password
