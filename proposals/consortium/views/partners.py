"""The partners section of a proposal: its consortium, read by whoever reads the proposal and
managed by the lead's people (invite, change a role, remove, send an invitation again, and the
sections partners may edit)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from proposals.consortium import selectors, services
from proposals.consortium.forms import PartnerForm, PartnerSectionsForm, RoleForm
from proposals.writing.enums import PartnerState


class ProposalMixin(SignedInRoundMixin):
    """Loads the proposal of the URL among those the person may read (404 otherwise)."""

    @cached_property
    def proposal(self):
        proposal = selectors.proposal_for(self.request.user, self.round, self.kwargs["proposal_pk"])
        if proposal is None:
            raise Http404
        return proposal

    def get_permission_object(self):
        return self.proposal

    def to_partners(self):
        return redirect("consortium_partners", round_pk=self.round.pk, proposal_pk=self.proposal.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, **kwargs)


class PartnerMixin(ProposalMixin):
    """The lead's pages about one organisation of the consortium."""

    permission_required = "proposals.manage_consortium"

    @cached_property
    def partner(self):
        partner = selectors.partner_in(self.proposal, self.kwargs["partner_pk"])
        if partner is None:
            raise Http404
        return partner

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.partner  # noqa: B018 -- a 404 for an id that is not of this consortium
        return super().dispatch(request, *args, **kwargs)


class PartnersView(ProposalMixin, FormView):
    """The consortium with each organisation's role and answer; the lead's forms while it may change."""

    permission_required = "proposals.view_proposal"
    template_name = "proposals/consortium/partners.html"
    form_class = PartnerForm

    @cached_property
    def manages(self):
        return self.request.user.has_perm("proposals.manage_consortium", self.proposal)

    @cached_property
    def is_open(self):
        return selectors.consortium_open(self.proposal)

    def get_context_data(self, **kwargs):
        proposal = self.proposal
        partners = list(selectors.partners_of(proposal))
        kwargs.setdefault(
            "sections_form",
            PartnerSectionsForm(
                initial={"sections": list(proposal.partner_sections or [])},
                action=reverse("consortium_partner_sections", args=[self.round.pk, proposal.pk]),
            ),
        )
        return super().get_context_data(
            partners=partners,
            manages=self.manages,
            is_open=self.is_open,
            can_change=self.manages and self.is_open,
            confirmed=selectors.confirmed_count(proposal),
            needed=proposal.specification.minimum_partners,
            problems=services.consortium_problems(proposal),
            open_sections=[
                section
                for value, section in services.partner_sections_choices()
                if value in (proposal.partner_sections or [])
            ],
            invited=PartnerState.INVITED,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.manages:
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            partner = services.add_partner(self.proposal, by=self.request.user, **form.cleaned_data)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(
            self.request,
            _("%(organisation)s is invited. We have emailed %(email)s a link to confirm or decline.")
            % {"organisation": partner.organisation_name, "email": partner.contact_email},
        )
        return self.to_partners()


class PartnerSectionsView(ProposalMixin, View):
    permission_required = "proposals.manage_consortium"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = PartnerSectionsForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("sections", []):
                messages.error(request, error)
            return self.to_partners()
        try:
            services.set_partner_sections(self.proposal, by=request.user, sections=form.cleaned_data["sections"])
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, _("The sections partners may edit are saved."))
        return self.to_partners()


class PartnerRoleView(PartnerMixin, FormView):
    """The lead changes an organisation's role in delivery, its own included."""

    template_name = "proposals/consortium/role.html"
    form_class = RoleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.partner}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partner=self.partner, is_open=selectors.consortium_open(self.proposal), **kwargs
        )

    def form_valid(self, form):
        try:
            services.change_role(
                self.partner, by=self.request.user, role_in_delivery=form.cleaned_data["role_in_delivery"]
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(
            self.request, _("The role of %(organisation)s is saved.") % {"organisation": self.partner.organisation_name}
        )
        return self.to_partners()


class PartnerRemoveView(PartnerMixin, TemplateView):
    """The lead takes an organisation out of the consortium, after confirming."""

    template_name = "proposals/consortium/remove.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partner=self.partner, is_open=selectors.consortium_open(self.proposal), **kwargs
        )

    def post(self, request, *args, **kwargs):
        name = self.partner.organisation_name
        try:
            services.remove_partner(self.partner, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, _("%(organisation)s is no longer in the consortium.") % {"organisation": name})
        return self.to_partners()


class PartnerResendView(PartnerMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.resend_invitation(self.partner, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(
                request, _("The invitation is sent again to %(email)s.") % {"email": self.partner.contact_email}
            )
        return self.to_partners()
