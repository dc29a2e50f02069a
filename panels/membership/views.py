"""The pages of panel membership: the round's panels, one panel's members, a member's declarations
of interest, the chair's and officers' view of every declaration, and a member's reading pages.

Everything here answers 404 to whoever may not see it: bidders see nothing of a panel, a member
sees only their own panel, and a member reads a proposal only once every declaration is made and
never one they have an interest in.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.storage import private_file_response
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.membership import selectors, services
from panels.membership.forms import DeclarationForm, MemberForm, RemoveMemberForm, SetUpPanelForm, TakeSeatForm
from panels.membership.models import PanelMember
from priorities.workshop.models import Priority
from proposals.writing.completeness import section_statuses
from proposals.writing.views.pages import FALLBACK_CONTENT
from proposals.writing.views.sections import page_class_for

NOTHING = "proposals/writing/content/_nothing.html"


class PanelListView(SignedInRoundMixin, TemplateView):
    """The round's priorities, each with its panel or the button to set one up."""

    permission_required = "panels.manage_panel"
    template_name = "panels/membership/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["priorities"] = selectors.round_priorities_with_panels(self.round)
        return context


class SetUpPanelView(StateRuleMixin, SignedInRoundMixin, FormView):
    permission_required = "panels.manage_panel"
    template_name = "panels/membership/set_up.html"
    form_class = SetUpPanelForm

    def state_refusal(self):
        return services.set_up_refusal(self.priority)

    def state_refused_url(self):
        return reverse("panel_list", args=[self.round.pk])

    @cached_property
    def priority(self):
        return get_object_or_404(Priority, round=self.round, pk=self.kwargs["priority_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(priority=self.priority, **kwargs)

    def form_valid(self, form):
        try:
            panel = services.set_up_panel(self.priority, by=self.request.user)
        except ApplicationError as error:
            show_application_error(self.request, error)
            return redirect("panel_list", round_pk=self.round.pk)
        messages.success(self.request, _("The panel is set up. Add its chair and members."))
        return redirect("panel_detail", round_pk=self.round.pk, pk=panel.pk)


class PanelMixin(SignedInRoundMixin):
    permission_required = "panels.view_panel"

    @cached_property
    def panel(self):
        panel = selectors.round_panel(self.round, self.kwargs["pk"])
        if panel is None:
            raise Http404
        return panel

    def get_permission_object(self):
        return self.panel

    @cached_property
    def member(self):
        return selectors.membership(self.request.user, self.panel)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("panel", self.panel)
        kwargs.setdefault("member", self.member)
        return super().get_context_data(**kwargs)

    def to_panel(self):
        return redirect("panel_detail", round_pk=self.round.pk, pk=self.panel.pk)


class PanelDetailView(PanelMixin, TemplateView):
    """The panel's members; officers add and remove them here."""

    template_name = "panels/membership/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        manages = user.has_perm("panels.manage_panel", self.round)
        context.update(
            members=list(selectors.panel_members(self.panel)),
            manages=manages,
            picks=list(selectors.subgroup_picks(self.panel)) if manages else [],
            invited=list(selectors.pending_invitations(self.panel)) if manages else [],
            sees_declarations=user.has_perm("panels.view_declarations", self.panel),
        )
        return context


class MemberAddView(PanelMixin, FormView):
    permission_required = "panels.manage_panel"
    template_name = "panels/membership/member_add.html"
    form_class = MemberForm

    def get_permission_object(self):
        return self.round

    def get_initial(self):
        return {"email": self.request.GET.get("email", "")[:254]}

    def form_valid(self, form):
        if form.user is None:
            return self.invite(form)
        try:
            member = services.add_member(
                self.panel,
                form.user,
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                by=self.request.user,
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(
            self.request,
            _("%(person)s is on the panel as %(role)s.")
            % {"person": member.user, "role": member.get_role_display().lower()},
        )
        return self.to_panel()

    def invite(self, form):
        try:
            seat = services.invite_member(
                self.panel,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                organisation=form.cleaned_data["organisation"],
                by=self.request.user,
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(
            self.request,
            _("%(email)s is invited by email to take their seat as %(role)s.")
            % {"email": seat.invitation.email, "role": seat.get_role_display().lower()},
        )
        return self.to_panel()


class TakeSeatView(SignedInRoundMixin, FormView):
    """Someone invited to a panel, who has accepted the round's invitation, takes their seat."""

    template_name = "panels/membership/take_seat.html"
    form_class = TakeSeatForm

    @cached_property
    def seat(self):
        return selectors.seat_waiting_for(self.request.user, self.round, self.kwargs["pk"], self.kwargs["seat_pk"])

    def has_permission(self):
        return self.seat is not None

    def get_context_data(self, **kwargs):
        return super().get_context_data(seat=self.seat, panel=self.seat.panel, **kwargs)

    def form_valid(self, form):
        try:
            services.take_seat(self.seat, user=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("You are on the panel. Declare your interests in its proposals."))
        return redirect("panel_interests", round_pk=self.round.pk, pk=self.seat.panel_id)


class MemberRemoveView(StateRuleMixin, PanelMixin, FormView):
    permission_required = "panels.manage_panel"
    template_name = "panels/membership/member_remove.html"
    form_class = RemoveMemberForm

    def state_refusal(self):
        return services.removal_refusal(self.panel_member)

    def state_refused_url(self):
        return reverse("panel_detail", args=[self.round.pk, self.panel.pk])

    def get_permission_object(self):
        return self.round

    @cached_property
    def panel_member(self):
        return get_object_or_404(
            PanelMember.objects.select_related("user"), panel=self.panel, pk=self.kwargs["member_pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(panel_member=self.panel_member, **kwargs)

    def form_valid(self, form):
        try:
            services.remove_member(self.panel_member, by=self.request.user)
        except ApplicationError as error:
            show_application_error(self.request, error)
            return self.to_panel()
        messages.success(self.request, _("%(person)s is no longer on the panel.") % {"person": self.panel_member.user})
        return self.to_panel()


class MemberOnlyMixin(PanelMixin):
    """Pages of the panel's own members (the declare permission): nobody else has a seat to show."""

    permission_required = "panels.declare"

    def has_permission(self):
        return super().has_permission() and self.member is not None


class InterestsView(MemberOnlyMixin, TemplateView):
    """The member's declarations: every proposal of the panel by name, and what they declared."""

    template_name = "panels/membership/interests.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = selectors.proposals_to_declare(self.member)
        context.update(
            proposals=proposals,
            waiting=sum(1 for proposal in proposals if proposal.declaration is None),
        )
        return context


class DeclareView(StateRuleMixin, MemberOnlyMixin, FormView):
    """One declaration: no interest, or an interest with its nature and a description. A declared
    interest stays declared: its page is not offered again."""

    template_name = "panels/membership/declare.html"
    form_class = DeclarationForm

    def state_refusal(self):
        return services.change_refusal(self.declaration)

    def state_refused_url(self):
        return reverse("panel_interests", args=[self.round.pk, self.panel.pk])

    @cached_property
    def proposal(self):
        proposal = selectors.panel_proposal_for_declaring(self.member, self.kwargs["proposal_pk"])
        if proposal is None:
            raise Http404
        return proposal

    @cached_property
    def declaration(self):
        return self.member.declarations.filter(proposal=self.proposal).first()

    def get_initial(self):
        declaration = self.declaration
        if declaration is None:
            return {}
        return {
            "has_interest": "yes" if declaration.has_interest else "no",
            "nature": declaration.nature,
            "description": declaration.description,
        }

    def get_context_data(self, **kwargs):
        partners = [partner.organisation_name for partner in self.proposal.partners.all() if not partner.is_lead]
        return super().get_context_data(
            proposal=self.proposal, partners=partners, declaration=self.declaration, **kwargs
        )

    def form_valid(self, form):
        try:
            services.declare(
                self.member,
                self.proposal,
                has_interest=form.cleaned_data["has_interest"],
                nature=form.cleaned_data["nature"],
                description=form.cleaned_data["description"],
                by=self.request.user,
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(
            self.request, _("Your declaration about “%(title)s” is saved.") % {"title": self.proposal.title}
        )
        return redirect("panel_interests", round_pk=self.round.pk, pk=self.panel.pk)


class DeclarationsView(PanelMixin, TemplateView):
    """Every declaration of the panel, for its chair and the round's officers."""

    permission_required = "panels.view_declarations"
    template_name = "panels/membership/declarations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["declarations"] = list(selectors.panel_declarations(self.panel))
        return context


class ReadingListView(MemberOnlyMixin, TemplateView):
    """The proposals the member may read; until every declaration is made, how many are left."""

    template_name = "panels/membership/reading.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = selectors.undeclared_proposals(self.member).count()
        proposals = list(selectors.proposals_for_member(self.member).select_related("lead_organisation"))
        context.update(
            waiting=waiting,
            waiting_message=ngettext(
                "Declare your interests in every proposal first: %(n)d to go.",
                "Declare your interests in every proposal first: %(n)d to go.",
                waiting,
            )
            % {"n": waiting},
            proposals=proposals,
        )
        return context


class ReadProposalView(PanelMixin, TemplateView):
    """A proposal's whole content, drawn with the proposal's own content templates."""

    permission_required = "panels.read_proposal"
    template_name = "panels/membership/read.html"

    @cached_property
    def proposal(self):
        proposal = selectors.readable_proposal(self.panel, self.kwargs["proposal_pk"])
        if proposal is None:
            raise Http404
        return proposal

    def get_permission_object(self):
        return self.proposal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.proposal
        themes = list(self.round.cross_cutting_themes.order_by("title"))
        indicators = list(proposal.specification.indicators.order_by("code"))
        sections = []
        for status in section_statuses(proposal, indicators=indicators, themes=themes):
            page_class = page_class_for(status.section)
            template = page_class.content_template if page_class else FALLBACK_CONTENT.get(status.section, NOTHING)
            sections.append({"section": status.section, "status": status, "content_template": template})
        responses = {response.theme_id: response.response for response in proposal.theme_responses.all()}
        context.update(
            proposal=proposal,
            specification=proposal.specification,
            partners=list(proposal.partners.all()),
            theme_rows=[(theme, responses.get(theme.pk, "")) for theme in themes],
            indicators=indicators,
            themes=themes,
            sections=sections,
            read_outside_consortium=True,
            attachment_url_name="panel_attachment",
        )
        return context


class AttachmentView(SignedInRoundMixin, View):
    """One attachment of a proposal the person may read on its panel, downloaded."""

    permission_required = "panels.read_proposal"

    @cached_property
    def proposal(self):
        proposal = selectors.panel_proposal_in_round(self.round, self.kwargs["proposal_pk"])
        if proposal is None:
            raise Http404
        return proposal

    def get_permission_object(self):
        return self.proposal

    def get(self, request, *args, **kwargs):
        attachment = get_object_or_404(self.proposal.attachments.all(), pk=self.kwargs["attachment_pk"])
        return private_file_response(
            attachment.file, filename=attachment.original_name, content_type=attachment.content_type, as_attachment=True
        )
