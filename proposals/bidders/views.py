"""Registering an organisation to bid, reached from the public page of the round's call."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.rounds.mixins import SignedInRoundMixin
from priorities.specifications.rules import has_confirmed_email
from proposals.bidders import selectors, services
from proposals.bidders.forms import RegistrationForms


class RegisterView(SignedInRoundMixin, TemplateView):
    """Which organisation, then its address and main contact. An organisation already registered in
    the round is named with what to do instead; a person whose address is not confirmed is told
    to confirm it first."""

    permission_required = "proposals.register_bidder"
    template_name = "proposals/bidders/register.html"

    @cached_property
    def registered_ids(self):
        return selectors.registered_organisation_ids(self.round)

    def make_forms(self, data=None):
        user = self.request.user
        return RegistrationForms(
            data,
            organisations=list(selectors.my_organisations(user)),
            registered_ids=self.registered_ids,
            registered_label=_("already registered"),
            details_initial={"contact_name": user.full_name, "contact_email": user.email},
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forms", self.make_forms())
        return super().get_context_data(
            email_confirmed=has_confirmed_email(self.request.user),
            registered=list(selectors.my_bidders(self.request.user, self.round)),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not has_confirmed_email(request.user):
            return self.render_to_response(self.get_context_data(), status=403)
        forms = self.make_forms(request.POST)
        if forms.is_valid():
            try:
                bidder = services.register_bidder(
                    self.round,
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
                    _("%(organisation)s is registered to bid in %(round)s.")
                    % {"organisation": bidder.organisation, "round": self.round.name},
                )
                return redirect("bidder_dashboard", round_pk=self.round.pk)
        return self.render_to_response(self.get_context_data(forms=forms))
