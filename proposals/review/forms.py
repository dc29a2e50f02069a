import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from commissioning.common.forms import GDSFormMixin
from priorities.workshop.models import Priority
from proposals.review import selectors
from proposals.review.models import ExportFormat
from proposals.writing.enums import Eligibility, ProposalState


class FilterForm(GDSFormMixin, forms.Form):
    """The filters above a proposal list: read from the address, so a filtered list can be shared."""

    submit_label = _("Apply filters")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"
        self.helper.form_id = "proposal-filters"


class ProposalFilter(django_filters.FilterSet):
    """The officers' filters of a round's (or a specification's) proposals."""

    state = django_filters.ChoiceFilter(label=_("State"), choices=ProposalState.choices, empty_label=_("Any state"))
    priority = django_filters.ModelChoiceFilter(
        label=_("Priority"),
        field_name="specification__priority",
        queryset=Priority.objects.none(),
        empty_label=_("Any priority"),
    )
    lead = django_filters.CharFilter(
        label=_("Lead organisation"),
        field_name="lead_organisation__name",
        lookup_expr="icontains",
        max_length=200,
        help_text=_("All or part of its name."),
    )
    eligibility = django_filters.ChoiceFilter(
        label=_("Eligibility"), choices=Eligibility.choices, empty_label=_("Any eligibility")
    )

    completeness = django_filters.ChoiceFilter(
        label=_("Completeness"),
        choices=[("complete", _("Complete")), ("incomplete", _("Something missing"))],
        empty_label=_("Complete or not"),
        method="filter_completeness",
        help_text=_("A submitted proposal was complete when it was submitted."),
    )

    class Meta:
        form = FilterForm
        fields = ["state", "priority", "lead", "eligibility", "completeness"]

    def __init__(self, *args, round_, specification=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        if specification is not None:
            del self.filters["priority"]
        else:
            self.filters["priority"].queryset = Priority.objects.filter(round=round_).order_by("rank")

    def filter_completeness(self, queryset, name, value):
        complete = Q(state=ProposalState.SUBMITTED) | Q(pk__in=selectors.complete_unsubmitted(self.round, queryset))
        return queryset.filter(complete) if value == "complete" else queryset.exclude(complete)


class EligibilityForm(GDSFormMixin, forms.Form):
    submit_label = _("Save the decision")

    decision = forms.TypedChoiceField(
        label=_("Is the proposal eligible?"),
        choices=[("yes", _("Eligible")), ("no", _("Not eligible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the proposal is eligible")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("It is kept with the decision and in the audit trail."),
        error_messages={"required": _("Enter the reason for the decision")},
    )

    def __init__(self, *args, proposal=None, **kwargs):
        if proposal is not None and proposal.eligibility != Eligibility.UNDECIDED:
            kwargs.setdefault("initial", {"decision": "yes" if proposal.eligibility == Eligibility.ELIGIBLE else "no"})
        super().__init__(*args, **kwargs)


class ExportForm(GDSFormMixin, forms.Form):
    submit_label = _("Prepare the file")

    export_format = forms.ChoiceField(
        label=_("File format"),
        choices=ExportFormat.choices,
        initial=ExportFormat.XLSX,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a file format")},
    )
