"""The officers' review: proposal lists, one proposal's review page (eligibility, similar proposals)
and the exports of the list."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_tables2 import RequestConfig

from commissioning.common.errors import ApplicationError
from commissioning.common.storage import private_file_response
from commissioning.common.views import show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from priorities.specifications.models import Specification
from proposals.review import selectors, services
from proposals.review.forms import EligibilityForm, ExportForm, ProposalFilter
from proposals.review.models import ExportFormat, ExportStatus
from proposals.review.reasons import reasons_in_words
from proposals.review.tables import KeysFirst, ProposalTable
from proposals.writing.enums import ProposalState

PER_PAGE = 25
CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ProposalListView(SignedInRoundMixin, TemplateView):
    """The round's proposals (or one specification's), filtered, sorted and paginated in the database."""

    permission_required = "proposals.review_proposals"
    template_name = "proposals/review/list.html"

    @cached_property
    def specification(self):
        if "specification_pk" not in self.kwargs:
            return None
        return get_object_or_404(
            Specification.objects.select_related("priority"), pk=self.kwargs["specification_pk"], round=self.round
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = selectors.review_list(self.round, specification=self.specification)
        filterset = ProposalFilter(
            self.request.GET or None, queryset=proposals, round_=self.round, specification=self.specification
        )
        shown = filterset.qs if not filterset.is_bound or filterset.is_valid() else proposals.none()
        rows = KeysFirst(shown, sums=selectors.requested_sums(self.round.number_of_years))
        table = ProposalTable(rows, round_=self.round, show_priority=self.specification is None)
        RequestConfig(self.request, paginate={"per_page": PER_PAGE}).configure(table)
        filtering = any(self.request.GET.get(name) for name in filterset.filters) or bool(filterset.errors)
        context.update(filterset=filterset, table=table, specification=self.specification, filtering=filtering)
        return context


class ProposalMixin(SignedInRoundMixin):
    permission_required = "proposals.review_proposals"

    @cached_property
    def proposal(self):
        proposal = selectors.review_proposal(self.round, self.kwargs["pk"])
        if proposal is None:
            raise Http404
        return proposal

    def get_context_data(self, **kwargs):
        kwargs.setdefault("proposal", self.proposal)
        return super().get_context_data(**kwargs)

    def to_proposal(self):
        return redirect("review_proposal", round_pk=self.round.pk, pk=self.proposal.pk)


class ProposalReviewView(ProposalMixin, TemplateView):
    """One proposal as the officers review it: what it asks for, its eligibility and similar proposals."""

    template_name = "proposals/review/proposal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        amounts = selectors.requested_amounts(self.proposal)
        context["amounts"] = amounts
        context["similar"] = [(match, reasons_in_words(match.reasons)) for match in selectors.similar_to(self.proposal)]
        context["can_decide"] = self.proposal.state == ProposalState.SUBMITTED and self.request.user.has_perm(
            "proposals.decide_eligibility", self.proposal
        )
        return context


class EligibilityView(ProposalMixin, FormView):
    """The officer's decision: eligible or not, with a reason. Offered for submitted proposals only."""

    permission_required = "proposals.decide_eligibility"
    template_name = "proposals/review/eligibility.html"
    form_class = EligibilityForm

    def get(self, request, *args, **kwargs):
        if self.proposal.state != ProposalState.SUBMITTED:
            return self.refused()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.proposal.state != ProposalState.SUBMITTED:
            return self.refused()
        return super().post(request, *args, **kwargs)

    def refused(self):
        messages.info(
            self.request,
            _("Only a submitted proposal can be found eligible or not eligible; this one is “%(state)s”.")
            % {"state": self.proposal.get_state_display()},
        )
        return self.to_proposal()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "proposal": self.proposal}

    def form_valid(self, form):
        try:
            services.decide_eligibility(
                self.proposal,
                eligible=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                by=self.request.user,
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The eligibility decision is saved."))
        return self.to_proposal()


class ExportStartView(SignedInRoundMixin, FormView):
    """Ask for a CSV or Excel file of the round's proposal list; it is prepared in the background."""

    permission_required = "proposals.review_proposals"
    template_name = "proposals/review/exports.html"
    form_class = ExportForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exports"] = selectors.recent_exports(self.round)
        return context

    def form_valid(self, form):
        try:
            export = services.request_export(
                self.round, export_format=form.cleaned_data["export_format"], by=self.request.user
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        return redirect("review_export", round_pk=self.round.pk, pk=export.pk)


class ExportMixin(SignedInRoundMixin):
    permission_required = "proposals.review_proposals"

    @cached_property
    def export(self):
        export = selectors.export_for(self.round, self.kwargs["pk"])
        if export is None:
            raise Http404
        return export


class ExportView(ExportMixin, TemplateView):
    """How far the file has got (htmx asks for the fragment every two seconds; without JavaScript a
    link reloads the page), then the link to download it."""

    template_name = "proposals/review/export.html"
    fragment_name = "proposals/review/_export_progress.html"

    def get(self, request, *args, **kwargs):
        context = {"round": self.round, "export": self.export}
        if request.htmx:
            return render(request, self.fragment_name, context)
        return render(request, self.template_name, context)


class ExportDownloadView(ExportMixin, TemplateView):
    """The export's file, for the round's officers only, never kept in a shared cache."""

    def get(self, request, *args, **kwargs):
        export = self.export
        if export.status != ExportStatus.READY or not export.file:
            raise Http404
        return private_file_response(
            export.file,
            filename=export.file.name.rsplit("/", 1)[-1],
            content_type=CONTENT_TYPES[export.format],
            as_attachment=True,
        )
