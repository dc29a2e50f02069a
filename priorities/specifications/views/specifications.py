"""Writing, approving and publishing specifications; sub-groups; versions; the send log; answers."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.documents.models import DocumentStatus
from commissioning.documents.services import latest_document
from commissioning.documents.views import document_response
from commissioning.funding.selectors import budget_summary
from commissioning.rounds.mixins import RoundMixin, SignedInRoundMixin
from priorities.specifications import selectors
from priorities.specifications.enums import SignoffRole, SignoffState
from priorities.specifications.forms import (
    AmendmentForm,
    ApproveForm,
    ReturnForm,
    SpecificationForm,
    SubgroupMemberForm,
)
from priorities.specifications.models import SubgroupMember
from priorities.specifications.outcome_language import check_outcome_language
from priorities.specifications.rules import ask_refusal
from priorities.specifications.services import budget
from priorities.specifications.services import specifications as services
from priorities.specifications.services.specifications import SPECIFICATION_PDF
from priorities.workshop.models import Priority


class PriorityMixin(RoundMixin):
    """Loads the priority from the URL and its specification (None until first saved)."""

    @cached_property
    def priority(self):
        return get_object_or_404(
            Priority.objects.select_related("outcome"), pk=self.kwargs["priority_pk"], round=self.round
        )

    @cached_property
    def specification(self):
        return selectors.specification_detail(self.round, self.priority.pk)

    def get_permission_object(self):
        return self.specification or self.priority

    def get_context_data(self, **kwargs):
        kwargs.setdefault("priority", self.priority)
        kwargs.setdefault("specification", self.specification)
        return super().get_context_data(**kwargs)

    def to_detail(self):
        return redirect(self.state_refused_url())

    def state_refused_url(self):
        return reverse("specification_detail", args=[self.round.pk, self.priority.pk])


class SpecificationListView(SignedInRoundMixin, TemplateView):
    permission_required = "commissioning.view_round"
    template_name = "priorities/specifications/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["priorities"] = selectors.priorities_with_specifications(user, self.round)
        context["sees_drafts"] = user.has_perm("priorities.view_specification_drafts", self.round)
        context["manages"] = user.has_perm("priorities.manage_subgroups", self.round)
        context["call_is_public"] = selectors.has_published(self.round)
        return context


class SpecificationDetailView(PriorityMixin, TemplateView):
    """The specification as its readers see it; the actions each person may take."""

    permission_required = "priorities.view_specification"
    template_name = "priorities/specifications/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, spec = self.request.user, self.specification
        context["themes"] = selectors.cross_cutting_themes(self.round)
        context["sees_drafts"] = user.has_perm("priorities.view_specification_drafts", self.round)
        context["can_edit"] = user.has_perm("priorities.change_specification", self.priority)
        context["members"] = self.priority.subgroup_members.select_related("user")
        if spec is None:
            return context
        context["allocation_rows"] = spec.allocation_rows()
        if user.has_perm("commissioning.view_funding", self.round):
            context["budget_summary"] = budget_summary(self.round, specification=spec)
        context["indicators"] = spec.indicators.all()
        context["can_approve"] = user.has_perm("priorities.approve_specification", self.round)
        context["can_amend"] = user.has_perm("priorities.amend_specification", self.round)
        context["can_ask"] = user.has_perm("priorities.ask_question", spec)
        context["ask_refusal"] = ask_refusal(user, spec)
        context["questions"] = selectors.questions_visible_to(user, spec)
        if context["sees_drafts"]:
            context["warnings"] = check_outcome_language(spec.outcome_sought)
            context["missing"] = services.missing_for_submission(spec) if spec.state == "draft" else []
        document = latest_document(spec, SPECIFICATION_PDF)
        context["document"] = document
        context["pdf_ready"] = document is not None and document.status == DocumentStatus.READY
        context["following"] = selectors.follows(user, spec)
        context["approve_form"] = ApproveForm()
        context["return_form"] = ReturnForm()
        context["signoff_rows"] = signoff_rows(spec)
        context["can_ask_sponsor"] = user.has_perm("priorities.ask_sponsor", self.round) and any(
            signoff is None or signoff.state == SignoffState.DECLINED
            for _role, _named, signoff in context["signoff_rows"]
        )
        return context


def signoff_rows(spec):
    """(role label, the person named on the specification, their standing sign-off or None)."""
    current = selectors.current_signoffs(spec)
    named = {
        SignoffRole.CONTACT: spec.sponsor_contact_name,
        SignoffRole.FINANCE: spec.finance_officer_name,
    }
    return [(role.label, named[role], current.get(role)) for role in SignoffRole]


class SpecificationEditView(StateRuleMixin, PriorityMixin, SignedInRoundMixin, FormView):
    """The specification's form, offered and accepted only while it is a draft (or before it exists)."""

    permission_required = "priorities.change_specification"
    template_name = "priorities/specifications/edit.html"
    form_class = SpecificationForm

    def get_permission_object(self):
        return self.priority

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.specification or services.specification_for(self.priority)
        kwargs["round_"] = self.round
        return kwargs

    def state_refusal(self):
        spec = self.specification
        if spec is None or spec.allows("edit"):
            return None
        return _("Only a draft can be edited. This specification is “%(state)s”.") % {"state": spec.get_state_display()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        text = form.data.get("outcome_sought") if form.is_bound else (form.initial.get("outcome_sought") or "")
        context["warnings"] = check_outcome_language(text)
        context["budget_years"] = budget.budget_years(
            self.round, excluding=self.specification.pk if self.specification else None
        )
        return context

    def save(self, form):
        return services.save_specification(
            self.priority, by=self.request.user, fields=form.service_fields(), indicators=form.service_indicators()
        )

    def form_valid(self, form):
        try:
            spec = self.save(form)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        self.success_message(spec)
        return self.to_detail()

    def success_message(self, spec):
        messages.success(self.request, _("Saved as version %(n)d.") % {"n": spec.version})
        if check_outcome_language(spec.outcome_sought):
            messages.warning(self.request, _("The outcome sought reads partly as outputs: see the advice below."))


class SpecificationAmendView(SpecificationEditView):
    permission_required = "priorities.amend_specification"
    template_name = "priorities/specifications/amend.html"
    form_class = AmendmentForm

    def get_permission_object(self):
        return self.round

    def state_refusal(self):
        if self.specification is None or not self.specification.allows("amend"):
            raise Http404
        return None

    @cached_property
    def mailing_list_count(self):
        return selectors.confirmed_subscriber_count(self.round)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mailing_list_count": self.mailing_list_count}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mailing_list_count=self.mailing_list_count, **kwargs)

    def save(self, form):
        return services.amend_specification(
            self.specification,
            by=self.request.user,
            fields=form.service_fields(),
            indicators=form.service_indicators(),
            note=form.cleaned_data["note"],
        )

    def success_message(self, spec):
        messages.success(
            self.request,
            _("Amendment published as version %(n)d. Everyone on the mailing list is being told.")
            % {"n": spec.version},
        )


class SpecificationActionView(PriorityMixin, SignedInRoundMixin, View):
    """A POST that moves the specification from one state to the next."""

    def post(self, request, *args, **kwargs):
        if self.specification is None:
            raise Http404
        try:
            message = self.act(request)
        except ApplicationError as error:
            show_application_error(request, error)
        else:
            messages.success(request, message)
        return self.to_detail()


class SpecificationSubmitView(SpecificationActionView):
    permission_required = "priorities.submit_specification"

    def get_permission_object(self):
        return self.priority

    def act(self, request):
        services.submit_specification(self.specification, by=request.user)
        return _("Submitted for approval. A partnership officer will approve it or return it with comments.")


class SpecificationPublishView(SpecificationActionView):
    permission_required = "priorities.publish_specification"

    def get_permission_object(self):
        return self.round

    def act(self, request):
        stage_before = self.round.stage
        services.publish_specification(self.specification, by=request.user)
        self.round.refresh_from_db(fields=["stage"])
        message = _("Published. The PDF is being prepared and everyone on the mailing list will be emailed once.")
        if self.round.stage != stage_before:
            message += " " + _("Every priority's specification is now published: the call for proposals is open.")
        return message


class SpecificationFormActionView(StateRuleMixin, PriorityMixin, SignedInRoundMixin, FormView):
    """Approve or return: a small form, then one service call. The form is offered only while the
    specification's state lets the action start (the service's own check, ACTION_STATES); otherwise
    the specification's page says why."""

    template_name = "priorities/specifications/action.html"
    action = None

    def get_permission_object(self):
        return self.round

    def state_refusal(self):
        if self.specification is None:
            raise Http404
        if self.specification.allows(self.action):
            return None
        return _("This specification is “%(state)s”, so it cannot be %(action)s.") % {
            "state": self.specification.get_state_display(),
            "action": self.action_label,
        }

    def form_valid(self, form):
        if self.specification is None:
            raise Http404
        try:
            message = self.act(form.cleaned_data)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        messages.success(self.request, message)
        return self.to_detail()


class SpecificationApproveView(SpecificationFormActionView):
    permission_required = "priorities.approve_specification"
    action = "approve"
    action_label = gettext_lazy("approved")
    form_class = ApproveForm
    extra_context = {"action_title": _("Approve the specification")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.specification is not None:
            context["signoff_rows"] = signoff_rows(self.specification)
        return context

    def act(self, data):
        services.approve_specification(self.specification, by=self.request.user)
        return _("Approved. It can now be published.")


class SpecificationReturnView(SpecificationFormActionView):
    permission_required = "priorities.approve_specification"
    action = "return"
    action_label = gettext_lazy("returned to the sub-group")
    form_class = ReturnForm
    extra_context = {"action_title": _("Return the specification to its sub-group")}

    def act(self, data):
        services.return_to_draft(self.specification, by=self.request.user, reason=data["reason"])
        return _("Returned to the sub-group as a draft.")


class VersionsView(PriorityMixin, TemplateView):
    permission_required = "priorities.view_specification"
    template_name = "priorities/specifications/versions.html"

    def get(self, request, *args, **kwargs):
        if self.specification is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = selectors.versions_visible_to(self.request.user, self.specification)
        return context


class VersionDiffView(VersionsView):
    """One version beside the one before it (or ``?against=<n>``), changed fields only."""

    template_name = "priorities/specifications/diff.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = {version.number: version for version in context["versions"]}
        current = versions.get(self.kwargs["number"])
        if current is None:
            raise Http404
        earlier_numbers = sorted(n for n in versions if n < current.number)
        try:
            against = int(self.request.GET.get("against", ""))
        except ValueError:
            against = None
        if against not in versions or against == current.number:
            against = earlier_numbers[-1] if earlier_numbers else None
        previous = versions.get(against)
        rows = services.version_rows(current, previous)
        context.update(current=current, previous=previous, rows=rows, choices=sorted(versions))
        return context


class SendLogView(PriorityMixin, SignedInRoundMixin, TemplateView):
    permission_required = "priorities.view_send_log"
    template_name = "priorities/specifications/send_log.html"

    def get_permission_object(self):
        return self.round

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.specification is None:
            raise Http404
        emails = selectors.send_log(self.specification)
        context["page_obj"] = Paginator(emails, 100).get_page(self.request.GET.get("page"))
        return context


class SpecificationPdfView(PriorityMixin, View):
    """The newest rendered PDF, served through the permission check rather than a public media URL."""

    permission_required = "priorities.view_specification"

    def get(self, request, *args, **kwargs):
        spec = self.specification
        if spec is None:
            raise Http404
        document = selectors.ready_documents([spec]).get(spec.pk)
        if document is None:
            raise Http404
        if not spec.is_public and not request.user.has_perm("priorities.view_specification_drafts", self.round):
            raise Http404
        filename = f"specification-{self.priority.rank}-v{document.version}.pdf"
        return document_response(document, filename=filename)


class SubgroupView(PriorityMixin, SignedInRoundMixin, FormView):
    permission_required = "priorities.manage_subgroups"
    template_name = "priorities/specifications/subgroup.html"
    form_class = SubgroupMemberForm

    def get_permission_object(self):
        return self.round

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "priority": self.priority}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = self.priority.subgroup_members.select_related("user").order_by("user__full_name")
        return context

    def form_valid(self, form):
        try:
            services.add_subgroup_member(self.priority, form.cleaned_data["user"], by=self.request.user)
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="user"))
        messages.success(self.request, _("%(person)s added to the sub-group.") % {"person": form.cleaned_data["user"]})
        return redirect("subgroup_members", round_pk=self.round.pk, priority_pk=self.priority.pk)


class SubgroupRemoveView(PriorityMixin, SignedInRoundMixin, View):
    permission_required = "priorities.manage_subgroups"

    def get_permission_object(self):
        return self.round

    def post(self, request, *args, **kwargs):
        member = get_object_or_404(SubgroupMember, pk=kwargs["member_pk"], priority=self.priority)
        services.remove_subgroup_member(member, by=request.user)
        messages.success(request, _("%(person)s removed from the sub-group.") % {"person": member.user})
        return redirect("subgroup_members", round_pk=self.round.pk, priority_pk=self.priority.pk)
