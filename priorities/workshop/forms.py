"""Forms of the priority workshop. Each validates what a person typed; the views call one service."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms
from django.utils.translation import gettext_lazy as _

from commissioning.accounts.models import User
from commissioning.common.dates import validate_plausible
from commissioning.common.forms import GDSFormMixin
from commissioning.enums import Role
from priorities.evidence.models import CandidateIssue
from priorities.workshop.models import MAX_DOTS_PER_PARTICIPANT, MAX_PAPER_COUNT, DiscussionGroup, Participant, Workshop
from priorities.workshop.services import IssueCounts, settings_refusals, title_taken
from priorities.workshop.tally import SECTOR_LABELS, SECTOR_ORDER

WHOLE_NUMBER = _("Enter a whole number, for example 3")


class WorkshopForm(GDSFormMixin, forms.ModelForm):
    submit_label = _("Save workshop")
    error_names = {
        "title": _("the workshop's title"),
        "date": _("the workshop's date"),
        "place": _("where the workshop is held"),
        "voting_method": _("how the room votes"),
    }

    issues = forms.ModelMultipleChoiceField(
        label=_("Candidate issues on the wall"),
        queryset=CandidateIssue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the candidate issues to put on the wall.")},
    )
    dots_per_participant = forms.IntegerField(
        label=_("Dots per participant"),
        min_value=1,
        max_value=MAX_DOTS_PER_PARTICIPANT,
        initial=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "invalid": WHOLE_NUMBER,
            "required": _("Enter the number of dots per participant."),
            "min_value": _("Each participant has at least 1 dot."),
            "max_value": _("Each participant can have at most %(limit_value)s dots."),
        },
    )
    priorities_to_select = forms.IntegerField(
        label=_("Number of priorities to select"),
        min_value=1,
        max_value=50,
        initial=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "invalid": WHOLE_NUMBER,
            "required": _("Enter the number of priorities to select."),
            "min_value": _("Select at least 1 priority."),
            "max_value": _("Select at most %(limit_value)s priorities."),
        },
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "date",
            "place",
            "issues",
            "dots_per_participant",
            "allow_stacking",
            "priorities_to_select",
            "voting_method",
        ]
        widgets = {"voting_method": forms.RadioSelect}
        help_texts = {"date": _("For example, 23 11 2026"), "place": _("For example, Council House, Coventry")}

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.fields["issues"].queryset = CandidateIssue.objects.filter(round=round_).order_by("name")
        if not self.fields["issues"].queryset.exists():
            self.fields["issues"].help_text = _("Add candidate issues on the evidence pages first.")
        if self.instance.pk:
            self.initial.setdefault("issues", list(self.instance.issues.values_list("pk", flat=True)))

    def clean_date(self):
        day = self.cleaned_data["date"]
        if "date" in self.changed_data:
            validate_plausible(day)
        return day

    def clean(self):
        """The set-up rules, each shown against the input it is about."""
        cleaned = super().clean()
        title = cleaned.get("title")
        if title and title_taken(self.round.pk, title, exclude_pk=self.instance.pk):
            self.add_error("title", _("This round already has a workshop with that title."))
        if cleaned.get("dots_per_participant") is not None and cleaned.get("priorities_to_select") is not None:
            refusals = settings_refusals(
                dots_per_participant=cleaned["dots_per_participant"],
                priorities_to_select=cleaned["priorities_to_select"],
                issue_count=len(cleaned["issues"]) if cleaned.get("issues") else None,
            )
            for field, message in refusals.items():
                self.add_error(field, message)
        return cleaned

    def workshop_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "issues"}


class AddParticipantsForm(GDSFormMixin, forms.Form):
    submit_label = _("Add participants")

    users = forms.ModelMultipleChoiceField(
        label=_("Board members"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one board member.")},
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = (
            User.objects.filter(round_roles__round_id=workshop.round_id, round_roles__role=Role.BOARD)
            .exclude(workshop_seats__workshop=workshop)
            .distinct()
            .order_by("full_name", "email")
        )


class GroupForm(GDSFormMixin, forms.ModelForm):
    submit_label = _("Save group")
    error_names = {"name": _("the group's name")}

    members = forms.ModelMultipleChoiceField(
        label=_("Participants at this table"),
        queryset=Participant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = DiscussionGroup
        fields = ["name", "note_taker", "notes", "members"]
        help_texts = {"name": _("For example Table 1"), "notes": _("What the table said about the issues.")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note_taker"].queryset = (
            User.objects.filter(round_roles__round_id=workshop.round_id).distinct().order_by("full_name", "email")
        )
        self.fields["note_taker"].required = False
        self.fields["members"].queryset = Participant.objects.filter(workshop=workshop).select_related("user")
        if self.instance.pk:
            self.initial.setdefault("members", list(self.instance.members.values_list("pk", flat=True)))


class PaperCountsForm(forms.Form):
    """One row per issue: the total counted on the wall, and optionally the count per sector."""

    def __init__(self, *args, issues, counts, **kwargs):
        super().__init__(*args, **kwargs)
        self.issues = list(issues)
        self.sectors = [(sector, SECTOR_LABELS[sector]) for sector in SECTOR_ORDER if sector]
        for issue in self.issues:
            current = counts.get(issue.pk, {})
            self.fields[f"total_{issue.pk}"] = self._count_field(
                _("Total dots on %(issue)s") % {"issue": issue.name}, current.get("", None)
            )
            if current and "" not in current:
                self.initial[f"total_{issue.pk}"] = sum(current.values())
            for sector, label in self.sectors:
                self.fields[f"{sector}_{issue.pk}"] = self._count_field(
                    _("%(sector)s sector dots on %(issue)s") % {"sector": label, "issue": issue.name},
                    current.get(sector),
                )

    def _count_field(self, label, initial):
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=0,
            max_value=MAX_PAPER_COUNT,
            initial=initial,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3"}),
            error_messages={
                "invalid": WHOLE_NUMBER,
                "min_value": _("A count cannot be negative"),
                "max_value": _("A count can be at most %(limit_value)s"),
            },
        )

    def clean(self):
        cleaned = super().clean()
        for issue in self.issues:
            by_sector = {s: cleaned.get(f"{s}_{issue.pk}") for s, _label in self.sectors}
            given = {s: n for s, n in by_sector.items() if n is not None}
            total = cleaned.get(f"total_{issue.pk}")
            if given and total is not None and total != sum(given.values()):
                self.add_error(
                    f"total_{issue.pk}",
                    _("The sector counts for %(issue)s add up to %(sum)d, not %(total)d")
                    % {"issue": issue.name, "sum": sum(given.values()), "total": total},
                )
        return cleaned

    def rows(self):
        """(issue, total bound field, [sector bound fields]) for the table."""
        return [
            (issue, self[f"total_{issue.pk}"], [self[f"{s}_{issue.pk}"] for s, _label in self.sectors])
            for issue in self.issues
        ]

    def counts_for(self, issue):
        by_sector = {s: self.cleaned_data.get(f"{s}_{issue.pk}") for s, _label in self.sectors}
        return IssueCounts(self.cleaned_data.get(f"total_{issue.pk}"), by_sector)

    def changed_issues(self):
        names = set(self.changed_data)
        return [issue for issue in self.issues if any(name.endswith(f"_{issue.pk}") for name in names)]

    def changed_counts(self):
        """{issue: IssueCounts} for each issue whose counts were changed, for ``record_paper_counts``."""
        return {issue: self.counts_for(issue) for issue in self.changed_issues()}


class TieForm(GDSFormMixin, forms.Form):
    submit_label = _("Record the decision")

    chosen = forms.ModelMultipleChoiceField(
        label=_("Which of the tied issues become priorities?"),
        queryset=CandidateIssue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the tied issues that become priorities.")},
    )
    reason = forms.CharField(
        label=_("Reason for the choice"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Record the reason for the choice.")},
    )

    def __init__(self, *args, selection, **kwargs):
        decision = selection.decision
        if decision is not None:
            self.submit_label = _("Change the decision")
            kwargs.setdefault(
                "initial",
                {"chosen": [issue.pk for issue in decision.chosen_issues.all()], "reason": decision.reason},
            )
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = CandidateIssue.objects.filter(
            pk__in=[row.issue.pk for row in selection.tied]
        ).order_by("name")
        self.fields["chosen"].help_text = _("Choose %(n)d.") % {"n": selection.places_for_tied}


class CrossCuttingForm(GDSFormMixin, forms.Form):
    submit_label = _("Make cross-cutting")

    issue = forms.ModelChoiceField(
        label=_("Issue"),
        queryset=CandidateIssue.objects.none(),
        empty_label=_("Choose an issue"),
        error_messages={"required": _("Choose the issue to make cross-cutting.")},
    )
    rationale = forms.CharField(
        label=_("Why it is cross-cutting"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Record why the issue is cross-cutting.")},
    )
    requirements = forms.CharField(
        label=_("What every proposal must show"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Included in every specification."),
    )

    def __init__(self, *args, selection, **kwargs):
        super().__init__(*args, **kwargs)
        excluded = selection.selected_ids | selection.cross_cutting_ids
        self.fields["issue"].queryset = CandidateIssue.objects.filter(
            pk__in=[row.issue.pk for row in selection.tally.rows if row.issue.pk not in excluded]
        ).order_by("name")


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your workshop code"),
        max_length=20,
        help_text=_("The 8 letters and numbers on the card the facilitator gave you, for example K7MX2QPA"),
        error_messages={"required": _("Enter your workshop code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.label_size = Size.MEDIUM
        self.helper.form_tag = False
