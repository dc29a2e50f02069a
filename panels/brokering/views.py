"""Brokering pages: the panel's requests (asked and withdrawn by its chair or an officer), and the
requests addressed to a bidder's proposals with the lead's answer."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.brokering import selectors, services
from panels.brokering.enums import RequestKind, RequestOutcome
from panels.brokering.forms import AnswerForm, AskForm, WithdrawForm
from panels.membership.models import Panel


class PanelMixin(SignedInRoundMixin):
    """The panel of the URL, in the round of the URL; only its chair and the round's officers broker."""

    permission_required = "panels.broker"

    @cached_property
    def panel(self):
        panel = (
            Panel.objects.select_related("round", "priority")
            .filter(round=self.round, pk=self.kwargs["panel_pk"])
            .first()
        )
        if panel is None:
            raise Http404
        return panel

    def get_permission_object(self):
        return self.panel

    def get_context_data(self, **kwargs):
        return super().get_context_data(panel=self.panel, **kwargs)


class RequestMixin(PanelMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.brokering_request  # noqa: B018 -- a 404 for a request of another panel
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def brokering_request(self):
        found = selectors.request_in(self.panel, self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def to_detail(self):
        return redirect("brokering_detail", self.round.pk, self.panel.pk, self.brokering_request.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(brokering_request=self.brokering_request, **kwargs)


class RequestListView(PanelMixin, TemplateView):
    template_name = "panels/brokering/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(requests=list(selectors.requests_of(self.panel)), **kwargs)


class AskView(PanelMixin, FormView):
    template_name = "panels/brokering/ask.html"
    form_class = AskForm

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in RequestKind.values else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "proposals": selectors.addressable_proposals(self.panel)}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            request = services.ask(
                self.panel,
                by=self.request.user,
                kind=data["kind"],
                proposals=data["proposals"],
                what=data["what"],
                why=data["why"],
                new_lead=data.get("new_lead"),
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The request is sent. We have emailed each lead's contact."))
        return redirect("brokering_detail", self.round.pk, self.panel.pk, request.pk)


class RequestDetailView(RequestMixin, TemplateView):
    template_name = "panels/brokering/detail.html"

    def get_context_data(self, **kwargs):
        combined = self.brokering_request.combined
        return super().get_context_data(
            withdrawable=self.brokering_request.outcome == RequestOutcome.WAITING,
            reads_combined=combined is not None and self.request.user.has_perm("proposals.view_proposal", combined),
            **kwargs,
        )


class WithdrawView(StateRuleMixin, RequestMixin, FormView):
    template_name = "panels/brokering/withdraw.html"
    form_class = WithdrawForm

    def state_refusal(self):
        if self.brokering_request.outcome != RequestOutcome.WAITING:
            return _("This request is already closed.")
        return None

    def state_refused_url(self):
        return self.to_detail().url

    def form_valid(self, form):
        try:
            services.withdraw(self.brokering_request, by=self.request.user, note=form.cleaned_data["note"])
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("The request is withdrawn. We have emailed each lead's contact."))
        return self.to_detail()


class InboxView(SignedInRoundMixin, TemplateView):
    """The requests addressed to the proposals of the organisations the person acts for."""

    permission_required = "proposals.view_bidder_dashboard"
    template_name = "panels/brokering/inbox.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(parties=list(selectors.parties_for(self.request.user, self.round)), **kwargs)


class AnswerView(SignedInRoundMixin, FormView):
    """One request addressed to a proposal the person's organisation leads, and its lead's answer."""

    permission_required = "panels.answer_brokering"
    template_name = "panels/brokering/answer.html"
    form_class = AnswerForm

    @cached_property
    def party(self):
        party = selectors.party_for(self.request.user, self.round, self.kwargs["pk"])
        if party is None:
            raise Http404
        return party

    def get_permission_object(self):
        return self.party

    def get_context_data(self, **kwargs):
        request = self.party.request
        return super().get_context_data(
            party=self.party,
            brokering_request=request,
            others=list(request.parties.select_related("proposal__lead_organisation").order_by("proposal__title")),
            refusal=services.answer_refusal(self.party),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        refusal = services.answer_refusal(self.party)
        if refusal:
            messages.error(request, refusal)
            return redirect("brokering_answer", self.round.pk, self.party.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.answer(
                self.party,
                by=self.request.user,
                consent=form.cleaned_data["consent"],
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, _("Your answer is recorded. We have told the panel."))
        return redirect("brokering_answer", self.round.pk, self.party.pk)
