"""Two people acting on one proposal at once (PostgreSQL row lock on the proposal)."""

import threading

import pytest
from django.db import connection, connections

from commissioning.common.errors import ApplicationError
from commissioning.outbox.models import OutgoingEmail
from proposals.submission.models import ProposalVersion
from proposals.submission.services import submit_proposal, withdraw_proposal
from proposals.writing.enums import ProposalState
from proposals.writing.models import Proposal


def _at_once(*actions):
    """Run each action in its own thread and connection, all released together; their outcomes."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            action()
            outcomes[index] = "done"
        except ApplicationError as error:
            outcomes[index] = type(error).__name__
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL (set DATABASE_URL).")


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
