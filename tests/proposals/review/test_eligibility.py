"""Eligibility decisions: for submitted proposals only, with a reason, audited each time; what panels receive."""

import re

import pytest
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.audit.sentences import describe
from commissioning.enums import Role
from proposals.review.selectors import eligible_proposals
from proposals.review.services import ReviewError, decide_eligibility
from proposals.writing.enums import Eligibility, ProposalState
from proposals.writing.models import Proposal
from tests.factories.commissioning import person_with_role
from tests.factories.proposals import ProposalFactory, bidder_person, published_specification
from tests.proposals.review.helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return published_specification()


@pytest.fixture
def officer(spec):
    return person_with_role(spec.round, Role.OFFICER, full_name="Olive Officer")


def test_decision_is_recorded_and_audited(spec, officer):
    proposal = submitted(spec, title="Youth into work")

    decide_eligibility(proposal, eligible=False, reason="The lead is outside the area.", by=officer)

    proposal.refresh_from_db()
    assert (proposal.eligibility, proposal.eligibility_reason) == (
        Eligibility.NOT_ELIGIBLE,
        "The lead is outside the area.",
    )
    assert proposal.eligibility_decided_by == officer
    entry = AuditEntry.objects.get(action="proposal.eligibility_decided")
    assert entry.after == {"eligibility": "not_eligible", "reason": "The lead is outside the area."}
    described = describe(entry)
    assert described.sentence == "Olive Officer found the proposal “Youth into work” not eligible"
    assert described.note == "The lead is outside the area."


def test_decision_can_be_changed_with_a_new_reason_audited_again(spec, officer):
    proposal = submitted(spec, title="Youth into work")
    decide_eligibility(proposal, eligible=False, reason="No accounts.", by=officer)

    decide_eligibility(proposal, eligible=True, reason="Accounts received.", by=officer)

    proposal.refresh_from_db()
    assert (proposal.eligibility, proposal.eligibility_reason) == (Eligibility.ELIGIBLE, "Accounts received.")
    entries = list(AuditEntry.objects.filter(action="proposal.eligibility_decided").order_by("pk"))
    assert len(entries) == 2
    assert entries[1].before == {"eligibility": "not_eligible", "reason": "No accounts."}
    assert describe(entries[1]).sentence == (
        "Olive Officer changed the eligibility of the proposal “Youth into work” from not eligible to eligible"
    )


@pytest.mark.parametrize("state", [ProposalState.DRAFT, ProposalState.WITHDRAWN])
def test_drafts_and_withdrawn_proposals_are_refused(spec, officer, state):
    proposal = ProposalFactory(specification=spec, state=state)

    with pytest.raises(ReviewError):
        decide_eligibility(proposal, eligible=True, reason="Fine.", by=officer)

    proposal.refresh_from_db()
    assert proposal.eligibility == Eligibility.UNDECIDED
    assert not AuditEntry.objects.filter(action="proposal.eligibility_decided").exists()


def test_a_blank_reason_is_refused(spec, officer):
    proposal = submitted(spec)

    with pytest.raises(ReviewError):
        decide_eligibility(proposal, eligible=True, reason="   ", by=officer)

    assert Proposal.objects.get(pk=proposal.pk).eligibility == Eligibility.UNDECIDED


def test_only_eligible_submitted_proposals_reach_the_panels(spec, officer):
    eligible = submitted(spec, title="Eligible")
    not_eligible = submitted(spec, title="Not eligible")
    submitted(spec, title="Undecided")
    ProposalFactory(specification=spec, title="Draft")
    decide_eligibility(eligible, eligible=True, reason="Meets every criterion.", by=officer)
    decide_eligibility(not_eligible, eligible=False, reason="Outside the area.", by=officer)
    other_spec = published_specification(spec.round)
    elsewhere = submitted(other_spec, title="Other priority")
    decide_eligibility(elsewhere, eligible=True, reason="Fine.", by=officer)

    assert list(eligible_proposals(spec)) == [eligible]
    assert set(eligible_proposals(spec.round)) == {eligible, elsewhere}


def test_the_form_saves_the_decision_and_returns_to_the_proposal(client, spec, officer):
    proposal = submitted(spec)
    client.force_login(officer)

    response = client.post(
        reverse("review_eligibility", args=[spec.round_id, proposal.pk]),
        {"decision": "yes", "reason": "Meets every criterion."},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("review_proposal", args=[spec.round_id, proposal.pk])
    content = response.content.decode()
    assert "The eligibility decision is saved." in content
    assert "Meets every criterion." in content
    assert Proposal.objects.get(pk=proposal.pk).eligibility == Eligibility.ELIGIBLE


def test_the_form_without_a_reason_names_the_field_and_keeps_the_choice(client, spec, officer):
    proposal = submitted(spec)
    client.force_login(officer)

    response = client.post(reverse("review_eligibility", args=[spec.round_id, proposal.pk]), {"decision": "no"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter the reason for the decision" in content
    assert re.search(r'value="no"\s*checked="checked"', content)
    assert Proposal.objects.get(pk=proposal.pk).eligibility == Eligibility.UNDECIDED


def test_the_form_is_not_offered_for_a_draft(client, spec, officer):
    proposal = ProposalFactory(specification=spec)
    client.force_login(officer)

    response = client.post(
        reverse("review_eligibility", args=[spec.round_id, proposal.pk]), {"decision": "yes", "reason": "Fine."}
    )

    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).eligibility == Eligibility.UNDECIDED


def test_a_bidder_cannot_decide_even_their_own_proposal(client, spec):
    proposal = submitted(spec)
    client.force_login(bidder_person(spec.round, proposal.lead_organisation))

    response = client.post(
        reverse("review_eligibility", args=[spec.round_id, proposal.pk]), {"decision": "yes", "reason": "Fine."}
    )

    assert response.status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).eligibility == Eligibility.UNDECIDED
    assert not AuditEntry.objects.filter(action="proposal.eligibility_decided").exists()


def test_the_review_page_leads_to_the_whole_proposal_before_deciding(client, spec, officer):
    proposal = submitted(spec, title="Youth into work")
    client.force_login(officer)

    page = client.get(reverse("review_proposal", args=[spec.round_id, proposal.pk])).content.decode()

    detail = reverse("proposal_detail", args=[spec.round_id, proposal.pk])
    assert f'<a class="govuk-link" href="{detail}">Read the whole proposal</a>' in page
    assert reverse("proposal_versions", args=[spec.round_id, proposal.pk]) in page
    assert "Youth into work" in client.get(detail).content.decode()
