"""A proposal's letter (its progress while it is prepared, its versions, who it was emailed to and
when) and its PDF, for the consortium's people and the officers; the round's letters for officers."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView, View

from commissioning.common.errors import ApplicationError
from commissioning.documents.models import DocumentStatus
from commissioning.documents.views import document_response
from commissioning.rounds.mixins import SignedInRoundMixin
from panels.decisions.enums import DecisionStatus
from panels.decisions.models import Decision
from panels.letters import selectors, services
from proposals.writing.models import Proposal


class ProposalLetterMixin(SignedInRoundMixin):
    permission_required = "panels.view_letter"

    @cached_property
    def proposal(self):
        proposal = (
            Proposal.objects.select_related("round", "specification", "lead_organisation")
            .filter(round=self.round, pk=self.kwargs["proposal_pk"])
            .first()
        )
        if proposal is None:
            raise Http404
        return proposal

    def get_permission_object(self):
        return self.proposal

    @cached_property
    def decision(self):
        decision = Decision.objects.filter(proposal=self.proposal).first()
        if decision is None:
            raise Http404
        return decision

    @cached_property
    def letters(self):
        letters = selectors.letters_of(self.decision)
        if not letters:
            raise Http404
        return letters


class LetterView(ProposalLetterMixin, TemplateView):
    template_name = "panels/letters/letter.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["panels/letters/_letter_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        letters = self.letters
        current = letters[0]
        summary = selectors.email_summary(letters)
        emails = list(selectors.letter_emails(current).values("to_email", "status", "sent_at"))
        return super().get_context_data(
            proposal=self.proposal,
            decision=self.decision,
            letter=current,
            ready=current.status == DocumentStatus.READY,
            pending=current.status == DocumentStatus.PENDING,
            failed=current.status == DocumentStatus.FAILED,
            # A changed decision waits for approval: its letter is still the last approved one.
            changing=self.decision.status != DecisionStatus.APPROVED or self.decision.version != current.version,
            emails=emails,
            sent=summary.get(current.pk, (0, 0, None)),
            may_remake=self.request.user.has_perm("panels.remake_letter", self.proposal),
            older=[letter for letter in letters[1:] if letter.status == DocumentStatus.READY],
            **kwargs,
        )


class LetterPdfView(ProposalLetterMixin, View):
    def get(self, request, *args, **kwargs):
        letter = next((each for each in self.letters if each.version == self.kwargs["version"]), None)
        if letter is None or letter.status != DocumentStatus.READY:
            raise Http404
        response = document_response(letter, filename=f"letter-proposal-{self.proposal.pk}-v{letter.version}.pdf")
        response["Cache-Control"] = "private, no-store"
        return response


class LetterRemakeView(ProposalLetterMixin, View):
    """An officer asks again for the current letter when it could not be prepared."""

    permission_required = ["panels.view_letter", "panels.remake_letter"]

    def post(self, request, *args, **kwargs):
        try:
            services.remake_letter(self.letters[0], by=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("letter_detail", self.round.pk, self.proposal.pk)


class RoundLettersView(SignedInRoundMixin, TemplateView):
    permission_required = "panels.list_letters"
    template_name = "panels/letters/round_letters.html"

    def get_context_data(self, **kwargs):
        decisions = list(selectors.approved_decisions(self.round))
        documents = list(selectors.letter_documents([decision.pk for decision in decisions]))
        latest = {}
        for document in documents:
            latest.setdefault(document.object_id, document)
        summary = selectors.email_summary(list(latest.values()))
        rows = []
        for decision in decisions:
            document = latest.get(decision.pk)
            total, sent, last = summary.get(document.pk, (0, 0, None)) if document else (0, 0, None)
            rows.append({"decision": decision, "letter": document, "messages": total, "sent": sent, "last": last})
        return super().get_context_data(rows=rows, **kwargs)
