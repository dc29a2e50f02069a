from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from commissioning.common.errors import ApplicationError
from commissioning.common.views import StateRuleMixin, show_application_error
from commissioning.rounds.mixins import SignedInRoundMixin
from priorities.specifications import selectors
from priorities.specifications.forms import (
    AnswerForm,
    QuestionForm,
)
from priorities.specifications.models import Question
from priorities.specifications.personal_details import find_personal_details
from priorities.specifications.rules import ask_refusal
from priorities.specifications.services import clarifications as clarification_services
from priorities.specifications.views.specifications import PriorityMixin


class QuestionAskView(PriorityMixin, SignedInRoundMixin, FormView):
    """Asking about a published specification. Whoever may read it but not ask is told why and what to do."""

    permission_required = "priorities.view_specification"
    template_name = "priorities/specifications/ask.html"
    form_class = QuestionForm

    def get_permission_object(self):
        return self.specification

    def has_permission(self):
        spec = self.specification
        return spec is not None and spec.is_public and super().has_permission()

    @cached_property
    def refusal(self):
        return ask_refusal(self.request.user, self.specification)

    def get_context_data(self, **kwargs):
        return super().get_context_data(refusal=self.refusal, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.refusal is not None:
            return self.render_to_response(self.get_context_data(), status=403)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            clarification_services.ask_question(
                self.specification, by=self.request.user, text=form.cleaned_data["text"]
            )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form, field="text"))
        messages.success(
            self.request,
            _("Question sent. The answer will be published on this page and emailed to you, without your name."),
        )
        return self.to_detail()


class FollowView(PriorityMixin, SignedInRoundMixin, View):
    permission_required = "priorities.view_specification"

    def post(self, request, *args, **kwargs):
        spec = self.specification
        if spec is None or not spec.is_public:
            raise Http404
        if request.POST.get("follow") == "0":
            clarification_services.unfollow(spec, user=request.user)
            messages.success(request, _("You will no longer be emailed answers about this specification."))
        else:
            clarification_services.follow(spec, user=request.user)
            messages.success(request, _("You will be emailed each answer about this specification."))
        return self.to_detail()


class QuestionListView(SignedInRoundMixin, TemplateView):
    permission_required = "priorities.answer_question"
    template_name = "priorities/specifications/questions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["questions"] = selectors.questions_for_officers(self.round)
        return context


class QuestionAnswerView(StateRuleMixin, SignedInRoundMixin, FormView):
    """An officer edits or answers a question; once answered, the page shows the answer and takes no
    more changes."""

    permission_required = "priorities.answer_question"
    template_name = "priorities/specifications/answer.html"
    form_class = AnswerForm
    state_guarded_methods = ("POST",)

    def state_refusal(self):
        return clarification_services.change_refusal(self.question)

    def state_refused_url(self):
        return reverse("question_answer", args=[self.round.pk, self.question.pk])

    @cached_property
    def question(self):
        return get_object_or_404(
            Question.objects.select_related("specification__priority", "asked_by"),
            pk=self.kwargs["pk"],
            round=self.round,
        )

    def get_initial(self):
        return {"text": self.question.text}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(question=self.question, **kwargs)
        form = context["form"]
        text = form.data.get("text", "") if form.is_bound else self.question.text
        asker = self.question.asked_by
        context["personal_details"] = find_personal_details(
            text,
            asker_name=asker.full_name if asker else "",
            asker_email=asker.email if asker else "",
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if form.saves_question_only:
                clarification_services.edit_question(self.question, by=self.request.user, text=data["text"])
            else:
                clarification_services.answer_question(
                    self.question, by=self.request.user, answer=data["answer"], text=data["text"]
                )
        except ApplicationError as error:
            return self.form_invalid(show_application_error(self.request, error, form=form))
        if form.saves_question_only:
            messages.success(self.request, _("Question saved. It is published only with its answer."))
            return redirect(reverse("question_answer", args=[self.round.pk, self.question.pk]))
        messages.success(self.request, _("Answer published and sent to everyone following the specification."))
        return redirect(reverse("question_list", args=[self.round.pk]))
