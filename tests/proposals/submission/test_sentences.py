"""How the audit trail reads submissions, withdrawals and extensions."""

import datetime

import pytest

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe
from proposals.submission.services import grant_extension, remove_extension, submit_proposal, withdraw_proposal

pytestmark = pytest.mark.django_db


def _read(action):
    return describe(AuditEntry.objects.get(action=action))


def test_submission_and_withdrawal_read_as_sentences(proposal, lead):
    submit_proposal(proposal, by=lead)
    withdraw_proposal(proposal, by=lead, reason="We merged with another bid.")

    submitted, withdrawn = _read("proposal.submitted"), _read("proposal.withdrawn")

    assert submitted.sentence == "Amira Khan submitted version 1 of the proposal “Routes into work for young people”"
    assert withdrawn.sentence == "Amira Khan withdrew the proposal “Routes into work for young people”"
    assert (withdrawn.note_label, withdrawn.note) == ("Reason", "We merged with another bid.")


def test_extensions_read_with_their_deadlines_in_uk_time(proposal, officer):
    first = datetime.datetime(2027, 7, 20, 11, 0, tzinfo=datetime.UTC)
    second = datetime.datetime(2027, 12, 1, 12, 0, tzinfo=datetime.UTC)
    spec = proposal.specification
    type(spec).objects.filter(pk=spec.pk).update(proposal_deadline=first - datetime.timedelta(days=10))
    proposal.specification.refresh_from_db()

    grant_extension(proposal, by=officer, deadline=first, reason="Flood")
    grant_extension(proposal, by=officer, deadline=second, reason="Flood again")
    remove_extension(proposal, by=officer, reason="Granted by mistake")

    title = "“Routes into work for young people”"
    assert _read("proposal.extension_granted").sentence == (
        f"Olive Officer extended the deadline for the proposal {title} to 20 July 2027, 12:00"
    )
    assert _read("proposal.extension_changed").sentence == (
        f"Olive Officer changed the extended deadline for the proposal {title} from 20 July 2027, 12:00 "
        "to 1 December 2027, 12:00"
    )
    removed = _read("proposal.extension_removed")
    assert removed.sentence == (
        f"Olive Officer removed the extension of the deadline for the proposal {title} (it was 1 December 2027, 12:00)"
    )
    assert (removed.note_label, removed.note) == ("Reason", "Granted by mistake")
