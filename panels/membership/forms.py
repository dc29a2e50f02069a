"""The forms of panel membership: adding a member, and a member's declaration about one proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.accounts.models import User
from commissioning.common.forms import GDSFormMixin
from commissioning.organisations.models import Organisation
from panels.membership.enums import InterestNature, MemberRole


class SetUpPanelForm(GDSFormMixin, forms.Form):
    submit_label = _("Set up the panel")


class MemberForm(GDSFormMixin, forms.Form):
    submit_label = _("Add to the panel")

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Someone without an account yet is invited by email to take their seat."),
        max_length=254,
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, required=False, help_text=_("For someone invited by email.")
    )
    role = forms.ChoiceField(label=_("Role on the panel"), choices=MemberRole.choices, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label=_("The organisation they come from"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.user = User.objects.filter(email__iexact=email).first()
        return email


class TakeSeatForm(GDSFormMixin, forms.Form):
    submit_label = _("Take my seat on the panel")


class RemoveMemberForm(GDSFormMixin, forms.Form):
    submit_label = _("Remove from the panel")


class DeclarationForm(GDSFormMixin, forms.Form):
    submit_label = _("Save the declaration")

    has_interest = forms.TypedChoiceField(
        label=_("Do you have an interest in this proposal?"),
        choices=[("no", _("No interest")), ("yes", _("An interest"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose no interest or an interest.")},
    )
    nature = forms.ChoiceField(
        label=_("Nature of the interest"),
        choices=[("", _("Choose the nature")), *InterestNature.choices],
        required=False,
        help_text=_("Only when you have an interest."),
    )
    description = forms.CharField(
        label=_("Describe the interest"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("Only when you have an interest: who, and how you are connected."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_interest"):
            if not cleaned.get("nature"):
                self.add_error("nature", _("Choose the nature of the interest."))
            if not (cleaned.get("description") or "").strip():
                self.add_error("description", _("Describe the interest."))
        else:
            cleaned["nature"], cleaned["description"] = "", ""
        return cleaned
