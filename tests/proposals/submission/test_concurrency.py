"""Two people acting on one proposal at once (PostgreSQL row lock on the proposal)."""

from commissioning.outbox.models import OutgoingEmail
from proposals.submission.models import ProposalVersion
from proposals.submission.services import submit_proposal, withdraw_proposal
from proposals.writing.enums import ProposalState
from proposals.writing.models import Proposal
from tests.concurrency import at_once


def _at_once(*actions):
    return at_once(*actions, refused=lambda error: type(error).__name__)


def test_two_submissions_at_once_make_one_version_and_one_receipt(postgresql, proposal, lead):
    outcomes = _at_once(*[lambda: submit_proposal(proposal, by=lead)] * 3)

    assert sorted(outcomes) == ["NothingChanged", "NothingChanged", "done"]
    assert list(ProposalVersion.objects.filter(proposal=proposal).values_list("number", flat=True)) == [1]
    assert OutgoingEmail.objects.filter(dedup_key__startswith=f"proposal:{proposal.pk}:").count() == 1


def test_a_submission_and_a_withdrawal_at_once_leave_one_consistent_outcome(postgresql, proposal, lead):
    outcomes = _at_once(
        lambda: submit_proposal(proposal, by=lead),
        lambda: withdraw_proposal(proposal, by=lead, reason="Merged with another bid"),
    )

    proposal = Proposal.objects.get(pk=proposal.pk)
    versions = ProposalVersion.objects.filter(proposal=proposal).count()
    if outcomes == ["done", "done"]:  # submitted first, then withdrawn
        assert (proposal.state, versions) == (ProposalState.WITHDRAWN, 1)
    else:  # withdrawn first: the submission is refused
        assert outcomes == ["ProposalWithdrawn", "done"]
        assert (proposal.state, versions) == (ProposalState.WITHDRAWN, 0)
