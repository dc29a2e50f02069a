"""The sponsor's own commitment: the page where its contact or finance officer confirms or declines,
and the officer's request to ask them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from priorities.specifications import selectors
from priorities.specifications.forms import SignoffDeclineForm
from priorities.specifications.rules import has_confirmed_email
from priorities.specifications.services import signoffs as services
from priorities.specifications.views.specifications import SpecificationActionView


class SignoffView(StateRuleMixin, SignedInRoundMixin, FormView):
    """What the sponsor commits to, with "Confirm" and a reasoned "Decline". Only the person asked
    (signed in with the confirmed address asked) may open it; anyone else gets a 404, except a person
    whose address is not confirmed yet: they are told to confirm it, on a page that is the same
    whichever sign-off (or round) the address names, so it tells them nothing of it."""

    template_name = "priorities/specifications/signoff.html"
    form_class = SignoffDeclineForm
    # The page shows the answer once given; only an answer the service would refuse is turned away.
    state_guarded_methods = ("POST",)

    def state_refusal(self):
        return services.answer_refusal(self.signoff)

    def state_refused_url(self):
        return reverse("sponsor_signoff", args=[self.round.pk, self.signoff.pk])

    @cached_property
    def signoff(self):
        signoff = selectors.signoff_for(self.request.user, self.round, self.kwargs["pk"])
        if signoff is None:
            raise Http404
        return signoff

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not has_confirmed_email(request.user):
                return render(request, "priorities/specifications/signoff_confirm_email.html")
            self.signoff  # noqa: B018 -- a 404 before anything else for someone who was not asked
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        spec = self.signoff.specification
        context.update(
            signoff=self.signoff,
            specification=spec,
            priority=spec.priority,
            allocation_rows=spec.allocation_rows(),
            indicators=spec.indicators.all(),
            themes=selectors.cross_cutting_themes(self.round),
            is_pending=services.answer_refusal(self.signoff) is None,
        )
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            try:
                services.confirm_signoff(self.signoff, by=request.user)
            except ApplicationError as error:
                show_application_error(request, error)
            else:
                messages.success(
                    request,
                    _("Thank you: you have confirmed %(sponsor)s's commitment for “%(title)s”.")
                    % {"sponsor": self.signoff.organisation, "title": self.signoff.specification.title},
                )
            return redirect("sponsor_signoff", round_pk=self.round.pk, pk=self.signoff.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.decline_signoff(self.signoff, by=self.request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="reason"))
        messages.success(self.request, _("You have declined. The partnership's officers have been told why."))
        return redirect("sponsor_signoff", round_pk=self.round.pk, pk=self.signoff.pk)


class AskSponsorView(SpecificationActionView):
    """An officer asks the sponsor's contact and finance officer now (each is emailed once)."""

    permission_required = "priorities.ask_sponsor"

    def get_permission_object(self):
        return self.round

    def act(self, request):
        asked = services.ask_sponsor(self.specification, by=request.user)
        return _("Asked %(people)s to confirm the sponsor's commitment.") % {
            "people": _(" and ").join(signoff.name for signoff in asked)
        }
