"""Pages of decisions: the round's decisions page (printable) and its CSV export, the decision on a
proposal, its approval, who approves, a bidder's own approved decision and what each contributing
agency's money pays for."""

import csv

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.exports import spreadsheet_text
from commissioning.common.money import pence_to_pounds
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.funding.selectors import budget_summary
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.decisions import selectors, services
from panels.decisions.enums import DecisionStatus
from panels.decisions.forms import ApproveForm, DecisionForm, SettingsForm
from proposals.review.selectors import requested_amounts


def _round_totals(round_, blocks, available):
    """(FundingYear, available, approved, awaiting approval, left once those awaiting are approved) for each
    year of the round."""
    rows = []
    for year in round_.years:
        approved = awaiting = 0
        for block in blocks:
            for row in block.rows:
                if row.counts:
                    amount = row.decision.amount_in_year(year.number)
                    if row.decision.status == DecisionStatus.APPROVED:
                        approved += amount
                    else:
                        awaiting += amount
        rows.append((year, available[year.number], approved, awaiting, available[year.number] - approved - awaiting))
    return rows


class DecisionsView(SignedInRoundMixin, TemplateView):
    """Every priority with its proposals in the panel's ranking order, the decisions and the money a year."""

    permission_required = "panels.view_decisions"
    template_name = "panels/decisions/list.html"

    def get_context_data(self, **kwargs):
        blocks = selectors.decision_blocks(self.round)
        sources = selectors.sources_of(self.round)
        available = selectors.available_by_year(self.round, sources)
        if self.request.user.has_perm("commissioning.view_funding", self.round):
            kwargs["budget_summary"] = budget_summary(self.round, sources=sources)
        return super().get_context_data(
            blocks=blocks,
            years=list(self.round.years),
            totals=_round_totals(self.round, blocks, available),
            settings=selectors.settings_of(self.round),
            may_decide=self.request.user.has_perm("panels.decide", self.round),
            **kwargs,
        )


class _Echo:
    def write(self, value):
        return value


class DecisionsCsvView(SignedInRoundMixin, View):
    """The decisions page as a CSV file: one row a proposal, money in pounds, each column saying its year."""

    permission_required = "panels.view_decisions"

    def get(self, request, *args, **kwargs):
        years = list(self.round.years)
        header = [
            _("Priority"),
            _("Rank"),
            _("Proposal"),
            _("Lead organisation"),
            _("Moderated total (out of 100)"),
            _("Recommendation"),
            _("Decision"),
            _("Status"),
            _("Version"),
        ]
        for year in years:
            header.append(_("Requested in %(year)s (£)") % {"year": year.label})
            header.append(_("Funded in %(year)s (£)") % {"year": year.label})
        header += [_("Requested over the round (£)"), _("Funded over the round (£)")]

        def rows():
            yield header
            for block in selectors.decision_blocks(self.round):
                for rank, row in enumerate(block.rows, start=1):
                    decision = row.decision
                    line = [
                        spreadsheet_text(block.priority.title),
                        rank,
                        spreadsheet_text(row.proposal.title),
                        spreadsheet_text(row.proposal.lead_organisation.name),
                        row.moderated_total if row.moderated_total is not None else "",
                        row.recommendation.get_kind_display() if row.recommendation else "",
                        decision.get_kind_display() if decision else "",
                        decision.get_status_display() if decision else _("No decision yet"),
                        decision.version if decision else "",
                    ]
                    for _year, asked, funded in row.year_pairs:
                        line += [pence_to_pounds(asked), pence_to_pounds(funded or 0)]
                    line += [
                        pence_to_pounds(row.requested_total),
                        pence_to_pounds(row.funded_total if row.counts else 0),
                    ]
                    yield line

        writer = csv.writer(_Echo())
        stream = (("\ufeff" if index == 0 else "") + writer.writerow(line) for index, line in enumerate(rows()))
        response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="decisions-round-{self.round.pk}.csv"'
        return response


class ProposalDecisionMixin(SignedInRoundMixin):
    """A page of the decision on one eligible proposal (``proposal_pk``) of the round."""

    @cached_property
    def proposal(self):
        proposal = selectors.decidable_proposal(self.round, self.kwargs["proposal_pk"])
        if proposal is None:
            raise Http404
        return proposal

    @cached_property
    def decision(self):
        return selectors.decision_of(self.proposal)

    def get_permission_object(self):
        return self.round

    def has_permission(self):
        return super().has_permission() and self.proposal is not None

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, decision=self.decision, **kwargs)


class DecisionFormView(StateRuleMixin, ProposalDecisionMixin, FormView):
    """An officer records (or changes) the decision on a proposal, the panel's recommendation beside it."""

    permission_required = "panels.decide"
    template_name = "panels/decisions/form.html"
    form_class = DecisionForm

    def state_refusal(self):
        return services.record_refusal(self.proposal)

    def state_refused_url(self):
        return reverse("decisions_list", args=[self.round.pk])

    @cached_property
    def requested(self):
        return requested_amounts(self.proposal)

    @cached_property
    def sources(self):
        return selectors.sources_of(self.round)

    def get_form_kwargs(self):
        years, _total = self.requested
        return {
            **super().get_form_kwargs(),
            "years": [year for year, _pence in years],
            "requested": [pence for _year, pence in years],
            "sources": self.sources,
            "decision": self.decision,
        }

    def get_context_data(self, **kwargs):
        years, total = self.requested
        return super().get_context_data(
            recommendation=getattr(self.proposal, "recommendation", None),
            moderated_total=selectors.moderated_total_of(self.proposal),
            requested=years,
            requested_total=total,
            allocations=self.proposal.specification.allocation_rows(),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.record_decision(
                self.proposal,
                kind=data["kind"],
                reasons=data["reasons"],
                feedback=data["feedback"],
                amounts=form.amounts() if form.funded else None,
                conditions=form.conditions(),
                funding=form.funding() if form.funded else None,
                change_reason=data.get("change_reason", ""),
                by=self.request.user,
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The decision is saved. It now waits for approval."))
        return redirect("decisions_list", self.round.pk)


class DecisionApproveView(ProposalDecisionMixin, FormView):
    """The decision as recorded, for the approver to read and approve."""

    permission_required = "panels.approve_decision"
    template_name = "panels/decisions/approve.html"
    form_class = ApproveForm

    def has_permission(self):
        return super().has_permission() and self.decision is not None

    def get_context_data(self, **kwargs):
        years, total = requested_amounts(self.proposal)
        return super().get_context_data(
            refusal=services.approval_refusal(self.decision, self.request.user),
            requested=years,
            requested_total=total,
            funded=[(year, self.decision.amount_in_year(year.number)) for year, _pence in years],
            moderated_total=selectors.moderated_total_of(self.proposal),
            allocations=self.proposal.specification.allocation_rows(),
            payments=[
                (funding.source, years[funding.year - 1][0], funding.amount_pence)
                for funding in self.decision.funding.all()
                if 0 < funding.year <= len(years)
            ],
            may_decide=self.request.user.has_perm("panels.decide", self.round),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.approve_decision(self.decision, by=self.request.user)
        except ApplicationError as error:
            show_application_error(self.request, error)
            return redirect(self.request.path)
        messages.success(self.request, _("The decision is approved."))
        if self.request.user.has_perm("panels.view_decisions", self.round):
            return redirect("decisions_list", self.round.pk)
        return redirect(self.request.path)


class DecisionSettingsView(SignedInRoundMixin, FormView):
    permission_required = "panels.decide"
    template_name = "panels/decisions/settings.html"
    form_class = SettingsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "board_members": selectors.board_members(self.round)}

    def get_initial(self):
        current = selectors.settings_of(self.round)
        return {"approver_kind": current.approver_kind, "board_chair": current.board_chair}

    def form_valid(self, form):
        try:
            services.save_settings(
                self.round,
                approver_kind=form.cleaned_data["approver_kind"],
                board_chair=form.cleaned_data.get("board_chair"),
                by=self.request.user,
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("Who approves the round's decisions is saved."))
        return redirect("decisions_list", self.round.pk)


class BidderDecisionView(SignedInRoundMixin, TemplateView):
    """A lead's or confirmed partner's people read their proposal's approved decision."""

    template_name = "panels/decisions/bidder.html"

    @cached_property
    def decision(self):
        return selectors.bidder_decision(self.request.user, self.round, self.kwargs["proposal_pk"])

    def has_permission(self):
        return self.decision is not None

    def get_context_data(self, **kwargs):
        decision = self.decision
        years = list(self.round.years)
        return super().get_context_data(
            decision=decision,
            proposal=decision.proposal,
            funded=[(year, decision.amount_in_year(year.number)) for year in years],
            **kwargs,
        )


class AgencyFundingView(SignedInRoundMixin, TemplateView):
    """What the round funds, and for each agency the person follows, how much of its contribution each
    funded proposal uses a year."""

    permission_required = "panels.view_agency_funding"
    template_name = "panels/decisions/agency.html"

    def get_context_data(self, **kwargs):
        years = list(self.round.years)
        decisions = selectors.approved_funded(self.round)
        agencies = []
        for source in selectors.agency_sources(self.request.user, self.round):
            rows, used = [], [0] * len(years)
            for decision in decisions:
                amounts = [0] * len(years)
                for funding in decision.funding.all():
                    if funding.source_id == source.pk and 0 < funding.year <= len(years):
                        amounts[funding.year - 1] += funding.amount_pence
                if any(amounts):
                    rows.append((decision, list(zip(years, amounts, strict=True))))
                    used = [a + b for a, b in zip(used, amounts, strict=True)]
            summary = [
                (
                    year,
                    source.amount_in_year(year.number),
                    used[index],
                    source.amount_in_year(year.number) - used[index],
                )
                for index, year in enumerate(years)
            ]
            agencies.append((source, rows, summary))
        return super().get_context_data(
            years=years,
            decisions=[(d, [(year, d.amount_in_year(year.number)) for year in years]) for d in decisions],
            agencies=agencies,
            **kwargs,
        )
