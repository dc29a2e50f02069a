"""Factories for the panels stage."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from commissioning.enums import Role
from commissioning.rounds.models import RoundRole
from panels.membership.enums import MemberRole
from panels.membership.models import Declaration, Panel, PanelMember
from proposals.writing.enums import Eligibility, ProposalState
from tests.factories.commissioning import UserFactory
from tests.factories.proposals import ProposalFactory, published_specification


class PanelFactory(DjangoModelFactory):
    """The panel of a published specification's priority."""

    class Meta:
        model = Panel

    class Params:
        specification = factory.LazyFunction(published_specification)

    priority = factory.SelfAttribute("specification.priority")
    round = factory.SelfAttribute("specification.round")


class PanelMemberFactory(DjangoModelFactory):
    class Meta:
        model = PanelMember
        skip_postgeneration_save = True

    panel = factory.SubFactory(PanelFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.EXPERT

    @factory.post_generation
    def panel_role(self, create, extracted, **kwargs):
        if create:
            RoundRole.objects.get_or_create(round=self.panel.round, user=self.user, role=Role.PANEL)


def eligible_proposal(panel, **kwargs):
    """A submitted proposal the officers found eligible, for ``panel``'s specification."""
    fields = {
        "specification": panel.priority.specification,
        "state": ProposalState.SUBMITTED,
        "submitted_at": timezone.now(),
        "version": 1,
        "eligibility": Eligibility.ELIGIBLE,
    }
    return ProposalFactory(**{**fields, **kwargs})


def declare(member, proposal, *, interest=False, nature="", description=""):
    return Declaration.objects.create(
        member=member,
        proposal=proposal,
        has_interest=interest,
        nature=nature if interest else "",
        description=description,
    )
