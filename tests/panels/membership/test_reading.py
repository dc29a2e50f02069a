"""A member reads their panel's eligible proposals once every one is declared, never one with an interest."""

import pytest

from commissioning.enums import Role
from panels.membership.enums import InterestNature
from panels.membership.selectors import proposals_for_member
from proposals.writing.enums import Eligibility
from tests.factories.commissioning import person_with_role
from tests.factories.panels import PanelFactory, PanelMemberFactory, declare, eligible_proposal
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_member_reads_nothing_until_declared_and_never_a_conflicted_proposal():
    panel = PanelFactory()
    first, second = eligible_proposal(panel), eligible_proposal(panel)
    not_eligible = eligible_proposal(panel, eligibility=Eligibility.NOT_ELIGIBLE)
    draft = ProposalFactory(specification=panel.priority.specification)
    member = PanelMemberFactory(panel=panel)
    other_panel_member = PanelMemberFactory()

    assert list(proposals_for_member(member)) == []
    assert not member.user.has_perm("panels.read_proposal", first)

    declare(member, first)
    assert list(proposals_for_member(member)) == []  # the second is not declared yet
    declare(member, second, interest=True, nature=InterestNature.GOVERNANCE)
    member.user.__dict__.pop("_panel_memberships", None)

    assert list(proposals_for_member(member)) == [first]
    assert member.user.has_perm("panels.read_proposal", first)
    assert not member.user.has_perm("panels.read_proposal", second)
    assert not member.user.has_perm("panels.read_proposal", not_eligible)
    assert not member.user.has_perm("panels.read_proposal", draft)
    assert not other_panel_member.user.has_perm("panels.read_proposal", first)
    assert not person_with_role(panel.round, Role.BOARD).has_perm("panels.read_proposal", first)
    assert person_with_role(panel.round, Role.OFFICER).has_perm("panels.read_proposal", second)
