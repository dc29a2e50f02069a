"""A panel with two eligible proposals and a member in every situation, for the membership tests."""

from dataclasses import dataclass

import pytest

from commissioning.enums import Role
from panels.membership.enums import InterestNature, MemberRole
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.panels import PanelFactory, PanelMemberFactory, declare, eligible_proposal
from tests.factories.proposals import ProposalPartnerFactory, bidder_person


@dataclass
class PanelWorld:
    panel: object
    first: object
    second: object
    officer: object
    chair: object
    member: object
    conflicted: object
    undeclared: object
    other_member: object
    bidder: object
    board: object


@pytest.fixture
def world(db):
    panel = PanelFactory()
    round_ = panel.round
    lead = OrganisationFactory(name="Northgate Trust")
    first = eligible_proposal(
        panel, title="Youth into work", lead_organisation=lead, activity="Secret mentoring plan for the estate."
    )
    ProposalPartnerFactory(proposal=first, organisation_name="Riverside College", is_lead=False)
    second = eligible_proposal(panel, title="Healthy homes", activity="Secret insulation scheme.")
    chair = PanelMemberFactory(panel=panel, role=MemberRole.CHAIR, user__full_name="Chloe Chair")
    member = PanelMemberFactory(panel=panel, user__full_name="Mo Member")
    conflicted = PanelMemberFactory(panel=panel, role=MemberRole.COMMUNITY, user__full_name="Connie Conflicted")
    undeclared = PanelMemberFactory(panel=panel, user__full_name="Una Undeclared")
    for seat in (chair, member):
        declare(seat, first)
        declare(seat, second)
    declare(conflicted, first, interest=True, nature=InterestNature.EMPLOYMENT, description="Works for the lead.")
    declare(conflicted, second)
    other_member = PanelMemberFactory(user__full_name="Otto Other")
    return PanelWorld(
        panel=panel,
        first=first,
        second=second,
        officer=person_with_role(round_, Role.OFFICER, full_name="Olive Officer"),
        chair=chair,
        member=member,
        conflicted=conflicted,
        undeclared=undeclared,
        other_member=other_member,
        bidder=bidder_person(round_, lead),
        board=person_with_role(round_, Role.BOARD),
    )
