"""Pages of scoring: the panel's criteria and their editing, a member's proposals and score sheet
(the peers' scores shown once their own is submitted), the chair's moderation and recommendation,
and the panel's ranking."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.membership.enums import MemberRole
from panels.membership.models import Panel
from panels.membership.selectors import membership, panel_of_proposal, proposals_for_member
from panels.scoring import selectors, services
from panels.scoring.forms import CriteriaForm, ModerationForm, RecommendationForm, ScoreSheetForm
from panels.scoring.models import ScoreSheet
from panels.scoring.ranking import weighted_total
from proposals.writing.models import Proposal


def panel_criteria(panel):
    """The panel's criteria, given the defaults on first use."""
    services.ensure_default_criteria(panel)
    return selectors.criteria_of(panel)


class PanelMixin(SignedInRoundMixin):
    """A page of one panel (``panel_pk``) of the round."""

    @cached_property
    def panel(self):
        return get_object_or_404(
            Panel.objects.select_related("priority", "round"), pk=self.kwargs["panel_pk"], round=self.round
        )

    def get_permission_object(self):
        return self.panel

    @cached_property
    def member(self):
        return membership(self.request.user, self.panel)

    def get_context_data(self, **kwargs):
        return super().get_context_data(panel=self.panel, member=self.member, **kwargs)


class ProposalMixin(SignedInRoundMixin):
    """A page of one proposal (``proposal_pk``) before its panel."""

    @cached_property
    def proposal(self):
        proposal = get_object_or_404(
            Proposal.objects.select_related("lead_organisation", "specification__priority"),
            pk=self.kwargs["proposal_pk"],
            round=self.round,
        )
        return proposal

    @cached_property
    def panel(self):
        panel = panel_of_proposal(self.proposal)
        if panel is None:
            raise Http404
        return panel

    @cached_property
    def member(self):
        return membership(self.request.user, self.panel)

    def get_permission_object(self):
        return self.proposal

    @cached_property
    def criteria(self):
        return panel_criteria(self.panel)

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, panel=self.panel, criteria=self.criteria, **kwargs)


class ScoringListView(PanelMixin, TemplateView):
    """A member's proposals to score, with where each sheet stands; links for the chair and officers."""

    permission_required = "panels.view_panel"
    template_name = "panels/scoring/list.html"

    def get_context_data(self, **kwargs):
        rows = []
        if self.member is not None:
            proposals = list(proposals_for_member(self.member).select_related("lead_organisation"))
            sheets = {
                sheet.proposal_id: sheet
                for sheet in ScoreSheet.objects.filter(member=self.member, proposal__in=[p.pk for p in proposals])
            }
            rows = [(proposal, sheets.get(proposal.pk)) for proposal in proposals]
        user = self.request.user
        return super().get_context_data(
            rows=rows,
            may_edit_criteria=user.has_perm("panels.edit_criteria", self.panel),
            may_view_ranking=user.has_perm("panels.view_ranking", self.panel),
            **kwargs,
        )


class CriteriaView(PanelMixin, TemplateView):
    permission_required = "panels.view_panel"
    template_name = "panels/scoring/criteria.html"

    def get_context_data(self, **kwargs):
        criteria = panel_criteria(self.panel)
        return super().get_context_data(
            criteria=criteria,
            total_weight=sum(c.weight for c in criteria),
            frozen=selectors.criteria_frozen(self.panel),
            may_edit=self.request.user.has_perm("panels.edit_criteria", self.panel),
            **kwargs,
        )


class CriteriaEditView(StateRuleMixin, PanelMixin, FormView):
    permission_required = "panels.edit_criteria"
    template_name = "panels/scoring/criteria_edit.html"
    form_class = CriteriaForm

    def state_refusal(self):
        return services.criteria_refusal(self.panel)

    def state_refused_url(self):
        return reverse("scoring_criteria", args=[self.round.pk, self.panel.pk])

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "criteria": panel_criteria(self.panel),
            "scale_max": self.panel.scale_max,
        }

    def form_valid(self, form):
        try:
            services.update_criteria(self.panel, form.changes(), by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The criteria are saved."))
        return redirect(self.state_refused_url())


class ScoreSheetView(ProposalMixin, FormView):
    """A member scores a proposal: a draft until submitted. Others' scores show only once theirs is submitted."""

    permission_required = "panels.score_proposal"
    template_name = "panels/scoring/sheet.html"
    form_class = ScoreSheetForm

    def has_permission(self):
        # Only a member of the panel has a sheet (a superuser passes every rule but sits on no panel).
        return super().has_permission() and self.member is not None

    @cached_property
    def sheet(self):
        return selectors.sheet_of(self.member, self.proposal)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "criteria": self.criteria,
            "scale_max": self.panel.scale_max,
            "sheet": self.sheet,
        }

    def get_context_data(self, **kwargs):
        weights = selectors.weights_of(self.criteria)
        own_total = None
        if self.sheet is not None:
            own_total = weighted_total(
                {s.criterion_id: s.value for s in self.sheet.scores.all()}, weights, self.panel.scale_max
            )
        peers = [
            (
                sheet,
                {s.criterion_id: s for s in sheet.scores.all()},
                weighted_total({s.criterion_id: s.value for s in sheet.scores.all()}, weights, self.panel.scale_max),
            )
            for sheet in selectors.peer_sheets(self.member, self.proposal)
        ]
        own_scores = {s.criterion_id: s for s in self.sheet.scores.all()} if self.sheet is not None else {}
        return super().get_context_data(
            sheet=self.sheet,
            refusal=services.sheet_refusal(self.sheet),
            own_scores=own_scores,
            own_total=own_total,
            peers=peers,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if services.sheet_refusal(self.sheet):
            messages.error(request, services.sheet_refusal(self.sheet))
            return redirect(self.request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            _sheet, total = services.save_scores(
                self.member, self.proposal, form.scores(), by=self.request.user, submit=form.submitting
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        if form.submitting:
            messages.success(self.request, _("Your scores are submitted: %(total)s out of 100.") % {"total": total})
        else:
            messages.success(self.request, _("Your draft is saved: %(total)s out of 100 so far.") % {"total": total})
        return redirect(self.request.path)


class ModerationView(ProposalMixin, FormView):
    """The chair sees every member's submitted scores per criterion and records the consensus."""

    permission_required = "panels.moderate_proposal"
    template_name = "panels/scoring/moderation.html"
    form_class = ModerationForm

    @cached_property
    def moderation(self):
        return selectors.moderation_of(self.proposal, self.criteria)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "criteria": self.criteria,
            "scale_max": self.panel.scale_max,
            "consensus": {row.criterion.pk: row.consensus for row in self.moderation[1] if row.consensus},
        }

    def get_context_data(self, **kwargs):
        sheets, rows = self.moderation
        form = kwargs.setdefault("form", self.get_form())
        agreed = {row.criterion.pk: row.consensus.value for row in rows if row.consensus}
        complete = bool(self.criteria) and len(agreed) == len(self.criteria)
        return super().get_context_data(
            sheets=sheets,
            counted=[sheet for sheet in sheets if sheet.counts],
            set_aside=[sheet for sheet in sheets if sheet.set_aside_at],
            rows=[(row, *form.field_pair(row.criterion)) for row in rows],
            moderated_total=(
                weighted_total(agreed, selectors.weights_of(self.criteria), self.panel.scale_max) if complete else None
            ),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.moderate(self.proposal, self.panel, form.agreed(), by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The consensus is saved."))
        return redirect(self.request.path)


class RecommendationView(ProposalMixin, FormView):
    permission_required = "panels.moderate_proposal"
    template_name = "panels/scoring/recommendation.html"
    form_class = RecommendationForm

    def get_initial(self):
        recommendation = getattr(self.proposal, "recommendation", None)
        if recommendation is None:
            return {}
        return {"kind": recommendation.kind, "reasons": recommendation.reasons, "conditions": recommendation.conditions}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.recommend(
                self.proposal,
                self.panel,
                kind=data["kind"],
                reasons=data["reasons"],
                conditions=data["conditions"],
                by=self.request.user,
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="conditions"))
        messages.success(self.request, _("The recommendation is saved."))
        return redirect("scoring_ranking", self.round.pk, self.panel.pk)


class RankingView(PanelMixin, TemplateView):
    permission_required = "panels.view_ranking"
    template_name = "panels/scoring/ranking.html"

    def get_context_data(self, **kwargs):
        specification = self.panel.priority.specification
        return super().get_context_data(
            rows=selectors.ranking(self.panel, member=self.member),
            years=list(self.round.years),
            allocations=specification.allocation_rows(),
            total_allocation=specification.total_allocation_pence,
            may_moderate=self.member is not None and self.member.role == MemberRole.CHAIR,
            **kwargs,
        )
