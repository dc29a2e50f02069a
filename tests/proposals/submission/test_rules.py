"""Who may submit, withdraw, extend and read the versions of a proposal: every role against it."""

import pytest

from commissioning.enums import Role
from proposals.writing.enums import PartnerState
from tests.factories.commissioning import OrganisationFactory, RoundFactory, UserFactory, person_with_role
from tests.factories.proposals import bidder_person
from tests.proposals.helpers import add_partners

pytestmark = pytest.mark.django_db

PERMISSIONS = (
    "proposals.view_proposal",
    "proposals.submit_proposal",
    "proposals.withdraw_proposal",
    "proposals.grant_extension",
)


def _people(proposal, lead):
    round_ = proposal.round
    confirmed = proposal.partners.filter(is_lead=False, state=PartnerState.CONFIRMED).first().organisation
    (invited,) = add_partners(proposal, ["Radford Residents Group"], state=PartnerState.INVITED)
    people = {
        "lead": lead,
        "confirmed partner": bidder_person(round_, confirmed),
        "invited partner": bidder_person(round_, invited.organisation),
        "another bidder": bidder_person(round_, OrganisationFactory(name="Another bidder")),
        "officer": person_with_role(round_, Role.OFFICER),
        "officer elsewhere": person_with_role(RoundFactory(), Role.OFFICER),
        "superuser": UserFactory(is_superuser=True),
        "outsider": UserFactory(),
    }
    for role in (Role.BOARD, Role.SUBGROUP, Role.PANEL, Role.SPONSOR):
        people[role.value] = person_with_role(round_, role)
    return people


# What each person may do: view, submit, withdraw, grant an extension.
EXPECTED = {
    "lead": (True, True, True, False),
    "confirmed partner": (True, False, False, False),
    "invited partner": (False, False, False, False),
    "another bidder": (False, False, False, False),
    "officer": (True, False, False, True),
    "officer elsewhere": (False, False, False, False),
    "superuser": (True, True, True, True),
    "outsider": (False, False, False, False),
    "board": (False, False, False, False),
    "subgroup": (False, False, False, False),
    "panel": (False, False, False, False),
    "sponsor": (False, False, False, False),
}


def test_every_role_against_the_proposal(proposal, lead):
    people = _people(proposal, lead)

    found = {
        name: tuple(person.has_perm(permission, proposal) for permission in PERMISSIONS)
        for name, person in people.items()
    }

    assert found == EXPECTED
