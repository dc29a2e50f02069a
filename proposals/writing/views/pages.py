"""Starting a proposal, and the whole proposal on one page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from proposals.writing.completeness import completeness_percent
from proposals.writing.enums import Section
from proposals.writing.forms import StartForm
from proposals.writing.selectors import live_proposals_led_by, organisations_to_lead, published_specification
from proposals.writing.services import editing_refusal, start_proposal, when
from proposals.writing.views.sections import ProposalMixin, page_class_for, section_page_url, writable_sections

FALLBACK_CONTENT = {Section.PARTNERS: "proposals/writing/content/partners.html"}


class StartView(SignedInRoundMixin, FormView):
    """A person acting for bidder organisations chooses the lead and a title, and starts the proposal."""

    template_name = "proposals/writing/start.html"
    form_class = StartForm

    @cached_property
    def specification(self):
        specification = published_specification(self.round, self.kwargs["specification_pk"])
        if specification is None:
            raise Http404
        return specification

    @cached_property
    def organisations(self):
        return organisations_to_lead(self.request.user, self.round)

    @cached_property
    def closed(self):
        deadline = self.specification.proposal_deadline
        return deadline is not None and timezone.now() >= deadline

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": self.organisations}

    def get_initial(self):
        organisations = list(self.organisations[:2])
        return {"lead_organisation": organisations[0]} if len(organisations) == 1 else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = list(self.organisations)
        context.update(
            specification=self.specification,
            organisations=organisations,
            existing=list(live_proposals_led_by(self.specification, organisations)) if organisations else [],
            closed=self.closed,
            deadline=when(self.specification.proposal_deadline) if self.specification.proposal_deadline else "",
            register_url=_register_url(self.round),
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.closed or not self.organisations.exists():
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            proposal = start_proposal(
                self.specification,
                by=self.request.user,
                lead_organisation=form.cleaned_data["lead_organisation"],
                title=form.cleaned_data["title"],
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("Proposal started. Write each section below; each one saves on its own."))
        return redirect("proposal_detail", round_pk=self.round.pk, pk=proposal.pk)


def _register_url(round_):
    """The bidders' registration page of the round, when the project has one."""
    try:
        return reverse("bidder_register", kwargs={"round_pk": round_.pk})
    except NoReverseMatch:
        return None


class DetailView(ProposalMixin, TemplateView):
    """The whole proposal, read by its consortium and the round's officers, with links to write
    each section the person may write."""

    template_name = "proposals/writing/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.proposal
        statuses = self.statuses()
        refusal = editing_refusal(proposal)
        writable = set() if refusal else writable_sections(self.request.user, proposal)
        sections = []
        for status in statuses:
            page_class = page_class_for(status.section)
            url = section_page_url(self.round, proposal, status.section)
            sections.append(
                {
                    "section": status.section,
                    "status": status,
                    "content_template": page_class.content_template
                    if page_class
                    else FALLBACK_CONTENT.get(status.section, "proposals/writing/content/_nothing.html"),
                    "url": url if url and status.section in writable else None,
                }
            )
        context.update(
            statuses=statuses,
            checklist=self.checklist(statuses),
            sections=sections,
            percent=completeness_percent(statuses),
            refusal=refusal,
            deadline=when(proposal.deadline) if proposal.deadline else "",
        )
        return context
