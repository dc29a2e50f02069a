"""The registration of an organisation to bid: which organisation (one the person acts for, or a new
one, with the foundation's own organisation form), then the registration's address and main contact."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from commissioning.organisations.forms import OrganisationForm
from proposals.bidders.models import Bidder
from proposals.bidders.services import DETAIL_FIELDS
from proposals.bidders.validators import normalise_postcode, validate_uk_postcode

NEW = "new"


def _without_form_tag(form):
    """Several forms share one <form> and one button."""
    form.helper.form_tag = False
    form.helper.inputs = []
    return form


class OrganisationChoiceForm(GDSFormMixin, forms.Form):
    organisation = forms.ChoiceField(
        label=_("Which organisation?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select one of your organisations, or a new organisation")},
    )

    def __init__(self, *args, organisations=(), registered_ids=frozenset(), registered_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(organisation.pk): organisation for organisation in organisations}
        self.registered_ids = registered_ids
        choices = []
        for key, organisation in self.organisations.items():
            label = organisation.name
            if organisation.pk in registered_ids and registered_label:
                label = f"{label} ({registered_label})"
            choices.append((key, label))
        choices.append((NEW, _("A new organisation")))
        self.fields["organisation"].choices = choices
        if not self.organisations:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = NEW
        _without_form_tag(self)

    def chosen(self):
        """The organisation chosen, or None for a new one."""
        return self.organisations.get(self.cleaned_data["organisation"])


class BidderDetailsForm(GDSFormMixin, forms.ModelForm):
    # Longer than the column: spaces typed anywhere are dropped before the postcode is checked.
    postcode = forms.CharField(label=_("Postcode"), max_length=20, help_text=_("For example, CV1 5RR"))

    error_names = {
        "contact_name": _("the main contact's name"),
        "contact_email": _("the main contact's email address"),
        "contact_phone": _("the main contact's telephone number"),
    }

    class Meta:
        model = Bidder
        fields = list(DETAIL_FIELDS)
        widgets = {"address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].widget.attrs.update({"autocomplete": "postal-code", "class": "govuk-input--width-10"})
        self.fields["contact_email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        _without_form_tag(self)

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        validate_uk_postcode(postcode)
        return postcode

    def validate_unique(self):
        """The round and organisation are the service's to check: it says so in words."""


class RegistrationForms:
    """The forms of a registration, on one page under one button.

    ``needs_details(organisation)`` says whether the chosen (existing) organisation still needs its
    address and contact: always, when registering; only when not yet registered, when joining a
    consortium. A new organisation always needs them.
    """

    def __init__(
        self,
        data=None,
        *,
        organisations=(),
        registered_ids=frozenset(),
        details_initial=None,
        organisation_initial=None,
        **choice,
    ):
        self.data = data
        self.choice = OrganisationChoiceForm(
            data, organisations=organisations, registered_ids=registered_ids, prefix="choose", **choice
        )
        self.organisation = _without_form_tag(
            OrganisationForm(data, prefix="organisation", initial=organisation_initial)
        )
        self.details = BidderDetailsForm(data, prefix="bidder", initial=details_initial)

    @property
    def forms(self):
        return [self.choice, self.organisation, self.details]

    @property
    def has_errors(self):
        return any(form.is_bound and form.errors for form in self.forms)

    def _keep_typed(self, name):
        """What was typed in a part that is not needed is kept on the page, without its messages."""
        form = getattr(self, name)
        if form.is_bound:
            kept = type(form)(
                initial={key: form.data.get(form.add_prefix(key)) for key in form.fields}, prefix=form.prefix
            )
            setattr(self, name, _without_form_tag(kept))

    def is_valid(self, needs_details=lambda organisation: True):
        if self.data is None or not self.choice.is_valid():
            self._keep_typed("organisation")
            self._keep_typed("details")
            return False
        organisation = self.choice.chosen()
        valid = True
        if organisation is None:
            valid = self.organisation.is_valid()
        else:
            self._keep_typed("organisation")
        self.details_needed = organisation is None or needs_details(organisation)
        if self.details_needed:
            valid = self.details.is_valid() and valid
        else:
            self._keep_typed("details")
        return valid

    def add_error(self, message):
        self.choice.add_error("organisation" if self.choice.organisations else None, message)

    @property
    def chosen_organisation(self):
        return self.choice.chosen()

    @property
    def organisation_fields(self):
        if self.choice.chosen() is not None:
            return None
        return {name: self.organisation.cleaned_data[name] for name in self.organisation._meta.fields}

    @property
    def bidder_details(self):
        if not getattr(self, "details_needed", True):
            return None
        return {name: self.details.cleaned_data[name] for name in DETAIL_FIELDS}
