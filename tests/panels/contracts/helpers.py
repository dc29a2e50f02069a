"""Set-up for the contracts tests: a complete, submitted and eligible proposal with an approved decision to
fund it with a condition, for amounts that do not split evenly in four."""

import datetime

from commissioning.enums import Role
from panels.contracts.models import Contract
from panels.decisions import events
from panels.decisions.enums import DecisionKind
from tests.factories.commissioning import OrganisationFactory
from tests.factories.decisions import DecisionConditionFactory, DecisionFactory
from tests.factories.proposals import bidder_person, published_specification
from tests.panels.brokering.helpers import submitted_proposal

AMOUNTS = [100_000_01, 90_000_02, 80_000_03]


class Setting:
    """A round (starting 1 April 2027, three years) with one funded proposal and its draft contract; a second
    bidder with a contract of its own."""

    def __init__(self, *, draft=True):
        spec = published_specification()
        self.round = spec.round
        self.spec = spec
        self.officer = self.round.roles.get(role=Role.OFFICER).user
        self.proposal, self.lead_person = submitted_proposal(spec, "Hillfields Youth Trust", "Mentoring in Hillfields")
        self.decision = DecisionFactory(
            proposal=self.proposal, kind=DecisionKind.FUND_WITH_CONDITIONS, amounts_pence=list(AMOUNTS), approved=True
        )
        DecisionConditionFactory(
            decision=self.decision, text="A signed partnership agreement.", due_date=datetime.date(2027, 6, 30)
        )
        if draft:
            events.decision_approved(self.decision, by=self.officer)
            self.contract = Contract.objects.get(proposal=self.proposal)
            self.version = self.contract.versions.get()

    def other_contract(self):
        """A contract of another lead in the same round, with its person."""
        proposal, person = submitted_proposal(self.spec, "Foleshill Futures", "Work tasters in Foleshill")
        decision = DecisionFactory(proposal=proposal, approved=True, amounts_pence=[5_000_00] * 3)
        events.decision_approved(decision, by=self.officer)
        return Contract.objects.get(proposal=proposal), person

    def stranger(self):
        return bidder_person(self.round, OrganisationFactory(), full_name="Bea Bystander")
