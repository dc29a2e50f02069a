"""The link in a partner's invitation: what the lead asks (never the proposal's content), then, once
signed in, which organisation answers (registering it to bid if need be), and confirm or decline."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import show_application_error
from priorities.specifications.rules import has_confirmed_email
from proposals.bidders.forms import RegistrationForms
from proposals.bidders.selectors import bidder_of, my_organisations, registered_organisation_ids
from proposals.consortium import selectors, services
from proposals.consortium.forms import DeclineForm
from proposals.writing.enums import PartnerState


class PartnerInvitationView(TemplateView):
    template_name = "proposals/consortium/invitation.html"

    @cached_property
    def partner(self):
        partner = selectors.partner_for_token(self.kwargs["token"])
        if partner is None:
            raise Http404
        return partner

    @property
    def round(self):
        return self.partner.proposal.round

    def make_forms(self, data=None):
        user = self.request.user
        return RegistrationForms(
            data,
            organisations=list(my_organisations(user)),
            registered_ids=registered_organisation_ids(self.round),
            registered_label=_("registered in this round"),
            details_initial={"contact_name": user.full_name, "contact_email": user.email},
            # The name the lead gave the organisation when inviting it: not typed twice.
            organisation_initial={"name": self.partner.organisation_name},
        )

    def get_context_data(self, **kwargs):
        partner = self.partner
        user = self.request.user
        answerable = partner.state == PartnerState.INVITED and selectors.consortium_open(partner.proposal)
        if user.is_authenticated and answerable:
            kwargs.setdefault("forms", self.make_forms())
            kwargs.setdefault("decline_form", DeclineForm())
        forms = kwargs.get("forms")
        return super().get_context_data(
            partner=partner,
            proposal=partner.proposal,
            round=self.round,
            answerable=answerable,
            may_read_proposal=user.has_perm("proposals.view_proposal", partner.proposal),
            may_see_dashboard=user.has_perm("proposals.view_bidder_dashboard", self.round),
            email_confirmed=has_confirmed_email(user),
            form={
                "errors": bool(forms and forms.has_errors)
                or bool(kwargs.get("decline_form") and kwargs["decline_form"].errors)
            },
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        partner = self.partner
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if "decline" in request.POST:
            return self.decline(request)
        forms = self.make_forms(request.POST)
        if forms.is_valid(needs_details=lambda organisation: bidder_of(self.round, organisation) is None):
            try:
                partner = services.confirm_partnership(
                    partner,
                    by=request.user,
                    organisation=forms.chosen_organisation,
                    organisation_fields=forms.organisation_fields,
                    details=forms.bidder_details,
                )
            except ApplicationError as error:
                forms.add_error(error.message)
                for detail in error.details:
                    forms.add_error(detail)
            else:
                messages.success(
                    request,
                    _("Thank you: %(organisation)s is confirmed as a partner in “%(title)s”. The lead has been told.")
                    % {"organisation": partner.organisation, "title": partner.proposal.title},
                )
                return redirect("consortium_invitation", token=partner.token)
        return self.render_to_response(self.get_context_data(forms=forms))

    def decline(self, request):
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                services.decline_partnership(self.partner, by=request.user, reason=form.cleaned_data["reason"])
            except ApplicationError as error:
                show_application_error(request, error, form=form, field="reason")
            else:
                messages.success(request, _("You have declined. The lead organisation has been told why."))
                return redirect("consortium_invitation", token=self.partner.token)
        return self.render_to_response(self.get_context_data(decline_form=form))
