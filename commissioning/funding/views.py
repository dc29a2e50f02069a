"""The round's funding page, and the officers' forms to add, change and remove its sources."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from commissioning.funding import selectors, services
from commissioning.funding.forms import FundingSourceForm
from commissioning.funding.models import FundingSource
from commissioning.rounds.mixins import SignedInRoundMixin


class FundingView(SignedInRoundMixin, TemplateView):
    """Where the money comes from: every source, the pooled sources against the budget, the summary."""

    permission_required = "commissioning.view_funding"
    template_name = "commissioning/funding/funding.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sources = list(selectors.funding_sources(self.round))
        context["years"] = years = self.round.years
        context["source_rows"] = [
            (source, [(year, source.amount_in_year(year.number)) for year in years]) for source in sources
        ]
        context["mismatches"] = selectors.pooled_mismatches(self.round, sources)
        context["budget_summary"] = selectors.budget_summary(self.round, sources=sources)
        context["can_change"] = self.request.user.has_perm("commissioning.change_funding", self.round)
        return context


class SourceMixin(SignedInRoundMixin):
    permission_required = "commissioning.change_funding"

    @cached_property
    def source(self):
        if "pk" not in self.kwargs:
            return None
        sources = FundingSource.objects.select_related("organisation")
        return get_object_or_404(sources, pk=self.kwargs["pk"], round=self.round)

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.source, **kwargs)


class FundingSourceFormView(SourceMixin, FormView):
    """Add a source (no ``pk``) or change one."""

    template_name = "commissioning/funding/form.html"
    form_class = FundingSourceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round_": self.round, "source": self.source}

    def form_valid(self, form):
        source = self.source or FundingSource(round=self.round)
        try:
            source = services.save_funding_source(source, by=self.request.user, **form.service_fields())
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("%(source)s saved.") % {"source": source})
        return redirect("funding", round_pk=self.round.pk)


class FundingSourceRemoveView(SourceMixin, TemplateView):
    """GET asks to confirm; POST removes the source, or says why it cannot."""

    template_name = "commissioning/funding/remove.html"

    def get(self, request, *args, **kwargs):
        self.source  # noqa: B018 -- a source of another round answers 404 before the page
        return super().get(request, *args, **kwargs)

    def post(self, request, round_pk, pk):
        try:
            services.remove_funding_source(self.source, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, _("%(source)s removed.") % {"source": self.source})
        return redirect("funding", round_pk=round_pk)
