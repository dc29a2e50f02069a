from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning import registry
from commissioning.accounts.models import User
from commissioning.audit import selectors as audit_selectors
from commissioning.audit.sentences import describe_entries
from commissioning.common.errors import ApplicationError
from commissioning.common.views import RulesPermissionMixin, show_application_error
from commissioning.enums import STAGE_ORDER, STAGE_PURPOSE, Role, Stage
from commissioning.outbox.models import OutgoingEmail
from commissioning.partnerships import selectors as partnership_selectors
from commissioning.partnerships.models import Partnership
from commissioning.rounds import selectors, services
from commissioning.rounds.forms import AcceptInvitationForm, InvitationForm, NewRoundForm, RoundForm
from commissioning.rounds.mixins import SignedInRoundMixin
from commissioning.rounds.models import Invitation, Round, RoundRole


class HomeView(TemplateView):
    template_name = "commissioning/rounds/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["rounds"] = selectors.rounds_visible_to(user)
        context["can_create"] = user.has_perm("commissioning.create_round")
        if not context["can_create"] and user.is_authenticated:
            # Whom to ask for a new round: the officers of the partnerships this person takes part in.
            theirs = Partnership.objects.filter(rounds__in=context["rounds"].values("pk"))
            context["officers_to_ask"] = partnership_selectors.partnership_officers(
                theirs if theirs.exists() else Partnership.objects.all()
            )
        context["can_manage_organisations"] = user.has_perm("commissioning.manage_organisations")
        context["open_calls"] = [call for call in registry.public_calls() if call.is_open]
        context["home_panels"] = registry.home_panels(user) if user.is_authenticated else []
        return context


class RoundCreateView(LoginRequiredMixin, RulesPermissionMixin, TemplateView):
    """Start a round: straight to the form when the person leads one partnership, else choose which."""

    permission_required = "commissioning.create_round"
    template_name = "commissioning/rounds/choose_partnership.html"

    def get_permission_object(self):
        return None

    def get(self, request, *args, **kwargs):
        partnerships = list(partnership_selectors.partnerships_led_by(request.user))
        if len(partnerships) == 1:
            return redirect("partnership_round_create", partnership_pk=partnerships[0].pk)
        return self.render_to_response(self.get_context_data(partnerships=partnerships))


class PartnershipRoundCreateView(LoginRequiredMixin, RulesPermissionMixin, FormView):
    """A new round of one partnership, which starts with its plan, its mailing list and its board."""

    permission_required = "commissioning.create_round"
    template_name = "commissioning/rounds/form.html"
    form_class = NewRoundForm

    def dispatch(self, request, *args, **kwargs):
        self.partnership = get_object_or_404(Partnership, pk=kwargs["partnership_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.partnership

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partnership": self.partnership, "creator": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(partnership=self.partnership, **kwargs)

    def form_valid(self, form):
        fields = form.round_fields()
        round_ = services.create_round(by=self.request.user, partnership=self.partnership, **fields)
        if fields["officer"] == self.request.user:
            messages.success(self.request, _("Round created. You are its partnership officer."))
        else:
            messages.success(
                self.request,
                _("Round created. %(officer)s is its partnership officer.") % {"officer": fields["officer"]},
            )
        if not self.request.user.has_perm("commissioning.view_round", round_):
            return redirect("home")
        return redirect("round_detail", round_pk=round_.pk)


class RoundUpdateView(SignedInRoundMixin, FormView):
    permission_required = "commissioning.change_round"
    template_name = "commissioning/rounds/form.html"
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
        except ApplicationError as error:
            # A later stage refused the new budget or years: the error belongs to the field that was cut.
            shortened = form.cleaned_data["number_of_years"] < self.round.number_of_years
            cut = form.cleaned_data["annual_budget"] < self.round.annual_budget_pence
            field = "number_of_years" if shortened and not cut else "annual_budget"
            return self.form_invalid(show_application_error(self.request, error, form=form, field=field))
        messages.success(self.request, _("Round details saved."))
        return redirect("round_detail", round_pk=self.round.pk)


class RoundDetailView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.view_round"
    template_name = "commissioning/rounds/detail.html"

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
        context["sections"] = registry.round_page_sections(self.round, user)
        return context


class RoundAdvanceView(SignedInRoundMixin, TemplateView):
    """GET asks the officer to confirm moving the round on, saying what cannot be undone; POST moves it."""

    permission_required = "commissioning.advance_round"
    template_name = "commissioning/rounds/advance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target = services.next_stage(self.round.stage)
        context["current_stage"] = Stage(self.round.stage)
        context["next_stage"] = Stage(target) if target else None
        context["purpose"] = STAGE_PURPOSE[Stage(target)] if target else ""
        context["blockers"] = services.stage_blockers(self.round) if target else []
        return context

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
    template_name = "commissioning/rounds/people.html"
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
            return self.form_invalid(show_application_error(self.request, error, form=form))
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

    template_name = "commissioning/rounds/invitation_accept.html"

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
                return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
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
        return redirect(self.next_url(request) or reverse("round_detail", args=[invitation.round_id]))

    @staticmethod
    def next_url(request):
        """Where the link asked to go once the invitation is accepted (a sign-off, say), if on this site."""
        target = request.GET.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return None


class AuditTrailView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.view_audit"
    template_name = "commissioning/rounds/audit_trail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(audit_selectors.audit_trail(self.round), 50).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["entries"] = describe_entries(page.object_list)
        return context


class OutboxView(SignedInRoundMixin, TemplateView):
    """The send log: each recorded message, its recipient, and when it went."""

    permission_required = "commissioning.view_outbox"
    template_name = "commissioning/rounds/outbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        emails = OutgoingEmail.objects.filter(round=self.round).order_by("-created_at", "-id")
        context["page_obj"] = Paginator(emails, 100).get_page(self.request.GET.get("page"))
        return context
