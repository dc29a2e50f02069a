"""Set-up for the brokering tests: a panel with two complete, submitted and eligible proposals."""

from django.utils import timezone

from commissioning.enums import Role
from panels.membership.enums import MemberRole
from priorities.workshop.models import CrossCuttingTheme
from proposals.submission.services import submit_proposal
from proposals.writing.enums import Eligibility
from proposals.writing.models import Proposal
from tests.factories.commissioning import person_with_role
from tests.factories.panels import PanelFactory, PanelMemberFactory
from tests.factories.priorities import CandidateIssueFactory
from tests.factories.proposals import bidder_person, published_specification
from tests.proposals.helpers import complete_proposal, organisation_named


def found_eligible(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(
        eligibility=Eligibility.ELIGIBLE, eligibility_decided_at=timezone.now()
    )
    proposal.refresh_from_db()
    return proposal


def submitted_proposal(specification, lead_name, title, **kwargs):
    """A complete proposal led by ``lead_name``, submitted and found eligible; with its lead's person."""
    lead = organisation_named(lead_name)
    person = bidder_person(specification.round, lead, full_name=f"Person at {lead_name}")
    proposal = complete_proposal(specification, lead_person=person, lead_organisation=lead, title=title, **kwargs)
    submit_proposal(proposal, by=person)
    return found_eligible(proposal), person


class Setting:
    """A panel (chair, expert, officer) and two proposals, each with its lead's person."""

    def __init__(self, *, annual_pence=1_000_000_00):
        spec = published_specification(annual_pence=annual_pence)
        self.panel = PanelFactory(specification=spec)
        self.round = self.panel.round
        CrossCuttingTheme.objects.create(
            round=self.round, issue=CandidateIssueFactory(round=self.round), title="Health", rationale="Everyone."
        )
        self.officer = self.round.roles.get(role=Role.OFFICER).user
        self.chair = PanelMemberFactory(panel=self.panel, role=MemberRole.CHAIR).user
        self.expert = PanelMemberFactory(panel=self.panel).user
        self.first, self.first_person = submitted_proposal(spec, "Hillfields Youth Trust", "Mentoring in Hillfields")
        self.second, self.second_person = submitted_proposal(spec, "Foleshill Futures", "Work tasters in Foleshill")
        self.board = person_with_role(self.round, Role.BOARD)
