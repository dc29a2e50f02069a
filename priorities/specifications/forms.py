from crispy_forms_gds.layout import HTML, Fieldset, Layout, Size, Submit
from django import forms
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from commissioning.accounts.models import User
from commissioning.common.dates import validate_deadline
from commissioning.common.forms import DateTimeInputField, GDSFormMixin, PoundsField
from commissioning.common.money import pence_to_pounds
from commissioning.enums import Role, Sector
from commissioning.organisations.models import Organisation
from commissioning.plan.models import Indicator, StrategicOutcome
from priorities.specifications.models import (
    MAX_PARTNERS,
    MAX_STEERING_GROUP_PLACES,
    SPECIFICATION_TEXT_MAX,
    Specification,
)
from priorities.specifications.services.specifications import EDITABLE_FIELDS


def _deadline_field(label, help_text):
    return DateTimeInputField(label=label, required=False, help_text=help_text)


class SpecificationForm(GDSFormMixin, forms.ModelForm):
    """The specification's fields, each in its own section; one amount per year of the round."""

    submit_label = _("Save draft")

    proposal_deadline = _deadline_field(
        _("Deadline for proposals"), _("For example, 26 2 2027, then the time in the UK, for example 12:00")
    )
    question_deadline = _deadline_field(
        _("Deadline for clarification questions"),
        _("On or before the deadline for proposals. For example, 12 2 2027, then the time, for example 17:00"),
    )

    minimum_partners = forms.IntegerField(
        label=Specification._meta.get_field("minimum_partners").verbose_name,
        help_text=Specification._meta.get_field("minimum_partners").help_text,
        required=False,
        min_value=1,
        max_value=MAX_PARTNERS,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_PARTNERS, "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter the number of partners as a whole number, like 3."),
            "min_value": _("A partnership has at least 1 organisation, the lead."),
            "max_value": _("Enter a number of partners no more than %(limit_value)s."),
        },
    )
    steering_group_places = forms.IntegerField(
        label=Specification._meta.get_field("steering_group_places").verbose_name,
        required=False,
        min_value=0,
        max_value=MAX_STEERING_GROUP_PLACES,
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_STEERING_GROUP_PLACES, "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter the number of places as a whole number, like 2."),
            "min_value": _("The number of places cannot be negative."),
            "max_value": _("Enter a number of places no more than %(limit_value)s."),
        },
    )

    class Meta:
        model = Specification
        fields = [name for name in EDITABLE_FIELDS if name != "allocations_pence"] + ["indicators"]
        widgets = {
            "indicators": forms.CheckboxSelectMultiple,
            "outcome_sought": forms.Textarea(attrs={"rows": 5}),
            "lead_organisation_role": forms.Textarea(attrs={"rows": 3}),
            "client_group_consultation": forms.Textarea(attrs={"rows": 4}),
            "evaluation_requirements": forms.Textarea(attrs={"rows": 4}),
            "mainstreaming_commitment": forms.Textarea(attrs={"rows": 4}),
            "milestones": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.fields["strategic_outcome"].queryset = StrategicOutcome.objects.filter(partnership=round_.partnership_id)
        self.fields["indicators"].queryset = Indicator.objects.filter(
            outcome__partnership=round_.partnership_id
        ).select_related("outcome")
        self.fields["sponsor_organisation"].queryset = Organisation.objects.filter(sector=Sector.PUBLIC)
        self.fields["sponsor_organisation"].help_text = _("A public-sector body that could fund the activity later.")
        amounts = list(self.instance.allocations_pence or [])
        self.year_fields = []
        for number, start in round_.years:
            name = f"allocation_year_{number}"
            self.fields[name] = PoundsField(
                label=_("Year %(n)d, from %(start)s (£)") % {"n": number, "start": date_format(start, "j F Y")},
                required=False,
                min_value=0,
            )
            if number - 1 < len(amounts) and not self.is_bound:
                self.initial[name] = pence_to_pounds(amounts[number - 1])
            self.year_fields.append(name)
        self.helper.layout = self._layout()

    def _layout(self):
        def section(legend, *names):
            return Fieldset(*names, legend=legend, legend_size=Size.MEDIUM)

        return Layout(
            section(_("The outcome sought"), "outcome_sought"),
            section(_("The strategic plan"), "strategic_outcome", "indicators"),
            section(_("Delivery through a partnership"), "minimum_partners", "lead_organisation_role"),
            section(
                _("The client group"),
                "client_group",
                "client_group_consulted",
                "client_group_consultation",
                "steering_group_places",
            ),
            section(_("Maximum allocation"), HTML(self._allocation_intro()), *self.year_fields),
            section(_("Evaluation"), "evaluation_requirements"),
            section(
                _("Public-sector sponsor"),
                "sponsor_organisation",
                "sponsor_contact_name",
                "sponsor_contact_email",
                "mainstreaming_commitment",
                "finance_officer_name",
                "finance_officer_email",
            ),
            section(_("Key milestones and outputs"), "milestones"),
            section(_("Deadlines"), "question_deadline", "proposal_deadline"),
            *self.extra_layout(),
        )

    def extra_layout(self):
        return []

    def _allocation_intro(self):
        intro = format_html(
            '<p class="govuk-body">{}</p>',
            _(
                "The most a proposal may ask for each year. All specifications together must stay within the round's "
                "budget of %(budget)s. A draft saves whatever it allocates; the budget is checked when the "
                "specification is submitted and when it is approved."
            )
            % {"budget": self.round.annual_budget_display},
        )
        # The year-by-year budget comes from the view's context (budget_years), read in one query.
        return intro + '{% include "priorities/specifications/_budget_years.html" %}'

    def _clean_deadline(self, name):
        value = self.cleaned_data.get(name)
        # A deadline already stored stays as it is (an amendment may follow a deadline that has passed).
        if value and name in self.changed_data:
            validate_deadline(value, start=self.round.start_date)
        return value

    def clean_proposal_deadline(self):
        return self._clean_deadline("proposal_deadline")

    def clean_question_deadline(self):
        return self._clean_deadline("question_deadline")

    def clean(self):
        cleaned = super().clean()
        question, proposal = cleaned.get("question_deadline"), cleaned.get("proposal_deadline")
        if question and proposal and question > proposal:
            self.add_error(
                "question_deadline", _("The deadline for questions must be on or before the deadline for proposals.")
            )
        return cleaned

    def _post_clean(self):
        # The service validates and saves; the form only checks what a person typed.
        pass

    def service_fields(self):
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields if name != "indicators"}
        for name in (
            "outcome_sought",
            "lead_organisation_role",
            "client_group",
            "client_group_consultation",
            "evaluation_requirements",
            "sponsor_contact_name",
            "sponsor_contact_email",
            "mainstreaming_commitment",
            "finance_officer_name",
            "finance_officer_email",
            "milestones",
        ):
            data[name] = data.get(name) or ""
        data["minimum_partners"] = data.get("minimum_partners") or 1
        data["steering_group_places"] = data.get("steering_group_places") or 0
        data["client_group_consulted"] = bool(data.get("client_group_consulted"))
        data["allocations_pence"] = [self.cleaned_data.get(name) or 0 for name in self.year_fields]
        return data

    def service_indicators(self):
        return list(self.cleaned_data.get("indicators") or [])


class AmendmentForm(SpecificationForm):
    submit_label = _("Publish the amendment")

    note = forms.CharField(
        label=_("What changed and why"),
        max_length=500,
        help_text=_("Sent to everyone on the mailing list with the amended specification."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, mailing_list_count=0, **kwargs):
        self.mailing_list_count = mailing_list_count
        super().__init__(*args, **kwargs)

    def extra_layout(self):
        # The same warning as at the top of the page, beside the button that publishes.
        warning = render_to_string(
            "priorities/specifications/_amend_warning.html", {"mailing_list_count": self.mailing_list_count}
        )
        return [Fieldset("note", legend=_("The amendment"), legend_size=Size.MEDIUM), HTML(warning)]


class ApproveForm(GDSFormMixin, forms.Form):
    """Nothing to type: the sponsor's contact and finance officer confirm for themselves."""

    submit_label = _("Approve")


class SignoffDeclineForm(GDSFormMixin, forms.Form):
    submit_label = _("Decline")

    reason = forms.CharField(
        label=_("Why you cannot confirm the commitment"),
        max_length=2000,
        help_text=_("The partnership's officers and the sub-group will read this."),
        error_messages={"required": _("Say why you cannot confirm the commitment.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = [Submit("decline", self.submit_label, css_class="govuk-button--warning")]


class ReturnForm(GDSFormMixin, forms.Form):
    submit_label = _("Return to the sub-group")

    reason = forms.CharField(
        label=_("What the sub-group needs to change"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class SubgroupMemberForm(GDSFormMixin, forms.Form):
    submit_label = _("Add to the sub-group")

    user = forms.ModelChoiceField(label=_("Sub-group member"), queryset=User.objects.none())

    def __init__(self, *args, priority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(round_roles__round=priority.round, round_roles__role=Role.SUBGROUP)
            .exclude(subgroup_memberships__priority=priority)
            .distinct()
            .order_by("full_name", "email")
        )
        self.fields["user"].help_text = _(
            "People with the sub-group role in this round. Invite others from People and roles."
        )


class QuestionForm(GDSFormMixin, forms.Form):
    submit_label = _("Send question")

    text = forms.CharField(
        label=_("Your question"),
        max_length=5000,
        help_text=_("The answer is published to everyone following this specification, without your name."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class AnswerForm(GDSFormMixin, forms.Form):
    """The question's published wording (editable until answered) and the answer.

    "Save the question" keeps an edit without answering yet; "Publish the answer" publishes both.
    """

    submit_label = _("Publish the answer")
    SAVE_QUESTION = "save_question"

    text = forms.CharField(
        label=_("The question, as it will be published"),
        max_length=5000,
        help_text=_(
            "Take out anything that tells who asked: names, phone numbers, email addresses. "
            "The question as asked is kept in the audit trail."
        ),
        error_messages={"required": _("Enter the question as it will be published.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    answer = forms.CharField(
        label=_("Answer"),
        max_length=SPECIFICATION_TEXT_MAX,
        required=False,
        help_text=_("Sent to everyone following the specification. The asker's name is not shown."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.add_input(
            Submit(self.SAVE_QUESTION, _("Save the question without answering"), css_class="govuk-button--secondary")
        )

    @property
    def saves_question_only(self):
        return self.is_bound and self.SAVE_QUESTION in self.data

    def clean(self):
        cleaned = super().clean()
        if not self.saves_question_only and not cleaned.get("answer", "").strip():
            self.add_error("answer", _("Enter the answer."))
        return cleaned


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
