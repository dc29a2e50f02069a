"""Who reads a proposal: its lead's people, its confirmed partners' people and officers; nobody else."""

import pytest

from commissioning.enums import Role
from proposals.writing.enums import PartnerState
from proposals.writing.selectors import proposals_visible_to
from tests.factories.commissioning import UserFactory, person_with_role
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory, bidder_person

pytestmark = pytest.mark.django_db


def test_proposal_read_by_lead_confirmed_partner_and_officer_only():
    proposal = ProposalFactory()
    other = ProposalFactory(specification=proposal.specification)
    round_ = proposal.round
    lead = bidder_person(round_, proposal.lead_organisation)
    confirmed = ProposalPartnerFactory(proposal=proposal)
    invited = ProposalPartnerFactory(proposal=proposal, state=PartnerState.INVITED)
    partner_person = bidder_person(round_, confirmed.organisation)
    invited_person = bidder_person(round_, invited.organisation)
    rival = bidder_person(round_, other.lead_organisation)
    officer = person_with_role(round_, Role.OFFICER)
    board = person_with_role(round_, Role.BOARD)

    assert list(proposals_visible_to(lead, round_)) == [proposal]
    assert list(proposals_visible_to(partner_person, round_)) == [proposal]
    assert list(proposals_visible_to(invited_person, round_)) == []
    assert list(proposals_visible_to(rival, round_)) == [other]
    assert set(proposals_visible_to(officer, round_)) == {proposal, other}
    assert list(proposals_visible_to(board, round_)) == []
    assert list(proposals_visible_to(UserFactory(), round_)) == []

    assert lead.has_perm("proposals.view_proposal", proposal)
    assert partner_person.has_perm("proposals.view_proposal", proposal)
    assert not invited_person.has_perm("proposals.view_proposal", proposal)
    assert not rival.has_perm("proposals.view_proposal", proposal)
    assert not board.has_perm("proposals.view_proposal", proposal)
    assert officer.has_perm("proposals.view_proposal", proposal)
    assert lead.has_perm("proposals.submit_proposal", proposal)
    assert not partner_person.has_perm("proposals.submit_proposal", proposal)
