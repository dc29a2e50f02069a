"""Submitting and withdrawing a proposal, an officer's extension, and the versions with what changed."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from commissioning.documents.models import DocumentStatus
from commissioning.documents.views import document_response
from proposals.submission import selectors, services
from proposals.submission.changes import changes_between
from proposals.submission.forms import (
    CompareForm,
    ExtensionForm,
    RemoveExtensionForm,
    SubmitForm,
    WithdrawForm,
)
from proposals.submission.reading import read_version
from proposals.writing.completeness import Problem, completeness_percent
from proposals.writing.enums import ProposalState
from proposals.writing.services import when
from proposals.writing.views.sections import ProposalMixin as WritingProposalMixin


class ProposalMixin(WritingProposalMixin):
    """The proposal from the URL among those its reader may see (404 otherwise, whatever else they
    may do), with the state, the deadline in force and what this person may do to it."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, proposal = self.request.user, self.proposal
        context.update(
            proposal=proposal,
            deadline=when(proposal.deadline) if proposal.deadline else "",
            specification_deadline=(
                when(proposal.specification.proposal_deadline) if proposal.specification.proposal_deadline else ""
            ),
            refusal=services.submission_refusal(proposal),
            can_submit=user.has_perm("proposals.submit_proposal", proposal),
            can_withdraw=user.has_perm("proposals.withdraw_proposal", proposal),
            can_extend=user.has_perm("proposals.grant_extension", proposal),
        )
        return context

    def to_submit_page(self):
        return redirect("proposal_submit", round_pk=self.round.pk, pk=self.proposal.pk)


def problem_links(checklist, problems):
    """(message, link) for each problem: its section's page at the field at fault (``#id_<field>``),
    or the section itself when the problem is the section's as a whole."""
    pages = {str(row["section"]): row["url"] for row in checklist}
    links = []
    for problem in problems:
        url = pages.get(problem.section, "") if problem.section else ""
        if problem.field and "#" not in url:
            url += f"#id_{problem.field}"
        links.append((problem.message, url))
    return links


class SubmitView(ProposalMixin, FormView):
    """The checklist, the deadline in force and, for the lead's people while the service would
    accept it, the button that submits. A refused submission lists every problem at the top, each
    linked to its field."""

    template_name = "proposals/submission/submit.html"
    form_class = SubmitForm

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("proposals.submit_proposal", self.proposal):
            raise Http404
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = self.statuses()
        checklist = self.checklist(statuses)
        context.update(
            statuses=statuses,
            checklist=checklist,
            percent=completeness_percent(statuses),
            unchanged=services.unchanged_since_submitted(self.proposal),
        )
        context["problems"] = problem_links(checklist, context.get("problems", ()))
        return context

    def form_valid(self, form):
        try:
            proposal = services.submit_proposal(self.proposal, by=self.request.user)
        except services.ProposalIncomplete as error:
            return self.refused(form, error.details, intro=error.message)
        except ApplicationError as error:
            # The form has no field to put the refusal against: it heads the page's error summary.
            return self.refused(form, [Problem(section="", field="", message=error.message)])
        messages.success(
            self.request,
            _("Submitted as version %(n)d. A receipt is on its way to the lead organisation's contact.")
            % {"n": proposal.version},
        )
        return self.to_submit_page()

    def refused(self, form, problems, intro=""):
        return self.render_to_response(self.get_context_data(form=form, problems=problems, problems_intro=intro))


class WithdrawView(ProposalMixin, FormView):
    permission_required = "proposals.withdraw_proposal"
    template_name = "proposals/submission/withdraw.html"
    form_class = WithdrawForm

    def get(self, request, *args, **kwargs):
        refusal = services.submission_refusal(self.proposal)
        if refusal:
            messages.info(request, refusal)
            return self.to_submit_page()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.withdraw_proposal(self.proposal, by=self.request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The proposal is withdrawn. It can no longer change."))
        return self.to_submit_page()


class ExtensionView(ProposalMixin, FormView):
    """An officer grants, changes or removes this proposal's extension of the deadline."""

    permission_required = "proposals.grant_extension"
    template_name = "proposals/submission/extension.html"
    form_class = ExtensionForm

    def get(self, request, *args, **kwargs):
        if self.proposal.state == ProposalState.WITHDRAWN:
            messages.info(request, _("This proposal was withdrawn: its deadline no longer matters."))
            return self.to_submit_page()
        if services.call_is_over(self.proposal):
            messages.info(
                request, _("The round has moved on from the call for proposals, so deadlines can no longer change.")
            )
            return self.to_submit_page()
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        if self.proposal.extended_deadline:
            return {"deadline": self.proposal.extended_deadline, "reason": self.proposal.extension_reason}
        return {}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.helper.form_action = reverse("proposal_extension", args=[self.round.pk, self.proposal.pk])
        return form

    def removal_form(self, **kwargs):
        form = RemoveExtensionForm(prefix="remove", **kwargs)
        form.helper.form_action = reverse("proposal_extension_remove", args=[self.round.pk, self.proposal.pk])
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.proposal.extended_deadline:
            context.setdefault("remove_form", self.removal_form())
        return context

    def form_valid(self, form):
        try:
            services.grant_extension(
                self.proposal,
                by=self.request.user,
                deadline=form.cleaned_data["deadline"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="deadline"))
        messages.success(
            self.request,
            _("The deadline for this proposal is now %(when)s (UK time). The lead organisation's contact is told.")
            % {"when": when(form.cleaned_data["deadline"])},
        )
        return self.to_submit_page()


class RemoveExtensionView(ExtensionView):
    form_class = RemoveExtensionForm

    def get(self, request, *args, **kwargs):
        if self.proposal.extended_deadline is None:
            messages.info(request, _("This proposal has no extension to remove."))
            return self.to_submit_page()
        return super().get(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return self.removal_form(**self.get_form_kwargs())

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("prefix", None)
        kwargs.pop("initial", None)
        return kwargs

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.get_form()
        return super().get_context_data(form=None, remove_form=form, **kwargs)

    def form_valid(self, form):
        try:
            services.remove_extension(self.proposal, by=self.request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="reason"))
        messages.success(self.request, _("The extension is removed. The lead organisation's contact is told."))
        return self.to_submit_page()


class VersionsView(ProposalMixin, TemplateView):
    template_name = "proposals/submission/versions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = selectors.versions_of(self.proposal)
        return context


class VersionView(ProposalMixin, TemplateView):
    """One version as it was submitted."""

    template_name = "proposals/submission/version.html"

    @cached_property
    def version(self):
        version = selectors.version_of(self.proposal, self.kwargs["number"])
        if version is None:
            raise Http404
        return version

    @cached_property
    def receipt(self):
        return selectors.receipt_of(self.proposal, self.version.number)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.round
        context.update(
            version=self.version,
            years=round_.years,
            submitted_at=when(self.version.submitted_at),
            receipt_ready=self.receipt is not None and self.receipt.status == DocumentStatus.READY,
            **read_version(self.version.data, round_.number_of_years),
        )
        return context


class VersionChangesView(VersionView):
    """What changed in a version against an earlier one (the one before it unless ``?against=``)."""

    template_name = "proposals/submission/changes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        earlier = list(range(self.version.number - 1, 0, -1))
        if not earlier:
            raise Http404
        form = CompareForm(self.request.GET or None, numbers=earlier)
        against = earlier[0]
        if form.is_bound and form.is_valid() and form.cleaned_data["against"]:
            against = form.cleaned_data["against"]
        previous = selectors.version_of(self.proposal, against)
        if previous is None:
            raise Http404
        context.update(
            previous=previous,
            compare_form=CompareForm(initial={"against": against}, numbers=earlier),
            changes=changes_between(previous.data, self.version.data),
        )
        return context


class ReceiptView(VersionView):
    """The receipt PDF of one version, served through the readers' check (never a public address)."""

    def get(self, request, *args, **kwargs):
        document = self.receipt
        if document is None or document.status != DocumentStatus.READY:
            raise Http404
        return document_response(document, filename=services.receipt_filename(self.proposal, self.version.number))
