"""Two leads answering one merge request at the same moment (PostgreSQL, real threads): the request's
row lock makes one answer wait for the other, so the merge is made once or not at all."""

import pytest

from commissioning.audit.models import AuditEntry
from panels.brokering import services
from panels.brokering.enums import Answer, RequestKind, RequestOutcome
from panels.brokering.models import BrokeringRequest
from proposals.writing.enums import ProposalState
from proposals.writing.models import Proposal
from tests.concurrency import at_once
from tests.panels.brokering.helpers import Setting


def _merge_request(setting):
    return services.ask(
        setting.panel,
        by=setting.chair,
        kind=RequestKind.MERGE,
        proposals=[setting.first, setting.second],
        what="Merge into one mentoring and work-taster programme.",
        why="Both work with the same young people in neighbouring areas.",
        new_lead=setting.first.lead_organisation,
    )


def _answers_at_once(setting, request, *, first_consents, second_consents):
    first = request.parties.get(proposal=setting.first)
    second = request.parties.get(proposal=setting.second)
    return at_once(
        lambda: services.answer(first, by=setting.first_person, consent=first_consents, comment="First's answer."),
        lambda: services.answer(second, by=setting.second_person, consent=second_consents, comment="Second's answer."),
    )


def _actions():
    return sorted(AuditEntry.objects.filter(action__startswith="brokering.").values_list("action", flat=True))


@pytest.mark.parametrize("attempt", range(3))
def test_both_leads_consenting_at_once_make_one_combined_proposal(postgresql, attempt):
    setting = Setting()
    request = _merge_request(setting)

    outcomes = _answers_at_once(setting, request, first_consents=True, second_consents=True)

    assert outcomes == ["done", "done"]
    request = BrokeringRequest.objects.get(pk=request.pk)
    assert request.outcome == RequestOutcome.AGREED
    combined = Proposal.objects.exclude(pk__in=[setting.first.pk, setting.second.pk]).get()
    assert request.combined == combined
    assert combined.state == ProposalState.SUBMITTED
    assert combined.lead_organisation == setting.first.lead_organisation
    for original in (setting.first, setting.second):
        original.refresh_from_db()
        assert (original.state, original.merged_into) == (ProposalState.MERGED, combined)
    assert set(request.parties.values_list("answer", flat=True)) == {Answer.CONSENTED}
    assert _actions() == [
        "brokering.answered",
        "brokering.answered",
        "brokering.asked",
        "brokering.closed",
        "brokering.merged",
    ]
    assert AuditEntry.objects.get(action="brokering.merged").object_id == str(combined.pk)
    closed = AuditEntry.objects.get(action="brokering.closed")
    assert closed.after == {"outcome": RequestOutcome.AGREED, "combined": combined.title}


@pytest.mark.parametrize("attempt", range(3))
def test_a_consent_and_a_decline_at_once_make_no_combined_proposal(postgresql, attempt):
    setting = Setting()
    request = _merge_request(setting)

    outcomes = _answers_at_once(setting, request, first_consents=True, second_consents=False)

    # The decline always counts; the consent counts when it came first, else the request was closed.
    assert outcomes in (["done", "done"], ["refused", "done"])
    consented = outcomes[0] == "done"
    request = BrokeringRequest.objects.get(pk=request.pk)
    assert request.outcome == RequestOutcome.DECLINED
    assert request.outcome_note == "Second's answer."
    assert request.combined is None
    assert Proposal.objects.count() == 2
    assert set(Proposal.objects.values_list("state", flat=True)) == {ProposalState.SUBMITTED}
    assert not Proposal.objects.filter(merged_into__isnull=False).exists()
    answers = dict(request.parties.values_list("proposal_id", "answer"))
    assert answers == {
        setting.first.pk: Answer.CONSENTED if consented else Answer.WAITING,
        setting.second.pk: Answer.DECLINED,
    }
    assert _actions() == sorted(
        ["brokering.asked", "brokering.answered", "brokering.closed"] + (["brokering.answered"] if consented else [])
    )
    assert AuditEntry.objects.get(action="brokering.closed").after["outcome"] == RequestOutcome.DECLINED
