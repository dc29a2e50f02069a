from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from commissioning.accounts.models import User
from commissioning.common.dates import validate_round_start
from commissioning.common.forms import GDSFormMixin, PoundsField
from commissioning.common.money import pence_to_pounds
from commissioning.enums import Role
from commissioning.organisations.models import Organisation
from commissioning.partnerships.selectors import officer_candidates
from commissioning.rounds.models import Round


class RoundForm(GDSFormMixin, forms.ModelForm):
    error_names = {"name": _("the round's name"), "place": _("the place where the round's money is spent")}

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
        widget=forms.NumberInput(attrs={"min": 1, "max": 10, "inputmode": "numeric", "class": "govuk-input--width-2"}),
    )

    class Meta:
        model = Round
        fields = ["name", "place", "annual_budget", "number_of_years", "start_date", "questions_from_bidders_only"]
        help_texts = {"start_date": _("For example, 1 4 2027")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["annual_budget"] = pence_to_pounds(self.instance.annual_budget_pence)

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        validate_round_start(start)
        return start

    def round_fields(self):
        data = {
            name: self.cleaned_data[name]
            for name in ["name", "place", "number_of_years", "start_date", "questions_from_bidders_only"]
        }
        data["annual_budget_pence"] = self.cleaned_data["annual_budget"]
        return data

    def _post_clean(self):
        # The budget is stored in pence under another name; the service validates the model.
        if "annual_budget" in self.cleaned_data:
            self.instance.annual_budget_pence = self.cleaned_data["annual_budget"]
        super()._post_clean()


class NewRoundForm(RoundForm):
    """A new round of one partnership: its creator chooses the round's officer among the partnership's officers."""

    officer = forms.ModelChoiceField(
        label=_("The round's officer"),
        queryset=User.objects.none(),
        help_text=_("They set the round up and manage every stage. Officers of the partnership can be chosen."),
        error_messages={"required": _("Choose the round's officer"), "invalid_choice": _("Choose the round's officer")},
    )

    def __init__(self, *args, partnership, creator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["officer"].queryset = officer_candidates(partnership, also=creator).order_by("full_name", "email")
        self.fields["officer"].empty_label = None
        self.initial.setdefault("officer", creator.pk)
        self.initial.setdefault("place", partnership.place)

    def round_fields(self):
        return {**super().round_fields(), "officer": self.cleaned_data["officer"]}


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
    error_names = {"full_name": _("your full name"), "password": _("a password")}

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(
        label=_("Create a password"),
        max_length=256,
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
