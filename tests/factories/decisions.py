"""Factories for the round's funding sources and the panels' decisions."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from commissioning.funding.models import FundingKind, FundingSource
from panels.decisions.enums import DecisionKind, DecisionStatus
from panels.decisions.models import Decision, DecisionCondition, DecisionFunding
from tests.factories.commissioning import OrganisationFactory, RoundFactory
from tests.factories.panels import PanelFactory, eligible_proposal


class FundingSourceFactory(DjangoModelFactory):
    """A pooled source that covers the round's whole budget in every year."""

    class Meta:
        model = FundingSource

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = FundingKind.POOLED
    amounts_pence = factory.LazyAttribute(lambda o: [o.round.annual_budget_pence] * o.round.number_of_years)


class DecisionFactory(DjangoModelFactory):
    """A decision to fund an eligible proposal, awaiting approval, for a small amount in every year."""

    class Meta:
        model = Decision

    proposal = factory.LazyFunction(lambda: eligible_proposal(PanelFactory()))
    kind = DecisionKind.FUND
    reasons = "The panel ranked it first: a strong partnership with a sponsor committed to sustain it."
    feedback = "A clear plan of measurement; keep the residents' steering group at the centre."
    amounts_pence = factory.LazyAttribute(lambda o: [1_000_000] * o.proposal.round.number_of_years)
    status = DecisionStatus.AWAITING_APPROVAL
    decided_at = factory.LazyFunction(timezone.now)

    class Params:
        approved = factory.Trait(status=DecisionStatus.APPROVED, approved_at=factory.LazyFunction(timezone.now))


class DecisionConditionFactory(DjangoModelFactory):
    class Meta:
        model = DecisionCondition

    decision = factory.SubFactory(DecisionFactory, kind=DecisionKind.FUND_WITH_CONDITIONS)
    text = "A signed partnership agreement between the lead and every partner."
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=30))


class DecisionFundingFactory(DjangoModelFactory):
    class Meta:
        model = DecisionFunding

    decision = factory.SubFactory(DecisionFactory)
    source = factory.LazyAttribute(lambda o: FundingSourceFactory(round=o.decision.proposal.round))
    year = 1
    amount_pence = factory.LazyAttribute(lambda o: o.decision.amount_in_year(o.year))
