"""The evidence behind the workshop: candidate issues, the residents' survey, and an evidence page per issue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commissioning.common.charts import indicator_chart, survey_chart
from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from commissioning.imports.views import BackgroundCsvImportView
from commissioning.plan.models import StrategicOutcome
from commissioning.rounds.mixins import SignedInRoundMixin
from priorities.evidence import csv_imports, selectors, services
from priorities.evidence.forms import CandidateIssueForm
from priorities.evidence.models import CandidateIssue


class IssueListView(SignedInRoundMixin, TemplateView):
    permission_required = "priorities.view_evidence"
    template_name = "priorities/evidence/issue_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issues"] = selectors.candidate_issues(self.round)
        context["can_change"] = self.request.user.has_perm("priorities.change_evidence", self.round)
        return context


class IssueFormView(SignedInRoundMixin, FormView):
    permission_required = "priorities.change_evidence"
    template_name = "priorities/evidence/issue_form.html"
    form_class = CandidateIssueForm

    def get(self, request, *args, **kwargs):
        if (
            "pk" not in self.kwargs
            and not StrategicOutcome.objects.filter(partnership_id=self.round.partnership_id).exists()
        ):
            messages.info(request, _("Add the strategic plan's outcomes before adding candidate issues."))
            return redirect("plan", round_pk=self.round.pk)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        if "pk" in self.kwargs:
            issue = get_object_or_404(CandidateIssue, pk=self.kwargs["pk"], round=self.round)
        else:
            issue = CandidateIssue(round=self.round)
        return {**super().get_form_kwargs(), "instance": issue, "round_": self.round}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = context["form"].instance
        context["heading"] = _("Edit %(name)s") % {"name": issue.name} if issue.pk else _("Add a candidate issue")
        return context

    def form_valid(self, form):
        try:
            issue = services.save_candidate_issue(
                form.instance, by=self.request.user, indicators=form.cleaned_data["indicators"]
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="name"))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": issue.name})
        return redirect("evidence_issues", round_pk=self.round.pk)


class IssueEvidenceView(SignedInRoundMixin, TemplateView):
    """One issue's evidence: its indicators' trends and the residents' survey, as charts with their numbers."""

    permission_required = "priorities.view_evidence"
    template_name = "priorities/evidence/issue_evidence.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = selectors.issue_with_evidence(self.round, self.kwargs["pk"])
        context["issue"] = issue
        context["indicator_charts"] = [
            (indicator, indicator_chart(indicator, list(indicator.readings.all())))
            for indicator in issue.indicators.all()
        ]
        results = selectors.latest_survey_results(self.round)
        context["survey"] = next((r for r in results if r.issue_id == issue.pk), None)
        context["survey_history"] = list(issue.survey_results.all())
        context["survey_chart"] = survey_chart(results, current_issue=issue) if results else None
        context["can_change"] = self.request.user.has_perm("priorities.change_evidence", self.round)
        return context


class EvidenceImportView(SignedInRoundMixin, BackgroundCsvImportView):
    permission_required = "priorities.change_evidence"

    def get_success_url(self):
        return reverse("evidence_issues", args=[self.round.pk])

    def get_back_link(self):
        return _("Candidate issues"), reverse("evidence_issues", args=[self.round.pk])


class IssueImportView(EvidenceImportView):
    importer_class = csv_imports.CandidateIssueImport


class SurveyImportView(EvidenceImportView):
    importer_class = csv_imports.SurveyResultImport
