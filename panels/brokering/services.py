"""Brokering: the panel asks proposers to work together, each addressed lead answers, and a merge
to which every lead consents makes a combined proposal (see ``merging``).

Every step is audited and emailed to the leads' contacts through the outbox after commit.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commissioning.audit.services import audit
from commissioning.common.errors import ApplicationError, InvalidTransition
from commissioning.common.links import absolute_url
from commissioning.outbox.services import queue_email
from panels.brokering.enums import Answer, RequestKind, RequestOutcome
from panels.brokering.merging import merge_proposals
from panels.brokering.models import BrokeringParty, BrokeringRequest
from panels.brokering.selectors import addressable_proposals, lead_contact_email
from proposals.writing.enums import ProposalState


class BrokeringRefused(ApplicationError):
    default_message = _("The panel cannot ask that.")


def _refuse_unless(user, permission, obj, message):
    if not user.has_perm(permission, obj):
        raise BrokeringRefused(message)


def ask(panel, *, by, kind, proposals, what, why, new_lead=None):
    """Ask the leads of ``proposals`` (of ``panel``) to involve each other's agencies, or to merge.

    An involvement addresses one proposal or more; a merge two or more, with ``new_lead`` one of
    their leads. Side effects: the request and one party per proposal, an audit entry
    ("brokering.asked"), and an email to each lead's contact.
    """
    _refuse_unless(by, "panels.broker", panel, _("Only the panel's chair or an officer can ask proposers."))
    proposals = list(proposals)
    allowed = set(addressable_proposals(panel).values_list("pk", flat=True))
    if not proposals or any(proposal.pk not in allowed for proposal in proposals):
        raise BrokeringRefused(_("Choose proposals that this panel receives."))
    if kind == RequestKind.MERGE:
        if len(proposals) < 2:
            raise BrokeringRefused(_("Choose two or more proposals to merge."))
        if new_lead is None or new_lead.pk not in {proposal.lead_organisation_id for proposal in proposals}:
            raise BrokeringRefused(_("Choose the organisation to lead the combined proposal among their leads."))
    else:
        new_lead = None
    with transaction.atomic():
        request = BrokeringRequest.objects.create(
            panel=panel, kind=kind, what=what, why=why, asked_by=by, new_lead=new_lead
        )
        BrokeringParty.objects.bulk_create(BrokeringParty(request=request, proposal=proposal) for proposal in proposals)
        audit(
            "brokering.asked",
            by=by,
            round_=panel.round,
            obj=request,
            summary=why,
            after={
                "kind": kind,
                "proposals": [proposal.title for proposal in proposals],
                "new_lead": new_lead.name if new_lead else "",
            },
        )
        for party in request.parties.select_related("proposal"):
            _email_lead(party, template="asked")
    return request


def _locked_request(request):
    return (
        BrokeringRequest.objects.select_for_update(of=("self",))
        .select_related("panel__round", "new_lead")
        .get(pk=request.pk)
    )


def answer_refusal(party):
    """Why ``party`` cannot answer now, or None."""
    if party.request.outcome != RequestOutcome.WAITING:
        return _("This request is closed: %(outcome)s.") % {"outcome": party.request.get_outcome_display().lower()}
    if party.answer != Answer.WAITING:
        return _("Your organisation has already answered this request.")
    if party.proposal.state != ProposalState.SUBMITTED:
        return _("This proposal is no longer submitted (%(state)s), so the panel must withdraw the request.") % {
            "state": party.proposal.get_state_display().lower()
        }
    return None


def answer(party, *, by, consent, comment):
    """Record the answer of ``party``'s lead: consent or decline, with a comment.

    The request is locked: a decline closes it as declined; the last consent closes it as agreed
    and, for a merge, makes the combined proposal (``merge_proposals``). Side effects: audit
    entries ("brokering.answered", and "brokering.closed" when it closes), and emails of the
    outcome to every lead's contact and to whoever asked.
    """
    _refuse_unless(by, "panels.answer_brokering", party, _("Only the lead organisation's people can answer."))
    with transaction.atomic():
        request = _locked_request(party.request)
        party = BrokeringParty.objects.select_for_update(of=("self",)).select_related("proposal").get(pk=party.pk)
        party.request = request
        refusal = answer_refusal(party)
        if refusal:
            raise InvalidTransition(refusal)
        party.answer = Answer.CONSENTED if consent else Answer.DECLINED
        party.comment = comment
        party.answered_by = by
        party.answered_at = timezone.now()
        party.save(update_fields=["answer", "comment", "answered_by", "answered_at"])
        audit(
            "brokering.answered",
            by=by,
            round_=request.panel.round,
            obj=request,
            summary=comment,
            after={"proposal": party.proposal.title, "answer": party.answer},
        )
        answers = set(request.parties.values_list("answer", flat=True))
        if Answer.DECLINED in answers:
            _close(request, by=by, outcome=RequestOutcome.DECLINED, note=comment)
        elif answers == {Answer.CONSENTED}:
            if request.kind == RequestKind.MERGE:
                merge_proposals(request, by=by)
            _close(request, by=by, outcome=RequestOutcome.AGREED)
    return party


def withdraw(request, *, by, note):
    """The panel withdraws a request still waiting for answers. Side effects: an audit entry
    ("brokering.closed") and an email to every lead's contact."""
    _refuse_unless(by, "panels.broker", request.panel, _("Only the panel's chair or an officer can withdraw it."))
    with transaction.atomic():
        locked = _locked_request(request)
        if locked.outcome != RequestOutcome.WAITING:
            raise InvalidTransition(_("This request is already closed."))
        _close(locked, by=by, outcome=RequestOutcome.WITHDRAWN, note=note)
    return locked


def _close(request, *, by, outcome, note=""):
    request.outcome = outcome
    request.outcome_note = note
    request.closed_at = timezone.now()
    request.save(update_fields=["outcome", "outcome_note", "closed_at"])
    audit(
        "brokering.closed",
        by=by,
        round_=request.panel.round,
        obj=request,
        summary=note,
        before={"outcome": RequestOutcome.WAITING},
        after={"outcome": outcome, "combined": request.combined.title if request.combined_id else ""},
    )
    parties = list(request.parties.select_related("proposal"))
    for party in parties:
        _email_lead(party, template="closed")
    if request.asked_by and request.asked_by.email:
        queue_email(
            dedup_key=f"brokering:{request.pk}:closed:asker",
            to=request.asked_by.email,
            template="emails/panels/brokering/closed",
            context={"request": request, "parties": parties, "link": _panel_link(request)},
            round_=request.panel.round,
        )


def _panel_link(request):
    return absolute_url(reverse("brokering_detail", args=[request.panel.round_id, request.panel_id, request.pk]))


def _email_lead(party, *, template):
    request = party.request
    email = lead_contact_email(party.proposal)
    if not email:
        return
    link = absolute_url(reverse("brokering_answer", args=[request.panel.round_id, party.pk]))
    queue_email(
        dedup_key=f"brokering:{request.pk}:{template}:{party.pk}",
        to=email,
        template=f"emails/panels/brokering/{template}",
        context={"request": request, "party": party, "proposal": party.proposal, "link": link},
        round_=request.panel.round,
    )
