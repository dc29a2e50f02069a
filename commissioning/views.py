from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from . import plan_forms, plan_imports, registry, selectors, services
from .enums import STAGE_ORDER, STAGE_PURPOSE, Role, Stage
from .exceptions import ApplicationError
from .forms import AcceptInvitationForm, InvitationForm, OrganisationForm, RoundForm
from .imports import CsvImportView
from .mixins import RulesPermissionMixin, SignedInRoundMixin, show_application_error
from .models import Invitation, Organisation, OutgoingEmail, Round, RoundRole, User


class HomeView(TemplateView):
    template_name = "commissioning/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["rounds"] = selectors.rounds_visible_to(user)
        context["can_create"] = user.has_perm("commissioning.create_round")
        context["can_manage_organisations"] = user.has_perm("commissioning.manage_organisations")
        return context


class RoundCreateView(LoginRequiredMixin, RulesPermissionMixin, FormView):
    permission_required = "commissioning.create_round"
    template_name = "commissioning/round_form.html"
    form_class = RoundForm

    def get_permission_object(self):
        return None

    def form_valid(self, form):
        round_ = services.create_round(by=self.request.user, **form.round_fields())
        messages.success(self.request, _("Round created. You are its partnership officer."))
        return redirect("round_detail", round_pk=round_.pk)


class RoundUpdateView(SignedInRoundMixin, FormView):
    permission_required = "commissioning.change_round"
    template_name = "commissioning/round_form.html"
    form_class = RoundForm

    def get_form_kwargs(self):
        # A separate copy: a refused form must not change the round shown around it.
        return {**super().get_form_kwargs(), "instance": Round.objects.get(pk=self.round.pk)}

    def form_valid(self, form):
        try:
            services.update_round(self.round, by=self.request.user, **form.round_fields())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Round details saved."))
        return redirect("round_detail", round_pk=self.round.pk)


class RoundDetailView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.view_round"
    template_name = "commissioning/round_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        current = STAGE_ORDER.index(self.round.stage)
        context["pipeline"] = [
            {
                "value": value,
                "label": Stage(value).label,
                "purpose": STAGE_PURPOSE[Stage(value)],
                "state": "done" if i < current else "current" if i == current else "todo",
            }
            for i, value in enumerate(STAGE_ORDER)
        ]
        target = services.next_stage(self.round.stage)
        context["next_stage"] = Stage(target) if target else None
        context["can_advance"] = user.has_perm("commissioning.advance_round", self.round)
        context["blockers"] = services.stage_blockers(self.round) if context["can_advance"] and target else []
        context["my_roles"] = [Role(r).label for r in sorted(selectors.roles_in(user, self.round))]
        context["summaries"] = registry.summaries_for(self.round, user)
        context["can_manage"] = user.has_perm("commissioning.change_round", self.round)
        context["can_view_plan"] = user.has_perm("commissioning.view_plan", self.round)
        return context


class RoundAdvanceView(SignedInRoundMixin, View):
    permission_required = "commissioning.advance_round"

    def post(self, request, round_pk):
        try:
            round_ = services.advance_round(self.round, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(
                request, _("The round has moved on to “%(stage)s”.") % {"stage": Stage(round_.stage).label}
            )
        return redirect("round_detail", round_pk=round_pk)


class PeopleView(SignedInRoundMixin, FormView):
    permission_required = "commissioning.manage_people"
    template_name = "commissioning/people.html"
    form_class = InvitationForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = selectors.round_people(self.round)
        context["invitations"] = self.round.invitations.filter(accepted_at__isnull=True).select_related("organisation")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = services.invite_person(
                self.round,
                by=self.request.user,
                email=data["email"],
                role=data["role"],
                full_name=data["full_name"],
                organisation=data["organisation"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("round_people", round_pk=self.round.pk)


class RemoveRoleView(SignedInRoundMixin, View):
    permission_required = "commissioning.manage_people"

    def post(self, request, round_pk, role_pk):
        role = get_object_or_404(RoundRole, pk=role_pk, round=self.round)
        try:
            services.remove_role(role, by=request.user)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, _("Role removed."))
        return redirect("round_people", round_pk=round_pk)


class AcceptInvitationView(View):
    """The link in an invitation: set a password (or sign in) and land in the round."""

    template_name = "commissioning/invitation_accept.html"

    def get_invitation(self, token):
        return get_object_or_404(Invitation.objects.select_related("round", "organisation"), token=token)

    def get(self, request, token):
        invitation = self.get_invitation(token)
        form = AcceptInvitationForm(initial={"full_name": invitation.full_name})
        return self.render(request, invitation, form)

    def render(self, request, invitation, form):
        user = request.user
        context = {
            "invitation": invitation,
            "form": form,
            "existing_account": User.objects.filter(email__iexact=invitation.email).exists(),
            "wrong_account": user.is_authenticated and user.email.lower() != invitation.email.lower(),
        }
        return render(request, self.template_name, context)

    def post(self, request, token):
        invitation = self.get_invitation(token)
        if not invitation.is_usable:
            messages.error(request, _("This invitation has already been used or has expired."))
            return self.render(request, invitation, AcceptInvitationForm())
        if request.user.is_authenticated:
            try:
                services.accept_invitation(invitation, user=request.user)
            except ApplicationError as error:
                show_application_error(request, error)
                return self.render(request, invitation, AcceptInvitationForm())
        else:
            if User.objects.filter(email__iexact=invitation.email).exists():
                messages.error(request, _("You already have an account: sign in first, then open the link again."))
                return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
            form = AcceptInvitationForm(request.POST, email=invitation.email)
            if not form.is_valid():
                return self.render(request, invitation, form)
            try:
                user = services.register_from_invitation(
                    invitation, password=form.cleaned_data["password"], full_name=form.cleaned_data["full_name"]
                )
            except ApplicationError as error:
                show_application_error(request, error)
                return self.render(request, invitation, form)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(round)s.") % {"round": invitation.round})
        return redirect("round_detail", round_pk=invitation.round_id)


class AuditTrailView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.view_audit"
    template_name = "commissioning/audit_trail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(selectors.audit_trail(self.round), 50).get_page(self.request.GET.get("page"))
        return context


class OutboxView(SignedInRoundMixin, TemplateView):
    """The send log: each recorded message, its recipient, and when it went."""

    permission_required = "commissioning.view_outbox"
    template_name = "commissioning/outbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        emails = OutgoingEmail.objects.filter(round=self.round).order_by("-created_at", "-id")
        context["page_obj"] = Paginator(emails, 100).get_page(self.request.GET.get("page"))
        return context


class OrganisationListView(LoginRequiredMixin, RulesPermissionMixin, ListView):
    permission_required = "commissioning.manage_organisations"
    template_name = "commissioning/organisation_list.html"
    queryset = Organisation.objects.order_by("name")
    paginate_by = 100


class OrganisationFormView(LoginRequiredMixin, RulesPermissionMixin, FormView):
    permission_required = "commissioning.manage_organisations"
    template_name = "commissioning/organisation_form.html"
    form_class = OrganisationForm

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(Organisation, pk=pk) if pk else Organisation()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_instance()}

    def get_context_data(self, **kwargs):
        # The saved name heads the page even while a refused form holds what was typed.
        pk = self.kwargs.get("pk")
        kwargs.setdefault("saved_name", Organisation.objects.values_list("name", flat=True).get(pk=pk) if pk else "")
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        services.save_organisation(form.instance, by=self.request.user)
        messages.success(self.request, _("Organisation saved."))
        return redirect("organisation_list")


# The strategic plan: outcomes and indicators (officers edit; everyone studying the evidence reads).


class PlanView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.view_plan"
    template_name = "commissioning/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["outcomes"] = selectors.strategic_plan_page(self.round)
        context["can_change"] = self.request.user.has_perm("commissioning.change_plan", self.round)
        return context


class PlanObjectFormView(SignedInRoundMixin, FormView):
    """Add or edit one object of the plan; the service's refusal is shown against the code."""

    permission_required = "commissioning.change_plan"
    template_name = "commissioning/plan_form.html"
    model = None
    save = None

    def get_object(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_object()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.get_heading(context["form"].instance)
        return context

    def form_valid(self, form):
        try:
            type(self).save(form.instance, by=self.request.user)
        except ApplicationError as error:
            form.add_error("code", error.message)
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s saved.") % {"object": form.instance})
        return redirect("plan", round_pk=self.round.pk)


class OutcomeFormView(PlanObjectFormView):
    form_class = plan_forms.OutcomeForm
    save = staticmethod(services.save_outcome)

    def get_object(self):
        from .models import StrategicOutcome

        if "pk" in self.kwargs:
            return get_object_or_404(StrategicOutcome, pk=self.kwargs["pk"], round=self.round)
        return StrategicOutcome(round=self.round)

    def get_heading(self, outcome):
        return _("Edit outcome %(code)s") % {"code": outcome.code} if outcome.pk else _("Add an outcome")


class IndicatorFormView(PlanObjectFormView):
    form_class = plan_forms.IndicatorForm
    save = staticmethod(services.save_indicator)

    def get(self, request, *args, **kwargs):
        if "pk" not in self.kwargs and not self.round.outcomes.exists():
            messages.info(request, _("Add an outcome before adding its indicators."))
            return redirect("plan_outcome_create", round_pk=self.round.pk)
        return super().get(request, *args, **kwargs)

    def get_object(self):
        from .models import Indicator

        if "pk" in self.kwargs:
            return get_object_or_404(
                Indicator.objects.select_related("outcome"), pk=self.kwargs["pk"], outcome__round=self.round
            )
        return Indicator()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round": self.round}

    def get_heading(self, indicator):
        return _("Edit indicator %(code)s") % {"code": indicator.code} if indicator.pk else _("Add an indicator")


class PlanImportView(SignedInRoundMixin, CsvImportView):
    permission_required = "commissioning.change_plan"

    def get_success_url(self):
        return reverse("plan", args=[self.round.pk])

    def get_back_link(self):
        return _("Strategic plan"), reverse("plan", args=[self.round.pk])


class OutcomeImportView(PlanImportView):
    importer_class = plan_imports.OutcomeImport


class IndicatorImportView(PlanImportView):
    importer_class = plan_imports.IndicatorImport


class ReadingImportView(PlanImportView):
    importer_class = plan_imports.ReadingImport
