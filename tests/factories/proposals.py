"""Factories for the proposals stage: bidders, proposals and their consortia."""

import factory
from factory.django import DjangoModelFactory

from commissioning.enums import Role, Stage
from commissioning.rounds.models import RoundRole
from proposals.bidders.models import Bidder
from proposals.writing.enums import PartnerState
from proposals.writing.models import Proposal, ProposalPartner
from tests.factories.commissioning import OrganisationFactory, RoundFactory, UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory


def published_specification(round_=None, **overrides):
    """A specification published through the services, in a round at the call for proposals."""
    from tests.priorities.specifications.helpers import published  # noqa: PLC0415 -- test helpers import factories

    round_ = round_ or RoundFactory(stage=Stage.CALL)
    officer = round_.roles.filter(role=Role.OFFICER).first()
    officer = officer.user if officer else person_with_role(round_, Role.OFFICER)
    priority = PriorityFactory(issue__round=round_)
    return published(priority, by=officer, **overrides)


class BidderFactory(DjangoModelFactory):
    class Meta:
        model = Bidder

    round = factory.SubFactory(RoundFactory, stage=Stage.CALL)
    organisation = factory.SubFactory(OrganisationFactory)
    address = "12 Priory Street\nCoventry"
    postcode = "CV1 5FB"
    contact_name = "Amira Khan"
    contact_email = factory.Sequence(lambda n: f"contact{n}@bidder.example.org")


def bidder_person(round_, organisation=None, **kwargs):
    """A person acting for ``organisation`` (made if not given), registered as a bidder in ``round_``."""
    organisation = organisation or OrganisationFactory()
    user = UserFactory(**kwargs)
    user.organisations.add(organisation)
    RoundRole.objects.get_or_create(round=round_, user=user, role=Role.BIDDER, defaults={"organisation": organisation})
    Bidder.objects.get_or_create(
        round=round_,
        organisation=organisation,
        defaults={
            "address": "12 Priory Street\nCoventry",
            "postcode": "CV1 5FB",
            "contact_name": user.full_name,
            "contact_email": user.email,
        },
    )
    return user


class ProposalFactory(DjangoModelFactory):
    """A draft proposal with its lead organisation as the consortium's first, confirmed member."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    specification = factory.LazyFunction(published_specification)
    round = factory.SelfAttribute("specification.round")
    lead_organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Youth into work {n}")

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create:
            ProposalPartner.objects.create(
                proposal=self,
                organisation=self.lead_organisation,
                organisation_name=self.lead_organisation.name,
                contact_name="Amira Khan",
                contact_email="amira.khan@lead.example.org",
                role_in_delivery="Finance, evaluation and partnership support.",
                is_lead=True,
                state=PartnerState.CONFIRMED,
            )


class ProposalPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ProposalPartner

    proposal = factory.SubFactory(ProposalFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    organisation_name = factory.SelfAttribute("organisation.name")
    contact_name = "Joe Bloggs"
    contact_email = factory.Sequence(lambda n: f"partner{n}@partner.example.org")
    role_in_delivery = "Runs the weekly drop-in sessions."
    state = PartnerState.CONFIRMED
    token = factory.Sequence(lambda n: f"partner-token-{n:08d}")
